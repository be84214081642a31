/** Brute-force references for tests: decision cost at a threshold, least cost over all cuts, pairwise AUC. */

/** Total cost of declining when p >= t, by brute force. */
export function cost(
  p: readonly number[],
  y: readonly number[],
  t: number,
  fn: number,
  fp: number,
): number {
  return p.reduce((sum, pi, i) => sum + (y[i] === 1 ? (pi < t ? fn : 0) : pi >= t ? fp : 0), 0);
}

/** Least cost over every possible cut (each distinct score, and above all of them). */
export function leastCost(
  p: readonly number[],
  y: readonly number[],
  fn: number,
  fp: number,
): number {
  return Math.min(...[...p, Infinity].map((t) => cost(p, y, t, fn, fp)));
}

/** AUC as the share of (positive, negative) pairs ranked right, ties counting half. */
export function pairAuc(p: readonly number[], y: readonly number[]): number {
  let right = 0;
  let pairs = 0;
  p.forEach((pi, i) => {
    p.forEach((pj, j) => {
      if (y[i] !== 1 || y[j] !== 0) return;
      pairs++;
      right += pi > pj ? 1 : pi === pj ? 0.5 : 0;
    });
  });
  return right / pairs;
}
