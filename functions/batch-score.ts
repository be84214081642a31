/**
 * `batch-score`: scores a chunk of records delivered as a CloudEvent (binary or structured) and
 * answers with a `batch.scored` CloudEvent in binary mode, per the Knative Eventing data plane:
 * 200 with the reply, or 202 once the reply went to K_SINK; 400 for an event that can never be
 * processed (not retried), 5xx only for transient faults (retried, then dead-lettered). A
 * redelivered event (same source + id) gets the same answer and is not scored or counted again.
 */
import * as ff from '@google-cloud/functions-framework';
import { createHash } from 'node:crypto';
import { CloudEvent } from 'cloudevents';
import { decodeChunk } from './batch/chunk.js';
import { replayCache } from './batch/replay-cache.js';
import { scoreChunk, type ChunkIds } from './batch/score-chunk.js';
import { eventTypes, EXTENSIONS, type BatchScored } from './events/contract.js';
import { binaryReply, receiveEvent, sendToSink } from './events/http-binding.js';
import { withCommonRoutes } from './lib/common-routes.js';
import { httpHandler, type FunctionDefinition, type RequestContext } from './lib/function.js';
import type { Reply } from './lib/http.js';
import { HttpProblem } from './lib/problem.js';
import { requireModel } from './lib/scoring.js';
import { sharedServices } from './lib/services.js';

const SOURCE = '/scorefn/batch-score';
/**
 * Tighter than the receivers' defaults: the id and the extensions come back as reply headers
 * (up to three times longer percent-encoded), and each logged prediction's id is this id plus
 * `:<row>:<arm>`, which the monitor must still take.
 */
const LIMITS = { id: 256, other: 1024 } as const;
const answered = new WeakMap<object, ReturnType<typeof replayCache<Reply>>>();

function cacheFor(ctx: RequestContext) {
  let cache = answered.get(ctx.services);
  if (!cache) {
    cache = replayCache<Reply>(
      ctx.services.config.batchDedupeBytes,
      (r) => String(r.body).length + 1024,
    );
    answered.set(ctx.services, cache);
  }
  return cache;
}

function extension(event: CloudEvent<unknown>, name: string): string | undefined {
  const value = (event as unknown as Record<string, unknown>)[name];
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : undefined;
}

function integerExtension(event: CloudEvent<unknown>, name: string): number | undefined {
  const raw = extension(event, name);
  if (raw === undefined) return undefined;
  if (!/^\d{1,9}$/.test(raw))
    throw new HttpProblem(
      'bad-request',
      `extension ${name} must be a non-negative integer, got '${raw}'`,
    );
  return Number(raw);
}

/** An unknown model in an event is permanent: 400, which Knative does not retry (404 it would). */
function eventModel(ctx: RequestContext, name: string | undefined) {
  try {
    return requireModel(ctx, name);
  } catch (error) {
    if (error instanceof HttpProblem && error.slug === 'unknown-model')
      throw new HttpProblem('bad-request', error.detail);
    throw error;
  }
}

async function score(
  ctx: RequestContext,
  event: CloudEvent<unknown>,
  timed: boolean,
): Promise<Reply> {
  const { config } = ctx.services;
  const model = eventModel(ctx, extension(event, EXTENSIONS.model));
  const chunk = decodeChunk(
    event.data,
    event.datacontenttype,
    model.manifest.features,
    extension(event, EXTENSIONS.keyColumn),
    config.batchMaxRecords,
  );
  const ids: ChunkIds = {
    batchId: extension(event, EXTENSIONS.batchId),
    chunkIndex: integerExtension(event, EXTENSIONS.chunkIndex),
    chunkCount: integerExtension(event, EXTENSIONS.chunkCount),
  };
  const data = await scoreChunk(model, chunk, ids, ctx.services, event.id);
  ctx.annotate({
    model: model.manifest.name,
    version: model.manifest.version,
    records: data.rows,
    rejected: data.rejected,
  });
  const reply = replyEvent(ctx, event, timed, ids, data);
  if (config.sink === undefined) return binaryReply(reply);
  await deliverToSink(ctx, config.sink, reply);
  return { status: 202, body: '', contentType: 'text/plain' };
}

/** The `batch.scored` reply: a deterministic id, the request's correlation extensions echoed. */
function replyEvent(
  ctx: RequestContext,
  event: CloudEvent<unknown>,
  timed: boolean,
  ids: ChunkIds,
  data: BatchScored,
): CloudEvent<unknown> {
  return new CloudEvent<unknown>({
    specversion: '1.0',
    type: eventTypes(ctx.services.config.eventTypePrefix).batchScored,
    source: SOURCE,
    id: createHash('sha256').update(`${event.source}\n${event.id}`).digest('hex').slice(0, 32),
    ...(timed ? { time: event.time } : {}),
    datacontenttype: 'application/json',
    [EXTENSIONS.causationId]: event.id,
    ...(ids.batchId === undefined ? {} : { [EXTENSIONS.batchId]: ids.batchId }),
    ...(ids.chunkIndex === undefined ? {} : { [EXTENSIONS.chunkIndex]: ids.chunkIndex }),
    ...(ids.chunkCount === undefined ? {} : { [EXTENSIONS.chunkCount]: ids.chunkCount }),
    data,
  });
}

/** Sends the reply to K_SINK; a failure is a 503 (retried), its cause logged, not answered. */
async function deliverToSink(ctx: RequestContext, sink: string, reply: CloudEvent<unknown>) {
  try {
    await sendToSink(sink, reply, ctx.services.config.requestTimeoutMs);
  } catch (error) {
    ctx.services.logger.warn('reply not delivered to K_SINK', {
      request_id: ctx.requestId,
      error: error instanceof Error ? error.message : String(error),
    });
    throw new HttpProblem('not-ready', 'Could not deliver the reply to K_SINK; retry later.', {
      cause: error,
    });
  }
}

async function batchScore(ctx: RequestContext): Promise<Reply> {
  const { event, timed } = receiveEvent(ctx.req.headers, ctx.raw(), { limits: LIMITS });
  ctx.annotate({ ce_id: event.id, ce_source: event.source, ce_type: event.type });
  const expected = eventTypes(ctx.services.config.eventTypePrefix).batchRequested;
  if (event.type !== expected)
    throw new HttpProblem(
      'bad-request',
      `This function takes ${expected} events, not ${event.type}.`,
    );
  const { value, replayed } = await cacheFor(ctx).get(`${event.source}\n${event.id}`, () =>
    score(ctx, event, timed),
  );
  if (replayed) ctx.annotate({ replayed: true });
  return value;
}

const route = {
  method: 'POST',
  name: 'batch-score',
  handler: batchScore,
  bodyLimit: (c: { batchMaxBodyBytes: number }) => c.batchMaxBodyBytes,
} as const;

export const batchScoreFunction: FunctionDefinition = {
  name: 'batch-score',
  routes: withCommonRoutes([
    { ...route, path: '/batch-score' },
    { ...route, path: '/' },
  ]),
};

ff.http('batch-score', httpHandler(batchScoreFunction, await sharedServices()));
