/**
 * The in-process batch measurement, run as its own process on the server's core: `batch-score`'s
 * compiled handler (dist/, as deployed) given 10,000-record chunks as binary-mode CloudEvents, and
 * the reference on the same data. Writes a JSON array of `BatchMeasurement` to the file in argv[3].
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as BatchScore from '../functions/batch-score.js';
import type * as FunctionLib from '../functions/lib/function.js';
import type * as ServicesLib from '../functions/lib/services.js';
import { referenceTimes, type ReferenceTimes } from './batch-reference.js';
import { monotonicUs, type Window } from './cpuprofile.js';
import { csvChunk, jsonChunk, recordAt } from './data.js';
import { ROOT } from './paths.js';
import { median } from './stats.js';

export interface BatchJob {
  readonly models: readonly string[];
  readonly formats: readonly ('json' | 'csv')[];
  readonly chunks: number;
  readonly chunkSize: number;
  /** Only batch-score (for a CPU profile of it alone). */
  readonly skipReference?: boolean;
}

export interface BatchMeasurement {
  readonly model: string;
  readonly format: 'json' | 'csv';
  readonly chunkMs: number;
  readonly status: number;
  readonly scored: number;
  readonly reference: ReferenceTimes;
  /** When the timed chunks ran (monotonic clock, µs), to cut a CPU profile to them. */
  readonly window: Window;
}

const dist = async <T>(path: string) =>
  (await import(pathToFileURL(join(ROOT, 'dist', path)).href)) as T;

interface Captured {
  status: number;
  body: string;
}

function fakeResponse(captured: Captured) {
  return {
    statusCode: 200,
    headersSent: false,
    setHeader: () => undefined,
    end(body?: string | Buffer) {
      captured.status = this.statusCode;
      captured.body = String(body ?? '');
    },
  };
}

async function measure(
  job: BatchJob,
  model: string,
  format: 'json' | 'csv',
): Promise<BatchMeasurement> {
  const { batchScoreFunction } = await dist<typeof BatchScore>('functions/batch-score.js');
  const { httpHandler } = await dist<typeof FunctionLib>('functions/lib/function.js');
  const { sharedServices } = await dist<typeof ServicesLib>('functions/lib/services.js');
  const handler = httpHandler(batchScoreFunction, await sharedServices());
  const data = format === 'json' ? jsonChunk(job.chunkSize) : csvChunk(job.chunkSize);
  const rawBody = Buffer.from(data);
  const times: number[] = [];
  const captured: Captured = { status: 0, body: '' };
  let fromUs = 0;
  for (let i = 0; i < job.chunks + 1; i++) {
    if (i === 1) fromUs = monotonicUs();
    const headers = {
      'content-type': format === 'json' ? 'application/json' : 'text/csv',
      'ce-specversion': '1.0',
      'ce-type': 'dev.scorefn.batch.requested',
      'ce-source': '/bench',
      'ce-id': `${model}-${format}-${i}`,
      'ce-keycolumn': 'id',
      'ce-model': model,
    };
    const request = {
      method: 'POST',
      url: '/batch-score',
      headers,
      rawBody,
      bodyBytes: rawBody.length,
    };
    const started = performance.now();
    await handler(request, fakeResponse(captured));
    if (i > 0) times.push(performance.now() - started);
  }
  const window = { fromUs, toUs: monotonicUs() };
  const reply = JSON.parse(captured.body) as { scored: number; results: unknown };
  const records = Array.from({ length: job.chunkSize }, (_, i) => recordAt(i));
  const reference = job.skipReference
    ? { parseMs: 0, runMs: 0, stringifyMs: 0, totalMs: 0 }
    : await referenceTimes(model, format, data, records, reply.results, job.chunks);
  return {
    model,
    format,
    chunkMs: median(times),
    status: captured.status,
    scored: reply.scored,
    reference,
    window,
  };
}

const job = JSON.parse(process.argv[2] ?? '{}') as BatchJob;
const out: BatchMeasurement[] = [];
for (const model of job.models)
  for (const format of job.formats) {
    process.stderr.write(`  batch-score ${model} ${format}\n`);
    out.push(await measure(job, model, format));
  }
writeFileSync(process.argv[3] ?? 'batch.json', JSON.stringify(out));
