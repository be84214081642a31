/** Two-sample Kolmogorov–Smirnov statistic between the score distributions of the two classes. */
import { assertBothClasses, assertScoresAndLabels } from './input.js';
import { decisionThreshold, scoreGroups } from './score-groups.js';

export interface KsResult {
  /** max over t of |F₊(t) − F₋(t)|, in [0, 1]. */
  readonly statistic: number;
  /** A cut where the maximum is reached: the midpoint between the two distinct scores around it. */
  readonly threshold: number;
}

/**
 * The KS statistic used in credit scoring: the largest gap between the empirical CDFs of the
 * positives' and the negatives' scores, F(t) = share of the class with score <= t. The CDFs only
 * change at observed scores, so t is evaluated once between each pair of consecutive distinct
 * scores (tied rows never split). The returned threshold separates them under "decline when
 * score >= threshold"; when several cuts share the maximum the lowest is returned. When the
 * statistic is 0 (e.g. a single distinct score) the threshold is just below the lowest score.
 * @throws RangeError when the input is empty or invalid, or labels are all one class.
 */
export function ks(scores: ArrayLike<number>, labels: ArrayLike<number>): KsResult {
  assertScoresAndLabels(scores, labels);
  const groups = scoreGroups(scores, labels);
  const { totalPositives: p, totalNegatives: n } = groups;
  assertBothClasses(p, p + n, 'KS');
  let statistic = 0;
  let best = 0;
  let cumPos = 0;
  let cumNeg = 0;
  for (let g = 0; g < groups.values.length - 1; g++) {
    cumPos += groups.positives[g] ?? 0;
    cumNeg += groups.negatives[g] ?? 0;
    const gap = Math.abs(cumPos / p - cumNeg / n);
    if (gap > statistic) {
      statistic = gap;
      best = g + 1;
    }
  }
  return { statistic, threshold: decisionThreshold(groups.values, best) };
}
