/**
 * A `batch.requested` chunk's data → records to score: a JSON array of records, or CSV text with a
 * header row whose numeric cells become numbers (by the model's features). The key column, when
 * named, is taken out of each record and echoed in its result.
 */
import type { Feature } from '../../model/features.js';
import { CHUNK_CONTENT_TYPES } from '../events/contract.js';
import { withoutField } from '../../model/runtime/record-reader.js';
import { HttpProblem } from '../lib/problem.js';
import { parsedRecords, plainCsvRecords, type Key } from './csv-records.js';

export interface Chunk {
  readonly records: readonly unknown[];
  readonly keys: readonly Key[];
  /**
   * The key column when the records still carry it (JSON chunks, to spare a copy of every
   * record): scoring ignores it (`scoreEach`'s `extra`), logs take it out (`recordsWithoutKey`).
   */
  readonly keyColumn?: string;
}

function checkCount(count: number, maxRecords: number): void {
  if (count > maxRecords)
    throw new HttpProblem(
      'payload-too-large',
      `${count} records in one chunk; the limit is ${maxRecords}.`,
    );
}

const keyOf = (record: unknown, keyColumn: string): Key => {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return undefined;
  const key = (record as Record<string, unknown>)[keyColumn];
  return typeof key === 'string' || typeof key === 'number' ? key : undefined;
};

/** The chunk's records as scored and logged: without the key column. */
export function recordsWithoutKey(chunk: Chunk, rows: readonly number[]): unknown[] {
  const { keyColumn } = chunk;
  return rows.map((r) =>
    keyColumn === undefined ? chunk.records[r] : withoutField(chunk.records[r], keyColumn),
  );
}

/**
 * Counts the records (413 above `maxRecords`) and reads their keys. Records keep the key column
 * (the chunk says which), unless it is also a feature: then each is copied without it, so the
 * feature counts as missing, as a key column must not be scored.
 */
function splitKeys(
  raw: readonly unknown[],
  keyColumn: string | undefined,
  features: readonly Feature[],
  maxRecords: number,
): Chunk {
  checkCount(raw.length, maxRecords);
  if (keyColumn === undefined)
    return { records: raw, keys: new Array<Key>(raw.length).fill(undefined) };
  const keys = raw.map((r) => keyOf(r, keyColumn));
  if (!features.some((f) => f.name === keyColumn)) return { records: raw, keys, keyColumn };
  return { records: raw.map((r) => withoutField(r, keyColumn)), keys };
}

function csvChunk(
  data: unknown,
  features: readonly Feature[],
  keyColumn: string | undefined,
  maxRecords: number,
): Chunk {
  if (typeof data !== 'string')
    throw new HttpProblem('bad-request', 'A text/csv chunk must carry CSV text.');
  const plain = plainCsvRecords(data, features, keyColumn);
  if (!plain) return splitKeys(parsedRecords(data, features), keyColumn, features, maxRecords);
  checkCount(plain.records.length, maxRecords);
  return plain;
}

/** Decodes a chunk; 400 for data that can never be scored, 413 above `maxRecords`. */
export function decodeChunk(
  data: unknown,
  contentType: string | undefined,
  features: readonly Feature[],
  keyColumn: string | undefined,
  maxRecords: number,
): Chunk {
  const type = (contentType ?? CHUNK_CONTENT_TYPES.json).split(';')[0]?.trim().toLowerCase();
  if (type === CHUNK_CONTENT_TYPES.csv) return csvChunk(data, features, keyColumn, maxRecords);
  if (type !== CHUNK_CONTENT_TYPES.json && !type?.endsWith('+json'))
    throw new HttpProblem(
      'bad-request',
      `datacontenttype must be ${CHUNK_CONTENT_TYPES.json} or ${CHUNK_CONTENT_TYPES.csv}, got ${contentType ?? ''}`,
    );
  if (!Array.isArray(data))
    throw new HttpProblem('bad-request', 'A JSON chunk must be an array of records.');
  return splitKeys(data, keyColumn, features, maxRecords);
}
