/**
 * A `batch.requested` chunk's data → records to score: a JSON array of records, or CSV text with a
 * header row whose numeric cells become numbers (by the model's features). The key column, when
 * named, is taken out of each record and echoed in its result. A record is refused on its own,
 * with the others still scored, when its key is neither a string nor a finite number, or is
 * longer than `MAX_KEY_LENGTH` (the monitor stores keys), or when it is a CSV row of another width
 * than the header; a chunk that can never be read is a 400.
 */
import type { Feature } from '../../model/features.js';
import { escapePointer } from '../../model/runtime/contract.js';
import { withoutField } from '../../model/runtime/record-reader.js';
import { CHUNK_CONTENT_TYPES, TEXT_LIMITS } from '../events/contract.js';
import { isJsonMediaType, mediaType } from '../events/media-type.js';
import { HttpProblem } from '../lib/problem.js';
import { csvRecords, type Key, type RowError } from './csv-records.js';

/** Longest key echoed and logged, in characters (the monitor's `applicant_key` limit). */
export const MAX_KEY_LENGTH = TEXT_LIMITS.key;

export interface Chunk {
  /** One entry per row; a refused row's entry is never scored. */
  readonly records: readonly unknown[];
  readonly keys: readonly Key[];
  /**
   * The key column when the records still carry it (JSON chunks, to spare a copy of every
   * record): scoring ignores it (`scoreEach`'s `extra`), logs take it out (`recordsWithoutKey`).
   */
  readonly keyColumn?: string;
  /** Rows refused before scoring, and why. */
  readonly rejected: ReadonlyMap<number, readonly RowError[]>;
}

function checkCount(count: number, maxRecords: number): void {
  if (count > maxRecords)
    throw new HttpProblem(
      'payload-too-large',
      `${count} records in one chunk; the limit is ${maxRecords}.`,
    );
}

/** What is wrong with a key value, or undefined when it can be echoed and logged. */
function keyProblem(key: unknown): string | undefined {
  if (key === undefined || (typeof key === 'number' && Number.isFinite(key))) return undefined;
  if (typeof key !== 'string') return 'must be a string or a number (the key column)';
  return key.length > MAX_KEY_LENGTH
    ? `has ${key.length} characters; a key may have ${MAX_KEY_LENGTH}`
    : undefined;
}

/** Refuses the rows whose key is unusable (their key is then left out of the result). */
function checkKeys(keys: Key[], keyColumn: string, rejected: Map<number, RowError[]>): void {
  keys.forEach((key, row) => {
    const detail = keyProblem(key);
    if (detail === undefined) return;
    rejected.set(row, [
      ...(rejected.get(row) ?? []),
      { pointer: `/${escapePointer(keyColumn)}`, detail },
    ]);
    keys[row] = undefined;
  });
}

/** The chunk's records as scored and logged: without the key column. */
export function recordsWithoutKey(chunk: Chunk, rows: readonly number[]): unknown[] {
  const { keyColumn } = chunk;
  return rows.map((r) =>
    keyColumn === undefined ? chunk.records[r] : withoutField(chunk.records[r], keyColumn),
  );
}

const fieldOf = (record: unknown, name: string): unknown =>
  typeof record === 'object' &&
  record !== null &&
  !Array.isArray(record) &&
  Object.hasOwn(record, name)
    ? (record as Record<string, unknown>)[name]
    : undefined;

/**
 * A JSON chunk's records, which keep the key column (the chunk says which) unless it is also a
 * feature: then each is copied without it, so the feature counts as missing, as a key column
 * must not be scored.
 */
function jsonChunk(
  raw: readonly unknown[],
  keyColumn: string | undefined,
  features: readonly Feature[],
  maxRecords: number,
): Chunk {
  checkCount(raw.length, maxRecords);
  const rejected = new Map<number, RowError[]>();
  if (keyColumn === undefined)
    return { records: raw, keys: new Array<Key>(raw.length).fill(undefined), rejected };
  const keys = raw.map((r) => fieldOf(r, keyColumn) as Key);
  checkKeys(keys, keyColumn, rejected);
  if (!features.some((f) => f.name === keyColumn))
    return { records: raw, keys, keyColumn, rejected };
  return { records: raw.map((r) => withoutField(r, keyColumn)), keys, rejected };
}

function csvChunk(
  data: unknown,
  features: readonly Feature[],
  keyColumn: string | undefined,
  maxRecords: number,
): Chunk {
  if (typeof data !== 'string')
    throw new HttpProblem('bad-request', 'A text/csv chunk must carry CSV text.');
  const { records, keys, rejected } = csvRecords(data, features, keyColumn);
  checkCount(records.length, maxRecords);
  if (keyColumn !== undefined) checkKeys(keys, keyColumn, rejected);
  return { records, keys, rejected };
}

/**
 * Decodes a chunk; 400 for data that can never be scored, 413 above `maxRecords`. No
 * `datacontenttype` (binary mode without Content-Type) is JSON, as in message.ts.
 */
export function decodeChunk(
  data: unknown,
  contentType: string | undefined,
  features: readonly Feature[],
  keyColumn: string | undefined,
  maxRecords: number,
): Chunk {
  const type = mediaType(contentType);
  if (type === CHUNK_CONTENT_TYPES.csv) return csvChunk(data, features, keyColumn, maxRecords);
  if (!isJsonMediaType(type))
    throw new HttpProblem(
      'bad-request',
      `datacontenttype must be ${CHUNK_CONTENT_TYPES.json} or ${CHUNK_CONTENT_TYPES.csv}.`,
    );
  if (!Array.isArray(data))
    throw new HttpProblem('bad-request', 'A JSON chunk must be an array of records.');
  return jsonChunk(data, keyColumn, features, maxRecords);
}
