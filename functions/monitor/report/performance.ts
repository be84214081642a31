/**
 * Realized performance on matured outcomes: predictions whose applicant's outcome is known,
 * scored against it (AUC, Gini, KS, Brier, log loss, 10-bin calibration, ROC), bad rate by the
 * decision taken, and a per-bucket series by prediction time (cohorts).
 */
import { auc, binaryMetrics } from '../../../model/stats/index.js';
import { share } from './feature-values.js';
import { outcomeLabel, type DecisionRule, type PredictionRow } from './rows.js';
import type { Performance } from './schema.js';

/** Scores and 0/1 labels of the rows whose outcome is one of the target's classes. */
export function matured(rows: readonly PredictionRow[], rule: DecisionRule) {
  const kept: PredictionRow[] = [];
  const labels: number[] = [];
  let unrecognised = 0;
  for (const row of rows) {
    const label = outcomeLabel(row.outcome, rule);
    if (label === undefined) {
      if (row.outcome !== null) unrecognised++;
      continue;
    }
    kept.push(row);
    labels.push(label);
  }
  return { rows: kept, scores: kept.map((r) => r.probability), labels, unrecognised };
}

/**
 * Why rank statistics cannot be computed on these labels, or null when they can: too few
 * outcomes, or only one class among them.
 */
export function insufficiency(
  labels: readonly number[],
  minOutcomes: number,
  rule: DecisionRule,
): string | null {
  if (labels.length < minOutcomes)
    return `${labels.length} matured outcomes; at least ${minOutcomes} are needed`;
  const positives = labels.filter((l) => l === 1).length;
  if (positives === 0 || positives === labels.length)
    return `every matured outcome is '${String(positives === 0 ? rule.negativeClass : rule.positiveClass)}'; AUC needs both classes`;
  return null;
}

/** AUC when there are enough outcomes of both classes, else null. */
export function aucOrNull(
  scores: readonly number[],
  labels: readonly number[],
  minOutcomes: number,
  rule: DecisionRule,
): number | null {
  return insufficiency(labels, minOutcomes, rule) === null ? auc(scores, labels) : null;
}

function byDecision(
  rows: readonly PredictionRow[],
  rule: DecisionRule,
): Performance['by_decision'] {
  const groups = new Map<string, { predictions: number; matured: number; bad: number }>();
  for (const row of rows) {
    const group = groups.get(row.decision) ?? { predictions: 0, matured: 0, bad: 0 };
    groups.set(row.decision, group);
    group.predictions++;
    const label = outcomeLabel(row.outcome, rule);
    if (label !== undefined) {
      group.matured++;
      group.bad += label;
    }
  }
  return [...groups]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([decision, g]) => ({ decision, ...g, bad_rate: share(g.bad, g.matured) }));
}

const EMPTY = {
  auc: null,
  gini: null,
  ks: null,
  ks_threshold: null,
  brier: null,
  log_loss: null,
  calibration: [],
  roc: [],
};

/** The performance section; figures are null with a `reason` when outcomes are too few or one-sided. */
export function performanceReport(
  rows: readonly PredictionRow[],
  groups: readonly PredictionRow[][],
  starts: readonly Date[],
  rule: DecisionRule & { readonly threshold: number },
  minOutcomes: number,
): Performance {
  const m = matured(rows, rule);
  const reason = insufficiency(m.labels, minOutcomes, rule);
  const costs = { false_negative: 0, false_positive: 0 };
  const metrics =
    reason === null ? binaryMetrics(m.scores, m.labels, rule.threshold, costs) : undefined;
  return {
    matured: m.labels.length,
    positives: m.labels.filter((l) => l === 1).length,
    min_outcomes: minOutcomes,
    unrecognised_outcomes: m.unrecognised,
    reason,
    ...(metrics
      ? {
          auc: metrics.auc,
          gini: metrics.gini,
          ks: metrics.ks,
          ks_threshold: metrics.ks_threshold,
          brier: metrics.brier,
          log_loss: metrics.log_loss,
          calibration: metrics.calibration,
          roc: metrics.roc,
        }
      : EMPTY),
    by_decision: byDecision(rows, rule),
    series: groups.map((group, i) => {
      const g = matured(group, rule);
      const bad = g.labels.filter((l) => l === 1).length;
      return {
        start: starts[i]?.toISOString() ?? '',
        matured: g.labels.length,
        bad,
        bad_rate: share(bad, g.labels.length),
        auc: aucOrNull(g.scores, g.labels, minOutcomes, rule),
      };
    }),
  };
}
