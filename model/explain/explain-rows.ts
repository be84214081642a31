/** Turns design vectors into explanations: contributions per feature, checked against ONNX Runtime's probability. */
import type { Feature, FeatureRecord } from '../features.js';
import { ModelError } from '../runtime/errors.js';
import { sigmoid } from '../train/matrix.js';
import type { ColumnMap } from './attribution.js';
import type { ExplainedOutput } from './classifier.js';
import type { DesignBatch } from './design-session.js';
import { adverseReasons, rankContributions, type Contribution, type Reason } from './reasons.js';
import type { Scorer } from './scorers.js';

/** How far the explained probability may differ from ONNX Runtime's (float32) before we refuse. */
const PROBABILITY_TOLERANCE = 1e-4;

/**
 * One record's score and its exact additive explanation: `base_value + Σ contributions = margin`.
 * `margin` is the positive class's log-odds when `output` is `log_odds` (probability_bad =
 * σ(margin)), and its probability when `output` is `probability` (trees without a transform).
 */
export interface Explanation {
  /** ONNX Runtime's probability of the adverse (positive) class, as `predict` returns it. */
  readonly probability_bad: number;
  readonly margin: number;
  /** The expected margin over the background (training split or sample). */
  readonly base_value: number;
  readonly output: ExplainedOutput;
  /** Every feature, largest |contribution| first, ties in manifest order. */
  readonly contributions: readonly Contribution[];
  /** Up to four features with the largest positive contributions, in plain words. */
  readonly reasons: readonly Reason[];
}

/** What explaining needs, prepared once per model. */
export interface ExplainCore {
  readonly features: readonly Feature[];
  readonly columns: ColumnMap;
  readonly scorer: Scorer;
  readonly output: ExplainedOutput;
}

function incompatible(message: string): never {
  throw new ModelError('incompatible_model', message);
}

/** Sums column contributions per feature; a column owned by no feature must be at its constant and add 0. */
function perFeature(core: ExplainCore, x: Float64Array, phi: Float64Array): Float64Array {
  const sums = new Float64Array(core.features.length);
  const { owner, base } = core.columns;
  for (let c = 0; c < x.length; c++) {
    const j = owner[c] as number;
    if (j >= 0) sums[j] = (sums[j] as number) + (phi[c] as number);
    else if (x[c] !== base[c] || Math.abs(phi[c] as number) > 1e-12)
      incompatible(
        `design column ${c} was constant (${base[c] ?? NaN}) on every probe but is ${x[c] ?? NaN} here, contributing ${phi[c] ?? NaN}: it cannot be attributed to a feature`,
      );
  }
  return sums;
}

function explainRow(
  core: ExplainCore,
  record: FeatureRecord,
  x: Float64Array,
  probability: number,
): Explanation {
  const phi = new Float64Array(x.length);
  const margin = core.scorer.explain(x, phi);
  const explained = core.output === 'log_odds' ? sigmoid(margin) : margin;
  if (!(Math.abs(explained - probability) <= PROBABILITY_TOLERANCE))
    incompatible(
      `the explanation gives P = ${explained} where ONNX Runtime gives ${probability}: the classifier is not read as ONNX Runtime runs it`,
    );
  const sums = perFeature(core, x, phi);
  return {
    probability_bad: probability,
    margin,
    base_value: core.scorer.base,
    output: core.output,
    contributions: rankContributions(core.features, record, sums),
    reasons: adverseReasons(core.features, record, sums),
  };
}

/** Explains each record from its design vector in `batch` (row i belongs to records[i]). */
export function explainRows(
  core: ExplainCore,
  records: readonly FeatureRecord[],
  batch: DesignBatch,
): Explanation[] {
  if (batch.rows !== records.length || batch.width !== core.columns.owner.length)
    incompatible(
      `ONNX Runtime returned ${batch.rows}×${batch.width} design values for ${records.length} records`,
    );
  return records.map((record, i) =>
    explainRow(
      core,
      record,
      batch.design.subarray(i * batch.width, (i + 1) * batch.width),
      batch.probability[i] as number,
    ),
  );
}
