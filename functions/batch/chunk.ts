/**
 * A `batch.requested` chunk's data → records to score: a JSON array of records, or CSV text with a
 * header row whose numeric cells become numbers (by the model's features). The key column, when
 * named, is taken out of each record and echoed in its result.
 */
import { parse } from 'csv-parse/sync';
import type { Feature } from '../../model/features.js';
import { CHUNK_CONTENT_TYPES } from '../events/contract.js';
import { HttpProblem } from '../lib/problem.js';

export interface Chunk {
  readonly records: readonly unknown[];
  readonly keys: readonly (string | number | undefined)[];
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function csvRecords(text: string, features: readonly Feature[]): Record<string, string | number>[] {
  let rows: Record<string, string>[];
  try {
    rows = parse<Record<string, string>>(text, {
      columns: true,
      skip_empty_lines: true,
      bom: true,
      trim: false,
    });
  } catch (error) {
    throw new HttpProblem(
      'bad-request',
      `The chunk is not valid CSV: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const numeric = new Set(features.filter((f) => f.kind === 'numeric').map((f) => f.name));
  return rows.map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([k, v]) => [
        k,
        numeric.has(k) && NUMBER.test(v.trim()) ? Number(v) : v,
      ]),
    ),
  );
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

function takeKey(
  record: unknown,
  keyColumn: string | undefined,
): [unknown, string | number | undefined] {
  if (
    keyColumn === undefined ||
    typeof record !== 'object' ||
    record === null ||
    Array.isArray(record)
  )
    return [record, undefined];
  const entries = Object.entries(record as Record<string, unknown>);
  const key = entries.find(([k]) => k === keyColumn)?.[1];
  const rest = Object.fromEntries(entries.filter(([k]) => k !== keyColumn));
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
  const pairs = raw.map((r) => takeKey(r, keyColumn));
  return { records: pairs.map(([r]) => r), keys: pairs.map(([, k]) => k) };
}
