/**
 * The batch CLI end to end: `scorefn batch` (on the load generator's core) streams a CSV file of
 * German Credit applicants through a `batch-score` instance (on the server's core): rows/s and
 * peak resident memory of both, beside the in-process limit for the same model and format.
 */
import { spawn } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBatchWorker } from './batch.js';
import { writeCsvFile } from './data.js';
import { plain, versus, type Context, type SectionResult } from './figures.js';
import { load1 } from './machine.js';
import { CLI_JS, ROOT } from './paths.js';
import { childEnv, procStatusMb, startServer } from './proc.js';
import { scorefnSpec } from './servers.js';

async function countLines(path: string): Promise<number> {
  let lines = 0;
  for await (const chunk of createReadStream(path))
    for (const byte of chunk as Buffer) if (byte === 10) lines++;
  return lines;
}

/** Runs the CLI to completion, sampling its peak RSS (VmHWM) until it exits. */
async function runCli(args: readonly string[]) {
  const [command = '', ...rest] = args;
  const started = performance.now();
  const child = spawn(command, rest, {
    cwd: ROOT,
    env: childEnv({}),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  let peak: number | null = null;
  const timer = setInterval(() => {
    peak = procStatusMb(child.pid ?? 0, 'VmHWM') ?? peak;
  }, 50);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearInterval(timer);
  if (code !== 0) throw new Error(`scorefn batch exited ${code}: ${stderr.slice(-500)}`);
  return { seconds: (performance.now() - started) / 1000, peakMb: peak as number | null };
}

export async function batchCli(ctx: Context): Promise<SectionResult> {
  const started = performance.now();
  const loadAtStart = load1();
  const rows = ctx.plan.cliRows;
  const dir = mkdtempSync(join(tmpdir(), 'scorefn-bench-cli-'));
  try {
    const input = join(dir, 'applicants.csv');
    const output = join(dir, 'scores.csv');
    ctx.log(`  writing ${rows.toLocaleString('en-US')} rows to ${input}`);
    await writeCsvFile(input, rows);
    const server = await startServer(scorefnSpec('batch-score', ctx.machine.pinServer));
    const cli = [
      ...ctx.machine.pinLoad,
      process.execPath,
      CLI_JS,
      'batch',
      '--input',
      input,
      '--key',
      'id',
      '--output',
      output,
      '--target',
      `${server.url}/batch-score`,
      '--quiet',
    ];
    let run: { seconds: number; peakMb: number | null };
    let serverPeak: number | null;
    try {
      run = await runCli(cli);
      serverPeak = server.peakRssMb();
    } finally {
      await server.stop();
    }
    const written = (await countLines(output)) - 1;
    ctx.log(`  ${written} rows in ${run.seconds.toFixed(1)} s`);
    const { measurements, command } = await runBatchWorker(ctx.machine.pinServer, {
      models: ['credit-scorecard'],
      formats: ['csv'],
      chunks: ctx.plan.chunks,
      chunkSize: ctx.plan.chunkSize,
    });
    const reference = measurements[0]?.reference.totalMs;
    return {
      section: 'batch-cli',
      load1: loadAtStart,
      seconds: Math.round((performance.now() - started) / 1000),
      commands: [`batch-score: ${server.command}`, cli.join(' '), `reference: ${command}`],
      figures: [
        versus(
          `scorefn batch, ${rows.toLocaleString('en-US')}-row CSV (default chunks of 1,000, 4 in flight)`,
          rows / run.seconds,
          'rows/s',
          {
            name: 'in-process limit (scorecard, CSV)',
            value: reference === undefined ? null : (ctx.plan.chunkSize / reference) * 1000,
          },
        ),
        plain('scorefn batch peak RSS', run.peakMb, 'MB'),
        plain('batch-score peak RSS', serverPeak, 'MB'),
        plain('output rows missing', rows - written, 'rows'),
      ],
      tables: [],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
