/**
 * `scorefn batch` against the real local server (every function, as `npm start` serves them): a
 * generated file of 100,000 German Credit applicants with 1% bad rows is scored with nothing lost
 * or reordered, scores equal the model's, memory stays bounded, and a second run is identical.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREDIT_FEATURES, loadCreditData } from '../../model/data/credit-g.js';
import { loadModel } from '../../model/runtime/load-model.js';
import { ARTIFACTS_DIR } from '../../model/paths.js';
import { localApp } from '../../functions/testing/test-servers.js';
import { runBatch } from './run-batch.js';
import { batchOptions, capture } from './test-batch-io.js';

const ROWS = 100_000;
const base = loadCreditData().records;
const columns = ['id', ...CREDIT_FEATURES.map((f) => f.name)];
/** Row i (0-based) repeats applicant i % 1000; every 100th row has a bad age (alternately text and 150). */
const ageAt = (i: number, age: number): string | number =>
  i % 100 === 99 ? (i % 200 === 99 ? 'n/a' : 150) : age;

async function writeInput(path: string): Promise<void> {
  const out = createWriteStream(path);
  out.write(`${columns.join(',')}\n`);
  for (let i = 0; i < ROWS; i++) {
    const r = base[i % base.length] ?? {};
    const cells = columns.map((c) =>
      c === 'id' ? `A${i}` : c === 'age' ? ageAt(i, Number(r.age)) : r[c],
    );
    const line = `${cells.map((v) => (typeof v === 'string' && /[",]/.test(v) ? `"${v}"` : String(v))).join(',')}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'close');
}

let dir = '';
let app: Awaited<ReturnType<typeof localApp>>;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scorefn-e2e-'));
  await writeInput(join(dir, 'applicants.csv'));
  app = await localApp();
}, 120_000);
afterAll(async () => {
  await app.close();
  await rm(dir, { recursive: true, force: true });
});

describe('scorefn batch through the real server', () => {
  it('scores 100,000 rows in order with every row accounted for, twice identically, in bounded memory', async () => {
    const model = await loadModel(join(ARTIFACTS_DIR, 'credit-scorecard'));
    const expected = await model.predict(base);
    await model.close();
    const run = async (output: string) => {
      const io = capture();
      const summary = await runBatch(
        batchOptions(`${app.origin}/batch-score`, {
          input: join(dir, 'applicants.csv'),
          output,
          key: 'id',
          chunkSize: 2000,
          timeoutMs: 60_000,
        }),
        io.io,
      );
      return summary;
    };
    let peak = 0;
    const startHeap = process.memoryUsage().heapUsed;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().heapUsed - startHeap);
    }, 20);
    const first = await run(join(dir, 'out-1.csv'));
    clearInterval(sampler);

    expect(first).toMatchObject({
      rowsIn: ROWS,
      rowsOut: ROWS,
      rowsScored: 99_000,
      rowsRejected: 1_000,
      chunksFailed: 0,
      exitCode: 0,
    });
    expect(first.rejections.map((r) => r.count).reduce((a, b) => a + b, 0)).toBe(1_000);
    const rows: string[][] = parse(await readFile(join(dir, 'out-1.csv'), 'utf8'));
    expect(rows[0]).toEqual(['id', 'probability_bad', 'label', 'decision', 'error']);
    expect(rows).toHaveLength(ROWS + 1);
    rows.slice(1).forEach((cells, i) => {
      expect(cells[0]).toBe(`A${i}`);
      if (i % 100 === 99) {
        expect(cells[4]).toMatch(/^\/age must be/);
        return;
      }
      const p = expected[i % base.length];
      expect(Number(cells[1])).toBe(p?.probability_bad);
      expect(cells[3]).toBe(p?.decision);
    });
    // the server and the CLI share this process: both stay within a bounded heap
    expect(peak).toBeLessThan(300 * 1024 * 1024);

    await run(join(dir, 'out-2.csv'));
    expect(await readFile(join(dir, 'out-2.csv'))).toEqual(await readFile(join(dir, 'out-1.csv')));
  }, 300_000);
});
