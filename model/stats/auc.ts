/** Area under the ROC curve from rank sums (Mann–Whitney U), ties at average rank. */
import { assertBothClasses, assertScoresAndLabels } from './input.js';
import { scoreGroups } from './score-groups.js';

/**
 * ROC AUC: the probability that a random positive scores above a random negative, a tie counting
 * one half. Computed as U / (P·N) with U = R₊ − P(P+1)/2, where R₊ is the sum of the positives'
 * ranks in ascending score order and tied scores share their average rank (Mann & Whitney, 1947;
 * Hanley & McNeil, 1982, Radiology 143:29). O(n log n).
 * @throws RangeError when the input is empty or invalid, or when labels are all one class (the AUC
 *   is undefined then; throwing keeps a NaN out of a JSON manifest).
 */
export function auc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  assertScoresAndLabels(scores, labels);
  const groups = scoreGroups(scores, labels);
  const { totalPositives: p, totalNegatives: n } = groups;
  assertBothClasses(p, p + n, 'AUC');
  let rankSum = 0;
  let rowsBelow = 0;
  for (let g = 0; g < groups.values.length; g++) {
    const pos = groups.positives[g] ?? 0;
    const size = pos + (groups.negatives[g] ?? 0);
    rankSum += pos * (rowsBelow + (size + 1) / 2);
    rowsBelow += size;
  }
  return (rankSum - (p * (p + 1)) / 2) / (p * n);
}
