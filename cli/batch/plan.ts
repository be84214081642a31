/**
 * Everything decided before the first event is sent: formats, the first pass over the input (or
 * the failed file), the batch id, the key column's output name and the failed-chunks file.
 */
import { access } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { chunksOf } from './chunker.js';
import { requestEvent } from './events.js';
import type { BatchOptions } from './options.js';
import { resendJobs, scanResend } from './resend.js';
import { batchIdFor, scanInput, type InputScan } from './scan.js';
import { RESULT_COLUMNS } from './writer.js';
import { UsageError, type Job, type TableFormat } from './types.js';

export interface BatchPlan {
  /** The batch's id (with --resend: the failed file's batch ids, comma-separated). */
  readonly batchId: string;
  readonly batchIds: ReadonlySet<string>;
  readonly rows: number;
  readonly chunks: number;
  /** The output's key column: `--key`, or `row` for 1-based row numbers. */
  readonly keyName: string;
  readonly outputFormat: TableFormat;
  readonly failedPath: string;
  /** The chunks, read lazily from the file (a second pass). */
  readonly jobs: () => AsyncIterable<Job>;
}

/** A table format from a file name: `.csv`, or `.ndjson` / `.jsonl`. */
export function formatOf(path: string): TableFormat | undefined {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.ndjson' || ext === '.jsonl') return 'ndjson';
  return undefined;
}

async function readable(path: string, what: string): Promise<void> {
  try {
    await access(path);
  } catch {
    throw new UsageError(`cannot read the ${what} ${path}`);
  }
}

/** The output's key column name, which must not be one of the result columns. */
function outputKey(key: string | undefined): string {
  const name = key ?? 'row';
  if ((RESULT_COLUMNS as readonly string[]).includes(name))
    throw new UsageError(
      `the key column cannot be named '${name}': the output has a column of that name`,
    );
  return name;
}

function finish(
  options: BatchOptions,
  base: Omit<BatchPlan, 'keyName' | 'outputFormat' | 'failedPath'> & {
    key: string | undefined;
    format: TableFormat;
    source: string;
  },
): BatchPlan {
  const keyName = outputKey(base.key);
  const stdout = options.output === '-';
  const failedPath =
    options.failed ??
    (stdout
      ? `scorefn-batch-${base.batchId.slice(0, 32)}.failed.ndjson`
      : `${options.output}.failed.ndjson`);
  const clash = [base.source, stdout ? undefined : options.output].find(
    (p) => p !== undefined && resolve(p) === resolve(failedPath),
  );
  if (clash !== undefined)
    throw new UsageError(
      `the failed-chunks file ${failedPath} would overwrite ${clash}; give --failed <another file>`,
    );
  if (!stdout && resolve(options.output) === resolve(base.source))
    throw new UsageError(`--output ${options.output} would overwrite the input`);
  const outputFormat =
    options.outputFormat ?? (stdout ? undefined : formatOf(options.output)) ?? base.format;
  return {
    batchId: base.batchId,
    batchIds: base.batchIds,
    rows: base.rows,
    chunks: base.chunks,
    jobs: base.jobs,
    keyName,
    outputFormat,
    failedPath,
  };
}

/** The chunks of `input` as jobs: one `batch.requested` event per chunk, built as it is read. */
function inputJobs(
  options: BatchOptions,
  input: string,
  scan: InputScan,
  sendAs: 'json' | 'csv',
  batchId: string,
) {
  const chunks = Math.ceil(scan.rows / options.chunkSize);
  const { key, model, typePrefix, chunkSize } = options;
  const context = { batchId, chunkCount: chunks, typePrefix, key, model };
  const plan = { format: scan.format, columns: scan.columns, key, chunkSize, sendAs };
  async function* jobs(): AsyncGenerator<Job> {
    for await (const chunk of chunksOf(input, plan))
      yield { index: chunk.index, keys: chunk.keys, event: requestEvent(chunk, context) };
  }
  return { chunks, jobs };
}

async function planInput(options: BatchOptions, input: string): Promise<BatchPlan> {
  const format = options.inputFormat ?? formatOf(input);
  if (format === undefined)
    throw new UsageError(
      `cannot tell the format of ${input} from its name; give --input-format csv|ndjson`,
    );
  outputKey(options.key);
  await readable(input, 'input');
  const scan = await scanInput(input, format, options.key);
  const sendAs = options.sendAs ?? (format === 'csv' ? 'csv' : 'json');
  const { chunkSize, key, model, typePrefix } = options;
  const batchId =
    options.batchId ??
    batchIdFor({ sha256: scan.sha256, format, chunkSize, key, sendAs, model, typePrefix });
  const { chunks, jobs } = inputJobs(options, input, scan, sendAs, batchId);
  const batchIds = new Set([batchId]);
  return finish(options, {
    batchId,
    batchIds,
    rows: scan.rows,
    chunks,
    jobs,
    key,
    format,
    source: input,
  });
}

async function planResend(options: BatchOptions, path: string): Promise<BatchPlan> {
  await readable(path, 'failed-chunks file');
  const scan = await scanResend(path, options.typePrefix);
  const batchId = [...scan.batchIds].join(',');
  const jobs = () => resendJobs(path, options.typePrefix);
  return finish(options, {
    batchId,
    batchIds: scan.batchIds,
    rows: scan.rows,
    chunks: scan.chunks,
    jobs,
    key: scan.key,
    format: scan.format,
    source: path,
  });
}

/** The plan for `options`; a `UsageError` for anything wrong with them or the input file. */
export function planBatch(options: BatchOptions): Promise<BatchPlan> {
  if (options.resend !== undefined) return planResend(options, options.resend);
  if (options.input !== undefined) return planInput(options, options.input);
  return Promise.reject(new UsageError('give either --input <file> or --resend <failed file>'));
}
