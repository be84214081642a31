/** Decisions at a threshold: confusion counts, their cost, and the cost-minimising threshold. */
import { assertScoresAndLabels } from './input.js';
import { decisionThreshold, scoreGroups } from './score-groups.js';

/** Counts of decisions "decline when score >= threshold" against the labels (positive = bad). */
export interface Confusion {
  /** Bad applicants declined. */
  readonly true_positive: number;
  /** Good applicants declined. */
  readonly false_positive: number;
  /** Good applicants accepted. */
  readonly true_negative: number;
  /** Bad applicants accepted. */
  readonly false_negative: number;
}

/**
 * Cost of each kind of wrong decision; correct decisions cost 0. For the Statlog German credit data
 * the documented matrix is false_negative 5 (a bad applicant accepted) and false_positive 1 (a good
 * applicant refused).
 */
export interface CostMatrix {
  readonly false_negative: number;
  readonly false_positive: number;
}

export interface ExpectedCost {
  readonly total: number;
  readonly per_applicant: number;
  readonly per_1000: number;
}

export interface ThresholdChoice {
  readonly threshold: number;
  readonly total_cost: number;
}

/**
 * Confusion counts when a row is predicted positive (declined) iff score >= threshold.
 * @throws RangeError on empty or invalid input, or a NaN threshold.
 */
export function confusionAt(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  threshold: number,
): Confusion {
  assertScoresAndLabels(scores, labels);
  if (Number.isNaN(threshold)) throw new RangeError('threshold must not be NaN');
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (let i = 0; i < scores.length; i++) {
    const declined = (scores[i] ?? Number.NaN) >= threshold;
    if (labels[i] === 1) {
      if (declined) tp++;
      else fn++;
    } else if (declined) fp++;
    else tn++;
  }
  return { true_positive: tp, false_positive: fp, true_negative: tn, false_negative: fn };
}

/**
 * Total cost of the decisions in `confusion`, per applicant and per 1000 applicants.
 * @throws RangeError when the confusion counts nothing or a cost is negative or not finite.
 */
export function expectedCost(confusion: Confusion, costs: CostMatrix): ExpectedCost {
  assertCosts(costs);
  const rows =
    confusion.true_positive +
    confusion.false_positive +
    confusion.true_negative +
    confusion.false_negative;
  if (!(rows > 0)) throw new RangeError('confusion counts no rows');
  const total =
    confusion.false_negative * costs.false_negative +
    confusion.false_positive * costs.false_positive;
  const perApplicant = total / rows;
  return { total, per_applicant: perApplicant, per_1000: perApplicant * 1000 };
}

/**
 * The threshold of least total cost on (scores, labels). Every distinct decision is tried once:
 * the thresholds are the midpoints between consecutive distinct scores plus one just below the
 * lowest (decline all) and one just above the highest (accept all). On a tie in cost the lowest
 * threshold wins (the one that declines more applicants). O(n log n).
 * @throws RangeError on empty or invalid input, or a negative or non-finite cost.
 */
export function chooseThreshold(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  costs: CostMatrix,
): ThresholdChoice {
  assertScoresAndLabels(scores, labels);
  assertCosts(costs);
  const groups = scoreGroups(scores, labels);
  let acceptedPos = 0;
  let acceptedNeg = 0;
  let best = 0;
  let bestCost = groups.totalNegatives * costs.false_positive;
  for (let k = 1; k <= groups.values.length; k++) {
    acceptedPos += groups.positives[k - 1] ?? 0;
    acceptedNeg += groups.negatives[k - 1] ?? 0;
    const cost =
      acceptedPos * costs.false_negative +
      (groups.totalNegatives - acceptedNeg) * costs.false_positive;
    if (cost < bestCost) {
      bestCost = cost;
      best = k;
    }
  }
  return { threshold: decisionThreshold(groups.values, best), total_cost: bestCost };
}

/** Throws a RangeError unless both costs are finite numbers >= 0. */
export function assertCosts(costs: CostMatrix): void {
  for (const [name, value] of [
    ['false_negative', costs.false_negative],
    ['false_positive', costs.false_positive],
  ] as const) {
    if (!(Number.isFinite(value) && value >= 0)) {
      throw new RangeError(`cost ${name} must be a finite number >= 0, got ${value}`);
    }
  }
}
