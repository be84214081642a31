import { describe, expect, it } from 'vitest';
import { decisionThreshold, nextDown, nextUp, scoreGroups } from './score-groups.js';

describe('scoreGroups', () => {
  it('collapses tied scores into ascending groups with per-class counts', () => {
    const groups = scoreGroups([0.5, 0.2, 0.5, 0.9, 0.2, 0.5], [1, 0, 0, 1, 0, 1]);
    expect(Array.from(groups.values)).toEqual([0.2, 0.5, 0.9]);
    expect(Array.from(groups.positives)).toEqual([0, 2, 1]);
    expect(Array.from(groups.negatives)).toEqual([2, 1, 0]);
    expect(groups.totalPositives).toBe(3);
    expect(groups.totalNegatives).toBe(3);
  });

  it('treats -0 and 0 as one score', () => {
    expect(Array.from(scoreGroups([0, -0], [0, 1]).values)).toHaveLength(1);
  });
});

describe('decisionThreshold', () => {
  const values = Float64Array.from([0.2, 0.4, 0.9]);

  it('lies midway between groups and just outside the ends', () => {
    expect(decisionThreshold(values, 1)).toBeCloseTo(0.3, 15);
    expect(decisionThreshold(values, 2)).toBeCloseTo(0.65, 15);
    expect(decisionThreshold(values, 0)).toBe(0.2 - 2 ** -55);
    expect(decisionThreshold(values, 3)).toBe(0.9 + 2 ** -53);
  });

  it('uses the upper score when two scores are adjacent doubles', () => {
    const adjacent = Float64Array.from([1, 1 + Number.EPSILON]);
    expect(decisionThreshold(adjacent, 1)).toBe(1 + Number.EPSILON);
  });
});

describe('nextUp / nextDown', () => {
  it('step one unit in the last place', () => {
    expect(nextUp(1)).toBe(1 + Number.EPSILON);
    expect(nextDown(1)).toBe(1 - Number.EPSILON / 2);
    expect(nextUp(0)).toBe(Number.MIN_VALUE);
    expect(nextDown(0)).toBe(-Number.MIN_VALUE);
    expect(nextUp(-1)).toBe(-1 + Number.EPSILON / 2);
  });
});
