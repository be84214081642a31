/** Proper scoring rules for probability forecasts: Brier score and log loss. */
import { assertProbabilities, assertScoresAndLabels } from './input.js';

/**
 * Brier score: mean of (p − y)² over rows, 0 for perfect forecasts, 0.25 for always saying 0.5
 * (Brier, 1950, Monthly Weather Review 78:1). Lower is better.
 * @throws RangeError on empty or invalid input, or a score outside [0, 1].
 */
export function brierScore(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  assertScoresAndLabels(scores, labels);
  assertProbabilities(scores);
  let sum = 0;
  for (let i = 0; i < scores.length; i++) {
    const diff = (scores[i] ?? 0) - (labels[i] ?? 0);
    sum += diff * diff;
  }
  return sum / scores.length;
}

/**
 * Log loss (binary cross-entropy, natural log): mean of −[y·ln p + (1 − y)·ln(1 − p)]. Each p is
 * first clipped to [eps, 1 − eps], as scikit-learn's `log_loss` does, so one confident mistake
 * costs at most −ln(eps) (≈ 34.5 for the default) instead of Infinity.
 * @throws RangeError on empty or invalid input, a score outside [0, 1], or eps outside (0, 0.5).
 */
export function logLoss(scores: ArrayLike<number>, labels: ArrayLike<number>, eps = 1e-15): number {
  assertScoresAndLabels(scores, labels);
  assertProbabilities(scores);
  if (!(eps > 0 && eps < 0.5)) throw new RangeError(`eps must be in (0, 0.5), got ${eps}`);
  let sum = 0;
  for (let i = 0; i < scores.length; i++) {
    const p = Math.min(Math.max(scores[i] ?? 0, eps), 1 - eps);
    sum -= labels[i] === 1 ? Math.log(p) : Math.log1p(-p);
  }
  return sum / scores.length;
}
