/** `scorefn batch` options: their defaults, and the one function that checks command-line values. */
import { DEFAULT_TYPE_PREFIX } from '../../functions/events/contract.js';
import { UsageError, type TableFormat } from './types.js';

/** Everything `runBatch` needs; `parseBatchArgs` builds it from argv, tests build it directly. */
export interface BatchOptions {
  /** The CSV or NDJSON file to score (read twice, so a file, not a pipe). */
  readonly input?: string;
  /** A failed-chunks file from an earlier run, whose events are re-sent as they are. */
  readonly resend?: string;
  readonly inputFormat?: TableFormat;
  /** Output path, or `-` for stdout. */
  readonly output: string;
  readonly outputFormat?: TableFormat;
  /** Where failed chunks' events go (default `<output>.failed.ndjson`). */
  readonly failed?: string;
  readonly target: string;
  readonly mode: 'binary' | 'structured';
  readonly typePrefix: string;
  readonly model?: string;
  /** Column kept in the output; default: the 1-based row number as `row`. */
  readonly key?: string;
  readonly chunkSize: number;
  readonly sendAs?: 'json' | 'csv';
  readonly concurrency: number;
  readonly timeoutMs: number;
  readonly retries: number;
  readonly backoffMs: number;
  /** Start the reply receiver (for targets that answer 202) on this port (0: any free port). */
  readonly receivePort?: number;
  readonly receiveHost: string;
  readonly batchId?: string;
  readonly quiet: boolean;
}

export const DEFAULT_TARGET = 'http://localhost:8080/batch-score';

/** The batch-score function's own cap on records per chunk (BATCH_MAX_RECORDS). */
export const MAX_CHUNK_SIZE = 10_000;

export const DEFAULTS = Object.freeze({
  output: '-',
  target: DEFAULT_TARGET,
  mode: 'binary',
  typePrefix: DEFAULT_TYPE_PREFIX,
  chunkSize: 1000,
  concurrency: 4,
  timeoutMs: 60_000,
  retries: 5,
  backoffMs: 200,
  receiveHost: '0.0.0.0',
  quiet: false,
} as const satisfies Partial<BatchOptions>);

type Values = Readonly<Record<string, string | boolean | undefined>>;

function text(values: Values, key: string): string | undefined {
  const value = values[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function integer(values: Values, key: string, min: number, max: number): number | undefined {
  const raw = text(values, key);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max)
    throw new UsageError(`--${key} must be an integer from ${min} to ${max}, got '${raw}'`);
  return value;
}

function seconds(values: Values, key: string): number | undefined {
  const raw = text(values, key);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || value > 86_400)
    throw new UsageError(`--${key} must be a number of seconds above 0, got '${raw}'`);
  return Math.round(value * 1000);
}

function choice<T extends string>(
  values: Values,
  key: string,
  allowed: readonly T[],
): T | undefined {
  const raw = text(values, key);
  if (raw === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(raw))
    throw new UsageError(`--${key} must be one of ${allowed.join(', ')}, got '${raw}'`);
  return raw as T;
}

function target(values: Values): string {
  const raw = text(values, 'target') ?? DEFAULT_TARGET;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`--target must be an http(s) URL, got '${raw}'`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError(`--target must be an http(s) URL, got '${raw}'`);
  return raw;
}

/** Checks every command-line value (exit code 2 on the first mistake) and fills in the defaults. */
export function parseBatchArgs(values: Values): BatchOptions {
  const input = text(values, 'input');
  const resend = text(values, 'resend');
  if ((input === undefined) === (resend === undefined))
    throw new UsageError('give either --input <file.csv|file.ndjson> or --resend <failed file>');
  const formats = ['csv', 'ndjson'] as const;
  return {
    input,
    resend,
    inputFormat: choice(values, 'input-format', formats),
    output: text(values, 'output') ?? DEFAULTS.output,
    outputFormat: choice(values, 'output-format', formats),
    failed: text(values, 'failed'),
    target: target(values),
    mode: choice(values, 'mode', ['binary', 'structured'] as const) ?? DEFAULTS.mode,
    typePrefix: text(values, 'type-prefix') ?? DEFAULTS.typePrefix,
    model: text(values, 'model'),
    key: text(values, 'key'),
    chunkSize: integer(values, 'chunk-size', 1, MAX_CHUNK_SIZE) ?? DEFAULTS.chunkSize,
    sendAs: choice(values, 'send-as', ['json', 'csv'] as const),
    concurrency: integer(values, 'concurrency', 1, 256) ?? DEFAULTS.concurrency,
    timeoutMs: seconds(values, 'timeout') ?? DEFAULTS.timeoutMs,
    retries: integer(values, 'retries', 0, 100) ?? DEFAULTS.retries,
    backoffMs: integer(values, 'backoff-ms', 0, 600_000) ?? DEFAULTS.backoffMs,
    receivePort: integer(values, 'receive-port', 0, 65_535),
    receiveHost: text(values, 'receive-host') ?? DEFAULTS.receiveHost,
    batchId: text(values, 'batch-id'),
    quiet: values.quiet === true,
  };
}
