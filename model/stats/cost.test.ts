import { describe, expect, it } from 'vitest';
import { chooseThreshold, confusionAt, expectedCost, type CostMatrix } from './cost.js';
import { CASES, labelledScores } from './test-support.js';

const german: CostMatrix = { false_negative: 5, false_positive: 1 };

/** Cost of declining rows with score >= t, counted directly. */
function costAt(scores: ArrayLike<number>, labels: ArrayLike<number>, t: number, c: CostMatrix) {
  let cost = 0;
  for (let i = 0; i < scores.length; i++) {
    const declined = (scores[i] ?? 0) >= t;
    if (labels[i] === 1 && !declined) cost += c.false_negative;
    if (labels[i] === 0 && declined) cost += c.false_positive;
  }
  return cost;
}

describe('confusionAt', () => {
  it('declines a score equal to the threshold', () => {
    expect(confusionAt([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1], 0.4)).toEqual({
      true_positive: 1,
      false_positive: 1,
      true_negative: 1,
      false_negative: 1,
    });
  });

  it('throws a RangeError for a NaN threshold or empty input', () => {
    expect(() => confusionAt([0.5], [1], Number.NaN)).toThrow(RangeError);
    expect(() => confusionAt([], [], 0.5)).toThrow(RangeError);
  });
});

describe('expectedCost', () => {
  it('charges 5 per bad accepted and 1 per good refused: 10·5 + 20·1 = 70 over 100', () => {
    const confusion = {
      true_positive: 10,
      false_positive: 20,
      true_negative: 60,
      false_negative: 10,
    };
    expect(expectedCost(confusion, german)).toEqual({
      total: 70,
      per_applicant: 0.7,
      per_1000: 700,
    });
  });

  it('throws a RangeError for an empty confusion or a negative cost', () => {
    const none = { true_positive: 0, false_positive: 0, true_negative: 0, false_negative: 0 };
    expect(() => expectedCost(none, german)).toThrow(/no rows/);
    const one = { ...none, true_negative: 1 };
    expect(() => expectedCost(one, { false_negative: -1, false_positive: 1 })).toThrow(
      /false_negative/,
    );
    expect(() => expectedCost(one, { false_negative: 1, false_positive: Number.NaN })).toThrow(
      /false_positive/,
    );
  });
});

describe('chooseThreshold', () => {
  const costs: CostMatrix[] = [
    german,
    { false_negative: 1, false_positive: 1 },
    { false_negative: 0.5, false_positive: 3 },
  ];

  it.each(CASES)('finds the brute-force minimum over all candidates (seed $seed, n $n)', (c) => {
    const { scores, labels } = labelledScores(c.seed, c.n, c.levels);
    const candidates = [...new Set(scores)].sort((a, b) => a - b);
    candidates.push(Number.POSITIVE_INFINITY);
    for (const matrix of costs) {
      const totals = candidates.map((t) => costAt(scores, labels, t, matrix));
      const minimum = Math.min(...totals);
      const lowest = candidates[totals.indexOf(minimum)] ?? Number.NaN;
      const choice = chooseThreshold(scores, labels, matrix);
      expect(choice.total_cost).toBeCloseTo(minimum, 9);
      expect(costAt(scores, labels, choice.threshold, matrix)).toBeCloseTo(minimum, 9);
      expect(confusionAt(scores, labels, choice.threshold)).toEqual(
        confusionAt(scores, labels, lowest),
      );
      expect(candidates).not.toContain(choice.threshold);
    }
  });

  it('works out a German-cost example by hand: accept only 0.1, threshold 0.15, cost 1', () => {
    const choice = chooseThreshold([0.1, 0.2, 0.3, 0.4], [0, 1, 0, 1], german);
    expect(choice.total_cost).toBe(1);
    expect(choice.threshold).toBeCloseTo(0.15, 15);
  });

  it('breaks a tie in cost toward the lower threshold', () => {
    const choice = chooseThreshold([0.2, 0.8], [1, 0], { false_negative: 1, false_positive: 1 });
    expect(choice.total_cost).toBe(1);
    expect(choice.threshold).toBeLessThan(0.2);
  });

  it('declines all when all are bad and accepts all when all are good', () => {
    const allBad = chooseThreshold([0.3, 0.6], [1, 1], german);
    expect(allBad.total_cost).toBe(0);
    expect(allBad.threshold).toBeLessThan(0.3);
    const allGood = chooseThreshold([0.3, 0.6], [0, 0], german);
    expect(allGood.total_cost).toBe(0);
    expect(allGood.threshold).toBeGreaterThan(0.6);
  });

  it('throws a RangeError for empty input', () => {
    expect(() => chooseThreshold([], [], german)).toThrow(RangeError);
  });
});
