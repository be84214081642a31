/**
 * Batch: records/s through `batch-score` (10,000-record chunks, JSON and CSV, both models) beside
 * the in-process limit (parse + session.run + stringify), measured in one process on the
 * server's core (bench/batch-worker.ts).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BatchJob, BatchMeasurement } from './batch-worker.js';
import { versus, type Context, type SectionResult } from './figures.js';
import { knativeEnv } from './knative-env.js';
import { load1 } from './machine.js';
import { MODELS, ROOT } from './paths.js';
import { childEnv } from './proc.js';

const WORKER = fileURLToPath(new URL('./batch-worker.ts', import.meta.url));

/** Runs the batch worker pinned to `pin`; returns its measurements and its command line. */
export async function runBatchWorker(
  pin: readonly string[],
  job: BatchJob,
  nodeFlags: readonly string[] = [],
) {
  const dir = mkdtempSync(join(tmpdir(), 'scorefn-bench-'));
  const out = join(dir, 'batch.json');
  const args = [
    ...pin,
    process.execPath,
    ...nodeFlags,
    '--import',
    'tsx',
    WORKER,
    JSON.stringify(job),
    out,
  ];
  const env = knativeEnv('batch-score');
  const [command = '', ...rest] = args;
  const child = spawn(command, rest, {
    cwd: ROOT,
    env: childEnv(env),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  try {
    if (code !== 0) throw new Error(`batch worker exited ${code}`);
    const measurements = JSON.parse(readFileSync(out, 'utf8')) as BatchMeasurement[];
    const shown = [
      ...Object.entries(env).map(([k, v]) => `${k}=${v}`),
      ...args.slice(0, -2),
      `'${JSON.stringify(job)}'`,
      out,
    ];
    return { measurements, command: shown.join(' ') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const perS = (rows: number, ms: number) => (rows / ms) * 1000;

export async function batch(ctx: Context): Promise<SectionResult> {
  const started = performance.now();
  const loadAtStart = load1();
  const { chunkSize, chunks } = ctx.plan;
  const job: BatchJob = { models: MODELS, formats: ['json', 'csv'], chunks, chunkSize };
  const { measurements, command } = await runBatchWorker(ctx.machine.pinServer, job);
  const figures = measurements.map((m) =>
    versus(
      `batch-score ${m.model} ${m.format.toUpperCase()} (${chunkSize.toLocaleString('en-US')}-record chunks)`,
      perS(chunkSize, m.chunkMs),
      'records/s',
      { name: 'parse + run + stringify', value: perS(chunkSize, m.reference.totalMs) },
      0.5,
    ),
  );
  const bad = measurements.filter((m) => m.status !== 200 || m.scored !== chunkSize);
  return {
    section: 'batch',
    load1: loadAtStart,
    seconds: Math.round((performance.now() - started) / 1000),
    commands: [command],
    figures,
    tables: [
      {
        title: 'Per chunk (medians): batch-score against the reference, step by step, in records/s',
        columns: [
          'model',
          'format',
          'batch-score ms',
          'records/s',
          'parse',
          'session.run',
          'stringify',
          'reference',
        ],
        rows: measurements.map((m) => [
          m.model,
          m.format,
          Math.round(m.chunkMs * 10) / 10,
          Math.round(perS(chunkSize, m.chunkMs)),
          Math.round(perS(chunkSize, m.reference.parseMs)),
          Math.round(perS(chunkSize, m.reference.runMs)),
          Math.round(perS(chunkSize, m.reference.stringifyMs)),
          Math.round(perS(chunkSize, m.reference.totalMs)),
        ]),
      },
    ],
    ...(bad.length > 0
      ? {
          error: `unexpected replies: ${bad.map((m) => `${m.model} ${m.format} ${m.status}`).join(', ')}`,
        }
      : {}),
  };
}
