// `runBatch` end to end against a healthy fake batch-score endpoint: every input row exactly
// once, in order, keys kept, whichever way chunks are encoded; byte-identical re-runs; progress.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBatch } from './run-batch.js';
import {
  batchFixture,
  batchOptions,
  capture,
  csvCells,
  expectedRange,
  header,
} from './test-batch-io.js';

const ROWS = 2500;
const { dir: tmp, csv: csvPath, ndjson: ndjsonPath, fake } = batchFixture();

describe('runBatch against a healthy endpoint', () => {
  it('writes every row once, in input order, with its key, its score or its reasons, and sums them up', async () => {
    const target = await fake();
    const output = join(tmp(), 'clean.csv');
    const { io, stderr } = capture();
    const summary = await runBatch(
      batchOptions(target.url, { input: csvPath(), output, key: 'id', chunkSize: 200 }),
      io,
    );
    expect(await csvCells(output)).toEqual([header('id'), ...expectedRange(1, ROWS, true)]);
    expect(summary).toMatchObject({
      rowsIn: 2500,
      rowsOut: 2500,
      rowsScored: 2475,
      rowsRejected: 25,
      rowsFailed: 0,
      chunks: 13,
      chunksFailed: 0,
      retries: 0,
      exitCode: 0,
      failedFile: undefined,
      rejections: [
        { reason: '/age must be number', count: 13 },
        { reason: '/age must be <= 120', count: 12 },
      ],
    });
    expect(stderr()).toMatch(
      /2,500 rows in, 2,500 out: 2,475 scored, 25 rejected, 0 in failed chunks/,
    );
    expect(stderr()).toMatch(/ {8}13 {2}\/age must be number\n/);
    expect(target.received.map((r) => r.chunkIndex).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 13 }, (_, i) => i),
    );
    expect(target.received.every((r) => r.mode === 'binary' && r.contentType === 'text/csv')).toBe(
      true,
    );
  });

  it('numbers rows from 1 under "row" without --key, and writes NDJSON to stdout with -', async () => {
    const target = await fake();
    const { io, stdout } = capture();
    const summary = await runBatch(
      batchOptions(target.url, {
        input: ndjsonPath(),
        output: '-',
        chunkSize: 300,
        mode: 'structured',
      }),
      io,
    );
    const lines = stdout()
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(1000);
    // row 1: age 19 + 7 = 26, so P(bad) = 26 / 200
    expect(lines[0]).toEqual({ row: 1, probability_bad: 0.13, label: 'good', decision: 'approve' });
    expect(lines[99]).toEqual({ row: 100, error: '/age must be number' });
    expect(lines.map((l) => l.row)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
    expect([summary.exitCode, summary.chunks]).toEqual([0, 4]);
    expect(
      target.received.every((r) => r.mode === 'structured' && r.contentType === 'application/json'),
    ).toBe(true);
  });

  it('gives the same results whichever way the chunks are sent (--send-as json for CSV, csv for NDJSON)', async () => {
    const target = await fake();
    const asJson = join(tmp(), 'as-json.csv');
    await runBatch(
      batchOptions(target.url, {
        input: csvPath(),
        output: asJson,
        key: 'id',
        chunkSize: 500,
        sendAs: 'json',
      }),
      capture().io,
    );
    expect(await csvCells(asJson)).toEqual([header('id'), ...expectedRange(1, ROWS, true)]);
    const asCsv = join(tmp(), 'as-csv.csv');
    await runBatch(
      batchOptions(target.url, {
        input: ndjsonPath(),
        output: asCsv,
        key: 'id',
        chunkSize: 500,
        sendAs: 'csv',
      }),
      capture().io,
    );
    expect(await csvCells(asCsv)).toEqual([header('id'), ...expectedRange(1, 1000, true)]);
    expect(target.received.map((r) => r.contentType)).toEqual([
      ...Array(5).fill('application/json'),
      'text/csv',
      'text/csv',
    ]);
  });

  it('writes byte-identical output for the same input, however the replies were timed and interleaved', async () => {
    const jitter = (seed: number) => (i: number) =>
      ({ kind: 'delay', ms: ((i * seed) % 7) * 4 }) as const;
    const first = join(tmp(), 'same-1.csv');
    const second = join(tmp(), 'same-2.csv');
    const a = await fake({ fault: jitter(3) });
    await runBatch(
      batchOptions(a.url, { input: csvPath(), output: first, chunkSize: 100, concurrency: 8 }),
      capture().io,
    );
    const b = await fake({ fault: jitter(5) });
    await runBatch(
      batchOptions(b.url, { input: csvPath(), output: second, chunkSize: 100, concurrency: 2 }),
      capture().io,
    );
    expect((await readFile(second)).equals(await readFile(first))).toBe(true);
  });
});

describe('runBatch on an empty file', () => {
  it('sends nothing and writes the CSV header alone, exit code 0', async () => {
    const target = await fake();
    const input = join(tmp(), 'empty.csv');
    await writeFile(input, 'id,age\n');
    const output = join(tmp(), 'empty-out.csv');
    const summary = await runBatch(
      batchOptions(target.url, { input, output, key: 'id' }),
      capture().io,
    );
    expect([summary.rowsIn, summary.rowsOut, summary.chunks, summary.exitCode]).toEqual([
      0, 0, 0, 0,
    ]);
    expect(await readFile(output, 'utf8')).toBe('id,probability_bad,label,decision,error\n');
    expect(target.received).toEqual([]);
  });
});

describe('runBatch progress', () => {
  it('prints plain progress lines when stderr is not a terminal', async () => {
    const target = await fake({ fault: () => ({ kind: 'delay', ms: 15 }) });
    const { io, stderr } = capture(false, { progressEveryMs: 10 });
    await runBatch(
      batchOptions(target.url, {
        input: csvPath(),
        output: join(tmp(), 'p.csv'),
        chunkSize: 100,
        concurrency: 1,
        quiet: false,
      }),
      io,
    );
    const lines = stderr()
      .split('\n')
      .filter((l) => l.startsWith('rows '));
    expect(lines.length).toBeGreaterThan(2);
    expect(lines[0]).toMatch(
      /^rows [\d,]+\/2,500 \(\d+\.\d%\) {2}[\d,]+ rows\/s {2}ETA \S+ {2}in flight [01] {2}failed 0$/,
    );
    expect(stderr()).not.toContain('\r');
  });

  it('redraws one line in place on a terminal, and prints nothing but the summary with --quiet', async () => {
    const target = await fake({ fault: () => ({ kind: 'delay', ms: 20 }) });
    const tty = capture(true);
    await runBatch(
      batchOptions(target.url, {
        input: ndjsonPath(),
        output: join(tmp(), 't.csv'),
        chunkSize: 100,
        concurrency: 1,
        quiet: false,
      }),
      tty.io,
    );
    expect(tty.stderr()).toMatch(/\rrows 1,000\/1,000 \(100\.0%\) .*failed 0\S{3}\n/);
    expect(tty.stderr()).toContain('failed 0\u001b[K\n');
    const quiet = capture(true);
    await runBatch(
      batchOptions(target.url, {
        input: ndjsonPath(),
        output: join(tmp(), 'q.csv'),
        chunkSize: 500,
      }),
      quiet.io,
    );
    expect(quiet.stderr()).toMatch(/^scorefn batch [0-9a-f]{32}: 1,000 rows in/);
  });
});
