/** Pure statistics for binary risk scores: discrimination, calibration, cost, binning and drift. */
export { auc } from './auc.js';
export { binaryMetrics, type BinaryMetrics } from './binary-metrics.js';
export { calibrationTable, type CalibrationRow } from './calibration.js';
export {
  chooseThreshold,
  confusionAt,
  expectedCost,
  type Confusion,
  type CostMatrix,
  type ExpectedCost,
  type ThresholdChoice,
} from './cost.js';
export { decisionConfusion, expectedDecisionCost, realizedDecisionCost } from './decision-cost.js';
export { ks, type KsResult } from './ks.js';
export { brierScore, logLoss } from './probability-scores.js';
export { psi, psiBand, type PsiBand } from './psi.js';
export {
  binFrequencies,
  binIndex,
  categoryFrequencies,
  quantileEdges,
  type CategoryFrequencies,
} from './quantiles.js';
export { rocCurve, type RocPoint } from './roc.js';
