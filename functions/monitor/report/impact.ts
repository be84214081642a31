/**
 * Business impact with the manifest's cost matrix: approval rate, bad rate among approved, and
 * cost per 1,000 applications, expected (from the predicted probabilities at the decisions taken)
 * and realized (on matured outcomes), overall and per bucket.
 */
import type { CostMatrix } from '../../../model/stats/index.js';
import { expectedDecisionCost, realizedDecisionCost } from '../../../model/stats/index.js';
import { share } from './feature-values.js';
import { matured } from './performance.js';
import { approved, type DecisionRule, type PredictionRow } from './rows.js';
import type { Impact } from './schema.js';

/** Approval, bad rate among approved, expected and realized cost of the decisions taken by `rows`. */
export function decisionFigures(
  rows: readonly PredictionRow[],
  rule: DecisionRule,
  costs: CostMatrix,
) {
  const declined = rows.map((r) => !approved(r.decision, rule));
  const approvedCount = declined.filter((d) => !d).length;
  const m = matured(rows, rule);
  const maturedDeclined = m.rows.map((r) => !approved(r.decision, rule));
  const maturedApproved = maturedDeclined.filter((d) => !d).length;
  const badApproved = m.labels.filter((l, i) => l === 1 && !maturedDeclined[i]).length;
  const hasRows = rows.length > 0;
  const hasMatured = m.labels.length > 0;
  return {
    predictions: rows.length,
    approved: approvedCount,
    matured: m.labels.length,
    matured_approved: maturedApproved,
    bad_among_approved: badApproved,
    approval_rate: share(approvedCount, rows.length),
    expected_cost_per_1000: hasRows
      ? expectedDecisionCost(
          rows.map((r) => r.probability),
          declined,
          costs,
        ).per_1000
      : null,
    bad_rate_among_approved: share(badApproved, maturedApproved),
    realized_cost_per_1000: hasMatured
      ? realizedDecisionCost(maturedDeclined, m.labels, costs).per_1000
      : null,
    expected_cost_per_1000_matured: hasMatured
      ? expectedDecisionCost(m.scores, maturedDeclined, costs).per_1000
      : null,
  };
}

/** The impact section over the rows of the window and of each bucket. */
export function impactReport(
  rows: readonly PredictionRow[],
  groups: readonly PredictionRow[][],
  starts: readonly Date[],
  rule: DecisionRule,
  costs: CostMatrix,
): Impact {
  return {
    cost_matrix: { false_negative: costs.false_negative, false_positive: costs.false_positive },
    approve_decision: rule.approve,
    ...decisionFigures(rows, rule, costs),
    series: groups.map((group, i) => {
      const f = decisionFigures(group, rule, costs);
      return {
        start: starts[i]?.toISOString() ?? '',
        predictions: f.predictions,
        matured: f.matured,
        approval_rate: f.approval_rate,
        expected_cost_per_1000: f.expected_cost_per_1000,
        bad_rate_among_approved: f.bad_rate_among_approved,
        realized_cost_per_1000: f.realized_cost_per_1000,
      };
    }),
  };
}
