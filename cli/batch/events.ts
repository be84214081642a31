/**
 * The CloudEvents `scorefn batch` sends and accepts (contract: functions/events/contract.ts): a
 * chunk becomes a `batch.requested` event with a deterministic id, and a `batch.scored` reply is
 * checked against the request before its results are trusted. HTTP binding:
 * https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/bindings/http-protocol-binding.md
 */
import { Ajv } from 'ajv';
import { CloudEvent, HTTP, ValidationError } from 'cloudevents';
import {
  BatchScoredSchema,
  EXTENSIONS,
  eventTypes,
  type BatchScored,
} from '../../functions/events/contract.js';
import { percentDecode } from '../../functions/events/header-encoding.js';
import { binaryMessage } from '../../functions/events/http-binding.js';
import type { Chunk } from './types.js';

/** The `source` of every request: constant, so `source` + `id` identify a chunk across runs. */
export const REQUEST_SOURCE = '/scorefn/cli/batch';

/**
 * Extension (ours, beyond the contract): the 1-based input row number of the chunk's first row, so
 * a re-sent chunk's rows get their original row numbers back. Receivers ignore extensions they
 * do not know (CloudEvents spec, "Extension Context Attributes").
 */
export const FIRST_ROW = 'firstrow';

export interface BatchContext {
  readonly batchId: string;
  readonly chunkCount: number;
  readonly typePrefix: string;
  readonly key: string | undefined;
  readonly model: string | undefined;
}

/** A chunk's id: the same chunk of the same batch always has the same id, so retries are idempotent. */
export const requestId = (batchId: string, chunkIndex: number) => `${batchId}-${chunkIndex}`;

/** The `batch.requested` event for one chunk. */
export function requestEvent(chunk: Chunk, batch: BatchContext): CloudEvent<unknown> {
  return new CloudEvent<unknown>({
    specversion: '1.0',
    id: requestId(batch.batchId, chunk.index),
    source: REQUEST_SOURCE,
    type: eventTypes(batch.typePrefix).batchRequested,
    datacontenttype: chunk.contentType,
    [EXTENSIONS.batchId]: batch.batchId,
    [EXTENSIONS.chunkIndex]: chunk.index,
    [EXTENSIONS.chunkCount]: batch.chunkCount,
    [FIRST_ROW]: chunk.firstRow,
    ...(batch.key === undefined ? {} : { [EXTENSIONS.keyColumn]: batch.key }),
    ...(batch.model === undefined ? {} : { [EXTENSIONS.model]: batch.model }),
    data: chunk.data,
  });
}

export interface HttpMessage {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** The event as an HTTP request: binary mode (ce-* headers, data as the body) or structured. */
export function encodeEvent(
  event: CloudEvent<unknown>,
  mode: 'binary' | 'structured',
): HttpMessage {
  if (mode === 'binary') return binaryMessage(event); // ce-* headers percent-encoded (§3.1.3.2)
  const message = HTTP.structured(event);
  const headers = Object.fromEntries(
    Object.entries(message.headers).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])),
  );
  const body = message.body;
  return { headers, body: typeof body === 'string' ? body : JSON.stringify(body ?? '') };
}

/** A reply (or a delivery to the receiver) that is not what the contract promises. */
export class ReplyError extends Error {
  override readonly name = 'ReplyError';
}

function reason(error: unknown): string {
  const details = error instanceof ValidationError ? (error.errors ?? []) : [];
  if (error instanceof Error && details.length > 0)
    return `${error.message}: ${details.map((e) => (typeof e === 'string' ? e : JSON.stringify(e))).join('; ')}`;
  return error instanceof Error ? error.message : String(error);
}

/** Binary-mode `ce-*` headers percent-decoded (§3.1.3.2), which the SDK does not do. */
function decodedHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([k, v]) => [
      k,
      k.toLowerCase().startsWith('ce-') && typeof v === 'string' ? (percentDecode(v) ?? v) : v,
    ]),
  );
}

/**
 * An HTTP message as a validated CloudEvent (binary or structured). `HTTP.toEvent` builds events
 * without validating them, hence the explicit `validate()`.
 */
export function decodeEvent(
  headers: Readonly<Record<string, string>>,
  body: string,
): CloudEvent<unknown> {
  try {
    const event = HTTP.toEvent({ headers: decodedHeaders(headers), body });
    if (!(event instanceof CloudEvent)) throw new Error('a batch of events, not one event');
    event.validate();
    return event as CloudEvent<unknown>;
  } catch (error) {
    throw new ReplyError(`not a valid CloudEvent: ${reason(error)}`);
  }
}

/** An extension attribute as text (binary mode carries every extension as a string). */
export function extension(event: CloudEvent<unknown>, name: string): string | undefined {
  const value = (event as unknown as Record<string, unknown>)[name];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return value === undefined || value === null ? undefined : JSON.stringify(value);
}

let validator: ReturnType<Ajv['compile']> | undefined;

function checkData(data: unknown): BatchScored {
  validator ??= new Ajv({ allErrors: true, strict: false }).compile(BatchScoredSchema);
  const value = typeof data === 'string' ? (JSON.parse(data) as unknown) : data;
  if (validator(value)) return value as BatchScored;
  const first = validator.errors?.[0];
  throw new ReplyError(
    `reply data is not batch.scored data: ${first?.instancePath ?? ''} ${first?.message ?? ''}`,
  );
}

export interface ExpectedReply {
  /** The request's id, which the reply's `causationid` names. */
  readonly id: string;
  readonly type: string;
  readonly batchId: string;
  readonly chunkIndex: number;
  readonly rows: number;
}

/** The reply's data, once the event is known to answer this chunk with one result per row. */
export function readScored(event: CloudEvent<unknown>, expected: ExpectedReply): BatchScored {
  if (event.type !== expected.type)
    throw new ReplyError(`reply type ${event.type}, expected ${expected.type}`);
  const batchId = extension(event, EXTENSIONS.batchId);
  const chunkIndex = extension(event, EXTENSIONS.chunkIndex);
  if (batchId !== expected.batchId || chunkIndex !== String(expected.chunkIndex))
    throw new ReplyError(`reply for batch ${String(batchId)} chunk ${String(chunkIndex)}`);
  const causation = extension(event, EXTENSIONS.causationId);
  if (causation !== undefined && causation !== expected.id)
    throw new ReplyError(`reply answers event ${causation}, not ${expected.id}`);
  let data: BatchScored;
  try {
    data = checkData(event.data);
  } catch (error) {
    throw error instanceof ReplyError ? error : new ReplyError(`reply data: ${reason(error)}`);
  }
  if (data.results.length !== expected.rows)
    throw new ReplyError(`reply has ${data.results.length} results for ${expected.rows} rows`);
  const misplaced = data.results.findIndex((r, i) => r.row !== i);
  if (misplaced >= 0)
    throw new ReplyError(
      `reply result ${misplaced} is for row ${String(data.results[misplaced]?.row)}`,
    );
  return data;
}
