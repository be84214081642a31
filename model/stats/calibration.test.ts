import { describe, expect, it } from 'vitest';
import { calibrationTable } from './calibration.js';
import { CASES, labelledScores } from './test-support.js';

describe('calibrationTable', () => {
  it.each(CASES)('partitions every row into disjoint ascending bins (seed $seed, n $n)', (c) => {
    const { scores, labels } = labelledScores(c.seed, c.n, c.levels);
    const table = calibrationTable(scores, labels, 10);
    expect(table.length).toBeGreaterThan(0);
    expect(table.length).toBeLessThanOrEqual(10);
    expect(table.reduce((sum, row) => sum + row.count, 0)).toBe(c.n);
    table.forEach((row, i) => {
      expect(row.lower).toBeLessThanOrEqual(row.upper);
      if (i > 0) expect(row.lower).toBeGreaterThan(table[i - 1]?.upper ?? Number.NaN);
      const inBin = Array.from(scores.keys()).filter((j) => {
        const s = scores[j] ?? Number.NaN;
        return s >= row.lower && s <= row.upper;
      });
      expect(inBin).toHaveLength(row.count);
      const mean = inBin.reduce((sum, j) => sum + (scores[j] ?? 0), 0) / inBin.length;
      const rate = inBin.filter((j) => labels[j] === 1).length / inBin.length;
      expect(row.mean_predicted).toBeCloseTo(mean, 12);
      expect(row.observed_rate).toBeCloseTo(rate, 12);
    });
  });

  it('splits 1000 distinct scores into ten bins of 100', () => {
    const scores = Array.from({ length: 1000 }, (_, i) => (i + 0.5) / 1000);
    const labels = scores.map((_, i) => i % 2);
    const counts = calibrationTable(scores, labels).map((row) => row.count);
    expect(counts).toEqual(new Array<number>(10).fill(100));
  });

  it('works out a two-bin example by hand', () => {
    const table = calibrationTable([0.4, 0.1, 0.3, 0.2], [1, 0, 1, 0], 2);
    expect(table.map(({ lower, upper, count }) => [lower, upper, count])).toEqual([
      [0.1, 0.2, 2],
      [0.3, 0.4, 2],
    ]);
    expect(table[0]?.mean_predicted).toBeCloseTo(0.15, 15);
    expect(table[1]?.mean_predicted).toBeCloseTo(0.35, 15);
    expect(table.map((row) => row.observed_rate)).toEqual([0, 1]);
  });

  it('keeps tied scores together, dropping the empty bins', () => {
    const table = calibrationTable([0.2, 0.2, 0.2, 0.2, 0.9], [0, 1, 0, 0, 1], 4);
    expect(table.map((row) => row.count)).toEqual([4, 1]);
    expect(table[0]?.observed_rate).toBe(0.25);
    expect(calibrationTable([0.5, 0.5, 0.5], [0, 1, 1])).toHaveLength(1);
  });

  it('throws a RangeError for empty input or a bad bin count', () => {
    expect(() => calibrationTable([], [])).toThrow(RangeError);
    expect(() => calibrationTable([0.5], [1], 0)).toThrow(/bins/);
  });
});
