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
import { scoreChunk } from './batch/score-chunk.js';
import { eventTypes, EXTENSIONS } from './events/contract.js';
import { binaryReply, receiveEvent, sendToSink, sentTime } from './events/http-binding.js';
import { withCommonRoutes } from './lib/common-routes.js';
import { httpHandler, type FunctionDefinition, type RequestContext } from './lib/function.js';
import type { Reply } from './lib/http.js';
import { HttpProblem } from './lib/problem.js';
import { requireModel } from './lib/scoring.js';
import { sharedServices } from './lib/services.js';

const SOURCE = '/scorefn/batch-score';
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
  const ids = {
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
  const reply = new CloudEvent({
    specversion: '1.0',
    type: eventTypes(config.eventTypePrefix).batchScored,
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
  if (config.sink === undefined) return binaryReply(reply);
  try {
    await sendToSink(config.sink, reply, config.requestTimeoutMs);
  } catch (error) {
    throw new HttpProblem(
      'not-ready',
      `Could not deliver the reply to K_SINK: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  return { status: 202, body: '', contentType: 'text/plain' };
}

async function batchScore(ctx: RequestContext): Promise<Reply> {
  const body = ctx.raw();
  const event = receiveEvent(ctx.req.headers, body);
  ctx.annotate({ ce_id: event.id, ce_source: event.source, ce_type: event.type });
  const expected = eventTypes(ctx.services.config.eventTypePrefix).batchRequested;
  if (event.type !== expected)
    throw new HttpProblem(
      'bad-request',
      `This function takes ${expected} events, not ${event.type}.`,
    );
  const { value, replayed } = await cacheFor(ctx).get(`${event.source}\n${event.id}`, () =>
    score(ctx, event, sentTime(ctx.req.headers, body)),
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
