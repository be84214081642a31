/** Time buckets of a report window: UTC-aligned hours or days, the x-axis every series shares. */

export type BucketSize = 'day' | 'hour';

export const BUCKET_MS: Readonly<Record<BucketSize, number>> = { hour: 3_600_000, day: 86_400_000 };

/**
 * Starts of the buckets covering [from, to): the first is `from` rounded down to a UTC hour or day
 * (the epoch is a UTC midnight, so flooring milliseconds aligns both), then one per step.
 */
export function bucketStarts(from: Date, to: Date, size: BucketSize): Date[] {
  const step = BUCKET_MS[size];
  const starts: Date[] = [];
  for (let t = Math.floor(from.getTime() / step) * step; t < to.getTime(); t += step)
    starts.push(new Date(t));
  return starts;
}

/** Number of buckets `bucketStarts` would return, without building them. */
export function bucketCount(from: Date, to: Date, size: BucketSize): number {
  const step = BUCKET_MS[size];
  const first = Math.floor(from.getTime() / step) * step;
  return Math.max(0, Math.ceil((to.getTime() - first) / step));
}

/** Rows split by bucket (same length as `starts`); rows outside every bucket are left out. */
export function groupByBucket<T extends { readonly time: Date }>(
  rows: readonly T[],
  starts: readonly Date[],
  size: BucketSize,
): T[][] {
  const groups = starts.map((): T[] => []);
  const first = starts[0]?.getTime();
  if (first === undefined) return groups;
  const step = BUCKET_MS[size];
  for (const row of rows) {
    const index = Math.floor((row.time.getTime() - first) / step);
    groups[index]?.push(row);
  }
  return groups;
}
