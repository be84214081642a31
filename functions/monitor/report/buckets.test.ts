import { describe, expect, it } from 'vitest';
import { bucketCount, bucketStarts, groupByBucket } from './buckets.js';

const at = (iso: string) => new Date(iso);

describe('bucketStarts', () => {
  it('starts at the UTC day of from and ends before to', () => {
    const starts = bucketStarts(at('2026-03-01T10:30:00Z'), at('2026-03-03T00:00:00Z'), 'day');
    expect(starts.map((d) => d.toISOString())).toEqual([
      '2026-03-01T00:00:00.000Z',
      '2026-03-02T00:00:00.000Z',
    ]);
    expect(
      bucketStarts(at('2026-03-01T10:30:00Z'), at('2026-03-03T00:00:00.001Z'), 'day'),
    ).toHaveLength(3);
  });

  it('steps by UTC hours, whatever the offset the window was given in', () => {
    const starts = bucketStarts(
      at('2026-03-01T10:30:00+02:00'),
      at('2026-03-01T11:00:00+02:00'),
      'hour',
    );
    expect(starts.map((d) => d.toISOString())).toEqual(['2026-03-01T08:00:00.000Z']);
  });

  it('counts the buckets it would build', () => {
    for (const [from, to, size] of [
      ['2026-01-01T00:00:00Z', '2026-12-31T23:00:00Z', 'day'],
      ['2026-01-01T00:30:00Z', '2026-01-03T00:00:00Z', 'hour'],
      ['2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'hour'],
    ] as const)
      expect(bucketCount(at(from), at(to), size)).toBe(bucketStarts(at(from), at(to), size).length);
  });
});

describe('groupByBucket', () => {
  it('puts each row in the bucket of its time and leaves out rows outside every bucket', () => {
    const starts = bucketStarts(at('2026-03-01T00:00:00Z'), at('2026-03-03T00:00:00Z'), 'day');
    const rows = [
      '2026-03-01T00:00:00Z',
      '2026-03-01T23:59:59.999Z',
      '2026-03-02T05:00:00Z',
      '2026-03-03T00:00:00Z',
      '2026-02-28T23:00:00Z',
    ].map((iso) => ({ time: at(iso), iso }));
    expect(groupByBucket(rows, starts, 'day').map((g) => g.map((r) => r.iso))).toEqual([
      ['2026-03-01T00:00:00Z', '2026-03-01T23:59:59.999Z'],
      ['2026-03-02T05:00:00Z'],
    ]);
  });
});
