/** Stratified holdout splits and k-fold partitions over row indices. */
import { shuffled, type Random } from './random.js';

/** Row indices of each class, each list shuffled. */
function shuffledByClass(target: ArrayLike<number>, random: Random): [number[], number[]] {
  const negatives: number[] = [];
  const positives: number[] = [];
  for (let i = 0; i < target.length; i++) (target[i] === 1 ? positives : negatives).push(i);
  return [shuffled(negatives, random), shuffled(positives, random)];
}

export interface Split {
  readonly train: readonly number[];
  readonly test: readonly number[];
}

/**
 * Stratified holdout: each class contributes `round(testFraction · classCount)` rows to `test`.
 * Both index lists are returned in ascending order so downstream work does not depend on the shuffle.
 */
export function stratifiedSplit(
  target: ArrayLike<number>,
  testFraction: number,
  random: Random,
): Split {
  const train: number[] = [];
  const test: number[] = [];
  for (const rows of shuffledByClass(target, random)) {
    const nTest = Math.round(rows.length * testFraction);
    test.push(...rows.slice(0, nTest));
    train.push(...rows.slice(nTest));
  }
  return { train: train.sort((a, b) => a - b), test: test.sort((a, b) => a - b) };
}

/**
 * Stratified k folds over the given rows: rows of each class are dealt round-robin after a shuffle,
 * so fold sizes and class balance differ by at most one row. Returns, per fold, the held-out rows
 * and the remaining ones (both ascending).
 */
export function stratifiedFolds(
  rows: readonly number[],
  target: ArrayLike<number>,
  k: number,
  random: Random,
): Split[] {
  const local = rows.map((row) => target[row] ?? 0);
  const folds: number[][] = Array.from({ length: k }, () => []);
  let next = 0;
  for (const byClass of shuffledByClass(local, random)) {
    for (const i of byClass) (folds[next++ % k] as number[]).push(rows[i] as number);
  }
  return folds.map((held) => {
    const heldSet = new Set(held);
    return {
      test: held.sort((a, b) => a - b),
      train: rows.filter((row) => !heldSet.has(row)).sort((a, b) => a - b),
    };
  });
}
