import { describe, expect, it } from 'vitest';
import { decisionConfusion, expectedDecisionCost, realizedDecisionCost } from './decision-cost.js';
import { seededRandom } from './test-support.js';

const german = { false_negative: 5, false_positive: 1 };

describe('decisionConfusion', () => {
  it('counts declined bad as true positive and approved bad as false negative', () => {
    expect(decisionConfusion([true, true, false, false, false], [1, 0, 1, 0, 0])).toEqual({
      true_positive: 1,
      false_positive: 1,
      false_negative: 1,
      true_negative: 2,
    });
  });

  it('throws a RangeError for empty input, different lengths or a label other than 0 or 1', () => {
    expect(() => decisionConfusion([], [])).toThrow(RangeError);
    expect(() => decisionConfusion([true], [1, 0])).toThrow(/differ/);
    expect(() => decisionConfusion([true], [2])).toThrow(/row 0/);
  });
});

describe('realizedDecisionCost', () => {
  it('charges 5 per approved bad and 1 per declined good: 7 over 5 rows is 1400 per 1000', () => {
    const cost = realizedDecisionCost([false, true, false, true, false], [1, 0, 0, 0, 0], german);
    expect(cost).toEqual({ total: 7, per_applicant: 7 / 5, per_1000: 1400 });
  });
});

describe('expectedDecisionCost', () => {
  it('adds p · 5 for approvals and (1 − p) · 1 for declines: (0.1·5 + 0.8 + 0.2·5) / 3 per row', () => {
    const cost = expectedDecisionCost([0.1, 0.2, 0.2], [false, true, false], german);
    expect(cost.total).toBeCloseTo(2.3, 12);
    expect(cost.per_1000).toBeCloseTo((2.3 / 3) * 1000, 9);
  });

  it('equals the realized cost on average when outcomes are drawn from the probabilities', () => {
    const random = seededRandom(11);
    const p = Array.from({ length: 40_000 }, () => random());
    const declined = p.map((x) => x >= 1 / 6);
    const labels = p.map((x) => (random() < x ? 1 : 0));
    const expected = expectedDecisionCost(p, declined, german).per_1000;
    expect(realizedDecisionCost(declined, labels, german).per_1000).toBeCloseTo(expected, -1.3);
  });

  it('throws a RangeError for a probability outside [0, 1], a negative cost or different lengths', () => {
    expect(() => expectedDecisionCost([1.5], [true], german)).toThrow(RangeError);
    expect(() => expectedDecisionCost([0.5], [true], { ...german, false_positive: -1 })).toThrow(
      /false_positive/,
    );
    expect(() => expectedDecisionCost([0.5, 0.2], [true], german)).toThrow(/differ/);
  });
});
