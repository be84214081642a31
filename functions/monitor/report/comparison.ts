/**
 * Champion vs challenger. Shadow: the challenger scored the very records the champion answered
 * (paired by function, request id and row), so agreement, AUC and cost compare like with like.
 * Canary: a stable hash of the applicant key sent some applicants to another model; its arm is
 * compared with the champion's as a second population.
 */
import { auc, type CostMatrix } from '../../../model/stats/index.js';
import { groupByBucket, type BucketSize } from './buckets.js';
import { share } from './feature-values.js';
import { decisionFigures } from './impact.js';
import { insufficiency, matured } from './performance.js';
import {
  approved,
  pairKey,
  type DecisionRule,
  type ModelId,
  type PredictionRow,
  type ShadowRow,
} from './rows.js';
import type { ArmSummary, CanaryComparison, ShadowComparison } from './schema.js';

export interface ComparisonContext {
  readonly champion: DecisionRule;
  /** The decision rule of another model (its manifest's, or the champion's when it is not served). */
  readonly ruleFor: (model: ModelId) => DecisionRule;
  readonly costs: CostMatrix;
  readonly minOutcomes: number;
  readonly starts: readonly Date[];
  readonly bucket: BucketSize;
}

/** Decisions, costs and AUC of one arm's rows. */
export function armSummary(
  rows: readonly PredictionRow[],
  rule: DecisionRule,
  costs: CostMatrix,
  minOutcomes: number,
): ArmSummary {
  const f = decisionFigures(rows, rule, costs);
  const m = matured(rows, rule);
  const reason = insufficiency(m.labels, minOutcomes, rule);
  return {
    rows: rows.length,
    matured: f.matured,
    approval_rate: f.approval_rate,
    expected_cost_per_1000: f.expected_cost_per_1000,
    bad_rate_among_approved: f.bad_rate_among_approved,
    realized_cost_per_1000: f.realized_cost_per_1000,
    auc: reason === null ? auc(m.scores, m.labels) : null,
    auc_reason: reason,
  };
}

const modelKey = (m: ModelId) => `${m.name}\n${m.version}`;
const byName = (a: ModelId, b: ModelId) =>
  modelKey(a) < modelKey(b) ? -1 : modelKey(a) > modelKey(b) ? 1 : 0;

function groupByModel<T extends { readonly model: ModelId }>(rows: readonly T[]): [ModelId, T[]][] {
  const groups = new Map<string, [ModelId, T[]]>();
  for (const row of rows) {
    const key = modelKey(row.model);
    if (!groups.has(key)) groups.set(key, [row.model, []]);
    groups.get(key)?.[1].push(row);
  }
  return [...groups.values()].sort(([a], [b]) => byName(a, b));
}

type Pair = {
  readonly time: Date;
  readonly champion: PredictionRow;
  readonly challenger: PredictionRow;
};

function agreement(pairs: readonly Pair[], champion: DecisionRule, challenger: DecisionRule) {
  const counts = {
    both_approve: 0,
    both_decline: 0,
    champion_only_declines: 0,
    challenger_only_declines: 0,
  };
  for (const { champion: c, challenger: s } of pairs) {
    const a = approved(c.decision, champion);
    const b = approved(s.decision, challenger);
    if (a && b) counts.both_approve++;
    else if (!a && !b) counts.both_decline++;
    else if (a) counts.challenger_only_declines++;
    else counts.champion_only_declines++;
  }
  return {
    ...counts,
    agreement_rate: share(counts.both_approve + counts.both_decline, pairs.length),
  };
}

function shadowComparison(
  model: ModelId,
  pairs: readonly Pair[],
  ctx: ComparisonContext,
): ShadowComparison {
  const rule = ctx.ruleFor(model);
  const diff = pairs.reduce(
    (sum, p) => sum + Math.abs(p.champion.probability - p.challenger.probability),
    0,
  );
  return {
    model,
    pairs: pairs.length,
    ...agreement(pairs, ctx.champion, rule),
    mean_absolute_difference: pairs.length > 0 ? diff / pairs.length : null,
    champion: armSummary(
      pairs.map((p) => p.champion),
      ctx.champion,
      ctx.costs,
      ctx.minOutcomes,
    ),
    challenger: armSummary(
      pairs.map((p) => p.challenger),
      rule,
      ctx.costs,
      ctx.minOutcomes,
    ),
    series: groupByBucket(pairs, ctx.starts, ctx.bucket).map((group, i) => ({
      start: ctx.starts[i]?.toISOString() ?? '',
      pairs: group.length,
      agreement_rate: agreement(group, ctx.champion, rule).agreement_rate,
    })),
  };
}

/**
 * One comparison per challenger model that shadowed the champion's rows. A shadow row without a
 * champion row in `champion` (or a second one for the same record) is left out. The challenger's
 * row takes the champion row's time and outcome: same applicant, same moment.
 */
export function shadowComparisons(
  champion: readonly PredictionRow[],
  shadows: readonly ShadowRow[],
  ctx: ComparisonContext,
): ShadowComparison[] {
  const answered = new Map(champion.map((r) => [pairKey(r), r]));
  return groupByModel(shadows).map(([model, rows]) => {
    const seen = new Set<string>();
    const pairs: Pair[] = [];
    for (const shadow of rows) {
      const key = pairKey(shadow);
      const row = answered.get(key);
      if (!row || seen.has(key)) continue;
      seen.add(key);
      const challenger = {
        ...row,
        model,
        arm: 'shadow' as const,
        probability: shadow.probability,
        decision: shadow.decision,
      };
      pairs.push({ time: row.time, champion: row, challenger });
    }
    return shadowComparison(model, pairs, ctx);
  });
}

/** The champion arm next to each canary model's arm (independent populations by applicant hash). */
export function canaryComparison(
  champion: readonly PredictionRow[],
  canaries: readonly PredictionRow[],
  ctx: ComparisonContext,
): CanaryComparison {
  return {
    canary_share: share(canaries.length, canaries.length + champion.length),
    champion: armSummary(champion, ctx.champion, ctx.costs, ctx.minOutcomes),
    arms: groupByModel(canaries).map(([model, rows]) => ({
      model,
      ...armSummary(rows, ctx.ruleFor(model), ctx.costs, ctx.minOutcomes),
    })),
  };
}
