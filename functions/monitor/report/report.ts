/**
 * The monitor report for one model version, arm and time window, assembled from plain rows and
 * the model's manifest (reference distributions, threshold, cost matrix, target): drift,
 * realized performance, business impact and champion vs challenger. Pure: no SQL, no clock.
 */
import type { Manifest } from '../../../model/manifest/schema.js';
import type { Arm } from '../../events/contract.js';
import { bucketStarts, groupByBucket, type BucketSize } from './buckets.js';
import { canaryComparison, shadowComparisons } from './comparison.js';
import { driftReport } from './drift.js';
import { impactReport } from './impact.js';
import { matured, performanceReport } from './performance.js';
import type { DecisionRule, ModelId, PredictionRow, ShadowRow } from './rows.js';
import type { MonitorReport } from './schema.js';

/** Fewer matured outcomes than this and AUC, KS and calibration are reported as null. */
export const MIN_OUTCOMES = 30;

export interface ReportInput {
  readonly manifest: Manifest;
  readonly arm: Arm;
  /** Inclusive start and exclusive end of the prediction times the rows were selected by. */
  readonly from: Date;
  readonly to: Date;
  readonly bucket: BucketSize;
  /** The model version's rows of `arm` in the window, each with its latest outcome. */
  readonly rows: readonly PredictionRow[];
  /** Shadow scores of those rows (arm=champion only). */
  readonly shadows: readonly ShadowRow[];
  /** Canary rows of every model in the window (arm=champion only). */
  readonly canaries: readonly PredictionRow[];
  /** Decision rules of other models (challengers); defaults to this manifest's rule. */
  readonly ruleFor?: (model: ModelId) => DecisionRule | undefined;
  readonly minOutcomes?: number;
  readonly generatedAt: Date;
}

/**
 * What a manifest says about outcomes and decisions: its positive class (e.g. 'bad') and the
 * other one, and `decision.below` as the approval (scorefn models score the adverse class, so a
 * score below the threshold approves).
 */
export function decisionRule(manifest: Manifest): DecisionRule & { readonly threshold: number } {
  const positive = manifest.target.positive_class;
  const negative = manifest.target.classes.find((c) => String(c) !== String(positive)) ?? '';
  return {
    positiveClass: positive,
    negativeClass: negative,
    approve: manifest.decision.below,
    threshold: manifest.decision.threshold,
  };
}

function buckets(starts: readonly Date[], groups: readonly PredictionRow[][], rule: DecisionRule) {
  return starts.map((start, i) => ({
    start: start.toISOString(),
    predictions: groups[i]?.length ?? 0,
    matured: matured(groups[i] ?? [], rule).labels.length,
  }));
}

/** Builds the report; every series has one point per bucket of the window. */
export function buildReport(input: ReportInput): MonitorReport {
  const { manifest, rows } = input;
  const rule = decisionRule(manifest);
  const minOutcomes = input.minOutcomes ?? MIN_OUTCOMES;
  const costs = manifest.decision.cost_matrix;
  const starts = bucketStarts(input.from, input.to, input.bucket);
  const groups = groupByBucket(rows, starts, input.bucket);
  const m = matured(rows, rule);
  const ctx = {
    champion: rule,
    ruleFor: (model: ModelId) => input.ruleFor?.(model) ?? rule,
    costs,
    minOutcomes,
    starts,
    bucket: input.bucket,
  };
  return {
    model: { name: manifest.name, version: manifest.version },
    arm: input.arm,
    window: { from: input.from.toISOString(), to: input.to.toISOString(), bucket: input.bucket },
    generated_at: input.generatedAt.toISOString(),
    totals: {
      predictions: rows.length,
      matured: m.labels.length,
      without_applicant_key: rows.filter((r) => r.applicantKey === null).length,
      unrecognised_outcomes: m.unrecognised,
    },
    buckets: buckets(starts, groups, rule),
    drift: driftReport(manifest.features, manifest.reference, rows, groups, starts),
    performance: performanceReport(rows, groups, starts, rule, minOutcomes),
    impact: impactReport(rows, groups, starts, rule, costs),
    comparison:
      input.arm === 'champion'
        ? {
            shadow: shadowComparisons(rows, input.shadows, ctx),
            canary: canaryComparison(rows, input.canaries, ctx),
          }
        : null,
  };
}
