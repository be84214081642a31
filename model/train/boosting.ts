/** The challenger learner: gradient-boosted trees, their number chosen by early stopping on an inner split. */
import { designMatrix, fitDesign } from './design.js';
import { fitBoosting, type BoostingOptions } from './gbdt.js';
import { labelsOf, type Learner } from './learner.js';
import { stratifiedSplit } from './split.js';
import type { TreeEnsembleModel } from './types.js';

export interface BoostingLearnerOptions extends BoostingOptions {
  /** Share of the training rows held out to decide when to stop adding trees. */
  readonly validationFraction: number;
}

export const BOOSTING_DEFAULTS: BoostingLearnerOptions = {
  maxTrees: 1000,
  maxDepth: 3,
  learningRate: 0.05,
  subsample: 0.8,
  lambda: 1,
  minChildWeight: 1,
  minSamplesLeaf: 5,
  patience: 50,
  validationFraction: 0.2,
};

/**
 * Early stopping on a stratified inner split of the training rows picks the number of trees; the
 * ensemble is then refitted with that many trees on all training rows. Trees see unscaled numerics
 * and one-hot categoricals.
 */
export function boostingLearner(
  options: BoostingLearnerOptions = BOOSTING_DEFAULTS,
): Learner<TreeEnsembleModel> {
  return (data, rows, random) => {
    const design = fitDesign(data.features, data.records, rows, { standardize: false });
    const inner = stratifiedSplit(labelsOf(data, rows), options.validationFraction, random);
    const pick = (idx: readonly number[]) => idx.map((i) => rows[i] as number);
    const labelled = (r: readonly number[]) => ({
      x: designMatrix(design, data.records, r),
      y: labelsOf(data, r),
    });
    const search = fitBoosting(
      labelled(pick(inner.train)),
      options,
      random,
      labelled(pick(inner.test)),
    );
    const nTrees = search.trees.length;
    const fit = fitBoosting(labelled(rows), { ...options, maxTrees: nTrees }, random);
    return {
      model: { kind: 'trees', design, trees: fit.trees, baseScore: fit.baseScore },
      diagnostics: {
        trees: nTrees,
        rounds_searched: search.validationLoss.length,
        best_validation_log_loss: search.validationLoss[nTrees - 1],
      },
    };
  };
}
