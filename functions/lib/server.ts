/**
 * The lean HTTP server for the registered functions: bare `node:http`, the body read once with a
 * hard size limit, then the function's handler. Compared with the functions framework's own server
 * it skips four unused body parsers and the Express stack, and turns malformed or oversized bodies
 * into problem details instead of an HTML error page.
 */
import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
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

export function createServer(handler: HttpHandler, options: ServerOptions): Server {
  return createHttpServer((req, res) => {
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
  });
}
