/** Every evaluation statistic of a binary risk model on one labelled data set, in one object. */
import { auc } from './auc.js';
import { calibrationTable, type CalibrationRow } from './calibration.js';
import {
  confusionAt,
  expectedCost,
  type Confusion,
  type CostMatrix,
  type ExpectedCost,
} from './cost.js';
import { assertProbabilities, assertScoresAndLabels, countPositives } from './input.js';
import { ks } from './ks.js';
import { brierScore, logLoss } from './probability-scores.js';
import { rocCurve, type RocPoint } from './roc.js';

/** The evaluation block written into a model manifest (snake_case, unrounded). */
export interface BinaryMetrics {
  readonly rows: number;
  readonly positives: number;
  readonly auc: number;
  /** Gini coefficient (accuracy ratio) = 2·AUC − 1. */
  readonly gini: number;
  readonly ks: number;
  readonly ks_threshold: number;
  readonly brier: number;
  readonly log_loss: number;
  /** Ten equal-frequency bins, see `calibrationTable`. */
  readonly calibration: CalibrationRow[];
  /** At most 101 points, see `rocCurve`. */
  readonly roc: RocPoint[];
  /** The decision threshold the confusion and cost are computed at (decline when score >= it). */
  readonly threshold: number;
  readonly confusion: Confusion;
  readonly cost: ExpectedCost;
}

/**
 * Discrimination (AUC, Gini, KS, ROC), probability quality (Brier, log loss, calibration) and the
 * decisions at `threshold` with their cost, each computed by its own function with its defaults.
 * Nothing is rounded.
 * @throws RangeError on empty or invalid input, a score outside [0, 1], or labels all one class.
 */
export function binaryMetrics(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  threshold: number,
  costs: CostMatrix,
): BinaryMetrics {
  assertScoresAndLabels(scores, labels);
  assertProbabilities(scores);
  const area = auc(scores, labels);
  const separation = ks(scores, labels);
  const confusion = confusionAt(scores, labels, threshold);
  return {
    rows: scores.length,
    positives: countPositives(labels),
    auc: area,
    gini: 2 * area - 1,
    ks: separation.statistic,
    ks_threshold: separation.threshold,
    brier: brierScore(scores, labels),
    log_loss: logLoss(scores, labels),
    calibration: calibrationTable(scores, labels),
    roc: rocCurve(scores, labels),
    threshold,
    confusion,
    cost: expectedCost(confusion, costs),
  };
}
