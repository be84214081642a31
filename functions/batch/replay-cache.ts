/**
 * Answers a redelivered event exactly as the first time without scoring or counting it again: the
 * replies of recent events, keyed by `source` + `id` (the CloudEvents identity), bounded in bytes,
 * oldest dropped first; concurrent duplicates share one computation.
 */

export interface ReplayCache<T> {
  /** The cached or in-flight answer for `key`, else computes it once with `compute`. */
  get(key: string, compute: () => Promise<T>): Promise<{ value: T; replayed: boolean }>;
  readonly size: number;
}

export function replayCache<T>(maxBytes: number, sizeOf: (value: T) => number): ReplayCache<T> {
  const done = new Map<string, { value: T; bytes: number }>();
  const pending = new Map<string, Promise<T>>();
  let bytes = 0;
  const remember = (key: string, value: T) => {
    const size = sizeOf(value);
    if (size > maxBytes) return;
    done.set(key, { value, bytes: size });
    bytes += size;
    for (const [oldest, entry] of done) {
      if (bytes <= maxBytes) break;
      done.delete(oldest);
      bytes -= entry.bytes;
    }
  };
  return {
    get size() {
      return done.size;
    },
    async get(key, compute) {
      const hit = done.get(key);
      if (hit) return { value: hit.value, replayed: true };
      const inFlight = pending.get(key);
      if (inFlight) return { value: await inFlight, replayed: true };
      const promise = compute();
      pending.set(key, promise);
      try {
        const value = await promise;
        remember(key, value);
        return { value, replayed: false };
      } finally {
        pending.delete(key);
      }
    },
  };
}
