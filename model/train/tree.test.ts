import { describe, expect, it } from 'vitest';
import type { Matrix } from './matrix.js';
import { seededRandom } from './random.js';
import { fitTree, presort, treeValue, type TreeOptions } from './tree.js';

const options: TreeOptions = {
  maxDepth: 1,
  minChildWeight: 0,
  minSamplesLeaf: 1,
  lambda: 1,
  learningRate: 1,
};

function randomProblem(n: number, d: number, seed: number) {
  const random = seededRandom(seed);
  const x: Matrix = {
    rows: n,
    cols: d,
    data: Float64Array.from({ length: n * d }, () => Math.floor(random() * 8)),
  };
  const g = Float64Array.from({ length: n }, () => random() * 2 - 1);
  const h = Float64Array.from({ length: n }, () => 0.05 + random() * 0.2);
  return { x, g, h };
}

/** Exhaustive search for the best stump, independent of the implementation's presorted scan. */
function bruteForceStump(x: Matrix, g: Float64Array, h: Float64Array, lambda: number) {
  const s = (G: number, H: number) => (G * G) / (H + lambda);
  let G = 0;
  let H = 0;
  g.forEach((v, i) => {
    G += v;
    H += h[i] as number;
  });
  let best = { gain: 1e-12, feature: -1, threshold: 0 };
  for (let c = 0; c < x.cols; c++) {
    const values = [
      ...new Set(Array.from({ length: x.rows }, (_, r) => x.data[r * x.cols + c] as number)),
    ].sort((a, b) => a - b);
    for (let k = 0; k + 1 < values.length; k++) {
      const t = ((values[k] as number) + (values[k + 1] as number)) / 2;
      let gl = 0;
      let hl = 0;
      for (let r = 0; r < x.rows; r++)
        if ((x.data[r * x.cols + c] as number) <= t) {
          gl += g[r] as number;
          hl += h[r] as number;
        }
      const gain = s(gl, hl) + s(G - gl, H - hl) - s(G, H);
      if (gain > best.gain) best = { gain, feature: c, threshold: t };
    }
  }
  return best;
}

describe('fitTree', () => {
  it('finds the same best stump as an exhaustive search, with Newton leaf values', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const { x, g, h } = randomProblem(60, 4, seed);
      const tree = fitTree(x, presort(x), g, h, new Uint8Array(60).fill(1), options);
      const best = bruteForceStump(x, g, h, 1);
      expect(tree.feature[0]).toBe(best.feature);
      expect(tree.threshold[0]).toBe(best.threshold);
      let gl = 0;
      let hl = 0;
      for (let r = 0; r < 60; r++)
        if ((x.data[r * 4 + best.feature] as number) <= best.threshold) {
          gl += g[r] as number;
          hl += h[r] as number;
        }
      expect(tree.value[tree.left[0] as number]).toBe(Math.fround(-gl / (hl + 1)));
    }
  });

  it('grows at most maxDepth levels and respects the minimum leaf size', () => {
    const { x, g, h } = randomProblem(200, 3, 9);
    const tree = fitTree(x, presort(x), g, h, new Uint8Array(200).fill(1), {
      ...options,
      maxDepth: 3,
      minSamplesLeaf: 20,
    });
    const depth = (node: number): number =>
      (tree.feature[node] as number) < 0
        ? 0
        : 1 + Math.max(depth(tree.left[node] as number), depth(tree.right[node] as number));
    expect(depth(0)).toBeLessThanOrEqual(3);
    const counts = new Map<number, number>();
    for (let r = 0; r < 200; r++) {
      let node = 0;
      while ((tree.feature[node] as number) >= 0) {
        const v = x.data[r * 3 + (tree.feature[node] as number)] as number;
        node = (
          v <= (tree.threshold[node] as number) ? tree.left[node] : tree.right[node]
        ) as number;
      }
      expect(treeValue(tree, x, r)).toBe(tree.value[node]);
      counts.set(node, (counts.get(node) ?? 0) + 1);
    }
    for (const n of counts.values()) expect(n).toBeGreaterThanOrEqual(20);
  });

  it('ignores out-of-bag rows when fitting', () => {
    const { x, g, h } = randomProblem(40, 2, 4);
    const inBag = Uint8Array.from({ length: 40 }, (_, r) => (r < 20 ? 1 : 0));
    const tree = fitTree(x, presort(x), g, h, inBag, { ...options, maxDepth: 0 });
    const G = Array.from(g.subarray(0, 20)).reduce((a, b) => a + b, 0);
    const H = Array.from(h.subarray(0, 20)).reduce((a, b) => a + b, 0);
    expect(tree.value[0]).toBe(Math.fround(-G / (H + 1)));
  });
});
