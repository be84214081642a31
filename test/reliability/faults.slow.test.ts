/**
 * Faults: the event sink down, a corrupted or missing model, and a batch run through a proxy that
 * hangs, duplicates and reorders chunks. Predictions keep being served, a broken model never
 * serves, and every input row is accounted for exactly once.
 */
import { writeFile, readFile, mkdtemp } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { runBatch } from '../../cli/batch/run-batch.js';
import { batchOptions, capture } from '../../cli/batch/test-batch-io.js';
import { CREDIT_FEATURES } from '../../model/data/credit-g.js';
import { startServer } from '../../functions/testing/test-process.js';
import { applicants, localApp, tamperedModels } from '../../functions/testing/test-servers.js';
import { chaosProxy } from './chaos-proxy.js';
import { writeFigures, type SuiteFigures } from './figures.js';
import { rawRequest } from './http-client.js';

const rows: SuiteFigures['rows'][number][] = [];
const dirs: string[] = [];
afterAll(() => {
  writeFigures({ suite: 'faults', title: 'Faults', rows });
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const post = (origin: string, path: string, body: unknown) =>
  rawRequest(
    origin,
    path,
    'POST',
    { 'content-type': 'application/json' },
    Buffer.from(JSON.stringify(body)),
  );

describe('faults', () => {
  it('keeps serving predictions when the event sink is down, counting what it dropped', async () => {
    const server = await startServer({
      FUNCTION_TARGET: 'predict',
      LOG_LEVEL: 'warn',
      K_SINK: 'http://127.0.0.1:9/',
    });
    const statuses: number[] = [];
    for (let i = 0; i < 200; i++)
      statuses.push((await post(server.origin, '/predict', applicants(5, i))).status);
    await new Promise((r) => setTimeout(r, 500));
    const metrics = (await rawRequest(server.origin, '/metrics', 'GET', {}, Buffer.alloc(0))).text;
    const dropped = Number(
      /scorefn_events_dropped_total\{type="dev.scorefn.prediction.logged",reason="send_failed"\} (\d+)/.exec(
        metrics,
      )?.[1] ?? 0,
    );
    server.child.kill('SIGTERM');
    await server.exited;
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(dropped).toBe(1000);
    rows.push({
      check: 'predict with K_SINK unreachable',
      tried: '200 requests of 5 records',
      held: `${statuses.filter((s) => s === 200).length} × 200`,
      lost: `${dropped} inference-log events, each counted in scorefn_events_dropped_total`,
    });
  }, 120_000);

  for (const fault of ['corrupted', 'missing'] as const) {
    it(`is not ready and never scores with a ${fault} model file, saying why in one log line`, async () => {
      const dir = tamperedModels('credit-scorecard');
      dirs.push(dir);
      if (fault === 'missing') rmSync(join(dir, 'credit-scorecard', 'model.onnx'));
      const server = await startServer({ FUNCTION_TARGET: 'predict', MODELS_DIR: dir });
      const health = await rawRequest(server.origin, '/health/ready', 'GET', {}, Buffer.alloc(0));
      const predict = await post(server.origin, '/predict', applicants(1)[0]);
      // V2 readiness is per model: the broken one answers 503 (the other would serve)
      const v2 = await post(server.origin, '/v2/models/credit-scorecard/infer', { inputs: [] });
      server.child.kill('SIGTERM');
      await server.exited;
      const line = server.logs.find((l) => l.message === 'model failed to load: not ready');
      expect(health.status).toBe(503);
      expect(predict.status).toBe(503);
      expect(predict.text).not.toContain('probability_bad');
      expect(v2.status).toBe(503);
      expect(line).toMatchObject({
        severity: 'ERROR',
        model: 'credit-scorecard',
        code: fault === 'corrupted' ? 'checksum_mismatch' : 'model_not_found',
      });
      rows.push({
        check: `${fault} model file`,
        tried: 'start, readiness, predict, V2 infer',
        held: `ready 503, predict ${predict.status}, V2 ${v2.status}; log: ${String(line?.code)}`,
        lost: 'no prediction served',
      });
    }, 120_000);
  }

  it('accounts for every row exactly once through hung, duplicated and reordered chunks', async () => {
    const app = await localApp();
    const dir = await mkdtemp(join(tmpdir(), 'scorefn-faults-'));
    dirs.push(dir);
    const records = applicants(1000);
    const header = ['id', ...CREDIT_FEATURES.map((f) => f.name)];
    const lines = Array.from({ length: 5000 }, (_, i) => {
      const r: Record<string, string | number> = { id: `R${i}`, ...(records[i % 1000] ?? {}) };
      if (i % 100 === 42) r.age = 'unknown';
      return header
        .map((h) => {
          const v = String(r[h] ?? '');
          return /[",]/.test(v) ? `"${v}"` : v;
        })
        .join(',');
    });
    await writeFile(join(dir, 'in.csv'), `${header.join(',')}\n${lines.join('\n')}\n`);
    const proxy = await chaosProxy(`${app.origin}/batch-score`, {
      hangOnce: new Set([3]),
      duplicate: new Set([1, 6]),
      delayMs: new Map([
        [0, 400],
        [2, 200],
      ]),
    });
    const summary = await runBatch(
      batchOptions(proxy.url, {
        input: join(dir, 'in.csv'),
        output: join(dir, 'out.csv'),
        key: 'id',
        chunkSize: 500,
        concurrency: 4,
        timeoutMs: 1500,
      }),
      capture().io,
    );
    await proxy.close();
    await app.close();
    const out: string[][] = parse(await readFile(join(dir, 'out.csv'), 'utf8'));
    const keys = out.slice(1).map((r) => r[0]);
    expect(summary).toMatchObject({
      rowsIn: 5000,
      rowsOut: 5000,
      rowsRejected: 50,
      chunksFailed: 0,
      exitCode: 0,
    });
    expect(keys).toEqual(Array.from({ length: 5000 }, (_, i) => `R${i}`));
    expect(new Set(keys).size).toBe(5000);
    expect(
      out
        .slice(1)
        .filter((r) => r[4] !== '')
        .every((r) => /age/.test(r[4] ?? '')),
    ).toBe(true);
    expect(proxy.stats).toMatchObject({ hung: 1, duplicated: 2 });
    rows.push({
      check: 'batch through a chaos proxy (1% bad rows)',
      tried: `5,000 rows in 10 chunks; 1 chunk hung once, 2 delivered twice, 2 delayed to reorder`,
      held: `${summary.rowsOut} rows out in input order, each key once; ${summary.rowsRejected} rejected with reasons; ${summary.retries} ${summary.retries === 1 ? 'retry' : 'retries'}`,
      lost: 'nothing',
    });
  }, 180_000);
});
