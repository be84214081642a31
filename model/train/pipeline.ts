/**
 * The training pipeline for one data set: a seeded stratified holdout split, then for each learner
 * a fit on the training split, out-of-fold predictions of the whole learner on the training split
 * (for the decision threshold, never touching the holdout), and predictions on both splits.
 */
import type { Dataset } from '../features.js';
import { chooseThreshold, type CostMatrix, type ThresholdChoice } from '../stats/index.js';
import { childRandom, labelsOf, outOfFold, type Learner, type Trained } from './learner.js';
import { predictProbabilities } from './predict.js';
import { seededRandom } from './random.js';
import { stratifiedSplit, type Split } from './split.js';

export interface PipelineOptions {
  readonly seed: number;
  /** Share of rows held out for the final evaluation (stratified). */
  readonly testFraction: number;
  /** Folds of the cross-validation that yields out-of-fold predictions for the threshold. */
  readonly folds: number;
  readonly costs: CostMatrix;
}

export interface LearnerRun {
  readonly trained: Trained;
  /** Out-of-fold probabilities, aligned with `split.train`. */
  readonly outOfFold: Float64Array;
  readonly threshold: ThresholdChoice;
  /** In-sample probabilities, aligned with `split.train`. */
  readonly train: Float64Array;
  /** Holdout probabilities, aligned with `split.test`. */
  readonly holdout: Float64Array;
}

/** The holdout split of a run, reproducible from the options alone (it is the seed's first use). */
export function holdoutSplit(
  target: ArrayLike<number>,
  options: Pick<PipelineOptions, 'seed' | 'testFraction'>,
) {
  const random = seededRandom(options.seed);
  return { split: stratifiedSplit(target, options.testFraction, random), random };
}

/** Splits once, then runs every learner on the same split, each from its own seeded stream. */
export function runPipeline<K extends string>(
  data: Dataset,
  learners: Readonly<Record<K, Learner>>,
  options: PipelineOptions,
): { split: Split; runs: Record<K, LearnerRun> } {
  const { split, random } = holdoutSplit(data.target, options);
  const labels = labelsOf(data, split.train);
  const runs = {} as Record<K, LearnerRun>;
  for (const name of Object.keys(learners).sort() as K[]) {
    const learner = learners[name];
    const stream = childRandom(random);
    const trained = learner(data, split.train, childRandom(stream));
    const oof = outOfFold(learner, data, split.train, options.folds, childRandom(stream));
    runs[name] = {
      trained,
      outOfFold: oof,
      threshold: chooseThreshold(oof, labels, options.costs),
      train: predictProbabilities(trained.model, data.records, split.train),
      holdout: predictProbabilities(trained.model, data.records, split.test),
    };
  }
  return { split, runs };
}
