/** Rows grouped by distinct score, and the decision thresholds that fall between the groups. */

/**
 * The rows sorted by score and collapsed into groups of equal score. Every rank statistic here
 * (AUC, KS, ROC, cost-optimal threshold) is a walk over these groups, so ties are handled once.
 */
export interface ScoreGroups {
  /** Distinct scores, ascending. */
  readonly values: Float64Array;
  /** Positive (label 1) rows per group. */
  readonly positives: Float64Array;
  /** Negative (label 0) rows per group. */
  readonly negatives: Float64Array;
  readonly totalPositives: number;
  readonly totalNegatives: number;
}

/** Groups already-validated scores and labels by distinct score (ascending). O(n log n). */
export function scoreGroups(scores: ArrayLike<number>, labels: ArrayLike<number>): ScoreGroups {
  const n = scores.length;
  const sorted = Float64Array.from({ length: n }, (_, i) => scores[i] ?? Number.NaN).sort();
  const values = new Float64Array(n);
  let groups = 0;
  for (let i = 0; i < n; i++) {
    const v = sorted[i] ?? Number.NaN;
    if (groups === 0 || v !== values[groups - 1]) values[groups++] = v;
  }
  const distinct = values.slice(0, groups);
  const positives = new Float64Array(groups);
  const negatives = new Float64Array(groups);
  for (let i = 0; i < n; i++) {
    const g = lowerBound(distinct, scores[i] ?? Number.NaN);
    if (labels[i] === 1) positives[g] = (positives[g] ?? 0) + 1;
    else negatives[g] = (negatives[g] ?? 0) + 1;
  }
  const totalPositives = positives.reduce((a, b) => a + b, 0);
  return {
    values: distinct,
    positives,
    negatives,
    totalPositives,
    totalNegatives: n - totalPositives,
  };
}

/** Index of the first element of ascending `sorted` that is >= `value`. */
function lowerBound(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? Number.NaN) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The threshold of decision point `k` (0..groups): with the rule "decline when score >= threshold"
 * it accepts exactly the `k` lowest groups. Between two groups it is their midpoint; at the ends it
 * is the nearest double just below the lowest score (k = 0, decline all) or just above the highest
 * (k = groups, accept all).
 */
export function decisionThreshold(values: Float64Array, k: number): number {
  const below = values[k - 1];
  const above = values[k];
  if (below === undefined) return nextDown(above ?? Number.NaN);
  if (above === undefined) return nextUp(below);
  const mid = below / 2 + above / 2;
  return mid > below ? mid : above;
}

const bits = new DataView(new ArrayBuffer(8));

/** The smallest double greater than finite `x` (IEEE 754 nextUp). */
export function nextUp(x: number): number {
  if (x === 0) return Number.MIN_VALUE;
  bits.setFloat64(0, x);
  const raw = bits.getBigUint64(0);
  bits.setBigUint64(0, x > 0 ? raw + 1n : raw - 1n);
  return bits.getFloat64(0);
}

/** The largest double less than finite `x` (IEEE 754 nextDown). */
export function nextDown(x: number): number {
  return -nextUp(-x);
}
