/**
 * The bench's inputs, all from the German Credit records: one applicant as native JSON and as a
 * V2 inference request, chunks of keyed records as JSON and CSV, and a large CSV file on disk.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { CREDIT_FEATURES, loadCreditData } from '../model/data/credit-g.js';
import type { FeatureRecord } from '../model/features.js';

let cached: readonly FeatureRecord[] | undefined;

/** The 1,000 German Credit applicants (features only). */
export function creditRecords(): readonly FeatureRecord[] {
  cached ??= loadCreditData().records;
  return cached;
}

/** Applicant `i` of the data set, cycling past the last. */
export const recordAt = (i: number): FeatureRecord => {
  const records = creditRecords();
  return records[i % records.length] as FeatureRecord;
};

/** One applicant as `/predict` takes it. */
export const predictBody = (): string => JSON.stringify(recordAt(1));

/** The same applicant as an Open Inference Protocol (V2) request: one input per feature column. */
export function v2Body(): string {
  const record = recordAt(1);
  const inputs = CREDIT_FEATURES.map((f) => ({
    name: f.name,
    datatype: f.kind === 'categorical' ? 'BYTES' : f.integer ? 'INT64' : 'FP64',
    shape: [1],
    data: [record[f.name]],
  }));
  return JSON.stringify({ inputs });
}

/** Row `i` (0-based) with its key first, as a producer of a batch would send it. */
export const keyedRecord = (i: number): Record<string, string | number> => ({
  id: `A${String(i + 1).padStart(7, '0')}`,
  ...recordAt(i),
});

const COLUMNS = ['id', ...CREDIT_FEATURES.map((f) => f.name)];
const cell = (v: string | number | undefined) => {
  const text = String(v ?? '');
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};
const csvLine = (i: number) => {
  const row = keyedRecord(i);
  return `${COLUMNS.map((c) => cell(row[c])).join(',')}\n`;
};

/** `n` keyed records as a JSON array (a JSON chunk's data). */
export const jsonChunk = (n: number): string =>
  JSON.stringify(Array.from({ length: n }, (_, i) => keyedRecord(i)));

/** `n` keyed records as CSV with a header row (a CSV chunk's data). */
export const csvChunk = (n: number): string =>
  `${COLUMNS.join(',')}\n${Array.from({ length: n }, (_, i) => csvLine(i)).join('')}`;

/** Streams `rows` keyed records to `path` as CSV (for the batch CLI). */
export async function writeCsvFile(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  let buffer = `${COLUMNS.join(',')}\n`;
  for (let i = 0; i < rows; i++) {
    buffer += csvLine(i);
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.end(buffer);
  await once(out, 'close');
}
