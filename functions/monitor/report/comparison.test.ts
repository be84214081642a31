import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../model/stats/test-support.js';
import { canaryComparison, shadowComparisons, type ComparisonContext } from './comparison.js';
import type { ShadowRow } from './rows.js';
import { GERMAN_COSTS, pairwiseAuc, row, RULE } from './test-rows.js';

const gbdt = { name: 'credit-gbdt', version: '1.0.0' };
const ctx: ComparisonContext = {
  champion: RULE,
  ruleFor: (m) => (m.name === 'credit-gbdt' ? { ...RULE, approve: 'accept' } : RULE),
  costs: GERMAN_COSTS,
  minOutcomes: 30,
  starts: [new Date('2026-03-01T00:00:00Z')],
  bucket: 'day',
};
const shadowOf = (
  r: ReturnType<typeof row>,
  probability: number,
  decision: string,
  over: Partial<ShadowRow> = {},
): ShadowRow => ({
  requestId: r.requestId,
  row: r.row,
  functionName: r.functionName,
  model: gbdt,
  probability,
  decision,
  ...over,
});

describe('shadowComparisons', () => {
  it('pairs by function, request id and row, and counts agreement with each model’s own approval word', () => {
    const champion = [
      row({ probability: 0.1, decision: 'approve' }),
      row({ probability: 0.2, decision: 'approve' }),
      row({ probability: 0.7, decision: 'decline' }),
      row({ probability: 0.9, decision: 'decline' }),
    ];
    const [a, b, c, d] = champion as [
      ReturnType<typeof row>,
      ReturnType<typeof row>,
      ReturnType<typeof row>,
      ReturnType<typeof row>,
    ];
    const shadows = [
      shadowOf(a, 0.15, 'accept'),
      shadowOf(b, 0.6, 'decline'),
      shadowOf(c, 0.3, 'accept'),
      shadowOf(d, 0.95, 'decline'),
      shadowOf(d, 0.5, 'accept'),
      shadowOf(a, 0.5, 'decline', { functionName: 'explain' }),
      shadowOf(a, 0.5, 'decline', { requestId: 'elsewhere' }),
    ];
    const [result] = shadowComparisons(champion, shadows, ctx);
    expect(result).toMatchObject({
      model: gbdt,
      pairs: 4,
      both_approve: 1,
      both_decline: 1,
      challenger_only_declines: 1,
      champion_only_declines: 1,
      agreement_rate: 0.5,
    });
    expect(result?.mean_absolute_difference).toBeCloseTo((0.05 + 0.4 + 0.4 + 0.05) / 4, 12);
    expect(result?.series).toEqual([
      { start: '2026-03-01T00:00:00.000Z', pairs: 4, agreement_rate: 0.5 },
    ]);
  });

  it('scores both arms on the same matured applicants: AUC by pairs, realized cost per decision', () => {
    const random = seededRandom(3);
    const champion = Array.from({ length: 60 }, (_, i) =>
      row({
        probability: random(),
        outcome: i % 3 === 0 ? 'bad' : 'good',
        decision: i % 2 ? 'approve' : 'decline',
      }),
    );
    const shadows = champion.map((r) =>
      shadowOf(r, random(), random() < 0.5 ? 'accept' : 'decline'),
    );
    const [result] = shadowComparisons(champion, shadows, ctx);
    const labels = champion.map((r) => (r.outcome === 'bad' ? 1 : 0));
    expect(result?.champion.auc).toBeCloseTo(
      pairwiseAuc(
        champion.map((r) => r.probability),
        labels,
      ),
      12,
    );
    expect(result?.challenger.auc).toBeCloseTo(
      pairwiseAuc(
        shadows.map((s) => s.probability),
        labels,
      ),
      12,
    );
    const cost = shadows.reduce((sum, s, i) => {
      const approvedBad = s.decision === 'accept' && labels[i] === 1;
      const declinedGood = s.decision !== 'accept' && labels[i] === 0;
      return sum + (approvedBad ? 5 : declinedGood ? 1 : 0);
    }, 0);
    expect(result?.challenger.realized_cost_per_1000).toBeCloseTo((cost / 60) * 1000, 9);
  });
});

describe('canaryComparison', () => {
  it('summarises the champion and each canary model as separate arms with the canary share', () => {
    const champion = [row({ outcome: 'bad' }), row({ decision: 'decline' }), row()];
    const canaries = [row({ arm: 'canary', model: gbdt, decision: 'accept', outcome: 'good' })];
    const result = canaryComparison(champion, canaries, ctx);
    expect(result.canary_share).toBe(0.25);
    expect(result.champion).toMatchObject({
      rows: 3,
      matured: 1,
      approval_rate: 2 / 3,
      bad_rate_among_approved: 1,
      auc: null,
    });
    expect(result.arms).toEqual([
      expect.objectContaining({
        model: gbdt,
        rows: 1,
        approval_rate: 1,
        realized_cost_per_1000: 0,
        auc_reason: expect.stringMatching(/at least 30/),
      }),
    ]);
  });
});
