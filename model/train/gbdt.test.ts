import { describe, expect, it } from 'vitest';
import { boostingMargins, fitBoosting, type BoostingOptions } from './gbdt.js';
import { sigmoid, type Matrix } from './matrix.js';
import { seededRandom } from './random.js';
import { treeValue } from './tree.js';

const options: BoostingOptions = {
  maxTrees: 300,
  maxDepth: 2,
  learningRate: 0.3,
  subsample: 0.8,
  lambda: 1,
  minChildWeight: 0.5,
  minSamplesLeaf: 2,
  patience: 10,
};

function data(n: number, seed: number) {
  const random = seededRandom(seed);
  const x: Matrix = {
    rows: n,
    cols: 2,
    data: Float64Array.from({ length: n * 2 }, () => Math.round(random() * 100) / 10),
  };
  const y = Uint8Array.from({ length: n }, (_, r) =>
    random() < sigmoid((x.data[2 * r] as number) - 5) ? 1 : 0,
  );
  return { x, y };
}

const logLoss = (m: Float64Array, y: Uint8Array) =>
  Array.from(m).reduce((s, v, i) => s - Math.log(y[i] === 1 ? sigmoid(v) : 1 - sigmoid(v)), 0) /
  m.length;

describe('fitBoosting', () => {
  it('starts from the prior log-odds and lowers the training log-loss', () => {
    const train = data(300, 1);
    const fit = fitBoosting(train, { ...options, maxTrees: 30 }, seededRandom(1));
    const positives = train.y.reduce((a, b) => a + b, 0);
    expect(fit.baseScore).toBe(Math.fround(Math.log(positives / (300 - positives))));
    expect(fit.trees).toHaveLength(30);
    const before = logLoss(new Float64Array(300).fill(fit.baseScore), train.y);
    expect(logLoss(boostingMargins(train.x, fit), train.y)).toBeLessThan(before - 0.1);
  });

  it('stops early and keeps the trees up to the best validation round', () => {
    const fit = fitBoosting(data(300, 2), options, seededRandom(2), data(200, 3));
    const best = fit.validationLoss.indexOf(Math.min(...fit.validationLoss));
    expect(fit.trees).toHaveLength(best + 1);
    expect(fit.validationLoss.length).toBe(best + 1 + options.patience);
    expect(fit.validationLoss.length).toBeLessThan(options.maxTrees);
  });

  it('is reproducible for the same seed', () => {
    const a = fitBoosting(data(100, 4), { ...options, maxTrees: 10 }, seededRandom(5));
    const b = fitBoosting(data(100, 4), { ...options, maxTrees: 10 }, seededRandom(5));
    expect(a).toEqual(b);
  });

  it("computes margins as the base score plus each tree's leaf", () => {
    const train = data(50, 6);
    const fit = fitBoosting(train, { ...options, maxTrees: 5 }, seededRandom(6));
    const margins = boostingMargins(train.x, fit);
    for (let r = 0; r < 50; r++) {
      const expected = fit.trees.reduce((s, t) => s + treeValue(t, train.x, r), fit.baseScore);
      expect(margins[r]).toBe(expected);
    }
  });
});
