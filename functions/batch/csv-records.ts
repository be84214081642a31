/**
 * A CSV chunk's text → records (header row = field names), numeric cells of numeric features as
 * numbers, the key column taken out. Plain CSV (no quotes, no carriage returns, every row as wide
 * as the header) is split directly, a row at a time, several times faster than a general parser
 * and with less garbage; anything else goes to csv-parse, whose results and error messages stay
 * the reference (RFC 4180 quoting, line numbers in errors).
 */
import { parse } from 'csv-parse/sync';
import type { Feature } from '../../model/features.js';
import { HttpProblem } from '../lib/problem.js';

export type CsvRecord = Record<string, string | number>;
export type Key = string | number | undefined;

/** Records without the key column, and each one's key (undefined without a key column). */
export interface KeyedRecords {
  readonly records: CsvRecord[];
  readonly keys: Key[];
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A numeric feature's cell becomes a number when it looks like one (surrounding blanks allowed). */
const cellValue = (numeric: boolean, cell: string): string | number =>
  numeric && NUMBER.test(cell.trim()) ? Number(cell) : cell;

function fullParse(text: string): Record<string, string>[] {
  try {
    return parse<Record<string, string>>(text, {
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
}

/** Plain CSV's header and non-empty lines, or undefined when the text needs the full parser. */
export function plainCsvLines(text: string): { header: string[]; lines: string[] } | undefined {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.includes('"') || body.includes('\r')) return undefined;
  const lines = body.split('\n').filter((line) => line !== '');
  const header = lines.length === 0 ? [] : (lines[0] as string).split(',');
  if (new Set(header).size !== header.length || header.includes('__proto__')) return undefined;
  return { header, lines: lines.slice(1) };
}

/** How each column's cells are read: numbers for numeric features, shared strings for categories. */
type CellReader = (cell: string) => string | number;

function cellReader(feature: Feature | undefined): CellReader {
  if (feature?.kind === 'numeric') return (cell) => cellValue(true, cell);
  if (feature?.kind !== 'categorical') return (cell) => cell;
  // one string per category for every row, instead of one per cell kept alive until scored
  const categories = new Map(feature.categories.map((c) => [c, c]));
  return (cell) => categories.get(cell) ?? cell;
}

/** Builds records a line at a time; undefined at the first line not as wide as the header. */
function plainRecords(
  header: readonly string[],
  lines: readonly string[],
  readers: readonly CellReader[],
  keyAt: number,
): KeyedRecords | undefined {
  const records: CsvRecord[] = new Array<CsvRecord>(lines.length);
  const keys: Key[] = new Array<Key>(lines.length);
  for (let i = 0; i < lines.length; i++) {
    const cells = (lines[i] as string).split(',');
    if (cells.length !== header.length) return undefined;
    const record: CsvRecord = {};
    for (let k = 0; k < cells.length; k++) {
      const value = (readers[k] as CellReader)(cells[k] as string);
      if (k === keyAt) keys[i] = value;
      else record[header[k] as string] = value;
    }
    records[i] = record;
  }
  return { records, keys };
}

/** The fallback's records, with the key column still in them (the caller takes it out). */
export function parsedRecords(text: string, features: readonly Feature[]): CsvRecord[] {
  const numeric = new Set(features.filter((f) => f.kind === 'numeric').map((f) => f.name));
  return fullParse(text).map((row) =>
    Object.fromEntries(Object.entries(row).map(([k, v]) => [k, cellValue(numeric.has(k), v)])),
  );
}

/**
 * Plain CSV's records without the key column, and their keys; undefined when the text needs the
 * full parser (`parsedRecords`).
 */
export function plainCsvRecords(
  text: string,
  features: readonly Feature[],
  keyColumn: string | undefined,
): KeyedRecords | undefined {
  const plain = plainCsvLines(text);
  if (!plain) return undefined;
  const byName = new Map(features.map((f) => [f.name, f]));
  const { header, lines } = plain;
  const keyAt = keyColumn === undefined ? -1 : header.indexOf(keyColumn);
  const readers = header.map((h) => cellReader(byName.get(h)));
  return plainRecords(header, lines, readers, keyAt);
}
