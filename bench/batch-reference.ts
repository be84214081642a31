/**
 * The batch reference: the work no implementation can skip for a chunk, timed step by step in the
 * same process on the same data: parse the body (JSON.parse, or a naive split for CSV), ONNX
 * Runtime's `session.run` on tensors built beforehand, and JSON.stringify of the results.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import type { FeatureRecord } from '../model/features.js';
import type { Manifest } from '../model/manifest/schema.js';
import { bindInputs, encodeRecords } from '../model/runtime/inputs.js';
import { MODELS_DIR } from './paths.js';
import { median } from './stats.js';

export interface ReferenceTimes {
  readonly parseMs: number;
  readonly runMs: number;
  readonly stringifyMs: number;
  readonly totalMs: number;
}

/** The parse step for CSV: split lines and cells, numbers where the feature is numeric. */
export function naiveCsv(
  text: string,
  numeric: ReadonlySet<string>,
): Record<string, string | number>[] {
  const lines = text.split('\n');
  const header = (lines[0] ?? '').split(',');
  const out: Record<string, string | number>[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line === '') continue;
    const cells = line.split(',');
    const row: Record<string, string | number> = {};
    header.forEach((h, k) => {
      const cell = cells[k] ?? '';
      row[h] = numeric.has(h) ? Number(cell) : cell;
    });
    out.push(row);
  }
  return out;
}

function time(fn: () => unknown): number {
  const started = performance.now();
  fn();
  return performance.now() - started;
}

async function timeAsync(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

/**
 * Times the reference on `body` (the chunk's data), `records` (the same records, for the tensors)
 * and `results` (the reply's results, to stringify), `iterations` times each; medians.
 */
export async function referenceTimes(
  model: string,
  format: 'json' | 'csv',
  body: string,
  records: readonly FeatureRecord[],
  results: unknown,
  iterations: number,
): Promise<ReferenceTimes> {
  const manifest = JSON.parse(
    readFileSync(join(MODELS_DIR, model, 'model.json'), 'utf8'),
  ) as Manifest;
  const bytes = readFileSync(join(MODELS_DIR, model, manifest.artifact.file));
  const session = await ort.InferenceSession.create(bytes, {
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
  });
  const feeds = encodeRecords(bindInputs(manifest, session.inputMetadata), records);
  const fetches = [manifest.outputs.probabilities];
  const numeric = new Set(manifest.features.filter((f) => f.kind === 'numeric').map((f) => f.name));
  const parse =
    format === 'json' ? () => JSON.parse(body) as unknown : () => naiveCsv(body, numeric);
  const parses: number[] = [];
  const runs: number[] = [];
  const strings: number[] = [];
  for (let i = 0; i < iterations + 1; i++) {
    const p = time(parse);
    const r = await timeAsync(() => session.run(feeds, fetches));
    const s = time(() => JSON.stringify(results));
    if (i === 0) continue;
    parses.push(p);
    runs.push(r);
    strings.push(s);
  }
  await session.release();
  const parseMs = median(parses);
  const runMs = median(runs);
  const stringifyMs = median(strings);
  return { parseMs, runMs, stringifyMs, totalMs: parseMs + runMs + stringifyMs };
}
