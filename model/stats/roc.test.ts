import { describe, expect, it } from 'vitest';
import { rocCurve } from './roc.js';
import { CASES, labelledScores } from './test-support.js';

/** Rates among negatives and positives of rows with score >= threshold, counted directly. */
function rates(scores: ArrayLike<number>, labels: ArrayLike<number>, threshold: number) {
  let p = 0;
  let n = 0;
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < scores.length; i++) {
    const flagged = (scores[i] ?? 0) >= threshold;
    if (labels[i] === 1) {
      p++;
      if (flagged) tp++;
    } else {
      n++;
      if (flagged) fp++;
    }
  }
  return { fpr: fp / n, tpr: tp / p };
}

describe('rocCurve', () => {
  it.each(CASES)('runs monotone from (0,0) to (1,1) at the true rates (seed $seed)', (c) => {
    const { scores, labels } = labelledScores(c.seed, c.n, c.levels);
    const curve = rocCurve(scores, labels, 1000);
    expect(curve).toHaveLength(new Set(scores).size + 1);
    expect(curve[0]).toMatchObject({ fpr: 0, tpr: 0 });
    expect(curve[curve.length - 1]).toMatchObject({ fpr: 1, tpr: 1 });
    curve.forEach((point, i) => {
      expect(point).toMatchObject(rates(scores, labels, point.threshold));
      const previous = curve[i - 1];
      if (previous === undefined) return;
      expect(point.fpr).toBeGreaterThanOrEqual(previous.fpr);
      expect(point.tpr).toBeGreaterThanOrEqual(previous.tpr);
      expect(point.threshold).toBeLessThan(previous.threshold);
    });
  });

  it('thins to maxPoints evenly by index, keeping both ends, the same way every time', () => {
    const { scores, labels } = labelledScores(11, 400);
    const full = rocCurve(scores, labels, 1000);
    const thinned = rocCurve(scores, labels, 5);
    expect(full).toHaveLength(401);
    expect(thinned).toEqual([full[0], full[100], full[200], full[300], full[400]]);
    expect(rocCurve(scores, labels, 4)).toEqual([full[0], full[133], full[267], full[400]]);
    expect(rocCurve(scores, labels)).toHaveLength(101);
    expect(rocCurve(scores, labels)).toEqual(rocCurve(scores, labels));
  });

  it('works out the scikit-learn roc_curve example by hand', () => {
    const curve = rocCurve([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]);
    expect(curve.map(({ fpr, tpr }) => [fpr, tpr])).toEqual([
      [0, 0],
      [0, 0.5],
      [0.5, 0.5],
      [0.5, 1],
      [1, 1],
    ]);
    expect(curve.map((point) => point.threshold)).toEqual([
      expect.closeTo(0.8, 15),
      expect.closeTo(0.6, 15),
      expect.closeTo(0.375, 15),
      expect.closeTo(0.225, 15),
      expect.closeTo(0.1, 15),
    ]);
    expect(curve[0]?.threshold).toBeGreaterThan(0.8);
    expect(curve[4]?.threshold).toBeLessThan(0.1);
  });

  it('throws a RangeError for one class or maxPoints below 2', () => {
    expect(() => rocCurve([0.1, 0.2], [0, 0])).toThrow(RangeError);
    expect(() => rocCurve([0.1, 0.2], [0, 1], 1)).toThrow(/maxPoints/);
  });
});
