/** Scores one decoded chunk into the `batch.scored` data: one result per record, in input order. */
import type { LoadedModel } from '../../model/runtime/load-model.js';
import type { BatchResult, BatchScored } from '../events/contract.js';
import type { Outcome } from '../../model/runtime/load-model.js';
import type { Services } from '../lib/function.js';
import { logPredictions, shadowScore } from '../lib/inference-log.js';
import type { Chunk } from './chunk.js';

export interface ChunkIds {
  readonly batchId: string | undefined;
  readonly chunkIndex: number | undefined;
  readonly chunkCount: number | undefined;
}

/** Scores a chunk, counts its scores and logs each scored record (with the shadow arm) once. */
export async function scoreChunk(
  model: LoadedModel,
  chunk: Chunk,
  ids: ChunkIds,
  services: Services,
  requestId: string,
): Promise<BatchScored> {
  const { metrics } = services;
  const { name, version } = model.manifest;
  const outcomes = await model.scoreEach(chunk.records);
  logScored(services, model, chunk, outcomes, requestId);
  let scored = 0;
  const results = outcomes.map((o, row): BatchResult => {
    const key = chunk.keys[row];
    const head = key === undefined ? { row } : { row, key };
    if (!o.ok)
      return {
        ...head,
        errors: o.errors.map((e) => ({
          pointer: e.pointer.replace(/^\/\d+/, ''),
          detail: e.message,
        })),
      };
    scored++;
    metrics.scores.observe({ model: name, version }, o.prediction.probability_bad);
    metrics.decisions.inc({ model: name, version, decision: o.prediction.decision });
    return { ...head, ...o.prediction };
  });
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
    records: rows.map((r) => chunk.records[r]),
    rows,
    keys: rows.map((r) => chunk.keys[r]),
  };
  const predictions = outcomes.flatMap((o) => (o.ok ? [o.prediction] : []));
  logPredictions(services, { ...batch, arm: 'champion', predictions });
  shadowScore(services, batch);
}
