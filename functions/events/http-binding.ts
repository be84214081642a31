/**
 * CloudEvents over HTTP (https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/bindings/http-protocol-binding.md):
 * a request becomes a checked event or a 400 naming what is wrong, and a reply event becomes a
 * binary-mode answer, as the Knative data plane expects (200 with a CloudEvent, or 202 with no
 * body). The SDK's `HTTP.toEvent` is not used to read requests: it fills in missing attributes,
 * matches content types by exact spelling and neither decodes headers nor `data_base64` properly.
 */
import { CloudEvent, HTTP, ValidationError } from 'cloudevents';
import { validateHeaderValue, type IncomingHttpHeaders } from 'node:http';
import type { Reply } from '../lib/http.js';
import { HttpProblem } from '../lib/problem.js';
import { checkAttributes, type AttributeOptions, type Attributes } from './attributes.js';
import { base64Bytes, decodeData } from './data-codec.js';
import { percentEncode } from './header-encoding.js';
import { readMessage, type RawMessage } from './message.js';

export interface ReceiveOptions extends AttributeOptions {
  /** Decode the data (default); false leaves it out and only measures it (the dead-letter sink). */
  readonly data?: boolean;
}

export interface ReceivedEvent {
  readonly event: CloudEvent<unknown>;
  /** Whether the sender set `time` (the SDK's event class invents one when it is absent). */
  readonly timed: boolean;
  /** The data's size in bytes, measured only when it was not decoded (`data: false`). */
  readonly dataBytes?: number;
  /** Extensions left out for being invalid (`lenientExtensions` only). */
  readonly dropped: readonly string[];
}

function measure(message: RawMessage): number {
  if (message.bytes) return message.bytes.length;
  if (typeof message.base64 === 'string') return Math.floor((message.base64.length * 3) / 4);
  return message.hasValue ? Buffer.byteLength(JSON.stringify(message.value)) : 0;
}

function dataOf(message: RawMessage, contentType: string | undefined): unknown {
  if (message.bytes) return decodeData(message.bytes, contentType);
  if (message.base64 !== undefined) return decodeData(base64Bytes(message.base64), contentType);
  return message.value;
}

/** What the SDK's own validation (its JSON schema: URI formats and the like) refused, per attribute. */
function schemaProblem(error: unknown): HttpProblem {
  const found = error instanceof ValidationError ? (error.errors ?? []) : [];
  const errors = found.flatMap((e) =>
    typeof e === 'object' && 'instancePath' in e
      ? [{ pointer: e.instancePath, message: e.message ?? 'is invalid', keyword: e.keyword }]
      : [],
  );
  const summary = errors.map((e) => `${e.pointer.slice(1) || 'the event'} ${e.message}`);
  return new HttpProblem(
    'bad-request',
    `Not a valid CloudEvent: ${summary.join('; ') || 'refused'}.`,
    {
      errors,
    },
  );
}

function toCloudEvent(attributes: Attributes, data: unknown): CloudEvent<unknown> {
  try {
    const event = new CloudEvent<unknown>({ ...attributes, data }, false);
    event.validate();
    return event;
  } catch (error) {
    throw schemaProblem(error);
  }
}

/**
 * Reads a binary or structured CloudEvent, checking its attributes as sent (required ones present,
 * specversion 1.0, time RFC 3339, type system, size limits) and decoding its data by media type;
 * anything else is a 400 naming the attribute, which Knative does not retry.
 */
export function receiveEvent(
  headers: IncomingHttpHeaders,
  body: Buffer,
  options: ReceiveOptions = {},
): ReceivedEvent {
  const message = readMessage(headers, body);
  const { attributes, dropped } = checkAttributes(message.attributes, options);
  const decode = options.data !== false;
  const type = attributes.datacontenttype as string | undefined;
  const data = decode ? dataOf(message, type) : undefined;
  return {
    event: toCloudEvent(attributes, data),
    timed: attributes.time !== undefined,
    ...(decode ? {} : { dataBytes: measure(message) }),
    dropped,
  };
}

function bodyText(body: unknown): string {
  if (typeof body === 'string') return body;
  return body === undefined || body === null ? '' : JSON.stringify(body);
}

/**
 * An event as a binary-mode message: `ce-*` headers percent-encoded (§3.1.3.2), so any attribute
 * value makes a valid header; each header is checked here, before a reply can be cached.
 */
export function binaryMessage(event: CloudEvent<unknown>): {
  headers: Record<string, string>;
  body: string;
} {
  const message = HTTP.binary(event);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers)) {
    if (value === undefined) continue;
    const text = name.startsWith('ce-') ? percentEncode(String(value)) : String(value);
    validateHeaderValue(name, text);
    headers[name] = text;
  }
  return { headers, body: bodyText(message.body) };
}

/** A 200 answer carrying `event` in binary mode (ce-* headers, data as the body). */
export function binaryReply(event: CloudEvent<unknown>): Reply {
  const { headers, body } = binaryMessage(event);
  const contentType = headers['content-type'] ?? 'application/json';
  delete headers['content-type'];
  return { status: 200, body, contentType, headers };
}

/** Sends an event to a sink (K_SINK) in binary mode; throws on anything but a 2xx. */
export async function sendToSink(
  sink: string,
  event: CloudEvent<unknown>,
  timeoutMs: number,
): Promise<void> {
  const { headers, body } = binaryMessage(event);
  const res = await fetch(sink, {
    method: 'POST',
    headers,
    body,
    signal: AbortSignal.timeout(timeoutMs),
  });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`sink ${sink} answered ${res.status}`);
}
