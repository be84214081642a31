/**
 * A CSV chunk's text → records (header row = field names), numeric cells of numeric features as
 * numbers, the key column taken out. Empty lines are skipped (as the CLI skips them when it counts
 * rows); every other line is a row, and a row not as wide as the header is refused on its own,
 * with the others still scored. Plain CSV (no quotes, no carriage returns) is split directly, a
 * row at a time, several times faster than a general parser; anything else goes to csv-parse
 * (RFC 4180 quoting), whose cells are the reference.
 */
import { parse } from 'csv-parse/sync';
import type { Feature } from '../../model/features.js';
import { HttpProblem } from '../lib/problem.js';

export type CsvRecord = Record<string, string | number>;
export type Key = string | number | undefined;

/** Why a row was refused before scoring, as a batch result's error (pointer within the record). */
export interface RowError {
  readonly pointer: string;
  readonly detail: string;
}

/** Each row's record (undefined when refused) without the key column, its key, and the refusals. */
export interface KeyedRecords {
  readonly records: (CsvRecord | undefined)[];
  readonly keys: Key[];
  readonly rejected: Map<number, RowError[]>;
}

/** The header and a way to read each row's cells. */
interface Table {
  readonly header: readonly string[];
  readonly rows: number;
  cells(row: number): readonly string[];
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A numeric feature's cell becomes a number when it looks like one (surrounding blanks allowed). */
const cellValue = (numeric: boolean, cell: string): string | number =>
  numeric && NUMBER.test(cell.trim()) ? Number(cell) : cell;

/** How each column's cells are read: numbers for numeric features, shared strings for categories. */
type CellReader = (cell: string) => string | number;

function cellReader(feature: Feature | undefined): CellReader {
  if (feature?.kind === 'numeric') return (cell) => cellValue(true, cell);
  if (feature?.kind !== 'categorical') return (cell) => cell;
  // one string per category for every row, instead of one per cell kept alive until scored
  const categories = new Map(feature.categories.map((c) => [c, c]));
  return (cell) => categories.get(cell) ?? cell;
}

/** Plain CSV split by hand, or undefined when the text needs the full parser. */
export function plainTable(text: string): Table | undefined {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.includes('"') || body.includes('\r')) return undefined;
  const lines = body.split('\n').filter((line) => line !== '');
  const header = lines.length === 0 ? [] : (lines[0] as string).split(',');
  return {
    header,
    rows: Math.max(lines.length - 1, 0),
    cells: (i) => lines[i + 1]?.split(',') ?? [],
  };
}

/** Any CSV, by csv-parse; a 400 naming the problem and line, never quoting the cells. */
export function parsedTable(text: string): Table {
  let rows: string[][];
  try {
    rows = parse(text, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: false,
    });
  } catch (error) {
    const what = error instanceof Error ? error.message.split(':')[0] : 'unreadable';
    const line = (error as { lines?: unknown }).lines;
    const where = typeof line === 'number' ? ` at line ${line}` : '';
    throw new HttpProblem('bad-request', `The chunk is not valid CSV: ${what ?? ''}${where}.`);
  }
  return {
    header: rows[0] ?? [],
    rows: Math.max(rows.length - 1, 0),
    cells: (i) => rows[i + 1] ?? [],
  };
}

/** A 400 when the header names a column twice (otherwise the last cell would silently win). */
function checkHeader(header: readonly string[]): void {
  const seen = new Set<string>();
  for (const name of header) {
    if (seen.has(name))
      throw new HttpProblem(
        'bad-request',
        `The CSV header names column ${JSON.stringify(name.slice(0, 64))} more than once.`,
      );
    seen.add(name);
  }
}

/** Sets a field, `__proto__` included (as an own property, never the prototype). */
function put(record: CsvRecord, name: string, value: string | number): void {
  if (name === '__proto__')
    Object.defineProperty(record, name, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  else record[name] = value;
}

/** The table's records, keys and refused rows (a row of another width than the header). */
export function tableRecords(
  table: Table,
  features: readonly Feature[],
  keyColumn: string | undefined,
): KeyedRecords {
  const { header } = table;
  checkHeader(header);
  const byName = new Map(features.map((f) => [f.name, f]));
  const keyAt = keyColumn === undefined ? -1 : header.indexOf(keyColumn);
  const readers = header.map((h) => cellReader(byName.get(h)));
  const records = new Array<CsvRecord | undefined>(table.rows).fill(undefined);
  const keys = new Array<Key>(table.rows).fill(undefined);
  const rejected = new Map<number, RowError[]>();
  for (let i = 0; i < table.rows; i++) {
    const cells = table.cells(i);
    if (keyAt >= 0 && keyAt < cells.length)
      keys[i] = (readers[keyAt] as CellReader)(cells[keyAt] as string);
    if (cells.length !== header.length) {
      const detail = `has ${cells.length} cells; the header has ${header.length}`;
      rejected.set(i, [{ pointer: '', detail }]);
      continue;
    }
    const record: CsvRecord = {};
    for (let k = 0; k < cells.length; k++)
      if (k !== keyAt)
        put(record, header[k] as string, (readers[k] as CellReader)(cells[k] as string));
    records[i] = record;
  }
  return { records, keys, rejected };
}

/** A CSV chunk's records, keys and refused rows: plain CSV split directly, the rest parsed. */
export function csvRecords(
  text: string,
  features: readonly Feature[],
  keyColumn: string | undefined,
): KeyedRecords {
  return tableRecords(plainTable(text) ?? parsedTable(text), features, keyColumn);
}
