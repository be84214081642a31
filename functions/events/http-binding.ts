/**
 * CloudEvents over HTTP with the SDK (https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/bindings/http-protocol-binding.md):
 * an incoming request becomes a validated event or a 400, and a reply event becomes a binary-mode
 * answer, as the Knative data plane expects (200 with a CloudEvent, or 202 with no body).
 */
import { CloudEvent, HTTP, ValidationError } from 'cloudevents';
import type { IncomingHttpHeaders } from 'node:http';
import type { Reply } from '../lib/http.js';
import { HttpProblem } from '../lib/problem.js';

function flatHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).flatMap(([k, v]) =>
      v === undefined ? [] : [[k, Array.isArray(v) ? v.join(', ') : v]],
    ),
  );
}

function reason(error: unknown): string {
  if (error instanceof ValidationError) {
    const details = (error.errors ?? []).map((e) =>
      typeof e === 'string' ? e : JSON.stringify(e),
    );
    return [error.message, ...details].join('; ');
  }
  return error instanceof Error ? error.message : String(error);
}

/** Parses a binary or structured CloudEvent; anything else is a 400 that Knative will not retry. */
export function receiveEvent(headers: IncomingHttpHeaders, body: Buffer): CloudEvent<unknown> {
  let event: CloudEvent<unknown> | CloudEvent<unknown>[];
  try {
    event = HTTP.toEvent({ headers: flatHeaders(headers), body: body.toString('utf8') }) as
      CloudEvent<unknown> | CloudEvent<unknown>[];
    if (Array.isArray(event))
      throw new Error('batched CloudEvents are not supported; send one event per request');
    event.validate();
  } catch (error) {
    throw new HttpProblem('bad-request', `Not a valid CloudEvent: ${reason(error)}`);
  }
  if (event.specversion !== '1.0')
    throw new HttpProblem(
      'bad-request',
      `CloudEvents specversion must be 1.0, got ${event.specversion}`,
    );
  return event;
}

/** Whether the request itself carried a `time` attribute (the SDK invents one when it is absent). */
export function sentTime(headers: IncomingHttpHeaders, body: Buffer): boolean {
  if (headers['ce-time'] !== undefined) return true;
  const type = headers['content-type'] ?? '';
  return (
    type.startsWith('application/cloudevents+json') && /"time"\s*:/.test(body.toString('utf8'))
  );
}

function bodyText(body: unknown): string {
  if (typeof body === 'string') return body;
  return body === undefined || body === null ? '' : JSON.stringify(body);
}

/** A 200 answer carrying `event` in binary mode (ce-* headers, data as the body). */
export function binaryReply(event: CloudEvent<unknown>): Reply {
  const message = HTTP.binary(event);
  const headers = Object.fromEntries(
    Object.entries(message.headers).map(([k, v]) => [k, String(v)]),
  );
  const contentType = headers['content-type'] ?? 'application/json';
  delete headers['content-type'];
  return { status: 200, body: bodyText(message.body), contentType, headers };
}

/** Sends an event to a sink (K_SINK) in binary mode; throws on anything but a 2xx. */
export async function sendToSink(
  sink: string,
  event: CloudEvent<unknown>,
  timeoutMs: number,
): Promise<void> {
  const message = HTTP.binary(event);
  const headers = Object.fromEntries(
    Object.entries(message.headers).map(([k, v]) => [k, String(v)]),
  );
  const res = await fetch(sink, {
    method: 'POST',
    headers,
    body: bodyText(message.body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`sink ${sink} answered ${res.status}`);
}
