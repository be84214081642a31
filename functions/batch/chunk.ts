/**
 * A `batch.requested` chunk's data → records to score: a JSON array of records, or CSV text with a
 * header row whose numeric cells become numbers (by the model's features). The key column, when
 * named, is taken out of each record and echoed in its result.
 */
import type { Feature } from '../../model/features.js';
import { CHUNK_CONTENT_TYPES } from '../events/contract.js';
import { HttpProblem } from '../lib/problem.js';
import { csvRecords } from './csv-records.js';

export interface Chunk {
  readonly records: readonly unknown[];
  readonly keys: readonly (string | number | undefined)[];
}

function dataRecords(
  data: unknown,
  contentType: string | undefined,
  features: readonly Feature[],
): unknown[] {
  const type = (contentType ?? CHUNK_CONTENT_TYPES.json).split(';')[0]?.trim().toLowerCase();
  if (type === CHUNK_CONTENT_TYPES.csv) {
    if (typeof data !== 'string')
      throw new HttpProblem('bad-request', 'A text/csv chunk must carry CSV text.');
    return csvRecords(data, features);
  }
  if (type !== CHUNK_CONTENT_TYPES.json && !type?.endsWith('+json'))
    throw new HttpProblem(
      'bad-request',
      `datacontenttype must be ${CHUNK_CONTENT_TYPES.json} or ${CHUNK_CONTENT_TYPES.csv}, got ${contentType ?? ''}`,
    );
  if (!Array.isArray(data))
    throw new HttpProblem('bad-request', 'A JSON chunk must be an array of records.');
  return data;
}

type Key = string | number | undefined;

/** The record without its key column (same field order), and the key when it is a string or number. */
function takeKey(record: unknown, keyColumn: string): [unknown, Key] {
  if (typeof record !== 'object' || record === null || Array.isArray(record))
    return [record, undefined];
  const fields = record as Record<string, unknown>;
  const rest: Record<string, unknown> = {};
  let key: unknown;
  for (const name of Object.keys(fields)) {
    const value = fields[name];
    if (name === keyColumn) key = value;
    else if (name === '__proto__') Object.defineProperty(rest, name, { value, enumerable: true, writable: true, configurable: true });
    else rest[name] = value;
  }
  return [rest, typeof key === 'string' || typeof key === 'number' ? key : undefined];
}

/** Decodes a chunk; 400 for data that can never be scored, 413 above `maxRecords`. */
export function decodeChunk(
  data: unknown,
  contentType: string | undefined,
  features: readonly Feature[],
  keyColumn: string | undefined,
  maxRecords: number,
): Chunk {
  const raw = dataRecords(data, contentType, features);
  if (raw.length > maxRecords)
    throw new HttpProblem(
      'payload-too-large',
      `${raw.length} records in one chunk; the limit is ${maxRecords}.`,
    );
  if (keyColumn === undefined) return { records: raw, keys: new Array<Key>(raw.length).fill(undefined) };
  const records: unknown[] = new Array<unknown>(raw.length);
  const keys: Key[] = new Array<Key>(raw.length);
  for (let i = 0; i < raw.length; i++) [records[i], keys[i]] = takeKey(raw[i], keyColumn);
  return { records, keys };
}
