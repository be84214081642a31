/**
 * Servers under test as child processes: started pinned to the server's core, ready when a probe
 * answers 2xx, resident memory read from /proc, stopped by their own pid.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { ROOT } from './paths.js';

export interface Server {
  readonly name: string;
  readonly url: string;
  readonly pid: number;
  /** The command line, for the report. */
  readonly command: string;
  rssMb(): number | null;
  /** Peak resident memory so far (VmHWM). */
  peakRssMb(): number | null;
  stop(): Promise<void>;
}

export interface ServerSpec {
  readonly name: string;
  readonly pin: readonly string[];
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  /** The path probed with GET until it answers 2xx. */
  readonly probe: string;
}

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => {
        resolve(port);
      });
    });
  });
}

/** A memory line of /proc/<pid>/status in MB, or null when the process (or /proc) is gone. */
export function procStatusMb(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1];
    return kb === undefined ? null : Math.round(Number(kb) / 102.4) / 10;
  } catch {
    return null;
  }
}

/** The environment a child gets: this one, minus the registry certificate (90 ms per start). */
export function childEnv(extra: Readonly<Record<string, string>>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  delete env.NODE_EXTRA_CA_CERTS;
  return env;
}

async function waitReady(child: ChildProcess, url: string, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited ${child.exitCode} before ready`);
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(20);
  }
  throw new Error(`not ready within ${timeoutMs} ms`);
}

function stopper(child: ChildProcess): () => Promise<void> {
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
}

/** Starts a server on a free port (PORT and `{port}` in its arguments) and waits until it is ready. */
export async function startServer(spec: ServerSpec): Promise<Server> {
  const port = await freePort();
  const args = spec.args.map((a) => a.replaceAll('{port}', String(port)));
  const [command = '', ...rest] = [...spec.pin, ...args];
  const env = { ...spec.env, PORT: String(port) };
  const child = spawn(command, rest, { cwd: ROOT, env: childEnv(env), stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  const stop = stopper(child);
  try {
    await waitReady(child, `${url}${spec.probe}`, 30_000);
  } catch (error) {
    await stop();
    throw new Error(`${spec.name}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  const pid = child.pid ?? 0;
  const shown = Object.entries(spec.env).map(([k, v]) => `${k}=${v}`);
  return {
    name: spec.name,
    url,
    pid,
    command: [...shown, ...spec.pin, ...spec.args].join(' '),
    rssMb: () => procStatusMb(pid, 'VmRSS'),
    peakRssMb: () => procStatusMb(pid, 'VmHWM'),
    stop,
  };
}
