import { describe, expect, it } from 'vitest';
import { brierScore, logLoss } from './probability-scores.js';

const scores = [0.9, 0.2, 0.6];
const labels = [1, 0, 0];

describe('brierScore', () => {
  it('averages squared errors: (0.01 + 0.04 + 0.36) / 3', () => {
    expect(brierScore(scores, labels)).toBeCloseTo(0.41 / 3, 15);
  });

  it('is 0 for certain correct forecasts and 1 for certain wrong ones', () => {
    expect(brierScore([1, 0], [1, 0])).toBe(0);
    expect(brierScore([0, 1], [1, 0])).toBe(1);
  });

  it('throws a RangeError for a score outside [0, 1] or empty input', () => {
    expect(() => brierScore([1.2], [1])).toThrow(/not in \[0, 1\]/);
    expect(() => brierScore([], [])).toThrow(RangeError);
  });
});

describe('logLoss', () => {
  it('averages negative log-likelihoods: -(ln 0.9 + ln 0.8 + ln 0.4) / 3', () => {
    expect(logLoss(scores, labels)).toBeCloseTo(0.414931599615397, 14);
  });

  it('clips a certain wrong forecast to -ln(eps) instead of Infinity', () => {
    expect(logLoss([0], [1])).toBeCloseTo(34.538776394910684, 10);
    expect(logLoss([1], [0])).toBeCloseTo(34.538776394910684, 2);
    expect(logLoss([0], [1], 0.1)).toBeCloseTo(2.302585092994046, 14);
  });

  it('is near 0 for certain correct forecasts', () => {
    expect(logLoss([1, 0], [1, 0])).toBeLessThan(1e-14);
  });

  it('throws a RangeError for an eps outside (0, 0.5) or a score outside [0, 1]', () => {
    expect(() => logLoss([0.5], [1], 0)).toThrow(/eps/);
    expect(() => logLoss([0.5], [1], 0.5)).toThrow(/eps/);
    expect(() => logLoss([-0.1], [1])).toThrow(RangeError);
  });
});
