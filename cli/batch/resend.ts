/**
 * `--resend`: the events of a failed-chunks file become the chunks of a new run, unchanged (same
 * ids, so a target that did score them answers from its replay cache), with their rows' keys
 * recovered from the `keycolumn` column or the `firstrow` extension.
 */
import type { CloudEvent } from 'cloudevents';
import { parse } from 'csv-parse/sync';
import { CHUNK_CONTENT_TYPES, EXTENSIONS, eventTypes } from '../../functions/events/contract.js';
import { decodeEvent, extension, FIRST_ROW, ReplyError } from './events.js';
import { readLines } from './input.js';
import { UsageError, type Job, type RowKey, type TableFormat } from './types.js';

export interface ResendScan {
  readonly rows: number;
  readonly chunks: number;
  readonly batchIds: ReadonlySet<string>;
  readonly key: string | undefined;
  /** The first event's data format, the output's default. */
  readonly format: TableFormat;
}

function records(event: CloudEvent<unknown>): unknown[] {
  const type = (event.datacontenttype ?? CHUNK_CONTENT_TYPES.json).split(';')[0]?.trim();
  if (type === CHUNK_CONTENT_TYPES.csv && typeof event.data === 'string')
    return parse(event.data, { columns: true, skip_empty_lines: true, bom: true });
  if (Array.isArray(event.data)) return event.data as unknown[];
  throw new Error('its data is neither a JSON array nor CSV text');
}

function keyOf(record: unknown, key: string): RowKey {
  const value = (record as Record<string, unknown> | null)?.[key];
  if (typeof value === 'string' || typeof value === 'number') return value;
  throw new Error(`a row has no '${key}' (its keycolumn)`);
}

function jobOf(line: string, where: string, type: string): Job {
  let event: CloudEvent<unknown>;
  try {
    event = decodeEvent({ 'content-type': 'application/cloudevents+json' }, line);
  } catch (error) {
    throw new UsageError(
      `${where}: ${error instanceof ReplyError ? error.message : String(error)}`,
    );
  }
  try {
    if (event.type !== type) throw new Error(`type ${event.type}, not ${type} (see --type-prefix)`);
    const index = Number(extension(event, EXTENSIONS.chunkIndex));
    if (!Number.isInteger(index) || extension(event, EXTENSIONS.batchId) === undefined)
      throw new Error('no batchid or chunkindex extension');
    const rows = records(event);
    const key = extension(event, EXTENSIONS.keyColumn);
    const first = Number(extension(event, FIRST_ROW));
    if (key === undefined && !Number.isInteger(first))
      throw new Error(`neither a keycolumn nor a ${FIRST_ROW} extension to name its rows`);
    const keys = rows.map((r, i) => (key === undefined ? first + i : keyOf(r, key)));
    return { index, keys, event };
  } catch (error) {
    throw new UsageError(`${where}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The failed file's events as jobs, one line at a time. */
export async function* resendJobs(path: string, typePrefix: string): AsyncGenerator<Job> {
  const type = eventTypes(typePrefix).batchRequested;
  for await (const [line, number] of readLines(path))
    yield jobOf(line, `${path} line ${number}`, type);
}

/** Reads the failed file once: rows, chunks, batch ids, and one key column for all. */
export async function scanResend(path: string, typePrefix: string): Promise<ResendScan> {
  const batchIds = new Set<string>();
  const keys = new Set<string | undefined>();
  let rows = 0;
  let chunks = 0;
  let format: TableFormat | undefined;
  for await (const { keys: rowKeys, event } of resendJobs(path, typePrefix)) {
    rows += rowKeys.length;
    chunks++;
    batchIds.add(extension(event, EXTENSIONS.batchId) ?? '');
    keys.add(extension(event, EXTENSIONS.keyColumn));
    format ??=
      event.datacontenttype?.startsWith(CHUNK_CONTENT_TYPES.csv) === true ? 'csv' : 'ndjson';
  }
  if (keys.size > 1) throw new UsageError(`${path}: the events name different key columns`);
  return { rows, chunks, batchIds, key: [...keys][0], format: format ?? 'csv' };
}
