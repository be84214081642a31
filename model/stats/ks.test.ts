import { describe, expect, it } from 'vitest';
import { ks } from './ks.js';
import { CASES, labelledScores } from './test-support.js';

/** Max over every observed score t of |F₊(t) − F₋(t)|, F(t) = share of the class with score <= t. */
function bruteForceKs(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  let best = 0;
  for (let t = 0; t < scores.length; t++) {
    best = Math.max(
      best,
      gapBelow(scores, labels, (s) => s <= (scores[t] ?? 0)),
    );
  }
  return best;
}

/** |share of positives − share of negatives| among rows passing `below`. */
function gapBelow(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  below: (score: number) => boolean,
): number {
  const count = [0, 0];
  const hit = [0, 0];
  for (let i = 0; i < scores.length; i++) {
    const label = labels[i] ?? 0;
    count[label] = (count[label] ?? 0) + 1;
    if (below(scores[i] ?? 0)) hit[label] = (hit[label] ?? 0) + 1;
  }
  return Math.abs((hit[1] ?? 0) / (count[1] ?? 1) - (hit[0] ?? 0) / (count[0] ?? 1));
}

describe('ks', () => {
  it.each(CASES)('matches brute force over all thresholds (seed $seed, n $n)', (c) => {
    const { scores, labels } = labelledScores(c.seed, c.n, c.levels);
    const result = ks(scores, labels);
    expect(result.statistic).toBeCloseTo(bruteForceKs(scores, labels), 12);
    expect(gapBelow(scores, labels, (s) => s < result.threshold)).toBeCloseTo(result.statistic, 12);
    expect(Array.from(scores)).not.toContain(result.threshold);
  });

  it('gives 1 with the threshold midway when the classes separate', () => {
    const result = ks([0.1, 0.2, 0.3, 0.4], [0, 0, 1, 1]);
    expect(result.statistic).toBe(1);
    expect(result.threshold).toBeCloseTo(0.25, 15);
  });

  it('never splits tied scores', () => {
    const result = ks([0.5, 0.5, 0.5, 0.9], [0, 1, 1, 1]);
    expect(result.statistic).toBeCloseTo(1 / 3, 15);
    expect(result.threshold).toBeCloseTo(0.7, 15);
  });

  it('returns the lowest cut when several reach the maximum', () => {
    const result = ks([0.1, 0.35, 0.4, 0.8], [0, 1, 0, 1]);
    expect(result.statistic).toBe(0.5);
    expect(result.threshold).toBeCloseTo(0.225, 15);
  });

  it('gives 0 just below the only score when every score ties', () => {
    const result = ks([0.3, 0.3], [0, 1]);
    expect(result.statistic).toBe(0);
    expect(result.threshold).toBeLessThan(0.3);
    expect(result.threshold).toBeCloseTo(0.3, 15);
  });

  it('throws a RangeError for one class or empty input', () => {
    expect(() => ks([0.1, 0.2], [1, 1])).toThrow(RangeError);
    expect(() => ks([], [])).toThrow(RangeError);
  });
});
