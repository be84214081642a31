/** A learner is a complete fitting procedure (tuning included), so it can be cross-validated as a whole. */
import type { Dataset } from '../features.js';
import { predictProbabilities } from './predict.js';
import { seededRandom, type Random } from './random.js';
import { stratifiedFolds } from './split.js';
import type { FittedModel } from './types.js';

export interface Trained<M extends FittedModel = FittedModel> {
  readonly model: M;
  /** What the fit reports about itself (iterations, gradient norm, chosen hyper-parameters...). */
  readonly diagnostics: Readonly<Record<string, unknown>>;
}

/** Fits on the given training rows of the data set; may use `random` for its own splits. */
export type Learner<M extends FittedModel = FittedModel> = (
  data: Dataset,
  rows: readonly number[],
  random: Random,
) => Trained<M>;

/** A child generator drawn from a parent, so each fold gets its own reproducible stream. */
export function childRandom(random: Random): Random {
  return seededRandom(Math.floor(random() * 4294967296));
}

/**
 * Out-of-fold probabilities for `rows` by stratified k-fold cross-validation of the whole learner:
 * result[i] is the probability for rows[i] from the model fitted without that row's fold.
 */
export function outOfFold(
  learner: Learner,
  data: Dataset,
  rows: readonly number[],
  k: number,
  random: Random,
): Float64Array {
  const position = new Map(rows.map((row, i) => [row, i]));
  const result = new Float64Array(rows.length);
  for (const fold of stratifiedFolds(rows, data.target, k, random)) {
    const { model } = learner(data, fold.train, childRandom(random));
    const p = predictProbabilities(model, data.records, fold.test);
    fold.test.forEach((row, i) => {
      result[position.get(row) as number] = p[i] as number;
    });
  }
  return result;
}

/** The target values of the given rows, in that order. */
export function labelsOf(data: Dataset, rows: readonly number[]): Uint8Array {
  return Uint8Array.from(rows, (row) => data.target[row] as number);
}
