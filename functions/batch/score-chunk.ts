/** Scores one decoded chunk into the `batch.scored` data: one result per record, in input order. */
import type { LoadedModel, Outcome } from '../../model/runtime/load-model.js';
import type { BatchResult, BatchScored } from '../events/contract.js';
import type { Services } from '../lib/function.js';
import { logPredictions, shadowScore, wantsLog } from '../lib/inference-log.js';
import { recordsWithoutKey, type Chunk } from './chunk.js';

export interface ChunkIds {
  readonly batchId: string | undefined;
  readonly chunkIndex: number | undefined;
  readonly chunkCount: number | undefined;
}

/** One record's result: its position and key, then its prediction or its field errors. */
function result(outcome: Outcome, row: number, key: string | number | undefined): BatchResult {
  if (!outcome.ok) {
    const errors = outcome.errors.map((e) => ({
      pointer: e.pointer.replace(/^\/\d+/, ''),
      detail: e.message,
    }));
    return key === undefined ? { row, errors } : { row, key, errors };
  }
  const { probability_bad, label, decision } = outcome.prediction;
  return key === undefined
    ? { row, probability_bad, label, decision }
    : { row, key, probability_bad, label, decision };
}

/**
 * Scores a chunk, counts its scores and decisions (one metrics update per chunk and decision,
 * not per record) and logs each scored record (with the shadow arm) once.
 */
export async function scoreChunk(
  model: LoadedModel,
  chunk: Chunk,
  ids: ChunkIds,
  services: Services,
  requestId: string,
): Promise<BatchScored> {
  const { metrics } = services;
  const { name, version } = model.manifest;
  const outcomes = await model.scoreEach(chunk.records, chunk.keyColumn);
  if (wantsLog(services, model)) logScored(services, model, chunk, outcomes, requestId);
  const decisions = new Map<string, number>();
  const results: BatchResult[] = new Array<BatchResult>(outcomes.length);
  const scores: number[] = [];
  outcomes.forEach((o, row) => {
    results[row] = result(o, row, chunk.keys[row]);
    if (!o.ok) return;
    scores.push(o.prediction.probability_bad);
    decisions.set(o.prediction.decision, (decisions.get(o.prediction.decision) ?? 0) + 1);
  });
  const scored = scores.length;
  metrics.scores.observeMany({ model: name, version }, scores);
  for (const [decision, count] of decisions)
    metrics.decisions.inc({ model: name, version, decision }, count);
  return {
    ...(ids.batchId === undefined ? {} : { batch_id: ids.batchId }),
    ...(ids.chunkIndex === undefined ? {} : { chunk_index: ids.chunkIndex }),
    ...(ids.chunkCount === undefined ? {} : { chunk_count: ids.chunkCount }),
    model: { name, version },
    rows: results.length,
    scored,
    rejected: results.length - scored,
    results,
  };
}

function logScored(
  services: Services,
  model: LoadedModel,
  chunk: Chunk,
  outcomes: readonly Outcome[],
  requestId: string,
): void {
  const rows = outcomes.flatMap((o, row) => (o.ok ? [row] : []));
  const batch = {
    functionName: 'batch-score',
    requestId,
    model,
    records: recordsWithoutKey(chunk, rows),
    rows,
    keys: rows.map((r) => chunk.keys[r]),
  };
  const predictions = outcomes.flatMap((o) => (o.ok ? [o.prediction] : []));
  logPredictions(services, { ...batch, arm: 'champion', predictions });
  shadowScore(services, batch);
}
