/** Runs the real entry point (functions/main.ts) as a child process, as the container does. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { packageRoot } from '../../model/paths.js';

export interface RunningServer {
  readonly child: ChildProcess;
  readonly origin: string;
  readonly logs: Record<string, unknown>[];
  /** Resolves with the exit code (or the signal name). */
  readonly exited: Promise<number | string>;
}

/** A port that was free a moment ago. */
function freePort(): Promise<number> {
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

/** Polls /health/live until the server answers (whatever LOG_LEVEL hides), or it exits. */
async function waitUntilLive(
  origin: string,
  exited: Promise<unknown>,
  timeoutMs: number,
): Promise<void> {
  const state = { gone: false };
  void exited.then(() => (state.gone = true));
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (state.gone) throw new Error('server exited before listening');
    const ok = await fetch(`${origin}/health/live`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`server not live after ${timeoutMs} ms`);
}

/** Starts `functions/main.ts` with tsx on a free port; resolves once it answers. */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'functions/main.ts'], {
    cwd: packageRoot(),
    env: { ...process.env, NODE_EXTRA_CA_CERTS: '', LOG_LEVEL: 'info', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const logs: Record<string, unknown>[] = [];
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
    try {
      logs.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      logs.push({ raw: line });
    }
  });
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => {
      resolve(code ?? signal ?? 'unknown');
    });
  });
  const origin = `http://127.0.0.1:${port}`;
  await waitUntilLive(origin, exited, 60_000);
  return { child, origin, logs, exited };
}
