import { describe, expect, it } from 'vitest';
import { auc } from './auc.js';
import { CASES, labelledScores } from './test-support.js';

/** O(n²) Mann–Whitney: share of (positive, negative) pairs ordered correctly, ties counting ½. */
function bruteForceAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  let wins = 0;
  let pairs = 0;
  for (let i = 0; i < scores.length; i++) {
    if (labels[i] !== 1) continue;
    for (let j = 0; j < scores.length; j++) {
      if (labels[j] !== 0) continue;
      const si = scores[i] ?? 0;
      const sj = scores[j] ?? 0;
      wins += si > sj ? 1 : si === sj ? 0.5 : 0;
      pairs++;
    }
  }
  return wins / pairs;
}

describe('auc', () => {
  it.each(CASES)('matches a brute-force pair count (seed $seed, n $n, levels $levels)', (c) => {
    const { scores, labels } = labelledScores(c.seed, c.n, c.levels);
    expect(auc(scores, labels)).toBeCloseTo(bruteForceAuc(scores, labels), 12);
  });

  it('gives 0.75 on the scikit-learn roc_auc_score example', () => {
    expect(auc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBeCloseTo(0.75, 15);
  });

  it('gives 1 for perfect ranking, 0 for reversed and 0.5 when every score ties', () => {
    expect(auc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1);
    expect(auc([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1])).toBe(0);
    expect(auc([0.3, 0.3, 0.3], [0, 1, 1])).toBe(0.5);
  });

  it('accepts number[], Float32Array scores and Uint8Array labels alike', () => {
    const scores = [0.25, 0.5, 0.5, 0.75];
    const labels = [0, 1, 0, 1];
    const expected = bruteForceAuc(scores, labels);
    expect(auc(scores, labels)).toBeCloseTo(expected, 15);
    expect(auc(Float32Array.from(scores), Uint8Array.from(labels))).toBeCloseTo(expected, 15);
  });

  it('throws a RangeError when labels are all one class', () => {
    expect(() => auc([0.1, 0.2], [1, 1])).toThrow(RangeError);
    expect(() => auc([0.1, 0.2], [0, 0])).toThrow(/both classes/);
  });

  it('throws a RangeError on empty, mismatched or invalid input', () => {
    expect(() => auc([], [])).toThrow(RangeError);
    expect(() => auc([0.1, 0.2], [0])).toThrow(/differ in length/);
    expect(() => auc([0.1, 0.2], [0, 2])).toThrow(/label at row 1/);
    expect(() => auc([0.1, Number.NaN], [0, 1])).toThrow(/score at row 1/);
  });
});
