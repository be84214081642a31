/**
 * Sending for `scorefn simulate`: one POST with retries of transient failures (Knative's rules,
 * cli/batch/retry.ts), and a pool that runs work with bounded concurrency at a bounded rate.
 */
import { backoffMs, retryable, retryAfterMs } from '../batch/retry.js';

export interface HttpAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface HttpMessage {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** One HTTP POST; rejects on network errors and when `signal` aborts. */
export type Post = (url: string, message: HttpMessage, signal: AbortSignal) => Promise<HttpAnswer>;

/** POSTs with the global fetch (Node 20+). */
export const fetchPost: Post = async (url, message, signal) => {
  const res = await fetch(url, {
    method: 'POST',
    headers: message.headers,
    body: message.body,
    signal,
  });
  const body = await res.text();
  return { status: res.status, headers: Object.fromEntries(res.headers.entries()), body };
};

export interface SendDeps {
  readonly post: Post;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
}

export interface RetryPolicy {
  readonly timeoutMs: number;
  readonly retries: number;
  /** First back-off; doubles per attempt, with jitter. */
  readonly backoffMs: number;
}

export type Sent =
  { readonly ok: true; readonly answer: HttpAnswer } | { readonly ok: false; readonly why: string };

function detail(answer: HttpAnswer): string {
  try {
    const problem = JSON.parse(answer.body) as { detail?: unknown };
    if (typeof problem.detail === 'string') return `${answer.status}: ${problem.detail}`;
  } catch {
    // not JSON: the status says enough
  }
  return `HTTP ${answer.status}`;
}

/** fetch's "fetch failed" says nothing: the cause's code (ECONNREFUSED) or message says why. */
function networkError(error: unknown): string {
  const cause =
    error instanceof Error
      ? (error.cause as { code?: string; message?: string } | undefined)
      : undefined;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}

/**
 * POSTs `message`, retrying 404, 408, 409, 429, 5xx, network errors and timeouts up to
 * `retries` times; a 2xx is `ok`, anything else (400, 401, 413, ...) fails at once with the
 * server's problem detail. Never throws.
 */
export async function postWithRetry(
  url: string,
  message: HttpMessage,
  policy: RetryPolicy,
  deps: SendDeps,
): Promise<Sent> {
  let why = '';
  for (let attempt = 0; attempt <= policy.retries; attempt++) {
    let retryAfter: number | undefined;
    try {
      const answer = await deps.post(url, message, AbortSignal.timeout(policy.timeoutMs));
      if (answer.status >= 200 && answer.status < 300) return { ok: true, answer };
      why = detail(answer);
      if (!retryable(answer.status)) return { ok: false, why };
      retryAfter = retryAfterMs(answer.headers['retry-after']);
    } catch (error) {
      why = networkError(error);
    }
    if (attempt < policy.retries)
      await deps.sleep(backoffMs(attempt + 1, policy.backoffMs, deps.random, retryAfter));
  }
  return { ok: false, why };
}

export interface Pace {
  readonly concurrency: number;
  /** Most starts per second; 0 for no limit. */
  readonly rate: number;
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  /** Checked before each start: true ends the run early (what is in flight still finishes). */
  readonly stop?: () => boolean;
}

/**
 * Runs `work(0) … work(count - 1)` with at most `concurrency` at a time, in order of start; with a
 * rate, item i starts no earlier than i / rate seconds after the first, so bursts never exceed it.
 */
export async function paced(
  count: number,
  pace: Pace,
  work: (index: number) => Promise<void>,
): Promise<void> {
  const started = pace.now();
  let next = 0;
  const worker = async () => {
    while (next < count && pace.stop?.() !== true) {
      const index = next++;
      if (pace.rate > 0) {
        const wait = started + (index * 1000) / pace.rate - pace.now();
        if (wait > 0) await pace.sleep(wait);
      }
      await work(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(pace.concurrency, count) }, worker));
}
