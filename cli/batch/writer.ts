/**
 * The output file: CSV (`<key>,probability_bad,label,decision,error`) or NDJSON
 * (`{<key>, probability_bad, label, decision}` or `{<key>, error}`), written chunk by chunk through
 * a sink that respects back-pressure, so a slow disk or pipe slows the batch rather than filling memory.
 */
import { stringify } from 'csv-stringify/sync';
import type { TextSink } from './sink.js';
import type { OutputRow, TableFormat } from './types.js';

/** The output columns after the key, in order. */
export const RESULT_COLUMNS = ['probability_bad', 'label', 'decision', 'error'] as const;

export interface RowWriter {
  write(rows: readonly OutputRow[]): Promise<void>;
  /** Writes the CSV header even when there are no rows. */
  end(): Promise<void>;
}

/** The rows as CSV lines (no header). */
export function csvLines(rows: readonly OutputRow[]): string {
  const cells = rows.map((r) =>
    'error' in r
      ? [String(r.key), '', '', '', r.error]
      : [String(r.key), String(r.probability_bad), String(r.label), r.decision, ''],
  );
  return cells.length === 0 ? '' : stringify(cells);
}

/** The rows as NDJSON lines, the key first under its own column name. */
export function ndjsonLines(rows: readonly OutputRow[], keyName: string): string {
  return rows
    .map((r) => {
      const { key, ...rest } = r;
      return `${JSON.stringify({ [keyName]: key, ...rest })}\n`;
    })
    .join('');
}

/** A writer on `sink` (which it does not close: the caller owns it). */
export function rowWriter(sink: TextSink, format: TableFormat, keyName: string): RowWriter {
  let headed = format !== 'csv';
  const put = (text: string) => sink.write(text);
  const head = async () => {
    if (headed) return;
    headed = true;
    await put(stringify([[keyName, ...RESULT_COLUMNS]]));
  };
  return {
    write: async (rows) => {
      await head();
      await put(format === 'csv' ? csvLines(rows) : ndjsonLines(rows, keyName));
    },
    end: head,
  };
}
