/**
 * Answers the lean server writes itself, before or instead of any handler: requests Node's HTTP
 * parser rejects, requests too slow to arrive, CONNECT, and requests refused while shutting down.
 * Each is a problem document (RFC 9457) that also carries `error`, so KServe clients read it too.
 */
import type { ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

interface RawProblem {
  readonly status: number;
  readonly reason: string;
  readonly slug: string;
  readonly title: string;
  readonly detail: string;
  readonly headers?: Readonly<Record<string, string>>;
}

const problemJson = (p: RawProblem) =>
  JSON.stringify({
    type: `urn:scorefn:problem:${p.slug}`,
    title: p.title,
    status: p.status,
    detail: p.detail,
    error: p.detail,
  });

/** Writes a whole response on a socket no `ServerResponse` owns, then closes it. */
function endSocket(socket: Duplex, problem: RawProblem): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = problemJson(problem);
  const extra = Object.entries(problem.headers ?? {}).map(([k, v]) => `${k}: ${v}\r\n`);
  socket.end(
    `HTTP/1.1 ${problem.status} ${problem.reason}\r\ncontent-type: application/problem+json\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\n${extra.join('')}connection: close\r\n\r\n${body}`,
  );
}

const PARSER_PROBLEMS: Readonly<Record<string, RawProblem>> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    reason: 'Request Header Fields Too Large',
    slug: 'headers-too-large',
    title: 'Request headers too large',
    detail: 'The request headers are too large.',
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    reason: 'Request Timeout',
    slug: 'request-timeout',
    title: 'The request did not arrive in time',
    detail: 'The request did not arrive in time.',
  },
};

const BAD_REQUEST: RawProblem = {
  status: 400,
  reason: 'Bad Request',
  slug: 'bad-request',
  title: 'Bad request',
  detail: 'The request is not valid HTTP.',
};

/**
 * A request Node's parser rejected (headers over 16 KiB, malformed request line) or that did not
 * arrive within the server's timeouts: a problem document instead of Node's bare status line.
 */
export function rejectUnparsable(error: Error & { code?: string }, socket: Duplex): void {
  endSocket(socket, PARSER_PROBLEMS[error.code ?? ''] ?? BAD_REQUEST);
}

/** CONNECT asks an origin server to be a tunnel: refused with 405, like any unserved method. */
export function refuseConnect(socket: Duplex): void {
  endSocket(socket, {
    status: 405,
    reason: 'Method Not Allowed',
    slug: 'method-not-allowed',
    title: 'Method not allowed',
    detail: 'CONNECT is not served here; use GET, HEAD or POST.',
    headers: { allow: 'GET, HEAD, POST, OPTIONS' },
  });
}

/** The answer to a request that arrives while the server shuts down. */
export function refuseShuttingDown(res: ServerResponse): void {
  res
    .writeHead(503, {
      'content-type': 'application/problem+json',
      connection: 'close',
      'retry-after': '1',
    })
    .end(
      problemJson({
        status: 503,
        reason: 'Service Unavailable',
        slug: 'not-ready',
        title: 'The model is not ready',
        detail: 'This instance is shutting down; retry on another.',
      }),
    );
}

/** Last resort when a handler itself failed: an opaque 500 problem if nothing was sent yet. */
export function internalError(res: ServerResponse): void {
  try {
    if (res.headersSent) {
      res.end();
      return;
    }
    for (const name of res.getHeaderNames()) res.removeHeader(name);
    res.writeHead(500, { 'content-type': 'application/problem+json' }).end(
      problemJson({
        status: 500,
        reason: 'Internal Server Error',
        slug: 'internal',
        title: 'Internal error',
        detail: 'The request failed unexpectedly.',
      }),
    );
  } catch {
    res.destroy();
  }
}
