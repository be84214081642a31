/**
 * Exact path-dependent TreeSHAP for one regression tree (Lundberg, Erion & Lee 2018, "Consistent
 * Individualized Feature Attribution for Tree Ensembles", arXiv:1802.03888, Algorithm 2): the
 * Shapley values of the columns of x for v(S) = E[f(x) | x_S], where a split on a column outside S
 * averages its children weighted by their background covers. Polynomial: O(leaves · depth²).
 */
import type { RegressionTree } from '../train/types.js';
import {
  allocatePaths,
  copyLevel,
  extend,
  stepOf,
  unwind,
  unwoundSum,
  type Paths,
} from './shap-path.js';

/** A tree with its background: the share of its covers each split sends left, and E[f] over it. */
export interface CoveredTree {
  readonly tree: RegressionTree;
  /** cover(left) / cover(node) per split node; 1/2 under a node no background row reaches. */
  readonly leftShare: Float64Array;
  /** Cover-weighted mean leaf value: E[f] over the background, the tree's base value. */
  readonly expected: number;
  /** Scratch space for the walk, sized by the tree's depth (explaining is synchronous, so one is enough). */
  readonly paths: Paths;
}

/** The leaf `x` reaches (x[feature] <= threshold goes left, as ONNX BRANCH_LEQ). */
export function leafOf(tree: RegressionTree, x: ArrayLike<number>, offset = 0): number {
  let node = 0;
  for (let f = tree.feature[0] ?? -1; f >= 0; f = tree.feature[node] ?? -1) {
    const v = x[offset + f] as number;
    node = (v <= (tree.threshold[node] as number) ? tree.left[node] : tree.right[node]) as number;
  }
  return node;
}

/** Node indices of the leaves in node order: the order of `leaf_covers` in the manifest. */
export function leafNodes(tree: RegressionTree): number[] {
  return tree.feature.flatMap((f, i) => (f < 0 ? [i] : []));
}

/**
 * Attaches background covers given per leaf (in `leafNodes` order); internal covers are the sums
 * of their leaves'. Throws a RangeError when the counts do not fit the tree or the root has none.
 */
export function coverTree(tree: RegressionTree, leafCovers: readonly number[]): CoveredTree {
  const leaves = leafNodes(tree);
  if (leaves.length !== leafCovers.length)
    throw new RangeError(`${leafCovers.length} leaf covers for a tree of ${leaves.length} leaves`);
  const cover = new Float64Array(tree.feature.length);
  leaves.forEach((node, k) => (cover[node] = leafCovers[k] as number));
  let depth = 0;
  const sum = (node: number, level: number): number => {
    depth = Math.max(depth, level);
    if ((tree.feature[node] as number) < 0) return cover[node] as number;
    const [l, r] = [tree.left[node] as number, tree.right[node] as number];
    return (cover[node] = sum(l, level + 1) + sum(r, level + 1));
  };
  const root = sum(0, 0);
  if (!(root > 0)) throw new RangeError('no background row reaches the root');
  const leftShare = new Float64Array(tree.feature.length);
  tree.feature.forEach((f, i) => {
    if (f < 0) return;
    const c = cover[i] as number;
    leftShare[i] = c > 0 ? (cover[tree.left[i] as number] as number) / c : 0.5;
  });
  const expected = leaves.reduce(
    (e, node) => e + ((tree.value[node] as number) * (cover[node] as number)) / root,
    0,
  );
  return { tree, leftShare, expected, paths: allocatePaths(depth) };
}

interface Walk {
  readonly t: CoveredTree;
  readonly x: ArrayLike<number>;
  readonly phi: Float64Array;
  readonly scale: number;
  readonly paths: Paths;
}

function leafShares(w: Walk, at: number, depth: number, value: number): void {
  const p = w.paths;
  for (let i = 1; i <= depth; i++) {
    const f = p.feature[at + i] as number;
    const share = (p.one[at + i] as number) - (p.zero[at + i] as number);
    w.phi[f] = (w.phi[f] as number) + unwoundSum(p, at, depth, i) * share * value;
  }
}

function recurse(
  w: Walk,
  node: number,
  level: number,
  parentDepth: number,
  step: readonly [number, number, number],
): void {
  const p = w.paths;
  const at = copyLevel(p, level, parentDepth);
  let depth = parentDepth;
  extend(p, at, depth, step[0], step[1], step[2]);
  const { tree, leftShare } = w.t;
  const split = tree.feature[node] as number;
  if (split < 0) {
    leafShares(w, at, depth, (tree.value[node] as number) * w.scale);
    return;
  }
  const goesLeft = (w.x[split] as number) <= (tree.threshold[node] as number);
  const [left, right] = [tree.left[node] as number, tree.right[node] as number];
  const share = leftShare[node] as number;
  const [hot, cold, hotShare] = goesLeft ? [left, right, share] : [right, left, 1 - share];
  let [zero, one] = [1, 1];
  const seen = stepOf(p, at, depth, split);
  if (seen > 0) {
    [zero, one] = [p.zero[at + seen] as number, p.one[at + seen] as number];
    unwind(p, at, depth, seen);
    depth -= 1;
  }
  // a child no coalition can reach (no cover, and not the record's way) adds exactly nothing
  if (hotShare * zero !== 0 || one !== 0)
    recurse(w, hot, level + 1, depth + 1, [hotShare * zero, one, split]);
  if ((1 - hotShare) * zero !== 0)
    recurse(w, cold, level + 1, depth + 1, [(1 - hotShare) * zero, 0, split]);
}

/**
 * Adds `scale` × the tree's SHAP value of each column of `x` into `phi[column]` and returns the
 * value of the leaf `x` reaches; by construction Σ SHAP values = f(x) − `expected`.
 */
export function treeShap(
  t: CoveredTree,
  x: ArrayLike<number>,
  phi: Float64Array,
  scale = 1,
): number {
  recurse({ t, x, phi, scale, paths: t.paths }, 0, 0, 0, [1, 1, -1]);
  return t.tree.value[leafOf(t.tree, x)] as number;
}
