/** Test helpers for CloudEvents: build a batch.requested chunk and read a binary reply. */
import { CloudEvent, HTTP } from 'cloudevents';
import { eventTypes } from '../events/contract.js';

export const TYPES = eventTypes();

export function chunkEvent(
  data: unknown,
  extra: Record<string, unknown> = {},
  contentType = 'application/json',
): CloudEvent<unknown> {
  return new CloudEvent({
    specversion: '1.0',
    type: TYPES.batchRequested,
    source: '/tests/batch',
    id: 'chunk-0',
    time: '2026-11-27T00:00:00.000Z',
    datacontenttype: contentType,
    batchid: 'b1',
    chunkindex: 0,
    chunkcount: 1,
    ...extra,
    data,
  });
}

/** The request as headers and body, in binary or structured mode. */
export function encode(event: CloudEvent<unknown>, mode: 'binary' | 'structured' = 'binary') {
  const message = mode === 'binary' ? HTTP.binary(event) : HTTP.structured(event);
  return {
    headers: Object.fromEntries(Object.entries(message.headers).map(([k, v]) => [k, String(v)])),
    body: String(message.body),
  };
}

/** Parses a binary-mode reply from a response's headers and text. */
export function decodeReply(headers: Record<string, unknown>, text: string): CloudEvent<unknown> {
  const flat = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, String(v)]));
  const event = HTTP.toEvent({ headers: flat, body: text }) as CloudEvent<unknown>;
  event.validate();
  return event;
}
