/** Test helpers for `runBatch`: captured streams, options against a fake, and the expected rows. */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { ageOf, writeApplicants } from './test-applicants.js';
import {
  startFakeBatchScore,
  type FakeBatchScore,
  type FakeOptions,
} from './test-fake-batch-score.js';
import { DEFAULTS, type BatchOptions } from './options.js';
import type { BatchIo } from './run-batch.js';

export interface Captured {
  readonly io: BatchIo;
  readonly stdout: () => string;
  readonly stderr: () => string;
}

/** Streams that keep what is written; `tty` makes stderr look like a terminal. */
export function capture(tty = false, extra: Partial<BatchIo> = {}): Captured {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = new PassThrough();
  stdout.on('data', (b: Buffer) => out.push(b.toString()));
  const stderr = Object.assign(new PassThrough(), { isTTY: tty });
  stderr.on('data', (b: Buffer) => err.push(b.toString()));
  return {
    io: { stdout, stderr, ...extra },
    stdout: () => out.join(''),
    stderr: () => err.join(''),
  };
}

/** Options for a run against `target`, with short back-off and timeout. */
export function batchOptions(target: string, overrides: Partial<BatchOptions>): BatchOptions {
  return { ...DEFAULTS, target, backoffMs: 2, timeoutMs: 5000, quiet: true, ...overrides };
}

/**
 * Row `i`'s expected output cells (key, probability_bad, label, decision, error), worked out from
 * the generator's age and the fake's documented rule, not from the CLI.
 */
export function expectedCells(i: number, keyed: boolean): string[] {
  const key = keyed ? `A${String(i).padStart(7, '0')}` : String(i);
  const age = ageOf(i);
  if (typeof age !== 'number') return [key, '', '', '', '/age must be number'];
  if (age > 120) return [key, '', '', '', '/age must be <= 120'];
  const p = age / 200;
  return [key, String(p), p >= 0.2 ? 'bad' : 'good', p >= 0.2 ? 'decline' : 'approve', ''];
}

/** Rows `from`..`to` (1-based, inclusive) as expected CSV cells. */
export const expectedRange = (from: number, to: number, keyed: boolean): string[][] =>
  Array.from({ length: to - from + 1 }, (_, k) => expectedCells(from + k, keyed));

/** A CSV output file's cells, header first. */
export async function csvCells(path: string): Promise<string[][]> {
  const rows: string[][] = parse(await readFile(path, 'utf8'));
  return rows;
}

/** The output CSV header for key column `key`. */
export const header = (key: string) => [key, 'probability_bad', 'label', 'decision', 'error'];

export interface BatchFixture {
  /** A temporary folder holding `csv` (2,500 rows) and `ndjson` (1,000 rows), removed afterwards. */
  readonly dir: () => string;
  readonly csv: () => string;
  readonly ndjson: () => string;
  /** A fake endpoint closed after the test. */
  readonly fake: (options?: FakeOptions) => Promise<FakeBatchScore>;
}

/** Registers the hooks that make and clean up the input files and fakes of a test file. */
export function batchFixture(): BatchFixture {
  let dir = '';
  const fakes: FakeBatchScore[] = [];
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'scorefn-batch-'));
    await writeApplicants(join(dir, 'applicants.csv'), 2500, 'csv');
    await writeApplicants(join(dir, 'applicants.ndjson'), 1000, 'ndjson');
  });
  afterEach(async () => {
    await Promise.all(fakes.splice(0).map((f) => f.close()));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));
  return {
    dir: () => dir,
    csv: () => join(dir, 'applicants.csv'),
    ndjson: () => join(dir, 'applicants.ndjson'),
    fake: async (options = {}) => {
      const f = await startFakeBatchScore(options);
      fakes.push(f);
      return f;
    },
  };
}
