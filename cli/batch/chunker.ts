/**
 * The second streaming pass: cuts the input into chunks of `chunkSize` rows, each carrying its
 * rows' keys and its data as CSV text (the original cells, with the header) or a JSON array.
 */
import { stringify } from 'csv-stringify/sync';
import { readCsv, readNdjson } from './input.js';
import type { Chunk, RowKey, TableFormat } from './types.js';

export interface ChunkPlan {
  readonly format: TableFormat;
  /** The CSV header, or the NDJSON field names (the header when NDJSON is sent as CSV). */
  readonly columns: readonly string[];
  readonly key: string | undefined;
  readonly chunkSize: number;
  readonly sendAs: 'json' | 'csv';
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A CSV cell for a JSON chunk: numeric text becomes a number (the key column stays as it is). */
function jsonCell(cell: string, isKey: boolean): string | number {
  return !isKey && NUMBER.test(cell.trim()) ? Number(cell) : cell;
}

/** A JSON value as a CSV cell: scalars as text, missing or null as empty, the rest as JSON. */
function csvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** CSV text with a header; empty cells are quoted so a row of empty cells is not a blank line. */
export function csvText(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return stringify([header, ...rows], { quoted_empty: true });
}

function csvChunks(path: string, plan: ChunkPlan): AsyncGenerator<Chunk> {
  return group(plan, readCsv(path), (cells, row, header) => {
    const keyAt = plan.key === undefined ? -1 : header.indexOf(plan.key);
    const key: RowKey = keyAt < 0 ? row : (cells[keyAt] ?? '');
    if (plan.sendAs === 'csv') return { key, value: cells };
    const record = Object.fromEntries(
      header.map((h, i) => [h, jsonCell(cells[i] ?? '', i === keyAt)]),
    );
    return { key, value: record };
  });
}

function ndjsonChunks(path: string, plan: ChunkPlan): AsyncGenerator<Chunk> {
  return group(plan, readNdjson(path), (record, row) => {
    const own = plan.key === undefined ? undefined : record[plan.key];
    const key: RowKey = typeof own === 'string' || typeof own === 'number' ? own : row;
    return {
      key,
      value: plan.sendAs === 'csv' ? plan.columns.map((c) => csvCell(record[c])) : record,
    };
  });
}

type Shape<T> = (
  item: T,
  row: number,
  header: readonly string[],
) => { key: RowKey; value: unknown };

/** Groups shaped rows into chunks; for CSV input the first item is the header, not a row. */
async function* group<T>(plan: ChunkPlan, items: AsyncIterable<T>, shape: Shape<T>) {
  let header: readonly string[] = plan.columns;
  let skipHeader = plan.format === 'csv';
  let rows = 0;
  let keys: RowKey[] = [];
  let values: unknown[] = [];
  const cut = (index: number): Chunk => {
    const firstRow = rows - keys.length + 1;
    const csv = plan.sendAs === 'csv';
    const data = csv ? csvText(header, values as string[][]) : values;
    return { index, firstRow, keys, contentType: csv ? 'text/csv' : 'application/json', data };
  };
  let index = 0;
  for await (const item of items) {
    if (skipHeader) {
      header = item as string[];
      skipHeader = false;
      continue;
    }
    rows++;
    const { key, value } = shape(item, rows, header);
    keys.push(key);
    values.push(value);
    if (keys.length === plan.chunkSize) {
      yield cut(index++);
      keys = [];
      values = [];
    }
  }
  if (keys.length > 0) yield cut(index);
}

/** The input's chunks, in order, read lazily: only the chunk being built is held. */
export function chunksOf(path: string, plan: ChunkPlan): AsyncGenerator<Chunk> {
  return plan.format === 'csv' ? csvChunks(path, plan) : ndjsonChunks(path, plan);
}
