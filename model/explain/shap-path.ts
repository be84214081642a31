/**
 * The "unique path" of TreeSHAP's Algorithm 2 (Lundberg, Erion & Lee 2018, arXiv:1802.03888): the
 * splits from the root to a node, one step per column, with the permutation weights that EXTEND
 * and UNWIND keep up to date. Flat typed arrays, one level per recursion depth, allocated once.
 */

/**
 * The unique path of Algorithm 2 for every recursion level, in flat arrays: level L's steps live at
 * [L·size, L·size + size). Step i holds the column split on, the shares of the paths with it
 * unknown (`zero`) and known (`one`), and the permutation weight of subsets of size i.
 */
export interface Paths {
  readonly size: number;
  readonly feature: Int32Array;
  readonly zero: Float64Array;
  readonly one: Float64Array;
  readonly weight: Float64Array;
}

/** Paths for a tree whose longest root-to-leaf path has `depth` splits (depth + 2 steps per level). */
export function allocatePaths(depth: number): Paths {
  const size = depth + 2;
  const n = size * (size + 1);
  return {
    size,
    feature: new Int32Array(n),
    zero: new Float64Array(n),
    one: new Float64Array(n),
    weight: new Float64Array(n),
  };
}

/** EXTEND: appends step `depth` at `at` and updates the permutation weights of all subset sizes. */
export function extend(
  p: Paths,
  at: number,
  depth: number,
  zero: number,
  one: number,
  feature: number,
): void {
  const w = p.weight;
  p.feature[at + depth] = feature;
  p.zero[at + depth] = zero;
  p.one[at + depth] = one;
  w[at + depth] = depth === 0 ? 1 : 0;
  for (let i = depth - 1; i >= 0; i--) {
    w[at + i + 1] =
      (w[at + i + 1] as number) + (one * (w[at + i] as number) * (i + 1)) / (depth + 1);
    w[at + i] = (zero * (w[at + i] as number) * (depth - i)) / (depth + 1);
  }
}

/** UNWIND: removes step `index` of a path of steps 0..depth, undoing its EXTEND. */
export function unwind(p: Paths, at: number, depth: number, index: number): void {
  const [one, zero, w] = [p.one[at + index] as number, p.zero[at + index] as number, p.weight];
  let next = w[at + depth] as number;
  for (let i = depth - 1; i >= 0; i--) {
    if (one !== 0) {
      const kept = w[at + i] as number;
      w[at + i] = (next * (depth + 1)) / ((i + 1) * one);
      next = kept - ((w[at + i] as number) * zero * (depth - i)) / (depth + 1);
    } else {
      w[at + i] = ((w[at + i] as number) * (depth + 1)) / (zero * (depth - i));
    }
  }
  for (let i = at + index; i < at + depth; i++) {
    p.feature[i] = p.feature[i + 1] as number;
    p.zero[i] = p.zero[i + 1] as number;
    p.one[i] = p.one[i + 1] as number;
  }
}

/** The total weight the path would have with step `index` unwound, without unwinding it. */
export function unwoundSum(p: Paths, at: number, depth: number, index: number): number {
  const [one, zero, w] = [p.one[at + index] as number, p.zero[at + index] as number, p.weight];
  let next = w[at + depth] as number;
  let total = 0;
  for (let i = depth - 1; i >= 0; i--) {
    if (one !== 0) {
      const t = (next * (depth + 1)) / ((i + 1) * one);
      total += t;
      next = (w[at + i] as number) - (t * zero * (depth - i)) / (depth + 1);
    } else {
      total += ((w[at + i] as number) * (depth + 1)) / (zero * (depth - i));
    }
  }
  return total;
}

/** Copies the parent level's steps 0..depth-1 into `level` and returns the level's offset. */
export function copyLevel(p: Paths, level: number, depth: number): number {
  const at = level * p.size;
  for (let i = 0, from = at - p.size; level > 0 && i < depth; i++) {
    p.feature[at + i] = p.feature[from + i] as number;
    p.zero[at + i] = p.zero[from + i] as number;
    p.one[at + i] = p.one[from + i] as number;
    p.weight[at + i] = p.weight[from + i] as number;
  }
  return at;
}

/** Index of the step splitting on `feature` (the root step 0 excluded), or -1. */
export function stepOf(p: Paths, at: number, depth: number, feature: number): number {
  for (let i = 1; i <= depth; i++) if (p.feature[at + i] === feature) return i;
  return -1;
}
