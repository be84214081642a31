import { describe, expect, it } from 'vitest';
import { float32AtMost, nextDown32, nextDown64 } from './float32.js';

describe('nextDown32', () => {
  it('steps one float32 ulp down on both sides of zero', () => {
    expect(nextDown32(1)).toBe(1 - 2 ** -24);
    expect(nextDown32(-1)).toBe(-1 - 2 ** -23);
    expect(nextDown32(0)).toBe(-(2 ** -149));
    expect(nextDown32(2 ** -149)).toBe(0);
  });

  it('maps +Infinity to the largest float32 and keeps -Infinity', () => {
    expect(nextDown32(Infinity)).toBe((2 - 2 ** -23) * 2 ** 127);
    expect(nextDown32(-Infinity)).toBe(-Infinity);
  });
});

describe('float32AtMost', () => {
  it('keeps float32 values and rounds others down, never up', () => {
    expect(float32AtMost(0.5)).toBe(0.5);
    // 0.1 rounds up to 0.100000001490116... in float32; the value just below it is wanted.
    expect(Math.fround(0.1)).toBeGreaterThan(0.1);
    expect(float32AtMost(0.1)).toBe(0.09999999403953552);
    // 24.1 rounds up to 24.10000038... too; 24.0999984... is one float32 step below.
    expect(Math.fround(24.1)).toBe(24.100000381469727);
    expect(float32AtMost(24.1)).toBe(24.099998474121094);
    expect(float32AtMost(45.2)).toBe(45.19999694824219);
    expect(float32AtMost(-0.1)).toBe(Math.fround(-0.1));
  });

  it('routes every float32 input like the float64 threshold would', () => {
    const t = 30.7;
    const t32 = float32AtMost(t);
    for (const x of [t32, nextDown32(t32), Math.fround(t), 30, 31]) {
      expect(x <= t32).toBe(x <= t);
    }
  });
});

describe('nextDown64', () => {
  it('steps one float64 ulp down on both sides of zero and at the infinities', () => {
    expect(nextDown64(1)).toBe(1 - 2 ** -53);
    expect(nextDown64(-1)).toBe(-1 - 2 ** -52);
    expect(nextDown64(0)).toBe(-Number.MIN_VALUE);
    expect(nextDown64(Number.MIN_VALUE)).toBe(0);
    expect(nextDown64(Infinity)).toBe(Number.MAX_VALUE);
    expect(nextDown64(-Infinity)).toBe(-Infinity);
  });
});
