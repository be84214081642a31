/**
 * The HTTP surface every handler uses: a request/response subset that both the functions
 * framework's Express objects and bare `node:http` objects satisfy, so a function runs unchanged
 * under `functions-framework --target=<name>` and under the lean server in `server.ts`.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { HttpProblem } from './problem.js';

export interface HttpRequest {
  readonly method?: string | undefined;
  readonly url?: string | undefined;
  readonly headers: IncomingHttpHeaders;
  /** The raw body bytes (the functions framework's `rawBody`; the lean server sets it too). */
  readonly rawBody?: Buffer | undefined;
  /** What the functions framework already parsed, when no raw body is kept. */
  readonly body?: unknown;
  /** Bytes received, when the server kept none of them for being over the limit. */
  readonly bodyBytes?: number | undefined;
  /** Why the server could not take the body (too large, late, badly encoded): thrown on reading it. */
  readonly bodyError?: HttpProblem | undefined;
  /** What the server refused before any route (no Host, an unmet Expect): the answer, whatever the route. */
  readonly rejected?: HttpProblem | undefined;
}

export interface HttpResponse {
  statusCode: number;
  readonly headersSent: boolean;
  setHeader(name: string, value: string | number | readonly string[]): unknown;
  end(body?: string | Buffer): unknown;
  /** Both Node's and Express's responses have these; used to undo a reply that failed half-written. */
  getHeaderNames?(): string[];
  removeHeader?(name: string): unknown;
}

/** What a route answers; written by one function so headers, logs and metrics stay uniform. */
export interface Reply {
  readonly status: number;
  readonly body: unknown;
  /** Defaults to JSON; a string body with another type is sent as is. */
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}): Reply => ({
  status,
  body,
  headers,
});

/** Header value as one string (first of a list). */
export function header(req: HttpRequest, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** One decoder for every request: without `stream`, each `decode` call starts afresh. */
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** JSON or `+json`, by the media type without parameters (RFC 9110 §8.3.1: case-insensitive). */
function isJsonType(contentType: string): boolean {
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || /^application\/[a-z0-9.+!#$&^_-]*\+json$/.test(type);
}

function notJson(contentType: string): HttpProblem {
  const given =
    contentType.trim() === '' ? 'an empty Content-Type header' : contentType.slice(0, 100);
  return new HttpProblem(
    'unsupported-media-type',
    `Send the body as application/json, not ${given}.`,
    { headers: { 'accept-post': 'application/json' } },
  );
}

function bodyBytes(req: HttpRequest): Buffer {
  if (req.rawBody) return req.rawBody;
  if (Buffer.isBuffer(req.body)) return req.body;
  if (typeof req.body === 'string') return Buffer.from(req.body);
  return Buffer.alloc(0);
}

/** The body's bytes; 413 above `maxBytes` (whether or not the server kept them). */
export function readRaw(req: HttpRequest, maxBytes: number): Buffer {
  if (req.bodyError) throw req.bodyError;
  const received = req.bodyBytes ?? 0;
  const bytes = bodyBytes(req);
  const size = Math.max(received, bytes.length);
  if (size > maxBytes)
    throw new HttpProblem(
      'payload-too-large',
      `The body has ${size} bytes; the limit is ${maxBytes}.`,
    );
  return bytes;
}

/**
 * Reads the body as JSON: 415 for a content type that is not JSON (none at all is JSON, as KServe,
 * Triton and MLServer read it: tritonclient.http sends none), 413 above `maxBytes`, 400 when empty
 * or malformed (the parser's message says where, never echoing a stack).
 */
export function readJson(req: HttpRequest, maxBytes: number): unknown {
  const contentType = header(req, 'content-type');
  if (contentType !== undefined && !isJsonType(contentType)) throw notJson(contentType);
  const bytes = readRaw(req, maxBytes);
  if (bytes.length === 0) throw new HttpProblem('invalid-json', 'The request body is empty.');
  let decoded: string;
  try {
    decoded = UTF8.decode(bytes);
  } catch {
    throw new HttpProblem('invalid-json', 'The request body is not valid UTF-8.');
  }
  try {
    return JSON.parse(decoded) as unknown;
  } catch (error) {
    const reason =
      error instanceof SyntaxError ? error.message.replace(/"[^"]{40,}"/g, '"…"') : 'malformed';
    throw new HttpProblem('invalid-json', `The request body is not valid JSON: ${reason}.`);
  }
}
