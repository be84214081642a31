/** Reads the evaluation blocks of a manifest's `metrics` (typed `unknown` there) into typed metric sets. */
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

const Count = Type.Integer({ minimum: 0 });

const MetricSetSchema = Type.Object({
  rows: Count,
  positives: Count,
  auc: Type.Number(),
  gini: Type.Number(),
  ks: Type.Number(),
  ks_threshold: Type.Optional(Type.Number()),
  brier: Type.Number(),
  log_loss: Type.Number(),
  calibration: Type.Optional(
    Type.Array(
      Type.Object({
        lower: Type.Number(),
        upper: Type.Number(),
        count: Count,
        mean_predicted: Type.Number(),
        observed_rate: Type.Number(),
      }),
    ),
  ),
  roc: Type.Optional(
    Type.Array(Type.Object({ fpr: Type.Number(), tpr: Type.Number(), threshold: Type.Number() })),
  ),
  threshold: Type.Optional(Type.Number()),
  confusion: Type.Optional(
    Type.Object({
      true_positive: Count,
      false_positive: Count,
      true_negative: Count,
      false_negative: Count,
    }),
  ),
  cost: Type.Optional(
    Type.Object({ total: Type.Number(), per_applicant: Type.Number(), per_1000: Type.Number() }),
  ),
});

/** One evaluation block (`model/stats` `BinaryMetrics`), with what a page can do without optional. */
export type MetricValues = Static<typeof MetricSetSchema>;

/** A named evaluation block: `key` as in the manifest, `title` for people. */
export interface MetricSet {
  readonly key: string;
  readonly title: string;
  readonly values: MetricValues;
}

const TITLES: Readonly<Record<string, string>> = {
  holdout: 'Holdout',
  out_of_fold: 'Out-of-fold',
  sample: 'Sample',
};
const ORDER = ['holdout', 'out_of_fold', 'sample'];

function rank(key: string): number {
  const i = ORDER.indexOf(key);
  return i < 0 ? ORDER.length : i;
}

function titleOf(key: string): string {
  const text = TITLES[key] ?? key.replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The evaluation blocks of `metrics` that have at least the headline statistics, holdout first,
 * then out-of-fold, then `sample` (written by `scorefn manifest`), then any other in key order.
 * Blocks of another shape are skipped, so a foreign or partial manifest still renders.
 */
export function metricSets(metrics: Readonly<Record<string, unknown>>): MetricSet[] {
  return Object.keys(metrics)
    .sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0))
    .flatMap((key) => {
      const values = metrics[key];
      return Value.Check(MetricSetSchema, values) ? [{ key, title: titleOf(key), values }] : [];
    });
}
