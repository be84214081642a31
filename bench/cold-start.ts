/**
 * Cold start: from spawning the production entry point (compiled JavaScript, FUNCTION_TARGET=predict,
 * NODE_ENV=production, NODE_EXTRA_CA_CERTS unset) to the first 200 on a prediction, median of
 * several starts, with the breakdown read from the instance's own log lines.
 */
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { createInterface } from 'node:readline';
import { predictBody } from './data.js';
import { atMost, plain, type Context, type SectionResult } from './figures.js';
import { knativeEnv } from './knative-env.js';
import { load1 } from './machine.js';
import { MAIN_JS, ROOT } from './paths.js';
import { childEnv, freePort } from './proc.js';
import { median } from './stats.js';

interface Start {
  readonly firstMs: number;
  readonly listeningMs: number;
  readonly modelStartMs: number;
  readonly modelEndMs: number;
}

/** POSTs one JSON body; resolves with the status. */
function post(url: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json' } },
      (res) => {
        res.resume();
        res.on('end', () => {
          resolve(res.statusCode ?? 0);
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Time from spawn to the first line of user code of an empty script: Node's own start. */
async function nodeStart(pin: readonly string[]): Promise<number> {
  const spawnedAt = Date.now();
  const [command, ...args] = [
    ...pin,
    process.execPath,
    '-e',
    'process.stdout.write(String(Date.now()))',
  ];
  const child = spawn(command, args, { env: childEnv({}), stdio: ['ignore', 'pipe', 'ignore'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  await new Promise((resolve) => child.on('close', resolve));
  return Number(out) - spawnedAt;
}

async function oneStart(pin: readonly string[], body: string): Promise<Start> {
  const port = await freePort();
  const env = { ...knativeEnv('predict'), PORT: String(port) };
  const [command, ...args] = [...pin, process.execPath, MAIN_JS];
  const spawnedAt = Date.now();
  const t0 = performance.now();
  const child = spawn(command, args, {
    cwd: ROOT,
    env: childEnv(env),
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const loaded: { at: number; ms: number }[] = [];
  try {
    const listeningMs = await new Promise<number>((resolve, reject) => {
      child.once('exit', (code) => {
        reject(new Error(`predict exited ${code} before listening`));
      });
      createInterface({ input: child.stdout }).on('line', (line) => {
        const entry = JSON.parse(line) as {
          message?: string;
          timestamp?: string;
          load_ms?: number;
        };
        if (entry.message === 'model loaded')
          loaded.push({
            at: Date.parse(entry.timestamp ?? '') - spawnedAt,
            ms: entry.load_ms ?? 0,
          });
        if (entry.message === 'listening') resolve(performance.now() - t0);
      });
    });
    const status = await post(`http://127.0.0.1:${port}/predict`, body);
    if (status !== 200) throw new Error(`first prediction answered ${status}`);
    return {
      firstMs: performance.now() - t0,
      listeningMs,
      modelStartMs: Math.min(...loaded.map((l) => l.at - l.ms)),
      modelEndMs: Math.max(...loaded.map((l) => l.at)),
    };
  } finally {
    child.kill('SIGKILL');
    if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve));
  }
}

export async function coldStart(ctx: Context): Promise<SectionResult> {
  const started = performance.now();
  const loadAtStart = load1();
  const pin = ctx.machine.pinServer;
  const body = predictBody();
  const starts: Start[] = [];
  const nodeMs: number[] = [];
  await oneStart(pin, body); // page cache and JIT caches warm, as on a node that pulled the image
  for (let i = 0; i < ctx.plan.coldStarts; i++) {
    nodeMs.push(await nodeStart(pin));
    const s = await oneStart(pin, body);
    ctx.log(
      `  start ${i + 1}: first 200 after ${s.firstMs.toFixed(0)} ms (listening at ${s.listeningMs.toFixed(0)})`,
    );
    starts.push(s);
  }
  const m = (f: (s: Start) => number) => median(starts.map(f));
  const node = median(nodeMs);
  return {
    section: 'cold-start',
    load1: loadAtStart,
    seconds: Math.round((performance.now() - started) / 1000),
    commands: [
      `${Object.entries(knativeEnv('predict'))
        .map(([k, v]) => `${k}=${v}`)
        .join(
          ' ',
        )} PORT=<free> ${[...pin, 'node', MAIN_JS].join(' ')} (NODE_EXTRA_CA_CERTS unset), then POST /predict once the "listening" line appears`,
    ],
    figures: [
      atMost(
        `spawn to first 200 on /predict (median of ${starts.length})`,
        m((s) => s.firstMs),
        'ms',
        300,
      ),
      plain('  Node start (spawn to user code, empty script)', node, 'ms'),
      plain(
        '  module load (to the first model starting to load)',
        m((s) => s.modelStartMs) - node,
        'ms',
      ),
      plain(
        '  model load (both models, in parallel)',
        m((s) => s.modelEndMs - s.modelStartMs),
        'ms',
      ),
      plain(
        '  until listening',
        m((s) => s.listeningMs - s.modelEndMs),
        'ms',
      ),
      plain(
        '  first inference (request to 200)',
        m((s) => s.firstMs - s.listeningMs),
        'ms',
      ),
    ],
    tables: [],
  };
}
