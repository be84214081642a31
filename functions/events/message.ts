/**
 * An HTTP request as a CloudEvent's raw parts, before any checking: its attributes as sent and
 * its data, in binary mode (`ce-*` headers, percent-decoded per the HTTP binding §3.1.3.2; the
 * body is the data) or structured mode (an `application/cloudevents+json` object, with `data` or
 * `data_base64`). https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/bindings/http-protocol-binding.md
 */
import type { IncomingHttpHeaders } from 'node:http';
import { HttpProblem } from '../lib/problem.js';
import { attributeProblem } from './attributes.js';
import { parseJson, utf8Text } from './data-codec.js';
import { percentDecode } from './header-encoding.js';
import { BATCH_MEDIA_TYPE, mediaType, STRUCTURED_MEDIA_TYPE } from './media-type.js';

export interface RawMessage {
  readonly attributes: Record<string, unknown>;
  /** The data as bytes (binary mode). */
  readonly bytes?: Buffer;
  /** A structured event's `data_base64`, decoded only when the data is read. */
  readonly base64?: unknown;
  /** The data as a JSON value (structured `data`), when `hasValue`. */
  readonly value?: unknown;
  readonly hasValue?: boolean;
}

const notAnEvent = (why: string) =>
  new HttpProblem('bad-request', `Not a valid CloudEvent: ${why}`);

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * Binary mode: every `ce-*` header is an attribute; Content-Type is `datacontenttype` (HTTP binding
 * §3.1.1). Without Content-Type the event has no `datacontenttype` (none is made up) and its data
 * is read as JSON (`isJsonMediaType`): the binding sets no default, but the core spec makes an
 * event without `datacontenttype` in the JSON format exactly one with `application/json`, and
 * the HTTP layer reads a body without Content-Type as JSON (http.ts), so batch-score and the
 * monitor read a binary-mode body the same with or without `Content-Type: application/json`.
 */
function readBinary(headers: IncomingHttpHeaders, body: Buffer): RawMessage {
  const attributes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(headers)) {
    const text = headerText(value);
    if (!key.startsWith('ce-') || text === undefined) continue;
    const name = key.slice(3);
    const decoded = percentDecode(text);
    if (decoded === undefined) throw attributeProblem(name, 'is not UTF-8 once percent-decoded');
    attributes[name] = decoded;
  }
  const contentType = headerText(headers['content-type']);
  if (contentType !== undefined) attributes.datacontenttype = contentType;
  return { attributes, bytes: body };
}

/** Structured mode: one JSON object; its members other than the data are the attributes. */
function readStructured(body: Buffer): RawMessage {
  const what = 'The structured-mode body';
  const envelope = parseJson(utf8Text(body, what), what);
  if (typeof envelope !== 'object' || envelope === null || Array.isArray(envelope))
    throw notAnEvent('a structured-mode body must be one JSON object.');
  const { data, data_base64: base64, ...attributes } = envelope as Record<string, unknown>;
  const hasValue = Object.hasOwn(envelope, 'data');
  if (base64 === undefined || base64 === null) return { attributes, value: data, hasValue };
  if (hasValue) throw notAnEvent('data and data_base64 may not both be present.');
  return { attributes, base64 };
}

/**
 * The request's attributes and data, or a 400 when it is no CloudEvent this service reads:
 * batched mode, an event format other than JSON, or neither `ce-*` headers nor a structured body.
 */
export function readMessage(headers: IncomingHttpHeaders, body: Buffer): RawMessage {
  const type = mediaType(headerText(headers['content-type']));
  if (type === BATCH_MEDIA_TYPE)
    throw notAnEvent('batched CloudEvents are not supported; send one event per request.');
  if (type === STRUCTURED_MEDIA_TYPE) return readStructured(body);
  if (type?.startsWith('application/cloudevents'))
    throw notAnEvent('the JSON event format (application/cloudevents+json) is the only one read.');
  if (!Object.keys(headers).some((k) => k.startsWith('ce-')))
    throw notAnEvent(
      'send ce-* headers (binary mode) or an application/cloudevents+json body (structured mode).',
    );
  return readBinary(headers, body);
}
