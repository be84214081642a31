/** Reliability (calibration) table: mean predicted probability against observed rate per score bin. */
import { assertInteger, assertScoresAndLabels } from './input.js';
import { binIndex, quantileEdges } from './quantiles.js';

/** One non-empty score bin. */
export interface CalibrationRow {
  /** Smallest score in the bin. */
  readonly lower: number;
  /** Largest score in the bin. */
  readonly upper: number;
  readonly count: number;
  /** Mean score of the bin's rows. */
  readonly mean_predicted: number;
  /** Share of the bin's rows with label 1. */
  readonly observed_rate: number;
}

/**
 * Equal-frequency calibration table (the data behind a reliability diagram; Niculescu-Mizil &
 * Caruana, ICML 2005). Edges are `quantileEdges(scores, bins)` and rows are assigned with
 * `binIndex`, so tied scores always share a bin and heavy ties give fewer, larger bins; empty bins
 * are dropped. Rows come in ascending score order, every input row is in exactly one of them.
 * @throws RangeError on empty or invalid input, or bins not an integer >= 1.
 */
export function calibrationTable(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  bins = 10,
): CalibrationRow[] {
  assertScoresAndLabels(scores, labels);
  assertInteger('bins', bins, 1);
  const edges = quantileEdges(scores, bins);
  const size = edges.length + 1;
  const count = new Float64Array(size);
  const positives = new Float64Array(size);
  const scoreSum = new Float64Array(size);
  const lower = new Float64Array(size).fill(Number.POSITIVE_INFINITY);
  const upper = new Float64Array(size).fill(Number.NEGATIVE_INFINITY);
  for (let i = 0; i < scores.length; i++) {
    const score = scores[i] ?? Number.NaN;
    const bin = binIndex(score, edges);
    count[bin] = (count[bin] ?? 0) + 1;
    positives[bin] = (positives[bin] ?? 0) + (labels[i] ?? 0);
    scoreSum[bin] = (scoreSum[bin] ?? 0) + score;
    lower[bin] = Math.min(lower[bin] ?? score, score);
    upper[bin] = Math.max(upper[bin] ?? score, score);
  }
  const rows: CalibrationRow[] = [];
  for (let bin = 0; bin < size; bin++) {
    const n = count[bin] ?? 0;
    if (n === 0) continue;
    rows.push({
      lower: lower[bin] ?? Number.NaN,
      upper: upper[bin] ?? Number.NaN,
      count: n,
      mean_predicted: (scoreSum[bin] ?? 0) / n,
      observed_rate: (positives[bin] ?? 0) / n,
    });
  }
  return rows;
}
