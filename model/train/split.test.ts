import { describe, expect, it } from 'vitest';
import { seededRandom, shuffled } from './random.js';
import { stratifiedFolds, stratifiedSplit } from './split.js';

const target = Uint8Array.from({ length: 1000 }, (_, i) => (i % 10 < 3 ? 1 : 0)); // 300 positives

describe('seededRandom', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const c = seededRandom(43);
    const first = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(first);
    expect(Array.from({ length: 5 }, c)).not.toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('shuffles into a permutation', () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const out = shuffled(items, seededRandom(1));
    expect(out).not.toEqual(items);
    expect([...out].sort((x, y) => x - y)).toEqual(items);
  });
});

describe('stratifiedSplit', () => {
  it('holds out 20% of each class, disjoint from and complementary to the training rows', () => {
    const { train, test } = stratifiedSplit(target, 0.2, seededRandom(42));
    expect(test).toHaveLength(200);
    expect(test.filter((r) => target[r] === 1)).toHaveLength(60);
    expect(new Set([...train, ...test]).size).toBe(1000);
    expect(train).toHaveLength(800);
  });

  it('gives the same split for the same seed', () => {
    expect(stratifiedSplit(target, 0.2, seededRandom(7))).toEqual(
      stratifiedSplit(target, 0.2, seededRandom(7)),
    );
  });
});

describe('stratifiedFolds', () => {
  it('partitions the rows into k folds of balanced size and class mix', () => {
    const rows = Array.from({ length: 800 }, (_, i) => i * 1.25).map(Math.floor);
    const rate = rows.filter((r) => target[r] === 1).length / rows.length;
    const folds = stratifiedFolds(rows, target, 5, seededRandom(3));
    expect(folds).toHaveLength(5);
    const held = folds.flatMap((f) => f.test);
    expect([...held].sort((a, b) => a - b)).toEqual([...rows].sort((a, b) => a - b));
    for (const fold of folds) {
      expect(fold.test.length).toBeGreaterThanOrEqual(159);
      expect(fold.test.length).toBeLessThanOrEqual(161);
      expect(fold.train.length + fold.test.length).toBe(800);
      expect(fold.train.some((r) => fold.test.includes(r))).toBe(false);
      const positives = fold.test.filter((r) => target[r] === 1).length;
      expect(Math.abs(positives - fold.test.length * rate)).toBeLessThanOrEqual(1);
    }
  });
});
