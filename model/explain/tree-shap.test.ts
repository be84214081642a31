// Path-dependent TreeSHAP equals the Shapley values of E[f | x_S] enumerated over every subset S.
import { describe, expect, it } from 'vitest';
import { seededRandom, type Random } from '../train/random.js';
import type { RegressionTree } from '../train/types.js';
import { coverTree, leafNodes, treeShap } from './tree-shap.js';

type Tree = {
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  value: number[];
};

/** A random tree over `columns` integer columns (values 0..4), nodes in pre-order, root 0. */
function randomTree(random: Random, columns: number, maxDepth: number): RegressionTree {
  const t: Tree = { feature: [], threshold: [], left: [], right: [], value: [] };
  const grow = (depth: number): number => {
    const i = t.feature.push(-1) - 1;
    t.threshold.push(0);
    t.left.push(-1);
    t.right.push(-1);
    t.value.push(0);
    if (depth < maxDepth && random() < 0.8) {
      t.feature[i] = Math.floor(random() * columns);
      t.threshold[i] = Math.floor(random() * 4) + 0.5;
      t.left[i] = grow(depth + 1);
      t.right[i] = grow(depth + 1);
    } else t.value[i] = Math.round((random() * 4 - 2) * 1000) / 1000;
    return i;
  };
  grow(0);
  return t;
}

const randomRow = (random: Random, columns: number) =>
  Array.from({ length: columns }, () => Math.floor(random() * 5));

/** Walks the tree the plain way: the leaf a row reaches. */
function reach(tree: RegressionTree, x: readonly number[]): number {
  let node = 0;
  while ((tree.feature[node] as number) >= 0) {
    const go = (x[tree.feature[node] as number] as number) <= (tree.threshold[node] as number);
    node = (go ? tree.left[node] : tree.right[node]) as number;
  }
  return node;
}

/** Rows reaching every node, counted by pushing the background through the tree. */
function nodeCounts(tree: RegressionTree, background: readonly number[][]): number[] {
  const counts = tree.feature.map(() => 0);
  for (const x of background) {
    let node = 0;
    for (;;) {
      counts[node] = (counts[node] as number) + 1;
      if ((tree.feature[node] as number) < 0) break;
      const go = (x[tree.feature[node] as number] as number) <= (tree.threshold[node] as number);
      node = (go ? tree.left[node] : tree.right[node]) as number;
    }
  }
  return counts;
}

/** E[f | x_S]: known columns follow x, unknown ones average the children by counts (1/2 each if none). */
function conditional(
  tree: RegressionTree,
  counts: number[],
  x: number[],
  known: Set<number>,
  node = 0,
): number {
  const f = tree.feature[node] as number;
  if (f < 0) return tree.value[node] as number;
  const [l, r] = [tree.left[node] as number, tree.right[node] as number];
  if (known.has(f))
    return conditional(
      tree,
      counts,
      x,
      known,
      (x[f] as number) <= (tree.threshold[node] as number) ? l : r,
    );
  const c = counts[node] as number;
  const share = c > 0 ? (counts[l] as number) / c : 0.5;
  return (
    share * conditional(tree, counts, x, known, l) +
    (1 - share) * conditional(tree, counts, x, known, r)
  );
}

const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));

/** Exact Shapley values by enumerating all 2^M subsets of the M columns. */
function bruteShapley(
  tree: RegressionTree,
  counts: number[],
  x: number[],
  columns: number,
): number[] {
  const phi = new Array<number>(columns).fill(0);
  for (let mask = 0; mask < 1 << columns; mask++) {
    const known = new Set(
      Array.from({ length: columns }, (_, c) => c).filter((c) => mask & (1 << c)),
    );
    const without = conditional(tree, counts, x, known);
    for (let i = 0; i < columns; i++) {
      if (known.has(i)) continue;
      const weight =
        (factorial(known.size) * factorial(columns - known.size - 1)) / factorial(columns);
      phi[i] =
        (phi[i] as number) +
        weight * (conditional(tree, counts, x, new Set([...known, i])) - without);
    }
  }
  return phi;
}

describe('treeShap on random trees (up to 6 columns, depth 5, repeated splits, empty leaves)', () => {
  const cases = Array.from({ length: 300 }, (_, i) => i);
  it.each([0, 1, 2])(
    'matches brute-force Shapley values within 1e-9 (batch %i of 100 trees)',
    (batch) => {
      for (const seed of cases.slice(batch * 100, batch * 100 + 100)) {
        const random = seededRandom(1000 + seed);
        const columns = 1 + Math.floor(random() * 6);
        const tree = randomTree(random, columns, 1 + Math.floor(random() * 5));
        const background = Array.from({ length: 1 + Math.floor(random() * 25) }, () =>
          randomRow(random, columns),
        );
        const counts = nodeCounts(tree, background);
        const covered = coverTree(
          tree,
          leafNodes(tree).map((n) => counts[n] as number),
        );
        const x = randomRow(random, columns);
        const phi = new Float64Array(columns);
        const fx = treeShap(covered, x, phi);
        const brute = bruteShapley(tree, counts, x, columns);
        brute.forEach((b, c) => {
          expect(Math.abs((phi[c] as number) - b), `seed ${seed} column ${c}`).toBeLessThan(1e-9);
        });
        expect(fx).toBe(tree.value[reach(tree, x)]);
        const mean =
          background.reduce((s, row) => s + (tree.value[reach(tree, row)] as number), 0) /
          background.length;
        expect(covered.expected).toBeCloseTo(mean, 12);
        expect(phi.reduce((s, v) => s + v, 0) + covered.expected).toBeCloseTo(fx, 12);
      }
    },
  );

  it('scales the values and gives nothing to a column the tree never splits on', () => {
    const tree: RegressionTree = {
      feature: [0, -1, 1, -1, -1],
      threshold: [0.5, 0, 1.5, 0, 0],
      left: [1, -1, 3, -1, -1],
      right: [2, -1, 4, -1, -1],
      value: [0, 1, 0, 2, 4],
    };
    // covers: leaf 1 has 2 rows, leaf 3 one, leaf 4 one: E[f] = (2·1 + 2 + 4) / 4 = 2
    const covered = coverTree(tree, [2, 1, 1]);
    expect(covered.expected).toBe(2);
    const phi = new Float64Array(3);
    expect(treeShap(covered, [1, 2, 7], phi, -1)).toBe(4);
    // hand-worked: v({}) = 2, v({0}) = 3, v({1}) = (2·1 + 2·4) / 4 = 2.5, v({0,1}) = 4
    // φ0 = ½(3 − 2) + ½(4 − 2.5) = 1.25, φ1 = ½(2.5 − 2) + ½(4 − 3) = 0.75; scaled by −1
    expect([...phi]).toEqual([-1.25, -0.75, 0]);
  });

  it('refuses covers that do not fit the tree', () => {
    const tree: RegressionTree = {
      feature: [0, -1, -1],
      threshold: [0.5, 0, 0],
      left: [1, -1, -1],
      right: [2, -1, -1],
      value: [0, 1, 2],
    };
    expect(() => coverTree(tree, [1])).toThrow(/1 leaf covers for a tree of 2 leaves/);
    expect(() => coverTree(tree, [0, 0])).toThrow(/no background row/);
  });
});
