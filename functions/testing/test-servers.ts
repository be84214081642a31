/** Test helpers: a function served by the lean server with its own configuration and models. */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadCreditData } from '../../model/data/credit-g.js';
import { ARTIFACTS_DIR } from '../../model/paths.js';
import { readConfig } from '../lib/config.js';
import { httpHandler, type FunctionDefinition, type Services } from '../lib/function.js';
import { createServer } from '../lib/server.js';
import { createServices } from '../lib/services.js';

export interface TestServer {
  readonly server: Server;
  readonly services: Services;
}

/** Serves `definition` through the lean server with services built from `env` (silent logs). */
export async function leanServer(
  definition: FunctionDefinition,
  env: Record<string, string> = {},
  logStream?: NodeJS.WritableStream,
): Promise<TestServer> {
  const services = await createServices(readConfig({ LOG_LEVEL: 'silent', ...env }), logStream);
  return {
    server: createServer(httpHandler(definition, services)),
    services,
  };
}

/** A copy of the bundled models whose `name` ONNX file has one flipped byte (checksum mismatch). */
export function tamperedModels(name = 'credit-scorecard'): string {
  const dir = mkdtempSync(join(tmpdir(), 'scorefn-models-'));
  cpSync(ARTIFACTS_DIR, dir, { recursive: true });
  const file = join(dir, name, 'model.onnx');
  const bytes = readFileSync(file);
  bytes[100] = (bytes[100] ?? 0) ^ 0xff;
  writeFileSync(file, bytes);
  return dir;
}

/** Applicant records from the data set, as clients would send them. */
export const applicants = (n: number, from = 0): Record<string, string | number>[] =>
  loadCreditData()
    .records.slice(from, from + n)
    .map((r) => ({ ...r }));

/** POSTs raw bytes (which supertest would re-encode) and returns status and body text. */
export async function rawPost(
  server: Server,
  path: string,
  body: Buffer,
  contentType = 'application/json',
): Promise<{ status: number; body: string }> {
  if (!server.listening)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        headers: { 'content-type': contentType, 'content-length': body.length },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          server.close();
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Every function on one ephemeral port, as `npm start` serves them; `origin` like
 * http://127.0.0.1:PORT. As under `npm start`, prediction logs go to the monitor in-process
 * (connectLocalEvents), here into an in-memory database unless `env` names another
 * (MONITOR_DATA_DIR, DATABASE_URL); `close` drains the log and closes the store.
 */
export async function localApp(
  env: Record<string, string> = {},
): Promise<TestServer & { origin: string; close: () => Promise<void> }> {
  const { connectLocalEvents, definitionFor } = await import('../app.js');
  const lean = await leanServer(await definitionFor(undefined), {
    MONITOR_DATA_DIR: 'memory://',
    ...env,
  });
  await connectLocalEvents(lean.services, undefined);
  await new Promise<void>((resolve) => lean.server.listen(0, '127.0.0.1', resolve));
  const { port } = lean.server.address() as AddressInfo;
  return {
    ...lean,
    origin: `http://127.0.0.1:${port}`,
    close: async () => {
      lean.server.closeAllConnections();
      await new Promise<void>((resolve) =>
        lean.server.close(() => {
          resolve();
        }),
      );
      await lean.services.events.drain(5000);
      const { closeMonitorStore } = await import('../monitor/store-handle.js');
      await closeMonitorStore(lean.services);
      await lean.services.registry.close();
    },
  };
}
