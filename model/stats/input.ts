/** Input checks shared by the statistics: they throw RangeError so bad data never becomes a silent NaN. */

/**
 * Checks a scores/labels pair: both non-empty and of equal length, every score a finite number,
 * every label exactly 0 or 1.
 * @throws RangeError naming the first offending row.
 */
export function assertScoresAndLabels(scores: ArrayLike<number>, labels: ArrayLike<number>): void {
  if (scores.length === 0) throw new RangeError('scores must not be empty');
  if (scores.length !== labels.length) {
    throw new RangeError(
      `scores and labels differ in length (${scores.length} vs ${labels.length})`,
    );
  }
  for (let i = 0; i < scores.length; i++) {
    if (!Number.isFinite(scores[i])) throw new RangeError(`score at row ${i} is not finite`);
    const label = labels[i];
    if (label !== 0 && label !== 1) throw new RangeError(`label at row ${i} is not 0 or 1`);
  }
}

/** Checks that every score is a probability, in [0, 1]. */
export function assertProbabilities(scores: ArrayLike<number>): void {
  for (let i = 0; i < scores.length; i++) {
    const p = scores[i] ?? Number.NaN;
    if (!(p >= 0 && p <= 1)) throw new RangeError(`score at row ${i} is not in [0, 1]`);
  }
}

/** Checks that `value` is an integer of at least `minimum`. */
export function assertInteger(name: string, value: number, minimum: number): void {
  if (!Number.isInteger(value) || value < minimum) {
    throw new RangeError(`${name} must be an integer >= ${minimum}, got ${value}`);
  }
}

/** Counts the labels equal to 1. */
export function countPositives(labels: ArrayLike<number>): number {
  let positives = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === 1) positives++;
  return positives;
}

/**
 * Throws unless both classes occur: rank statistics (AUC, KS, ROC) compare the two classes and are
 * undefined with one of them missing.
 */
export function assertBothClasses(positives: number, rows: number, statistic: string): void {
  if (positives === 0 || positives === rows) {
    throw new RangeError(
      `${statistic} needs both classes; labels are all ${positives === 0 ? 0 : 1}`,
    );
  }
}
