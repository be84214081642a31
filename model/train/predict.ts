/** Margins and probabilities of a fitted model on raw records, as the trainer computes them (float64). */
import type { FeatureRecord } from '../features.js';
import { designMatrix } from './design.js';
import { boostingMargins } from './gbdt.js';
import { logisticMargins } from './logistic.js';
import { sigmoid } from './matrix.js';
import type { FittedModel } from './types.js';

/** Log-odds of the positive class for the given rows of `records`, in that order. */
export function predictMargins(
  model: FittedModel,
  records: readonly FeatureRecord[],
  rows: readonly number[],
): Float64Array {
  const x = designMatrix(model.design, records, rows);
  return model.kind === 'logistic' ? logisticMargins(x, model) : boostingMargins(x, model);
}

/** Probability of the positive class for the given rows, in that order. */
export function predictProbabilities(
  model: FittedModel,
  records: readonly FeatureRecord[],
  rows: readonly number[],
): Float64Array {
  return predictMargins(model, records, rows).map(sigmoid);
}
