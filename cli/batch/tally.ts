/**
 * The batch's running figures and its final summary: rows in, scored, rejected (with the reasons,
 * counted by field and detail), chunks failed (with theirs), elapsed time and rate.
 */
import type { ChunkOutcome, RowKey } from './types.js';
import type { FieldProblem } from './results.js';

/** Distinct reasons kept, at most; the rest are counted under one "other" line. */
const MAX_REASONS = 1000;

export interface ReasonCount {
  readonly reason: string;
  readonly count: number;
}

export interface Tally {
  rowsIn: number;
  rowsDone: number;
  rowsScored: number;
  rowsRejected: number;
  rowsFailed: number;
  chunks: number;
  chunksDone: number;
  chunksFailed: number;
  chunksInFlight: number;
  retries: number;
  readonly rejections: Map<string, number>;
  readonly failures: Map<string, number>;
}

export function newTally(rowsIn: number, chunks: number): Tally {
  return {
    rowsIn,
    rowsDone: 0,
    rowsScored: 0,
    rowsRejected: 0,
    rowsFailed: 0,
    chunks,
    chunksDone: 0,
    chunksFailed: 0,
    chunksInFlight: 0,
    retries: 0,
    rejections: new Map(),
    failures: new Map(),
  };
}

function count(map: Map<string, number>, reason: string): void {
  const known = map.get(reason);
  if (known !== undefined) map.set(reason, known + 1);
  else if (map.size < MAX_REASONS) map.set(reason, 1);
  else map.set('(other reasons)', (map.get('(other reasons)') ?? 0) + 1);
}

/** Adds a settled chunk to the figures. */
export function countChunk(
  tally: Tally,
  chunk: { readonly keys: readonly RowKey[] },
  outcome: ChunkOutcome,
  text: (p: FieldProblem) => string,
): void {
  const rows = chunk.keys.length;
  tally.rowsDone += rows;
  tally.chunksDone++;
  if (outcome.kind === 'failed') {
    tally.rowsFailed += rows;
    tally.chunksFailed++;
    count(tally.failures, outcome.reason);
    return;
  }
  for (const result of outcome.results) {
    if (!('errors' in result)) {
      tally.rowsScored++;
      continue;
    }
    tally.rowsRejected++;
    for (const problem of result.errors) count(tally.rejections, text(problem));
  }
}

/** The most frequent reasons first (ties by text, so the order is stable). */
export function topReasons(map: ReadonlyMap<string, number>, limit: number): ReasonCount[] {
  return [...map]
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, limit)
    .map(([reason, n]) => ({ reason, count: n }));
}
