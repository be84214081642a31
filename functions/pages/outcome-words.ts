/** The words a page uses for a binary model's classes and decisions, and rates read off a confusion matrix. */
import type { Manifest } from '../../model/manifest/schema.js';

/** Class and decision names as the manifest spells them ("bad"/"good", "decline"/"approve"). */
export interface OutcomeWords {
  readonly positive: string;
  readonly negative: string;
  /** Decision when P(positive) >= threshold. */
  readonly flag: string;
  /** Decision below the threshold. */
  readonly pass: string;
}

export function outcomeWords(m: Manifest): OutcomeWords {
  const positive = String(m.target.positive_class);
  const other = m.target.classes.find((c) => String(c) !== positive);
  return {
    positive,
    negative: other === undefined ? `not ${positive}` : String(other),
    flag: m.decision.at_or_above,
    pass: m.decision.below,
  };
}

/** A confusion matrix at the decision threshold; positive = flagged (declined). */
export interface ConfusionCounts {
  readonly true_positive: number;
  readonly false_positive: number;
  readonly true_negative: number;
  readonly false_negative: number;
}

/** The shares a credit officer asks about, each undefined when its denominator is zero. */
export interface DecisionRates {
  /** Share of all cases that pass (e.g. the approval rate). */
  readonly passRate: number | undefined;
  /** Share of positives among the cases that pass (e.g. bad rate among approved). */
  readonly positiveRateAmongPassed: number | undefined;
  /** Share of positives flagged (true-positive rate, recall). */
  readonly positivesFlagged: number | undefined;
  /** Share of negatives flagged (false-positive rate). */
  readonly negativesFlagged: number | undefined;
}

function share(part: number, whole: number): number | undefined {
  return whole === 0 ? undefined : part / whole;
}

export function decisionRates(c: ConfusionCounts): DecisionRates {
  const passed = c.true_negative + c.false_negative;
  const total = passed + c.true_positive + c.false_positive;
  return {
    passRate: share(passed, total),
    positiveRateAmongPassed: share(c.false_negative, passed),
    positivesFlagged: share(c.true_positive, c.true_positive + c.false_negative),
    negativesFlagged: share(c.false_positive, c.false_positive + c.true_negative),
  };
}
