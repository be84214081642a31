/**
 * The lean HTTP server for the registered functions: bare `node:http`, the body read once with a
 * hard size limit, then the function's handler. Compared with the functions framework's own server
 * it skips four unused body parsers and the Express stack, and turns malformed or oversized bodies
 * into problem details instead of an HTML error page.
 */
import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { HttpHandler } from './function.js';
import type { HttpRequest } from './http.js';

export interface ServerOptions {
  /** Bodies above this many bytes are drained and answered 413 by the handler. */
  readonly maxBodyBytes: number;
}

/** Reads the body; beyond the limit it keeps draining (so the client sees the answer) but keeps nothing. */
function readBody(req: IncomingMessage, limit: number): Promise<{ body: Buffer; size: number }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (size > limit * 16 + 1024 * 1024) req.destroy();
    });
    req.on('end', () => {
      resolve({ body: size <= limit ? Buffer.concat(chunks, size) : Buffer.alloc(0), size });
    });
    req.on('error', reject);
  });
}

/** A running server and how to stop it gracefully. */
export interface LeanServer extends Server {
  /**
   * Stops accepting connections, answers requests that still arrive on open connections with 503
   * and `Connection: close`, waits for in-flight requests (at most `timeoutMs`), then resolves
   * with how many were in flight and whether all of them finished.
   */
  shutdown(timeoutMs: number): Promise<{ inFlight: number; drained: boolean }>;
}

const SHUTTING_DOWN = JSON.stringify({
  type: 'urn:scorefn:problem:not-ready',
  title: 'The model is not ready',
  status: 503,
  detail: 'This instance is shutting down; retry on another.',
});

/**
 * Requests Node's HTTP parser rejects before any handler runs (headers over 16 KiB, malformed
 * request lines): answered as a problem document instead of Node's bare status line. The body also
 * carries `error`, so KServe clients (V1/V2 routes, unknown here) read it too.
 */
function rejectUnparsable(error: Error & { code?: string }, socket: Duplex): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const status = tooLarge ? 431 : 400;
  const detail = tooLarge ? 'The request headers are too large.' : 'The request is not valid HTTP.';
  const body = JSON.stringify({
    type: `urn:scorefn:problem:${tooLarge ? 'headers-too-large' : 'bad-request'}`,
    title: tooLarge ? 'Request headers too large' : 'Bad request',
    status,
    detail,
    error: detail,
  });
  socket.end(
    `HTTP/1.1 ${status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\ncontent-type: application/problem+json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}

export function createServer(handler: HttpHandler, options: ServerOptions): LeanServer {
  let inFlight = 0;
  let draining = false;
  const idle: (() => void)[] = [];
  const done = () => {
    inFlight--;
    if (inFlight === 0)
      idle.splice(0).forEach((resolve) => {
        resolve();
      });
  };
  const server = createHttpServer((req, res) => {
    if (draining) {
      res
        .writeHead(503, {
          'content-type': 'application/problem+json',
          connection: 'close',
          'retry-after': '1',
        })
        .end(SHUTTING_DOWN);
      return;
    }
    inFlight++;
    res.once('close', done);
    readBody(req, options.maxBodyBytes)
      .then(
        ({ body, size }) => {
          const request: HttpRequest = {
            method: req.method,
            url: req.url,
            headers: req.headers,
            rawBody: body,
            bodyBytes: size,
          };
          return handler(request, res);
        },
        () => {
          res.destroy();
        },
      )
      .catch(() => {
        if (!res.headersSent) res.statusCode = 500;
        res.end();
      });
  }) as LeanServer;
  server.shutdown = (timeoutMs) => {
    draining = true;
    const before = inFlight;
    server.close();
    server.closeIdleConnections();
    if (inFlight === 0) return Promise.resolve({ inFlight: before, drained: true });
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        server.closeAllConnections();
        resolve({ inFlight: before, drained: false });
      }, timeoutMs);
      idle.push(() => {
        clearTimeout(timer);
        resolve({ inFlight: before, drained: true });
      });
    });
  };
  server.on('clientError', rejectUnparsable);
  return server;
}
