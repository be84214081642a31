import { describe, expect, it } from 'vitest';
import { binaryMetrics } from './binary-metrics.js';

const german = { false_negative: 5, false_positive: 1 };

describe('binaryMetrics', () => {
  it('works out every field of a four-row example by hand', () => {
    const m = binaryMetrics([0.1, 0.4, 0.35, 0.8], Uint8Array.from([0, 0, 1, 1]), 0.5, german);
    expect(m.rows).toBe(4);
    expect(m.positives).toBe(2);
    expect(m.auc).toBeCloseTo(0.75, 15);
    expect(m.gini).toBeCloseTo(0.5, 15);
    expect(m.ks).toBe(0.5);
    expect(m.ks_threshold).toBeCloseTo(0.225, 15);
    expect(m.brier).toBeCloseTo((0.01 + 0.16 + 0.4225 + 0.04) / 4, 15);
    const logLoss = -(Math.log(0.9) + Math.log(0.6) + Math.log(0.35) + Math.log(0.8)) / 4;
    expect(m.log_loss).toBeCloseTo(logLoss, 14);
    expect(m.calibration.map((row) => row.count)).toEqual([1, 1, 1, 1]);
    expect(m.roc).toHaveLength(5);
    expect(m.threshold).toBe(0.5);
    expect(m.confusion).toEqual({
      true_positive: 1,
      false_positive: 0,
      true_negative: 2,
      false_negative: 1,
    });
    expect(m.cost).toEqual({ total: 5, per_applicant: 1.25, per_1000: 1250 });
  });

  it('survives a JSON round trip unchanged (no NaN or Infinity)', () => {
    const m = binaryMetrics([0.2, 0.2, 0.7, 0.9, 0.05], [0, 1, 1, 1, 0], 0.3, german);
    expect(JSON.parse(JSON.stringify(m))).toEqual(m);
  });

  it('throws a RangeError for a score outside [0, 1] or labels all one class', () => {
    expect(() => binaryMetrics([0.2, 1.5], [0, 1], 0.5, german)).toThrow(RangeError);
    expect(() => binaryMetrics([0.2, 0.5], [1, 1], 0.5, german)).toThrow(/both classes/);
  });
});
