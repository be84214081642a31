// Retry rules and back-off, against the Knative delivery rules and hand-worked delays.
import { describe, expect, it } from 'vitest';
import { backoffMs, MAX_BACKOFF_MS, retryable, retryAfterMs } from './retry.js';

describe('retryable', () => {
  it('retries 404, 408, 409, 429 and 5xx, and nothing else', () => {
    const retried = [
      400, 401, 403, 404, 405, 408, 409, 410, 413, 415, 422, 429, 500, 502, 503, 504,
    ].filter(retryable);
    expect(retried).toEqual([404, 408, 409, 429, 500, 502, 503, 504]);
  });
});

describe('backoffMs', () => {
  it('doubles from the base per attempt, scaled into [0.5, 1) of that by the jitter', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n, 200, () => 0))).toEqual([100, 200, 400, 800]);
    expect([1, 2, 3, 4].map((n) => backoffMs(n, 200, () => 0.999999))).toEqual([
      200, 400, 800, 1600,
    ]);
    expect(backoffMs(3, 200, () => 0.5)).toBe(600);
  });

  it('waits at least a Retry-After, and never more than the cap', () => {
    expect(backoffMs(1, 200, () => 0, 3000)).toBe(3000);
    expect(backoffMs(30, 200, () => 0.99)).toBe(MAX_BACKOFF_MS * 0.995);
    expect(backoffMs(1, 200, () => 0, 3_600_000)).toBe(MAX_BACKOFF_MS);
  });
});

describe('retryAfterMs', () => {
  it('reads delay-seconds and ignores dates and junk', () => {
    expect(retryAfterMs('7')).toBe(7000);
    expect(retryAfterMs(undefined)).toBeUndefined();
    expect(retryAfterMs('Wed, 21 Oct 2015 07:28:00 GMT')).toBeUndefined();
    expect(retryAfterMs('-1')).toBeUndefined();
  });
});
