/** Gradient-boosted trees for binary log-loss, with row subsampling and early stopping. */
import { sigmoid, type Matrix } from './matrix.js';
import { shuffled, type Random } from './random.js';
import { fitTree, presort, treeValue, type TreeOptions } from './tree.js';
import type { RegressionTree } from './types.js';

export interface BoostingOptions extends TreeOptions {
  /** Maximum number of trees (boosting rounds). */
  readonly maxTrees: number;
  /** Fraction of rows each tree sees (stochastic gradient boosting); 1 = all. */
  readonly subsample: number;
  /** Stop after this many rounds without a better validation log-loss. */
  readonly patience: number;
}

export interface BoostingFit {
  readonly trees: RegressionTree[];
  readonly baseScore: number;
  /** Validation log-loss after each round (empty without a validation set). */
  readonly validationLoss: number[];
}

export interface Labelled {
  readonly x: Matrix;
  readonly y: ArrayLike<number>;
}

function meanLogLoss(margin: Float64Array, y: ArrayLike<number>): number {
  let sum = 0;
  margin.forEach((m, i) => {
    sum += Math.max(m, 0) + Math.log1p(Math.exp(-Math.abs(m))) - (y[i] as number) * m;
  });
  return sum / margin.length;
}

function bag(rows: number, fraction: number, random: Random): Uint8Array {
  const inBag = new Uint8Array(rows);
  const take = Math.max(1, Math.round(rows * fraction));
  const order = shuffled(
    Array.from({ length: rows }, (_, i) => i),
    random,
  );
  for (const row of order.slice(0, take)) inBag[row] = 1;
  return inBag;
}

function addTree(margin: Float64Array, tree: RegressionTree, x: Matrix): void {
  for (let r = 0; r < x.rows; r++) margin[r] = (margin[r] as number) + treeValue(tree, x, r);
}

/**
 * Boosts up to `maxTrees` trees on `train`. With a `validation` set, stops early once the
 * validation log-loss has not improved for `patience` rounds and keeps only the trees up to the best
 * round. The base score is the training prior's log-odds (float32, as ONNX stores it).
 */
export function fitBoosting(
  train: Labelled,
  o: BoostingOptions,
  random: Random,
  validation?: Labelled,
): BoostingFit {
  const { x, y } = train;
  let positives = 0;
  for (let r = 0; r < x.rows; r++) positives += y[r] as number;
  const prior = positives / x.rows;
  const baseScore = Math.fround(Math.log(prior / (1 - prior)));
  const margin = new Float64Array(x.rows).fill(baseScore);
  const validMargin = new Float64Array(validation?.x.rows ?? 0).fill(baseScore);
  const sorted = presort(x);
  const g = new Float64Array(x.rows);
  const h = new Float64Array(x.rows);
  const trees: RegressionTree[] = [];
  const validationLoss: number[] = [];
  let best = 0;
  for (let round = 0; round < o.maxTrees; round++) {
    for (let r = 0; r < x.rows; r++) {
      const p = sigmoid(margin[r] as number);
      g[r] = p - (y[r] as number);
      h[r] = Math.max(p * (1 - p), 1e-16);
    }
    const tree = fitTree(x, sorted, g, h, bag(x.rows, o.subsample, random), o);
    trees.push(tree);
    addTree(margin, tree, x);
    if (!validation) continue;
    addTree(validMargin, tree, validation.x);
    validationLoss.push(meanLogLoss(validMargin, validation.y));
    if ((validationLoss[round] as number) < (validationLoss[best] as number)) best = round;
    if (round - best >= o.patience) break;
  }
  return { trees: validation ? trees.slice(0, best + 1) : trees, baseScore, validationLoss };
}

/** Margins (log-odds of the positive class) of an ensemble on a design matrix. */
export function boostingMargins(
  x: Matrix,
  fit: { readonly trees: readonly RegressionTree[]; readonly baseScore: number },
): Float64Array {
  const margin = new Float64Array(x.rows).fill(fit.baseScore);
  for (const tree of fit.trees) addTree(margin, tree, x);
  return margin;
}
