/**
 * The rows reports are computed from, as plain data (no SQL here): logged predictions, each with
 * the latest outcome observed for its applicant, and shadow scores paired to them.
 */
import type { Arm } from '../../events/contract.js';

export interface ModelId {
  readonly name: string;
  readonly version: string;
}

/** One logged prediction and, once matured, what became of the applicant. */
export interface PredictionRow {
  readonly time: Date;
  readonly requestId: string;
  readonly row: number;
  readonly functionName: string;
  readonly applicantKey: string | null;
  readonly model: ModelId;
  readonly arm: Arm;
  readonly probability: number;
  readonly decision: string;
  readonly features: Readonly<Record<string, unknown>>;
  /** The latest outcome observed for the applicant key (null: not matured yet, or no key). */
  readonly outcome: string | null;
}

/** A shadow (challenger) score of the same record of the same request. */
export interface ShadowRow {
  readonly requestId: string;
  readonly row: number;
  readonly functionName: string;
  readonly model: ModelId;
  readonly probability: number;
  readonly decision: string;
}

/** The key pairing the arms of one record: the request id alone could be reused by a client. */
export const pairKey = (r: {
  readonly requestId: string;
  readonly row: number;
  readonly functionName: string;
}): string => `${r.functionName}\n${r.requestId}\n${r.row}`;

/** What a model's manifest says about labels and decisions. */
export interface DecisionRule {
  /** The class counted as 1 (e.g. 'bad'), and the other one. */
  readonly positiveClass: string | number;
  readonly negativeClass: string | number;
  /** The decision word for an approval (the manifest's `decision.below`). */
  readonly approve: string;
}

/**
 * An outcome as a label: 1 for the positive class, 0 for the other class, undefined for anything
 * else (an outcome the model's target does not know is reported, never guessed).
 */
export function outcomeLabel(outcome: string | null, rule: DecisionRule): 0 | 1 | undefined {
  if (outcome === null) return undefined;
  if (outcome === String(rule.positiveClass)) return 1;
  if (outcome === String(rule.negativeClass)) return 0;
  return undefined;
}

/** Whether a decision taken was an approval; anything else (decline, refer, ...) counts as not approved. */
export const approved = (decision: string, rule: DecisionRule): boolean =>
  decision === rule.approve;
