/** ROC curve points (false-positive rate, true-positive rate) over all decision thresholds. */
import { assertBothClasses, assertInteger, assertScoresAndLabels } from './input.js';
import { decisionThreshold, scoreGroups } from './score-groups.js';

/** One operating point: rates among negatives / positives of rows with score >= threshold. */
export interface RocPoint {
  readonly fpr: number;
  readonly tpr: number;
  readonly threshold: number;
}

/**
 * The empirical ROC curve (Fawcett, 2006, Pattern Recognition Letters 27:861) with one point per
 * decision point between distinct scores, from (0, 0) (threshold just above the highest score) to
 * (1, 1) (just below the lowest), thresholds descending and both rates non-decreasing. Thresholds
 * are those of `chooseThreshold`, under "positive when score >= threshold". When there are more
 * than `maxPoints` points, the points at indices round(i·(m − 1)/(maxPoints − 1)),
 * i = 0..maxPoints − 1, are kept (m the number of points): evenly spaced by index, both ends kept.
 * @throws RangeError on empty or invalid input, labels all one class, or maxPoints not an integer >= 2.
 */
export function rocCurve(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  maxPoints = 101,
): RocPoint[] {
  assertScoresAndLabels(scores, labels);
  assertInteger('maxPoints', maxPoints, 2);
  const groups = scoreGroups(scores, labels);
  const { totalPositives: p, totalNegatives: n } = groups;
  assertBothClasses(p, p + n, 'ROC curve');
  const points: RocPoint[] = [];
  let flaggedPos = 0;
  let flaggedNeg = 0;
  for (let k = groups.values.length; k >= 0; k--) {
    flaggedPos += groups.positives[k] ?? 0;
    flaggedNeg += groups.negatives[k] ?? 0;
    const threshold = decisionThreshold(groups.values, k);
    points.push({ fpr: flaggedNeg / n, tpr: flaggedPos / p, threshold });
  }
  return thin(points, maxPoints);
}

/** Keeps `max` points evenly spaced by index, first and last included. */
function thin<T>(points: readonly T[], max: number): T[] {
  const m = points.length;
  if (m <= max) return [...points];
  return Array.from({ length: max }, (_, i) => {
    const point = points[Math.round((i * (m - 1)) / (max - 1))];
    if (point === undefined) throw new RangeError('thinning index out of range');
    return point;
  });
}
