/** The two bundled credit-risk models: what they are, how they are trained, and what their card says. */
import { BOOSTING_DEFAULTS, boostingLearner } from './boosting.js';
import type { Learner } from './learner.js';
import { SCORECARD_DEFAULTS, scorecardLearner } from './scorecard.js';

export interface ModelSpec {
  readonly name: string;
  readonly version: string;
  readonly algorithm: string;
  readonly description: string;
  readonly learner: Learner;
  readonly hyperparameters: Readonly<Record<string, unknown>>;
  readonly card: Readonly<Record<string, string | readonly string[]>>;
}

/** Bump when the artifacts' layout or the training procedure changes meaning. */
export const TRAINER_VERSION = 'scorefn-trainer 1';

export const TRAINING = { seed: 42, testFraction: 0.2, folds: 5 } as const;

const SHARED_CARD = {
  intended_use:
    'Estimate the probability that a consumer-credit applicant will not repay as agreed ("bad"), to support an approve/decline decision reviewed by a credit officer. The decision threshold minimises expected cost when approving a bad applicant costs five times as much as declining a good one.',
  users:
    'Credit officers and automated pre-screening in a retail lender; model-risk and monitoring teams.',
  out_of_scope: [
    'Applicants or products unlike the training data (business loans, mortgages, other countries or decades).',
    'Pricing, limits or collections: the model was only trained to separate good from bad outcomes.',
    'Fully automated refusals without human review or the adverse-action reasons the law requires.',
  ],
  data: 'Statlog German Credit data (Hofmann, UCI, CC BY 4.0): 1,000 applicants, 20 attributes, 30% bad. Seeded stratified 80/20 split: 800 rows train, 200 rows holdout.',
  limitations: [
    'Small, old sample from one German bank: holdout metrics carry about ±0.03 AUC of sampling noise.',
    'personal_status mixes sex and marital status, and foreign_worker and age are protected or sensitive in many jurisdictions: review for fair-lending compliance before use; consider removing them.',
    'The sample reflects past approval decisions (applicants refused at the time have no outcome), so it under-represents the riskiest applicants.',
    "Probabilities are calibrated to the sample's 30% bad rate, which is likely far above a real portfolio's (bad loans are reported to have been over-sampled): recalibrate the intercept and threshold to the portfolio's bad rate before use.",
  ],
} as const;

export const CREDIT_MODELS: readonly ModelSpec[] = [
  {
    name: 'credit-scorecard',
    version: '1.0.0',
    algorithm: 'logistic_regression',
    description:
      'Champion: L2-penalised logistic-regression scorecard on one-hot categoricals and standardised numerics, fitted by Newton/IRLS.',
    learner: scorecardLearner(SCORECARD_DEFAULTS),
    hyperparameters: {
      ...SCORECARD_DEFAULTS,
      selection: 'cross-validated log-loss on the training split',
    },
    card: { ...SHARED_CARD, role: 'champion' },
  },
  {
    name: 'credit-gbdt',
    version: '1.0.0',
    algorithm: 'gradient_boosted_trees',
    description:
      'Challenger: gradient-boosted depth-3 regression trees for binary log-loss with shrinkage and row subsampling; the number of trees chosen by early stopping on an inner validation split.',
    learner: boostingLearner(BOOSTING_DEFAULTS),
    hyperparameters: { ...BOOSTING_DEFAULTS },
    card: { ...SHARED_CARD, role: 'challenger' },
  },
];
