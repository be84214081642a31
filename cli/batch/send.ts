/**
 * Delivers one chunk: sends its event, takes the reply (in the 200 answer, or later at the
 * receiver after a 202), and retries transient failures with back-off, the event id unchanged so
 * the target can recognise a redelivery. Never throws: a chunk ends scored or failed with a reason.
 */
import type { CloudEvent } from 'cloudevents';
import type { BatchScored } from '../../functions/events/contract.js';
import {
  decodeEvent,
  readScored,
  ReplyError,
  type ExpectedReply,
  type HttpMessage,
} from './events.js';
import type { ReplyReceiver } from './receiver.js';
import { backoffMs, retryable, retryAfterMs } from './retry.js';
import type { ChunkOutcome } from './types.js';

export interface HttpAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** One HTTP POST; rejects on network errors and when `signal` aborts. */
export type Post = (message: HttpMessage, signal: AbortSignal) => Promise<HttpAnswer>;

export interface SendPolicy {
  readonly timeoutMs: number;
  readonly retries: number;
  readonly backoffMs: number;
}

export interface SendDeps {
  readonly post: Post;
  readonly receiver?: ReplyReceiver;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
  /** Told about each failed attempt that will be retried. */
  readonly onRetry?: (why: string) => void;
}

export interface Outgoing {
  readonly message: HttpMessage;
  readonly expected: ExpectedReply;
}

type Attempt =
  | { readonly kind: 'scored'; readonly data: BatchScored }
  | { readonly kind: 'retry'; readonly why: string; readonly retryAfter?: number }
  | { readonly kind: 'fatal'; readonly why: string };

/** POSTs with the global fetch (Node 20+). */
export function fetchPost(url: string): Post {
  return async (message, signal) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: message.headers,
      body: message.body,
      signal,
    });
    const body = await res.text();
    return { status: res.status, headers: Object.fromEntries(res.headers.entries()), body };
  };
}

function networkError(error: unknown): string {
  const cause =
    error instanceof Error
      ? (error.cause as { code?: string; message?: string } | undefined)
      : undefined;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}

/** A short, stable account of an error answer: a problem+json detail, or the start of the text. */
function answerDetail(answer: HttpAnswer): string {
  try {
    const problem = JSON.parse(answer.body) as { detail?: unknown; title?: unknown };
    const text = problem.detail ?? problem.title;
    if (typeof text === 'string') return `: ${text}`;
  } catch {
    // not JSON: fall through to the text itself
  }
  const text = answer.body.trim().replace(/\s+/g, ' ').slice(0, 200);
  return text === '' ? '' : `: ${text}`;
}

function fromEvent(event: CloudEvent<unknown>, expected: ExpectedReply): Attempt {
  try {
    return { kind: 'scored', data: readScored(event, expected) };
  } catch (error) {
    if (!(error instanceof ReplyError)) throw error;
    return { kind: 'fatal', why: `invalid reply: ${error.message}` };
  }
}

function fromAnswer(answer: HttpAnswer, expected: ExpectedReply): Attempt {
  try {
    return fromEvent(decodeEvent(answer.headers, answer.body), expected);
  } catch (error) {
    if (!(error instanceof ReplyError)) throw error;
    return { kind: 'fatal', why: `invalid reply: ${error.message}` };
  }
}

async function awaitReply(
  out: Outgoing,
  deps: SendDeps,
  signal: AbortSignal,
  seconds: string,
  status: number,
): Promise<Attempt> {
  if (deps.receiver === undefined)
    return {
      kind: 'fatal',
      why: `the target answered ${status} (the reply goes elsewhere); give --receive-port to receive it`,
    };
  const event = await deps.receiver.next(out.expected.batchId, out.expected.chunkIndex, signal);
  if (event === undefined)
    return { kind: 'retry', why: `no reply within ${seconds} s of a ${status}` };
  return fromEvent(event, out.expected);
}

/** A reply that reached the receiver late, after its attempt gave up: no need to send again. */
async function arrived(out: Outgoing, deps: SendDeps): Promise<Attempt | undefined> {
  const { batchId, chunkIndex } = out.expected;
  const event = await deps.receiver?.next(batchId, chunkIndex, AbortSignal.abort());
  return event === undefined ? undefined : fromEvent(event, out.expected);
}

async function attempt(out: Outgoing, policy: SendPolicy, deps: SendDeps): Promise<Attempt> {
  const controller = new AbortController();
  const timer = setTimeout(() => {
    controller.abort();
  }, policy.timeoutMs);
  const seconds = String(policy.timeoutMs / 1000);
  try {
    let answer: HttpAnswer;
    try {
      answer = await deps.post(out.message, controller.signal);
    } catch (error) {
      if (controller.signal.aborted) return { kind: 'retry', why: `no answer within ${seconds} s` };
      return { kind: 'retry', why: `network error: ${networkError(error)}` };
    }
    const { status } = answer;
    if (status === 202 || status === 204)
      return await awaitReply(out, deps, controller.signal, seconds, status);
    if (status >= 200 && status < 300) return fromAnswer(answer, out.expected);
    const why = `HTTP ${status}${answerDetail(answer)}`;
    if (!retryable(status)) return { kind: 'fatal', why };
    return { kind: 'retry', why, retryAfter: retryAfterMs(answer.headers['retry-after']) };
  } finally {
    clearTimeout(timer);
  }
}

/** Sends a chunk until it is scored, fails for good, or has used `retries` retries. */
export async function sendChunk(
  out: Outgoing,
  policy: SendPolicy,
  deps: SendDeps,
): Promise<ChunkOutcome> {
  const { batchId, chunkIndex } = out.expected;
  deps.receiver?.open(batchId, chunkIndex);
  try {
    let last: Attempt | undefined;
    for (let n = 0; n <= policy.retries; n++) {
      if (last?.kind === 'retry') {
        deps.onRetry?.(last.why);
        await deps.sleep(backoffMs(n, policy.backoffMs, deps.random, last.retryAfter));
      }
      last = (n > 0 ? await arrived(out, deps) : undefined) ?? (await attempt(out, policy, deps));
      if (last.kind === 'scored') return { kind: 'scored', results: last.data.results };
      if (last.kind === 'fatal') return { kind: 'failed', reason: last.why };
    }
    const tries = policy.retries + 1;
    return {
      kind: 'failed',
      reason: `${last?.kind === 'retry' ? last.why : 'not sent'} (after ${tries} attempt${tries === 1 ? '' : 's'})`,
    };
  } finally {
    deps.receiver?.close(batchId, chunkIndex);
  }
}
