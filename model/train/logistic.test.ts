import { describe, expect, it } from 'vitest';
import { fitLogistic, logisticMargins } from './logistic.js';
import { sigmoid, type Matrix } from './matrix.js';
import { seededRandom } from './random.js';

function syntheticData(n: number, d: number, seed: number): { x: Matrix; y: Uint8Array } {
  const random = seededRandom(seed);
  const data = Float64Array.from({ length: n * d }, () => random() * 4 - 2);
  const truth = Array.from({ length: d }, (_, j) => (j % 2 === 0 ? 1 : -0.5));
  const y = Uint8Array.from({ length: n }, (_, r) => {
    let m = 0.3;
    for (let j = 0; j < d; j++) m += (truth[j] as number) * (data[r * d + j] as number);
    return random() < sigmoid(m) ? 1 : 0;
  });
  return { x: { rows: n, cols: d, data }, y };
}

/** The penalised gradient, computed here independently of the implementation. */
function gradient(x: Matrix, y: Uint8Array, w: number[], b: number, lambda: number): number[] {
  const g = new Array<number>(x.cols + 1).fill(0);
  for (let r = 0; r < x.rows; r++) {
    let m = b;
    for (let j = 0; j < x.cols; j++) m += (w[j] as number) * (x.data[r * x.cols + j] as number);
    const residual = 1 / (1 + Math.exp(-m)) - (y[r] as number);
    for (let j = 0; j < x.cols; j++)
      g[j] = (g[j] as number) + residual * (x.data[r * x.cols + j] as number);
    g[x.cols] = (g[x.cols] as number) + residual;
  }
  return g.map((v, j) => (j < x.cols ? v + lambda * (w[j] as number) : v));
}

describe('fitLogistic', () => {
  it('converges to a point where the penalised gradient vanishes (first-order optimality)', () => {
    const { x, y } = syntheticData(500, 6, 1);
    const fit = fitLogistic(x, y, { lambda: 2 });
    expect(fit.iterations).toBeLessThan(15);
    expect(fit.gradientNorm).toBeLessThan(1e-8);
    for (const g of gradient(x, y, fit.coefficients, fit.intercept, 2))
      expect(Math.abs(g)).toBeLessThan(1e-7);
  });

  it('reproduces the group log-odds for a single binary feature without penalty', () => {
    // group 0: 3 of 10 positive; group 1: 6 of 8 positive → MLE margins log(3/7) and log(6/2)
    const xs = [...new Array<number>(10).fill(0), ...new Array<number>(8).fill(1)];
    const y = Uint8Array.from([1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 0, 0]);
    const fit = fitLogistic({ rows: 18, cols: 1, data: Float64Array.from(xs) }, y, { lambda: 0 });
    expect(fit.intercept).toBeCloseTo(Math.log(3 / 7), 10);
    expect((fit.coefficients[0] as number) + fit.intercept).toBeCloseTo(Math.log(3), 10);
  });

  it('shrinks coefficients as the penalty grows', () => {
    const { x, y } = syntheticData(300, 4, 2);
    const norm = (lambda: number) => Math.hypot(...fitLogistic(x, y, { lambda }).coefficients);
    expect(norm(100)).toBeLessThan(norm(1));
    expect(norm(1)).toBeLessThan(norm(0.01) + 1e-12);
  });

  it('computes margins as intercept plus the weighted sum', () => {
    const x: Matrix = { rows: 2, cols: 2, data: Float64Array.from([1, 2, -1, 0.5]) };
    expect(Array.from(logisticMargins(x, { coefficients: [0.5, -1], intercept: 0.25 }))).toEqual([
      -1.25, -0.75,
    ]);
  });
});
