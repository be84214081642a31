/** A chunk's outcome as output rows: one per input row, in order, each a score or an error text. */
import type { BatchResult } from '../../functions/events/contract.js';
import type { ChunkOutcome, OutputRow, RowKey } from './types.js';

export interface FieldProblem {
  readonly pointer: string;
  readonly detail: string;
}

/** A field problem as people read it: `/age must be <= 120` (the whole record: `/`). */
export function problemText(problem: FieldProblem): string {
  const pointer = problem.pointer.replace(/^#/, '');
  return `${pointer === '' ? '/' : pointer} ${problem.detail}`;
}

/** Every problem of a rejected row, in the reply's order. */
export function errorText(problems: readonly FieldProblem[]): string {
  return problems.map(problemText).join('; ');
}

/** The text a row of a chunk that finally failed carries. */
export const chunkFailedText = (reason: string) => `chunk failed: ${reason}`;

function rowOf(key: OutputRow['key'], result: BatchResult | undefined): OutputRow {
  if (result === undefined) return { key, error: chunkFailedText('no result for this row') };
  if ('errors' in result) return { key, error: errorText(result.errors) };
  return {
    key,
    probability_bad: result.probability_bad,
    label: result.label,
    decision: result.decision,
  };
}

/** The chunk's rows, keyed by the input's own keys (not the reply's: a reply cannot rename rows). */
export function outputRows(
  chunk: { readonly keys: readonly RowKey[] },
  outcome: ChunkOutcome,
): OutputRow[] {
  if (outcome.kind === 'failed') {
    const error = chunkFailedText(outcome.reason);
    return chunk.keys.map((key) => ({ key, error }));
  }
  return chunk.keys.map((key, i) => rowOf(key, outcome.results[i]));
}
