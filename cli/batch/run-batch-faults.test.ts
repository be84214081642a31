// `runBatch` through faults: 500s, hangs, 400s and 413s, refused connections, late, duplicated and
// lost replies on the 202 path: every input row still exactly once, failed chunks re-sendable.
import { readFile } from 'node:fs/promises';
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

describe('runBatch through faults', () => {
  it('retries a 500 and a hang, keeps order despite late replies, and writes the chunk answered 400 as failed', async () => {
    const target = await fake({
      fault: (i, receipt) => {
        if (i === 1 && receipt === 1) return { kind: 'status', status: 500 };
        if (i === 2 && receipt === 1) return { kind: 'hang' };
        if (i === 4) return { kind: 'status', status: 400 };
        return { kind: 'delay', ms: i === 0 ? 150 : (13 - i) * 5 };
      },
    });
    const output = join(tmp(), 'faults.csv');
    const { io, stderr } = capture();
    const summary = await runBatch(
      batchOptions(target.url, {
        input: csvPath(),
        output,
        key: 'id',
        chunkSize: 200,
        timeoutMs: 1000,
      }),
      io,
    );

    const failedRows = expectedRange(801, 1000, true).map(([key]) => [
      key ?? '',
      '',
      '',
      '',
      'chunk failed: HTTP 400: injected 400',
    ]);
    expect(await csvCells(output)).toEqual([
      header('id'),
      ...expectedRange(1, 800, true),
      ...failedRows,
      ...expectedRange(1001, ROWS, true),
    ]);
    expect(summary).toMatchObject({
      rowsIn: 2500,
      rowsOut: 2500,
      rowsFailed: 200,
      rowsScored: 2277,
      rowsRejected: 23,
      chunksFailed: 1,
      retries: 2,
      exitCode: 1,
    });
    expect(summary.failures).toEqual([{ reason: 'HTTP 400: injected 400', count: 1 }]);
    const ids = (i: number) => target.received.filter((r) => r.chunkIndex === i).map((r) => r.id);
    expect(ids(1)).toEqual([`${summary.batchId}-1`, `${summary.batchId}-1`]);
    expect(ids(2)).toEqual([`${summary.batchId}-2`, `${summary.batchId}-2`]);
    expect(ids(4)).toEqual([`${summary.batchId}-4`]);

    const failedLines = (await readFile(`${output}.failed.ndjson`, 'utf8')).trimEnd().split('\n');
    expect(failedLines.map((l) => JSON.parse(l) as Record<string, unknown>)).toEqual([
      expect.objectContaining({
        id: `${summary.batchId}-4`,
        chunkindex: 4,
        chunkcount: 13,
        firstrow: 801,
        keycolumn: 'id',
        datacontenttype: 'text/csv',
      }),
    ]);
    expect(stderr()).toMatch(
      /re-send them with: scorefn batch --resend .*faults\.csv\.failed\.ndjson --output <file>/,
    );

    // the fault is gone: the re-send scores the failed chunk's rows, with the same event id
    const healed = await fake();
    const fixed = join(tmp(), 'fixed.csv');
    const again = await runBatch(
      batchOptions(healed.url, { resend: `${output}.failed.ndjson`, output: fixed }),
      capture().io,
    );
    expect(again).toMatchObject({
      rowsIn: 200,
      rowsOut: 200,
      exitCode: 0,
      chunks: 1,
      failedFile: undefined,
    });
    expect(healed.received.map((r) => r.id)).toEqual([`${summary.batchId}-4`]);
    expect(await csvCells(fixed)).toEqual([header('id'), ...expectedRange(801, 1000, true)]);
  });

  it("re-sends without --key with the rows' original row numbers", async () => {
    const target = await fake({
      fault: (i) => (i === 1 ? { kind: 'status', status: 413 } : undefined),
    });
    const output = join(tmp(), 'rows.csv');
    const summary = await runBatch(
      batchOptions(target.url, { input: csvPath(), output, chunkSize: 1000 }),
      capture().io,
    );
    expect(summary.failures).toEqual([{ reason: 'HTTP 413: injected 413', count: 1 }]);
    expect(target.received.filter((r) => r.chunkIndex === 1)).toHaveLength(1);
    const fixed = join(tmp(), 'rows-fixed.ndjson');
    await runBatch(
      batchOptions((await fake()).url, { resend: `${output}.failed.ndjson`, output: fixed }),
      capture().io,
    );
    const rows = (await readFile(fixed, 'utf8'))
      .trimEnd()
      .split('\n')
      .map((l) => (JSON.parse(l) as { row: number }).row);
    expect(rows).toEqual(Array.from({ length: 1000 }, (_, i) => 1001 + i));
  });

  it('gives up on a target that refuses connections after --retries, naming the network error', async () => {
    const closed = await fake();
    await closed.close();
    const { io } = capture();
    const summary = await runBatch(
      batchOptions(closed.url, {
        input: ndjsonPath(),
        output: join(tmp(), 'refused.csv'),
        chunkSize: 500,
        retries: 2,
      }),
      io,
    );
    expect(summary).toMatchObject({
      exitCode: 1,
      chunksFailed: 2,
      rowsFailed: 1000,
      rowsOut: 1000,
      retries: 4,
    });
    expect(summary.failures).toEqual([
      { reason: 'network error: ECONNREFUSED (after 3 attempts)', count: 2 },
    ]);
  });

  it('fails every chunk with the reason when the target answers 202 and no receiver was asked for', async () => {
    const broker = await fake({ broker: { sink: () => undefined } });
    const summary = await runBatch(
      batchOptions(broker.url, {
        input: ndjsonPath(),
        output: join(tmp(), 'no-receiver.csv'),
        chunkSize: 500,
      }),
      capture().io,
    );
    expect(summary.exitCode).toBe(1);
    expect(summary.failures[0]?.reason).toMatch(/answered 202 .*--receive-port/);
  });
});

describe('runBatch through a broker (202, then the reply at the receiver)', () => {
  it('collects late, reordered, duplicated and lost replies into one row each, in order', async () => {
    let sink: string | undefined;
    const broker = await fake({
      fault: (i, receipt) => (i === 3 && receipt === 1 ? { kind: 'drop' } : undefined),
      broker: {
        sink: () => sink,
        delayMs: (i) => (10 - i) * 8,
        copies: (i) => (i % 2 === 0 ? 2 : 1),
        structured: (i) => i % 2 === 1,
      },
    });
    const output = join(tmp(), 'broker.ndjson');
    const { io } = capture(false, { onReceiver: (url) => (sink = url) });
    const summary = await runBatch(
      batchOptions(broker.url, {
        input: ndjsonPath(),
        output,
        key: 'id',
        chunkSize: 100,
        receivePort: 0,
        receiveHost: '127.0.0.1',
        timeoutMs: 1000,
      }),
      io,
    );
    const lines = (await readFile(output, 'utf8'))
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const expected = expectedRange(1, 1000, true).map(([id, p, label, decision, error]) =>
      error === '' ? { id, probability_bad: Number(p), label, decision } : { id, error },
    );
    expect(lines).toEqual(expected);
    expect(summary).toMatchObject({
      rowsIn: 1000,
      rowsOut: 1000,
      chunks: 10,
      chunksFailed: 0,
      exitCode: 0,
      retries: 1,
    });
    expect(broker.received.filter((r) => r.chunkIndex === 3).map((r) => r.id)).toEqual([
      `${summary.batchId}-3`,
      `${summary.batchId}-3`,
    ]);
    expect(broker.delivered()).toBeGreaterThanOrEqual(14);
  });
});
