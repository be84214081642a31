/**
 * wrk as the load generator when it is installed (Debian: `apt-get install wrk`): written in C, it
 * drives a bare node:http server about a third harder than autocannon can from one core, so the
 * bare-Node reference is not capped by the load generator. A Lua `done` hook prints JSON.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoadRequest, LoadResult } from './load.js';

const SCRIPT = `
local f = io.open(os.getenv("WRK_BODY_FILE"), "rb")
wrk.method = os.getenv("WRK_METHOD")
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = os.getenv("WRK_CONTENT_TYPE")
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"us":%d,"non2xx":%d,"errors":%d,"p50":%.4f,"p90":%.4f,"p99":%.4f,"max":%.4f,"mean":%.4f}\\n',
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, latency.mean / 1000))
end
`;

let available: boolean | undefined;

/** Whether `wrk` is on the PATH (and not set aside with BENCH_LOAD=autocannon). */
export function hasWrk(): boolean {
  available ??=
    process.env.BENCH_LOAD !== 'autocannon' &&
    spawnSync('wrk', ['--version'], { stdio: 'ignore' }).error === undefined;
  return available;
}

const dir = () => mkdtempSync(join(tmpdir(), 'scorefn-wrk-'));

/** The wrk command line for a request (duration mode only). */
export function wrkCommand(
  pin: readonly string[],
  request: LoadRequest,
  script = 'post.lua',
): string[] {
  const seconds = Math.max(1, Math.round(request.durationS));
  return [
    ...pin,
    'wrk',
    '-t1',
    `-c${request.connections}`,
    `-d${seconds}s`,
    '--timeout',
    '30s',
    '-s',
    script,
    request.url,
  ];
}

/** Runs wrk for `request.durationS` seconds (whole seconds, at least 1). */
export function runWrk(pin: readonly string[], request: LoadRequest): Promise<LoadResult> {
  const work = dir();
  const script = join(work, 'post.lua');
  const bodyFile = join(work, 'body');
  writeFileSync(script, SCRIPT);
  writeFileSync(bodyFile, request.body ?? '');
  const [command = '', ...args] = wrkCommand(pin, request, script);
  const env = {
    ...process.env,
    WRK_BODY_FILE: bodyFile,
    WRK_METHOD: request.method,
    WRK_CONTENT_TYPE: request.headers['content-type'] ?? 'application/json',
  };
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('{"requests"'));
      if (code !== 0 || line === undefined) {
        reject(new Error(`wrk exited ${code}: ${out.slice(-300)}`));
        return;
      }
      const r = JSON.parse(line) as Omit<LoadResult, 'connections' | 'seconds' | 'rps'> & {
        us: number;
      };
      const seconds = r.us / 1e6;
      resolve({
        ...r,
        connections: request.connections,
        seconds,
        rps: (r.requests - r.non2xx) / seconds,
      });
    });
  });
}
