/** The shapes `scorefn batch` passes between its parts: chunks, outcomes, output rows. */
import type { CloudEvent } from 'cloudevents';
import type { BatchResult } from '../../functions/events/contract.js';

/** An input row's key: a cell or JSON value of the `--key` column, or the 1-based row number. */
export type RowKey = string | number;

export type TableFormat = 'csv' | 'ndjson';

/** A slice of the input, ready to become one `batch.requested` event. */
export interface Chunk {
  /** 0-based position of the chunk in its batch (the `chunkindex` extension). */
  readonly index: number;
  /** 1-based row number (in the input file) of the chunk's first row. */
  readonly firstRow: number;
  /** One key per row, in order: what the output keeps for each row. */
  readonly keys: readonly RowKey[];
  readonly contentType: 'application/json' | 'text/csv';
  /** A JSON array of records, or CSV text with a header row. */
  readonly data: string | readonly unknown[];
}

/** A chunk on its way: its event, and its rows' keys for the output. */
export interface Job {
  readonly index: number;
  readonly keys: readonly RowKey[];
  readonly event: CloudEvent<unknown>;
}

/** What became of a chunk: the reply's results, or the reason it finally failed. */
export type ChunkOutcome =
  | { readonly kind: 'scored'; readonly results: readonly BatchResult[] }
  | { readonly kind: 'failed'; readonly reason: string };

/** One row of the output, in the shape both writers take. */
export type OutputRow =
  | {
      readonly key: RowKey;
      readonly probability_bad: number;
      readonly label: string | number;
      readonly decision: string;
    }
  | { readonly key: RowKey; readonly error: string };

/** A mistake in the command line or the input file, found before anything is sent: exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
