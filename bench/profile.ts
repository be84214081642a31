/**
 * CPU profiles (`node --cpu-prof`) of `predict` under load, of `batch-score` scoring 10,000-record
 * chunks, and of a cold start: the heaviest functions and packages by self time. Not part of the
 * default run (`npm run bench -- --only profile`); the .cpuprofile files stay in the folder shown,
 * for flame graphs (Chrome DevTools or speedscope open them).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBatchWorker } from './batch.js';
import { monotonicUs, summarise, type SelfTime, type Window } from './cpuprofile.js';
import { predictBody } from './data.js';
import type { Context, SectionResult, Table } from './figures.js';
import { knativeEnv } from './knative-env.js';
import { load1 } from './machine.js';
import { postJson, runLoad } from './load.js';
import { MAIN_JS, ROOT } from './paths.js';
import { childEnv, startServer } from './proc.js';
import { scorefnSpec } from './servers.js';

const profileFlags = (dir: string) => ['--cpu-prof', '--cpu-prof-dir', dir];

function tables(title: string, dir: string, window?: Window): Table[] {
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no profile written in ${dir}`);
  const { functions, places, busyMs } = summarise(join(dir, file), 20, window);
  const rows = (list: SelfTime[]) => list.map((s) => [s.name, s.ms, s.percent]);
  return [
    {
      title: `${title}: functions by self time (${busyMs} ms busy; ${join(dir, file)})`,
      columns: ['function', 'self ms', '% of busy'],
      rows: rows(functions),
    },
    {
      title: `${title}: packages and files by self time`,
      columns: ['where', 'self ms', '% of busy'],
      rows: rows(places),
    },
  ];
}

async function predictProfile(ctx: Context, dir: string) {
  const server = await startServer(
    scorefnSpec('predict', ctx.machine.pinServer, {}, profileFlags(dir)),
  );
  try {
    const url = `${server.url}/predict`;
    await runLoad(ctx.machine.pinLoad, postJson(url, predictBody(), 16, ctx.plan.warmupS));
    const fromUs = monotonicUs();
    await runLoad(ctx.machine.pinLoad, postJson(url, predictBody(), 16, ctx.plan.runS * 2));
    return { command: server.command, window: { fromUs, toUs: monotonicUs() } };
  } finally {
    await server.stop();
  }
}

async function startupProfile(ctx: Context, dir: string) {
  const args = [...ctx.machine.pinServer, process.execPath, ...profileFlags(dir), MAIN_JS];
  const [command = '', ...rest] = args;
  const env = { ...knativeEnv('predict'), PORT: '0' };
  const child = spawn(command, rest, {
    cwd: ROOT,
    env: childEnv(env),
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const fromUs = monotonicUs();
  await new Promise<void>((resolve) => {
    child.stdout.on('data', (d: Buffer) => {
      if (d.toString().includes('"listening"')) resolve();
    });
  });
  // the profile is written at exit; SIGTERM's drain (which loads the monitor's store) falls
  // outside the window kept, spawn to listening
  const window = { fromUs, toUs: monotonicUs() };
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
  const shown = Object.entries(env).map(([k, v]) => `${k}=${v}`);
  return { command: `${shown.join(' ')} ${args.join(' ')} (stopped once listening)`, window };
}

export async function profile(ctx: Context): Promise<SectionResult> {
  const started = performance.now();
  const loadAtStart = load1();
  const dirs = ['predict', 'batch', 'startup'].map((n) =>
    mkdtempSync(join(tmpdir(), `scorefn-profile-${n}-`)),
  );
  const [predictDir = '', batchDir = '', startupDir = ''] = dirs;
  ctx.log('  predict under load');
  const predicted = await predictProfile(ctx, predictDir);
  ctx.log('  batch-score, 10,000-record chunks');
  const job = {
    models: ['credit-scorecard'],
    formats: ['json', 'csv'] as const,
    chunks: ctx.plan.chunks,
    chunkSize: ctx.plan.chunkSize,
    skipReference: true,
  };
  const batch = await runBatchWorker(
    ctx.machine.pinServer,
    { ...job, formats: [...job.formats] },
    profileFlags(batchDir),
  );
  ctx.log('  cold start');
  const startup = await startupProfile(ctx, startupDir);
  return {
    section: 'profile',
    load1: loadAtStart,
    seconds: Math.round((performance.now() - started) / 1000),
    commands: [predicted.command, batch.command, startup.command],
    figures: [],
    tables: [
      ...tables(
        'predict, one record per request, 16 connections (the measured load only)',
        predictDir,
        predicted.window,
      ),
      ...tables(
        'batch-score in process, scorecard, JSON and CSV chunks (the timed chunks only)',
        batchDir,
        {
          fromUs: Math.min(...batch.measurements.map((m) => m.window.fromUs)),
          toUs: Math.max(...batch.measurements.map((m) => m.window.toUs)),
        },
      ),
      ...tables('cold start of predict, spawn to listening', startupDir, startup.window),
    ],
  };
}
