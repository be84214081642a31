/** Equal-frequency bin edges and the one binning rule used by calibration and drift (PSI) tables. */
import { assertInteger } from './input.js';

/**
 * Inner cut points for `bins` equal-frequency bins: the sample quantiles at k/bins, k = 1..bins−1,
 * by Hyndman & Fan's type 7 (linear interpolation between order statistics: with sorted x₀..xₙ₋₁
 * and h = (n − 1)·p, Q(p) = x⌊h⌋ + (h − ⌊h⌋)(x⌊h⌋₊₁ − x⌊h⌋); the default of R, NumPy and Excel
 * PERCENTILE.INC). Repeated cut points are dropped, so heavy ties give fewer bins, and the result is
 * strictly ascending. An edge may equal the maximum, leaving the top bin empty on `values` itself.
 * @throws RangeError when values is empty or holds a non-finite number, or bins is not an integer >= 1.
 */
export function quantileEdges(values: ArrayLike<number>, bins: number): number[] {
  assertInteger('bins', bins, 1);
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  if (n === 0) throw new RangeError('values must not be empty');
  if (!sorted.every(Number.isFinite)) throw new RangeError('values must be finite numbers');
  const edges: number[] = [];
  for (let k = 1; k < bins; k++) {
    const h = ((n - 1) * k) / bins;
    const lo = Math.floor(h);
    const below = sorted[lo] ?? Number.NaN;
    const above = sorted[Math.min(lo + 1, n - 1)] ?? Number.NaN;
    const q = h === lo ? below : below + (h - lo) * (above - below);
    const last = edges[edges.length - 1];
    if (last === undefined || q > last) edges.push(q);
  }
  return edges;
}

/**
 * The bin of `value` given strictly ascending inner `edges`: the number of edges strictly below it.
 * So a value equal to an edge goes to the left bin, bin i covers (edges[i−1], edges[i]], the first
 * bin is unbounded below and the last unbounded above. O(log edges).
 * @throws RangeError when value is NaN.
 */
export function binIndex(value: number, edges: readonly number[]): number {
  if (Number.isNaN(value)) throw new RangeError('cannot bin NaN');
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((edges[mid] ?? Number.NaN) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Throws unless `edges` are finite and strictly ascending, as `quantileEdges` returns them. */
export function assertEdges(edges: readonly number[]): void {
  for (let i = 0; i < edges.length; i++) {
    const edge = edges[i] ?? Number.NaN;
    if (!Number.isFinite(edge)) throw new RangeError(`edge ${i} is not finite`);
    if (i > 0 && !(edge > (edges[i - 1] ?? Number.NaN))) {
      throw new RangeError('edges must be strictly ascending');
    }
  }
}

/**
 * Share of `values` in each bin by `binIndex`: edges.length + 1 fractions summing to 1 — the
 * distribution PSI compares.
 * @throws RangeError when values is empty or holds NaN, or edges are not strictly ascending.
 */
export function binFrequencies(values: ArrayLike<number>, edges: readonly number[]): number[] {
  if (values.length === 0) throw new RangeError('values must not be empty');
  assertEdges(edges);
  const counts = new Array<number>(edges.length + 1).fill(0);
  for (let i = 0; i < values.length; i++) {
    const bin = binIndex(values[i] ?? Number.NaN, edges);
    counts[bin] = (counts[bin] ?? 0) + 1;
  }
  return counts.map((count) => count / values.length);
}

/** Shares of a categorical column: one per known category (in the given order) plus the rest. */
export interface CategoryFrequencies {
  readonly frequencies: number[];
  /** Share of values that are none of the categories; frequencies and unknown sum to 1. */
  readonly unknown: number;
}

/**
 * Share of `values` equal to each of `categories` (exact string match), and the share of anything
 * else, so a new category shows up as drift instead of vanishing.
 * @throws RangeError when values is empty or categories has a duplicate.
 */
export function categoryFrequencies(
  values: ArrayLike<string>,
  categories: readonly string[],
): CategoryFrequencies {
  if (values.length === 0) throw new RangeError('values must not be empty');
  const position = new Map<string, number>();
  categories.forEach((category, i) => {
    if (position.has(category)) throw new RangeError(`duplicate category ${category}`);
    position.set(category, i);
  });
  const counts = new Array<number>(categories.length).fill(0);
  let unknown = 0;
  for (let i = 0; i < values.length; i++) {
    const at = position.get(values[i] ?? '');
    if (at === undefined) unknown++;
    else counts[at] = (counts[at] ?? 0) + 1;
  }
  const n = values.length;
  return { frequencies: counts.map((count) => count / n), unknown: unknown / n };
}
