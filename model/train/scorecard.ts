/** The champion learner: an L2 logistic-regression scorecard whose penalty is chosen by cross-validation. */
import { logLoss } from '../stats/index.js';
import { designMatrix, fitDesign } from './design.js';
import { labelsOf, outOfFold, type Learner } from './learner.js';
import { fitLogistic } from './logistic.js';
import { seededRandom } from './random.js';
import type { LogisticModel } from './types.js';

export interface ScorecardOptions {
  /** Candidate L2 penalties (summed log-loss scale), tried in this order. */
  readonly lambdas: readonly number[];
  /** Folds of the inner cross-validation that picks λ. */
  readonly folds: number;
}

export const SCORECARD_DEFAULTS: ScorecardOptions = {
  lambdas: [0.1, 0.3, 1, 3, 10, 30, 100],
  folds: 5,
};

/** Fits the scorecard at a fixed λ on the given rows: one-hot categoricals, standardised numerics. */
export function fixedScorecard(lambda: number): Learner<LogisticModel> {
  return (data, rows) => {
    const design = fitDesign(data.features, data.records, rows, { standardize: true });
    const fit = fitLogistic(designMatrix(design, data.records, rows), labelsOf(data, rows), {
      lambda,
    });
    return {
      model: { kind: 'logistic', design, coefficients: fit.coefficients, intercept: fit.intercept },
      diagnostics: {
        lambda,
        iterations: fit.iterations,
        gradient_norm: fit.gradientNorm,
        objective: fit.objective,
      },
    };
  };
}

/**
 * Chooses λ by the cross-validated log-loss of the training rows only (smallest wins; ties keep the
 * earlier, smaller penalty), then refits on all of them.
 */
export function scorecardLearner(
  options: ScorecardOptions = SCORECARD_DEFAULTS,
): Learner<LogisticModel> {
  return (data, rows, random) => {
    const labels = labelsOf(data, rows);
    // the same folds for every candidate, so the comparison is paired
    const foldSeed = Math.floor(random() * 4294967296);
    const losses = options.lambdas.map((lambda) => {
      const oof = outOfFold(
        fixedScorecard(lambda),
        data,
        rows,
        options.folds,
        seededRandom(foldSeed),
      );
      return logLoss(oof, labels);
    });
    const best = losses.indexOf(Math.min(...losses));
    const lambda = options.lambdas[best] as number;
    const trained = fixedScorecard(lambda)(data, rows, random);
    return {
      model: trained.model,
      diagnostics: {
        ...trained.diagnostics,
        cv_log_loss: options.lambdas.map((l, i) => ({ lambda: l, log_loss: losses[i] })),
      },
    };
  };
}
