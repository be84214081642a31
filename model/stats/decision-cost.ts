/**
 * Cost of decisions actually taken (which need not follow one threshold: overrides, another
 * model's answers, a changed threshold): realized against outcomes, and expected from the
 * predicted probabilities before any outcome is known.
 */
import {
  assertCosts,
  expectedCost,
  type Confusion,
  type CostMatrix,
  type ExpectedCost,
} from './cost.js';
import { assertProbabilities } from './input.js';

function assertDecisions(length: number, declined: ArrayLike<boolean>, name: string): void {
  if (length === 0) throw new RangeError(`${name} must not be empty`);
  if (declined.length !== length)
    throw new RangeError(
      `${name} and decisions differ in length (${length} vs ${declined.length})`,
    );
}

/**
 * Confusion counts of the decisions taken (`declined[i]` true = declined, the positive
 * prediction) against the observed labels (1 = positive, e.g. bad).
 * @throws RangeError on empty input, different lengths, or a label other than 0 or 1.
 */
export function decisionConfusion(
  declined: ArrayLike<boolean>,
  labels: ArrayLike<number>,
): Confusion {
  assertDecisions(labels.length, declined, 'labels');
  const counts = { true_positive: 0, false_positive: 0, true_negative: 0, false_negative: 0 };
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i];
    if (label !== 0 && label !== 1) throw new RangeError(`label at row ${i} is not 0 or 1`);
    const key = declined[i]
      ? label === 1
        ? 'true_positive'
        : 'false_positive'
      : label === 1
        ? 'false_negative'
        : 'true_negative';
    counts[key]++;
  }
  return counts;
}

/** Realized cost of the decisions taken, on rows whose outcome is known. */
export function realizedDecisionCost(
  declined: ArrayLike<boolean>,
  labels: ArrayLike<number>,
  costs: CostMatrix,
): ExpectedCost {
  return expectedCost(decisionConfusion(declined, labels), costs);
}

/**
 * Expected cost of the decisions taken if the probabilities are calibrated: an approved row costs
 * p · C(false negative) on average, a declined one (1 − p) · C(false positive). Comparing it with
 * the realized cost on the same rows tests calibration where it matters for the business.
 * @throws RangeError on empty input, different lengths, a probability outside [0, 1] or a bad cost.
 */
export function expectedDecisionCost(
  probabilities: ArrayLike<number>,
  declined: ArrayLike<boolean>,
  costs: CostMatrix,
): ExpectedCost {
  assertDecisions(probabilities.length, declined, 'probabilities');
  assertProbabilities(probabilities);
  assertCosts(costs);
  let total = 0;
  for (let i = 0; i < probabilities.length; i++) {
    const p = probabilities[i] ?? Number.NaN;
    total += declined[i] ? (1 - p) * costs.false_positive : p * costs.false_negative;
  }
  const perApplicant = total / probabilities.length;
  return { total, per_applicant: perApplicant, per_1000: perApplicant * 1000 };
}
