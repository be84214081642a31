/**
 * The first streaming pass over the input: counts rows (for `chunkcount` and the ETA), hashes the
 * bytes (for a deterministic batch id) and checks the key column, before anything is sent.
 */
import { createHash } from 'node:crypto';
import { readCsv, readNdjson } from './input.js';
import { UsageError, type TableFormat } from './types.js';

export interface InputScan {
  readonly format: TableFormat;
  readonly rows: number;
  /** sha256 of the file's bytes, hex. */
  readonly sha256: string;
  /** CSV: the header row. NDJSON: every field name, in order of first appearance. */
  readonly columns: readonly string[];
}

/** More distinct NDJSON field names than this is not a table. */
const MAX_COLUMNS = 10_000;

async function scanCsv(path: string, key: string | undefined, tap: (b: Buffer) => void) {
  let header: string[] | undefined;
  let rows = 0;
  for await (const record of readCsv(path, tap)) {
    if (header === undefined) header = record;
    else rows++;
  }
  const columns = header ?? [];
  const duplicate = columns.find((c, i) => columns.indexOf(c) !== i);
  if (duplicate !== undefined) throw new UsageError(`${path}: column '${duplicate}' appears twice`);
  if (key !== undefined && !columns.includes(key))
    throw new UsageError(
      `${path}: no column '${key}' (--key); the columns are ${columns.join(', ')}`,
    );
  return { rows, columns };
}

async function scanNdjson(path: string, key: string | undefined, tap: (b: Buffer) => void) {
  const columns = new Set<string>();
  let rows = 0;
  for await (const record of readNdjson(path, tap)) {
    rows++;
    if (key !== undefined) {
      const value = record[key];
      if (typeof value !== 'string' && typeof value !== 'number')
        throw new UsageError(`${path} row ${rows}: '${key}' (--key) must be a string or a number`);
    }
    for (const name of Object.keys(record)) columns.add(name);
    if (columns.size > MAX_COLUMNS)
      throw new UsageError(`${path}: more than ${MAX_COLUMNS} distinct fields`);
  }
  return { rows, columns: [...columns] };
}

/** Reads the whole file once, in constant memory (NDJSON: plus the set of field names). */
export async function scanInput(
  path: string,
  format: TableFormat,
  key: string | undefined,
): Promise<InputScan> {
  const hash = createHash('sha256');
  const tap = (bytes: Buffer) => hash.update(bytes);
  const { rows, columns } =
    format === 'csv' ? await scanCsv(path, key, tap) : await scanNdjson(path, key, tap);
  return { format, rows, columns, sha256: hash.digest('hex') };
}

/** What, besides the bytes, changes the events a batch sends (and so its id). */
export interface BatchIdParts {
  readonly sha256: string;
  readonly format: TableFormat;
  readonly chunkSize: number;
  readonly key: string | undefined;
  readonly sendAs: string;
  readonly model: string | undefined;
  readonly typePrefix: string;
}

/**
 * A batch id derived from the file and the options: the same input sent the same way gets the same
 * event ids, so a re-run is idempotent at the receiver (CloudEvents: source + id identify an event).
 */
export function batchIdFor(parts: BatchIdParts): string {
  const canonical = JSON.stringify([
    parts.sha256,
    parts.format,
    parts.chunkSize,
    parts.key ?? null,
    parts.sendAs,
    parts.model ?? null,
    parts.typePrefix,
  ]);
  return createHash('sha256').update(canonical).digest('hex').slice(0, 32);
}
