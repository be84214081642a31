/**
 * Scores one decoded chunk into the `batch.scored` data: one result per record, in input order,
 * each refused record with at most `MAX_RECORD_ERRORS` of its errors (and how many more it has),
 * so a record with thousands of bad fields cannot blow the reply up.
 */
import { errorCount, isMoreErrors } from '../../model/runtime/error-limits.js';
import type { FieldError } from '../../model/runtime/errors.js';
import type { LoadedModel, Outcome } from '../../model/runtime/load-model.js';
import { MAX_RECORD_ERRORS, type BatchResult, type BatchScored } from '../events/contract.js';
import type { Services } from '../lib/function.js';
import { logPredictions, shadowScore, wantsLog } from '../lib/inference-log.js';
import { recordsWithoutKey, type Chunk } from './chunk.js';

export interface ChunkIds {
  readonly batchId: string | undefined;
  readonly chunkIndex: number | undefined;
  readonly chunkCount: number | undefined;
}

/** The first errors that name a field; `more_errors` counts the rest, the core's own cut included. */
function refusal(errors: readonly FieldError[]) {
  const named = errors.filter((e) => !isMoreErrors(e));
  const listed = named.slice(0, MAX_RECORD_ERRORS).map((e) => ({
    pointer: e.pointer.replace(/^\/\d+/, ''),
    detail: e.message,
  }));
  const more = errorCount(errors) - listed.length;
  return more > 0 ? { errors: listed, more_errors: more } : { errors: listed };
}

/** One record's result: its position and key, then its prediction or its field errors. */
function result(outcome: Outcome, row: number, key: string | number | undefined): BatchResult {
  if (!outcome.ok)
    return key === undefined
      ? { row, ...refusal(outcome.errors) }
      : { row, key, ...refusal(outcome.errors) };
  const { probability_bad, label, decision } = outcome.prediction;
  return key === undefined
    ? { row, probability_bad, label, decision }
    : { row, key, probability_bad, label, decision };
}

/** Each record's outcome: refused rows keep their reasons, the others are scored in one call. */
async function scoreRows(model: LoadedModel, chunk: Chunk): Promise<Outcome[]> {
  const { rejected } = chunk;
  if (rejected.size === 0) return model.scoreEach(chunk.records, chunk.keyColumn);
  const rows = chunk.records.flatMap((_, row) => (rejected.has(row) ? [] : [row]));
  const scored = await model.scoreEach(
    rows.map((row) => chunk.records[row]),
    chunk.keyColumn,
  );
  const outcomes = new Array<Outcome>(chunk.records.length);
  rows.forEach((row, i) => (outcomes[row] = scored[i] as Outcome));
  for (const [row, errors] of rejected) {
    const fields = errors.map((e) => ({
      pointer: `/${row}${e.pointer}`,
      message: e.detail,
      keyword: 'row',
    }));
    outcomes[row] = { ok: false, errors: fields };
  }
  return outcomes;
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
  const outcomes = await scoreRows(model, chunk);
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
