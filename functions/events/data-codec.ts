/**
 * Event data from bytes (a binary-mode body, or a structured event's `data_base64`) to what the
 * handlers read, by media type (case-insensitive, parameters allowed): parsed JSON for JSON types
 * and when none is given (the JSON format's default), text for `text/*`, else the bytes. A UTF-8
 * byte order mark is dropped. Messages never echo the input.
 */
import { HttpProblem } from '../lib/problem.js';
import { isJsonMediaType, isTextMediaType, mediaType } from './media-type.js';

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}(?:==)?|[A-Za-z0-9+/]{3}=?)?$/;

/** UTF-8 text without a byte order mark, or a 400 saying what was not UTF-8. */
export function utf8Text(bytes: Uint8Array, what: string): string {
  try {
    return UTF8.decode(bytes); // ignoreBOM: false drops a leading BOM
  } catch {
    throw new HttpProblem('bad-request', `${what} is not valid UTF-8.`);
  }
}

/** JSON text as a value, or a 400 that does not quote the text (newer V8 messages would). */
export function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpProblem('bad-request', `${what} is not valid JSON.`);
  }
}

/** The bytes of a `data_base64` member (RFC 4648 base64; line breaks tolerated), or a 400. */
export function base64Bytes(value: unknown): Buffer {
  const text = typeof value === 'string' ? value.replace(/[\r\n]/g, '') : undefined;
  if (text === undefined || !BASE64.test(text))
    throw new HttpProblem(
      'bad-request',
      'Not a valid CloudEvent: data_base64 must be a base64 string (RFC 4648).',
      { errors: [{ pointer: '/data_base64', message: 'must be base64', keyword: 'cloudevents' }] },
    );
  return Buffer.from(text, 'base64');
}

/** The event data the bytes carry, read as their media type says; undefined for no bytes. */
export function decodeData(bytes: Uint8Array, contentType: string | undefined): unknown {
  if (bytes.length === 0) return undefined;
  const type = mediaType(contentType);
  if (isJsonMediaType(type)) return parseJson(utf8Text(bytes, 'The event data'), 'The event data');
  if (isTextMediaType(type)) return utf8Text(bytes, 'The event data');
  return Buffer.from(bytes);
}
