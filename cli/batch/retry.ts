/**
 * When to re-send a chunk and how long to wait first: Knative's delivery rules
 * (https://knative.dev/docs/eventing/event-delivery/) with exponential back-off and jitter.
 */

/** Longest wait between two attempts, whatever the back-off or a Retry-After header says. */
export const MAX_BACKOFF_MS = 30_000;

/**
 * Statuses worth another attempt: 404 (a route not ready yet), 408, 409, 429 and every 5xx, as the
 * Knative data plane retries them. 400 (never processable) and 413 (too large) are final.
 */
export function retryable(status: number): boolean {
  return status === 404 || status === 408 || status === 409 || status === 429 || status >= 500;
}

/** A Retry-After header in seconds (RFC 9110 §10.2.3), or undefined when absent or a date. */
export function retryAfterMs(header: string | undefined): number | undefined {
  if (header === undefined || !/^\s*\d+\s*$/.test(header)) return undefined;
  return Number(header) * 1000;
}

/**
 * The wait before attempt `attempt` (1 = the first retry): `base * 2^(attempt-1)`, scaled by a
 * random factor in [0.5, 1) so chunks that failed together do not retry together; at least the
 * server's Retry-After; at most MAX_BACKOFF_MS.
 */
export function backoffMs(
  attempt: number,
  baseMs: number,
  random: () => number,
  retryAfter?: number,
): number {
  const exponential = Math.min(MAX_BACKOFF_MS, baseMs * 2 ** Math.max(0, attempt - 1));
  const jittered = exponential * (0.5 + random() / 2);
  return Math.round(Math.min(MAX_BACKOFF_MS, Math.max(jittered, retryAfter ?? 0)));
}
