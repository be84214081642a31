/** Runs the real entry point (functions/main.ts) as a child process, as the container does. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { packageRoot } from '../../model/paths.js';

export interface RunningServer {
  readonly child: ChildProcess;
  readonly origin: string;
  readonly logs: Record<string, unknown>[];
  /** Resolves with the exit code (or the signal name). */
  readonly exited: Promise<number | string>;
}

/** Starts `functions/main.ts` with tsx on a free port; resolves once it logged "listening". */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'functions/main.ts'], {
    cwd: packageRoot(),
    env: { ...process.env, NODE_EXTRA_CA_CERTS: '', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const logs: Record<string, unknown>[] = [];
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => {
      resolve(code ?? signal ?? 'unknown');
    });
  });
  const origin = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on('line', (line) => {
      try {
        const entry = JSON.parse(line) as Record<string, unknown>;
        logs.push(entry);
        if (entry.message === 'listening') resolve(`http://127.0.0.1:${String(entry.port)}`);
      } catch {
        logs.push({ raw: line });
      }
    });
    void exited.then((code) => {
      reject(new Error(`server exited (${String(code)}) before listening`));
    });
  });
  return { child, origin, logs, exited };
}
