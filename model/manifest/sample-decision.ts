/**
 * The decision block of a manifest made from a sample: with a target column, the cost-minimising
 * threshold on the model's own scores of the sample and the metrics there; without one, a fixed
 * threshold and no metrics.
 */
import { binaryMetrics, chooseThreshold, type BinaryMetrics } from '../stats/index.js';
import { escapePointer } from '../runtime/contract.js';
import { ModelError, type FieldError } from '../runtime/errors.js';
import { columnValues, type SampleTable } from './sample-csv.js';
import type { CostMatrix, Manifest } from './schema.js';

/** Decision at P(positive) >= threshold, and below it (the runtime's `decision` field). */
export const DECISIONS = { at_or_above: 'decline', below: 'approve' } as const;

/** Cost matrix used when none is given: both errors cost the same. */
export const EQUAL_COSTS: CostMatrix = { false_negative: 1, false_positive: 1 };

/**
 * 1 where the target cell names the positive class, 0 where it names the other class (labels
 * compared as text, so `1` in the CSV matches the int64 class 1). Throws `invalid_input` listing
 * every other cell, or when the sample holds only one of the classes.
 */
export function sampleLabels(
  sample: SampleTable,
  target: string,
  classes: readonly [string | number, string | number],
  positive: string | number,
): Uint8Array {
  const negative = String(classes[0]) === String(positive) ? classes[1] : classes[0];
  const errors: FieldError[] = [];
  const labels = Uint8Array.from(columnValues(sample, target), (cell, i) => {
    if (cell === String(positive)) return 1;
    if (cell !== String(negative))
      errors.push({
        pointer: `/${i}/${escapePointer(target)}`,
        message: `'${cell}' (CSV line ${i + 2}) is neither class ${String(classes[0])} nor ${String(classes[1])}`,
        keyword: 'enum',
      });
    return 0;
  });
  if (errors.length > 0)
    throw new ModelError(
      'invalid_input',
      `${sample.file}: ${errors.length} target value(s) are not the model's classes`,
      { details: errors },
    );
  const positives = labels.reduce((a, b) => a + b, 0);
  if (positives === 0 || positives === labels.length)
    throw new ModelError(
      'invalid_input',
      `${sample.file}: the target column '${target}' holds only one class; metrics and a threshold need both`,
    );
  return labels;
}

export interface SampleDecision {
  readonly decision: Manifest['decision'];
  readonly metrics: { readonly sample?: BinaryMetrics };
}

export interface DecisionOptions {
  /** Fixes the threshold; otherwise it is chosen on the sample when labels exist, else 0.5. */
  readonly threshold?: number;
  readonly costs?: CostMatrix;
  readonly sampleFile: string;
}

/** Threshold, its provenance (`chosen_by`) and, with labels, `metrics.sample` at that threshold. */
export function decideOnSample(
  scores: Float64Array,
  labels: Uint8Array | undefined,
  options: DecisionOptions,
): SampleDecision {
  const costs = options.costs ?? EQUAL_COSTS;
  const rows = `${options.sampleFile} (${scores.length} rows)`;
  let threshold: number;
  let chosenBy: string;
  if (options.threshold !== undefined) {
    threshold = options.threshold;
    chosenBy = 'given explicitly when the manifest was created';
  } else if (labels) {
    // "decline nobody" above a score of exactly 1 (or everybody below 0) is a threshold outside
    // [0, 1]; the nearest valid one declines the same rows except those scoring exactly 1
    threshold = Math.min(1, Math.max(0, chooseThreshold(scores, labels, costs).threshold));
    chosenBy = `minimum expected cost (false_negative ${costs.false_negative}, false_positive ${costs.false_positive}) on the model's own scores of the sample ${rows}`;
  } else {
    threshold = 0.5;
    chosenBy = `default 0.5: the sample ${rows} has no target column to choose a threshold on`;
  }
  const decision = { threshold, ...DECISIONS, cost_matrix: { ...costs }, chosen_by: chosenBy };
  return {
    decision,
    metrics: labels ? { sample: binaryMetrics(scores, labels, threshold, costs) } : {},
  };
}
