/** L2-penalised logistic regression fitted to convergence by Newton's method (IRLS). */
import { sigmoid, solveSpd, type Matrix } from './matrix.js';

export interface LogisticOptions {
  /** L2 penalty λ on the coefficients (not the intercept), on the summed log-loss scale. */
  readonly lambda: number;
  readonly maxIterations?: number;
  /** Stop when the Euclidean norm of the penalised gradient falls below this. */
  readonly tolerance?: number;
}

export interface LogisticFit {
  readonly coefficients: number[];
  readonly intercept: number;
  readonly iterations: number;
  readonly gradientNorm: number;
  readonly objective: number;
}

/** Parameters θ = [w_0..w_{d-1}, b]; returns the margins X·w + b. */
function margins(x: Matrix, theta: Float64Array): Float64Array {
  const out = new Float64Array(x.rows);
  const d = x.cols;
  for (let r = 0; r < x.rows; r++) {
    let m = theta[d] as number;
    for (let c = 0; c < d; c++) m += (x.data[r * d + c] as number) * (theta[c] as number);
    out[r] = m;
  }
  return out;
}

function objective(x: Matrix, y: ArrayLike<number>, theta: Float64Array, lambda: number): number {
  const m = margins(x, theta);
  let loss = 0;
  for (let r = 0; r < x.rows; r++) {
    const mr = m[r] as number;
    // log(1 + e^m) - y·m, computed stably
    loss += Math.max(mr, 0) + Math.log1p(Math.exp(-Math.abs(mr))) - (y[r] as number) * mr;
  }
  let penalty = 0;
  for (let c = 0; c < x.cols; c++) penalty += (theta[c] as number) ** 2;
  return loss + 0.5 * lambda * penalty;
}

/** Penalised gradient and Hessian at θ (the Hessian is (d+1)×(d+1), row-major). */
function gradientAndHessian(x: Matrix, y: ArrayLike<number>, theta: Float64Array, lambda: number) {
  const d = x.cols;
  const n = d + 1;
  const g = new Float64Array(n);
  const h = new Float64Array(n * n);
  const m = margins(x, theta);
  const row = new Float64Array(n);
  for (let r = 0; r < x.rows; r++) {
    row.set(x.data.subarray(r * d, r * d + d));
    row[d] = 1;
    const p = sigmoid(m[r] as number);
    const residual = p - (y[r] as number);
    const weight = p * (1 - p);
    for (let i = 0; i < n; i++) {
      const xi = row[i] as number;
      if (xi === 0) continue;
      g[i] = (g[i] as number) + residual * xi;
      for (let j = 0; j <= i; j++)
        h[i * n + j] = (h[i * n + j] as number) + weight * xi * (row[j] as number);
    }
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) h[j * n + i] = h[i * n + j] as number;
    if (i < d) {
      g[i] = (g[i] as number) + lambda * (theta[i] as number);
      h[i * n + i] = (h[i * n + i] as number) + lambda;
    }
  }
  return { g, h };
}

function norm(v: Float64Array): number {
  let s = 0;
  for (const x of v) s += x * x;
  return Math.sqrt(s);
}

/**
 * Minimises Σ log-loss + λ/2·‖w‖² by Newton steps with step halving (the objective is strictly
 * convex for λ > 0, so this converges quadratically). Deterministic: no randomness at all.
 */
export function fitLogistic(
  x: Matrix,
  y: ArrayLike<number>,
  options: LogisticOptions,
): LogisticFit {
  const { lambda, maxIterations = 100, tolerance = 1e-8 } = options;
  const n = x.cols + 1;
  let theta = new Float64Array(n);
  let current = objective(x, y, theta, lambda);
  let iterations = 0;
  let { g, h } = gradientAndHessian(x, y, theta, lambda);
  while (norm(g) > tolerance && iterations < maxIterations) {
    const step = solveSpd(h, g, n);
    let size = 1;
    let candidate = theta.map((t, i) => t - (step[i] as number));
    let value = objective(x, y, candidate, lambda);
    while (value > current && size > 1e-6) {
      size /= 2;
      candidate = theta.map((t, i) => t - size * (step[i] as number));
      value = objective(x, y, candidate, lambda);
    }
    theta = candidate;
    current = value;
    iterations++;
    ({ g, h } = gradientAndHessian(x, y, theta, lambda));
  }
  return {
    coefficients: Array.from(theta.subarray(0, x.cols)),
    intercept: theta[x.cols] as number,
    iterations,
    gradientNorm: norm(g),
    objective: current,
  };
}

/** Margins (log-odds of the positive class) of a fitted model on a design matrix. */
export function logisticMargins(
  x: Matrix,
  fit: { readonly coefficients: readonly number[]; readonly intercept: number },
): Float64Array {
  return margins(x, Float64Array.from([...fit.coefficients, fit.intercept]));
}
