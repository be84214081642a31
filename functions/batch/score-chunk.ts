/** Scores one decoded chunk into the `batch.scored` data: one result per record, in input order. */
import type { LoadedModel } from '../../model/runtime/load-model.js';
import type { BatchResult, BatchScored } from '../events/contract.js';
import type { Metrics } from '../lib/metrics.js';
import type { Chunk } from './chunk.js';

export interface ChunkIds {
  readonly batchId: string | undefined;
  readonly chunkIndex: number | undefined;
  readonly chunkCount: number | undefined;
}

export async function scoreChunk(
  model: LoadedModel,
  chunk: Chunk,
  ids: ChunkIds,
  metrics: Metrics,
): Promise<BatchScored> {
  const { name, version } = model.manifest;
  const outcomes = await model.scoreEach(chunk.records);
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
