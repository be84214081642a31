/** One second-order regression tree (XGBoost-style gain), grown level by level on presorted columns. */
import type { Matrix } from './matrix.js';
import type { RegressionTree } from './types.js';

export interface TreeOptions {
  readonly maxDepth: number;
  /** Minimum hessian sum in a child (Σ p(1-p)). */
  readonly minChildWeight: number;
  readonly minSamplesLeaf: number;
  /** L2 penalty on leaf values. */
  readonly lambda: number;
  readonly learningRate: number;
}

/** Per column, the row indices sorted by value (ties by row index): computed once per matrix. */
export function presort(x: Matrix): Int32Array[] {
  return Array.from({ length: x.cols }, (_, c) => {
    const order = Int32Array.from({ length: x.rows }, (_, r) => r);
    return order.sort(
      (a, b) => (x.data[a * x.cols + c] as number) - (x.data[b * x.cols + c] as number) || a - b,
    );
  });
}

interface Stats {
  g: number;
  h: number;
  n: number;
}

interface Candidate {
  gain: number;
  feature: number;
  threshold: number;
}

const score = (s: Stats, lambda: number) => (s.g * s.g) / (s.h + lambda);

/** Growing state: flat node arrays plus, per row, the node it currently sits in (-1 = out of bag). */
interface Growth {
  readonly tree: {
    feature: number[];
    threshold: number[];
    left: number[];
    right: number[];
    value: number[];
  };
  readonly stats: Stats[];
  readonly nodeOf: Int32Array;
}

function addNode(growth: Growth, stats: Stats): number {
  const t = growth.tree;
  t.feature.push(-1);
  t.threshold.push(0);
  t.left.push(-1);
  t.right.push(-1);
  t.value.push(0);
  growth.stats.push(stats);
  return t.feature.length - 1;
}

/** Best split of every frontier node, scanning each presorted column once. */
function bestSplits(
  x: Matrix,
  sorted: Int32Array[],
  g: ArrayLike<number>,
  h: ArrayLike<number>,
  growth: Growth,
  frontier: number[],
  o: TreeOptions,
): (Candidate | undefined)[] {
  const slot = new Map(frontier.map((node, i) => [node, i]));
  const best: (Candidate | undefined)[] = frontier.map(() => undefined);
  for (let c = 0; c < x.cols; c++) {
    const left: Stats[] = frontier.map(() => ({ g: 0, h: 0, n: 0 }));
    const last = new Float64Array(frontier.length);
    for (const row of sorted[c] as Int32Array) {
      const i = slot.get(growth.nodeOf[row] as number);
      if (i === undefined) continue;
      const v = x.data[row * x.cols + c] as number;
      const l = left[i] as Stats;
      if (l.n > 0 && v > (last[i] as number)) {
        const parent = growth.stats[frontier[i] as number] as Stats;
        const right = { g: parent.g - l.g, h: parent.h - l.h, n: parent.n - l.n };
        if (
          l.h >= o.minChildWeight &&
          right.h >= o.minChildWeight &&
          l.n >= o.minSamplesLeaf &&
          right.n >= o.minSamplesLeaf
        ) {
          const gain = score(l, o.lambda) + score(right, o.lambda) - score(parent, o.lambda);
          if (gain > (best[i]?.gain ?? 1e-12))
            best[i] = { gain, feature: c, threshold: Math.fround(((last[i] as number) + v) / 2) };
        }
      }
      l.g += g[row] as number;
      l.h += h[row] as number;
      l.n += 1;
      last[i] = v;
    }
  }
  return best;
}

/** Applies a split: creates both children and moves the node's rows into them. */
function split(
  x: Matrix,
  g: ArrayLike<number>,
  h: ArrayLike<number>,
  growth: Growth,
  node: number,
  c: Candidate,
): number[] {
  const l = addNode(growth, { g: 0, h: 0, n: 0 });
  const r = addNode(growth, { g: 0, h: 0, n: 0 });
  const t = growth.tree;
  t.feature[node] = c.feature;
  t.threshold[node] = c.threshold;
  t.left[node] = l;
  t.right[node] = r;
  for (let row = 0; row < x.rows; row++) {
    if (growth.nodeOf[row] !== node) continue;
    const child = Math.fround(x.data[row * x.cols + c.feature] as number) <= c.threshold ? l : r;
    growth.nodeOf[row] = child;
    const s = growth.stats[child] as Stats;
    s.g += g[row] as number;
    s.h += h[row] as number;
    s.n += 1;
  }
  return [l, r];
}

/**
 * Thresholds are float32 and rows are compared as float32, as ONNX Runtime does, so a value close to
 * a split cannot fall on different sides in the trainer and in the exported model.
 *
 * Fits a tree to gradients `g` and hessians `h` of the rows with `inBag[row] === 1`. Leaf values are
 * `-learningRate · G / (H + λ)`, rounded to float32 as ONNX stores them, so that the trainer's own
 * predictions and ONNX Runtime's agree.
 */
export function fitTree(
  x: Matrix,
  sorted: Int32Array[],
  g: ArrayLike<number>,
  h: ArrayLike<number>,
  inBag: Uint8Array,
  o: TreeOptions,
): RegressionTree {
  const growth: Growth = {
    tree: { feature: [], threshold: [], left: [], right: [], value: [] },
    stats: [],
    nodeOf: new Int32Array(x.rows).fill(-1),
  };
  const root: Stats = { g: 0, h: 0, n: 0 };
  for (let row = 0; row < x.rows; row++) {
    if (inBag[row] !== 1) continue;
    growth.nodeOf[row] = 0;
    root.g += g[row] as number;
    root.h += h[row] as number;
    root.n += 1;
  }
  let frontier = [addNode(growth, root)];
  for (let depth = 0; depth < o.maxDepth && frontier.length > 0; depth++) {
    const best = bestSplits(x, sorted, g, h, growth, frontier, o);
    frontier = frontier.flatMap((node, i) => {
      const c = best[i];
      return c ? split(x, g, h, growth, node, c) : [];
    });
  }
  const t = growth.tree;
  growth.stats.forEach((s, node) => {
    if (t.feature[node] === -1)
      t.value[node] = Math.fround((-o.learningRate * s.g) / (s.h + o.lambda));
  });
  return t;
}

/** The leaf value a row of `x` reaches. */
export function treeValue(tree: RegressionTree, x: Matrix, row: number): number {
  let node = 0;
  for (;;) {
    const feature = tree.feature[node] as number;
    if (feature < 0) return tree.value[node] as number;
    const v = Math.fround(x.data[row * x.cols + feature] as number);
    node = (v <= (tree.threshold[node] as number) ? tree.left[node] : tree.right[node]) as number;
  }
}
