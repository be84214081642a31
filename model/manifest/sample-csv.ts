/** A sample CSV (header row required) read as text columns, and its rows turned into typed records. */
import { parse } from 'csv-parse/sync';
import type { Feature, FeatureRecord } from '../features.js';
import { escapePointer } from '../runtime/contract.js';
import { ModelError, type FieldError } from '../runtime/errors.js';

/** The sample as read: column names and rows of raw text cells. */
export interface SampleTable {
  /** File name, for messages and lineage. */
  readonly file: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function invalid(message: string, details: readonly FieldError[] = []): never {
  throw new ModelError('invalid_input', message, { details });
}

/**
 * Parses CSV text whose first row names the columns (RFC 4180 quoting, an optional BOM, empty
 * lines skipped). Throws `invalid_input` when it cannot be parsed, has no data row or repeats a
 * column name.
 */
export function parseSample(text: string | Uint8Array, file: string): SampleTable {
  let cells: string[][];
  try {
    cells = parse(text, { bom: true, skip_empty_lines: true });
  } catch (cause) {
    throw new ModelError('invalid_input', `${file} is not a CSV file: ${String(cause)}`, { cause });
  }
  const [header, ...rows] = cells;
  if (header === undefined || rows.length === 0)
    invalid(`${file} needs a header row and at least one data row`);
  const repeated = header.filter((name, i) => header.indexOf(name) !== i);
  if (repeated.length > 0)
    invalid(`${file} repeats the column(s) ${[...new Set(repeated)].join(', ')}`);
  return { file, header, rows };
}

/** The cells of one column, in row order. Throws `invalid_input` when the column is absent. */
export function columnValues(sample: SampleTable, column: string): string[] {
  const j = sample.header.indexOf(column);
  if (j < 0)
    invalid(`${sample.file} has no column '${column}' (it has ${sample.header.join(', ')})`);
  return sample.rows.map((row) => row[j] ?? '');
}

/**
 * Parses a numeric column strictly (plain decimal notation, no empty cells); every bad cell is
 * reported at once, located as `/<row>/<column>` (row 0 is the first data row, CSV line 2).
 */
export function numericColumn(sample: SampleTable, column: string, integer: boolean): number[] {
  const errors: FieldError[] = [];
  const token = escapePointer(column);
  const values = columnValues(sample, column).map((text, i) => {
    const value = DECIMAL.test(text.trim()) ? Number(text) : Number.NaN;
    if (!Number.isFinite(value)) {
      errors.push({
        pointer: `/${i}/${token}`,
        message: `'${text}' (CSV line ${i + 2}) is not a number`,
        keyword: 'type',
      });
    } else if (integer && !Number.isInteger(value)) {
      errors.push({
        pointer: `/${i}/${token}`,
        message: `${text} (CSV line ${i + 2}) is not a whole number, and the model's input takes integers`,
        keyword: 'type',
      });
    }
    return value;
  });
  if (errors.length > 0)
    invalid(
      `${sample.file}: ${errors.length} value(s) of column '${column}' cannot feed the model`,
      errors,
    );
  return values;
}

/** The sample's rows as records of the given features (numbers for numeric features). */
export function sampleRecords(sample: SampleTable, features: readonly Feature[]): FeatureRecord[] {
  const columns = features.map((f) =>
    f.kind === 'numeric' ? numericColumn(sample, f.name, f.integer) : columnValues(sample, f.name),
  );
  return sample.rows.map((_, i) =>
    Object.fromEntries(features.map((f, j) => [f.name, columns[j]?.[i] ?? ''])),
  );
}
