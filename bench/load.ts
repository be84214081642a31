/**
 * The load helper: runs the load generator in its own process on the load generator's core,
 * against a URL, for a duration (wrk when installed, else autocannon via `load-worker.ts`) or a
 * number of requests (autocannon).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ROOT } from './paths.js';
import { hasWrk, runWrk, wrkCommand } from './wrk.js';

export interface LoadRequest {
  readonly url: string;
  readonly connections: number;
  /** Closed-loop run length; ignored when `amount` is set. */
  readonly durationS: number;
  /** Stop after this many requests instead. */
  readonly amount?: number;
  readonly method: 'GET' | 'POST';
  readonly headers: Record<string, string>;
  readonly body?: string;
}

/** What one run measured: throughput of 2xx answers and latency percentiles in milliseconds. */
export interface LoadResult {
  readonly connections: number;
  readonly requests: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly seconds: number;
  readonly rps: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
}

const WORKER = fileURLToPath(new URL('./load-worker.ts', import.meta.url));

const useWrk = (request: LoadRequest) => request.amount === undefined && hasWrk();

/** Which load generator runs timed loads on this machine. */
export const loadTool = (): string =>
  hasWrk() ? 'wrk (timed runs), autocannon (runs of a number of requests)' : 'autocannon';

/** The command line that runs one load (for the report's "exact commands"). */
export function loadCommand(pin: readonly string[], request: LoadRequest): string[] {
  if (useWrk(request)) return wrkCommand(pin, request);
  return [...pin, process.execPath, '--import', 'tsx', WORKER, JSON.stringify(request)];
}

/** Runs one load and returns its result; rejects when the load generator fails. */
export function runLoad(pin: readonly string[], request: LoadRequest): Promise<LoadResult> {
  if (useWrk(request)) return runWrk(pin, request);
  const [command, ...args] = [
    ...pin,
    process.execPath,
    '--import',
    'tsx',
    WORKER,
    JSON.stringify(request),
  ];
  const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(JSON.parse(out) as LoadResult);
      else reject(new Error(`load generator exited ${code}: ${err.slice(0, 500)}`));
    });
  });
}

/** A JSON POST to `url` with `body`. */
export const postJson = (
  url: string,
  body: string,
  connections: number,
  durationS: number,
): LoadRequest => ({
  url,
  connections,
  durationS,
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body,
});
