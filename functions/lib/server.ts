/**
 * The lean HTTP server for the registered functions: bare `node:http`, the body read once against
 * the route's own limit, then the function's handler. Compared with the functions framework's own
 * server it skips four unused body parsers and the Express stack, and turns malformed, oversized,
 * slow or unexpected requests into problem details instead of an HTML page or a bare status line.
 */
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { HttpHandler } from './function.js';
import {
  internalError,
  refuseConnect,
  refuseShuttingDown,
  rejectUnparsable,
} from './raw-answers.js';
import type { BodyReceipt } from './receive-body.js';
import { startReceipt, type Expectation } from './request-checks.js';

/** A running server and how to stop it gracefully. */
export interface LeanServer extends Server {
  /**
   * Stops accepting connections, answers requests that still arrive on open connections with 503
   * and `Connection: close`, waits for in-flight requests (at most `timeoutMs`), then resolves
   * with how many were in flight and whether all of them finished.
   */
  shutdown(timeoutMs: number): Promise<{ inFlight: number; drained: boolean }>;
}

/** A request whose body or answer is still under way on a connection. */
interface Pending {
  readonly receipt: BodyReceipt;
  readonly res: ServerResponse;
}

/** Node's receive timeouts: HEADERS_TIMEOUT_MS, RECEIVE_TIMEOUT_MS, KEEP_ALIVE_TIMEOUT_MS. */
function nodeOptions({ limits }: HttpHandler) {
  const headersTimeout = limits.headersTimeoutMs;
  return {
    headersTimeout,
    requestTimeout: limits.receiveTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    // how often Node checks both timeouts (default 30 s, which would let them overrun by as much)
    connectionsCheckingInterval: Math.min(1000, headersTimeout),
    // a request without Host goes to the handler, which answers a problem (request-checks.ts)
    requireHostHeader: false,
  };
}

/**
 * A timeout or parse error on a connection: a late body is answered 408 by its handler; a request
 * whose answer has started is cut; anything else gets a problem document written on the socket.
 */
function onClientError(pending: WeakMap<Duplex, Pending>) {
  return (error: Error & { code?: string }, socket: Duplex) => {
    const current = pending.get(socket);
    if (
      error.code === 'ERR_HTTP_REQUEST_TIMEOUT' &&
      current &&
      !current.res.headersSent &&
      current.receipt.timeout()
    )
      return;
    if (current?.res.headersSent) socket.destroy();
    else rejectUnparsable(error, socket);
  };
}

/** Remembers `entry` for its connection until both the request and its answer are done. */
function track(pending: WeakMap<Duplex, Pending>, req: IncomingMessage, entry: Pending): void {
  const socket: Socket = req.socket;
  pending.set(socket, entry);
  let left = 2;
  const release = () => {
    if (--left === 0 && pending.get(socket) === entry) pending.delete(socket);
  };
  if (req.complete) release();
  else req.once('end', release);
  entry.res.once('close', release);
}

/** Counts requests in flight; `idle` resolves when none are left. */
function inFlightCounter() {
  let count = 0;
  const waiting: (() => void)[] = [];
  return {
    get count() {
      return count;
    },
    add(res: ServerResponse) {
      count++;
      res.once('close', () => {
        count--;
        if (count === 0) for (const resolve of waiting.splice(0)) resolve();
      });
    },
    idle: () => new Promise<void>((resolve) => waiting.push(resolve)),
  };
}

/** Reads the body (or decides not to), then hands the request to the handler. */
function handOver(
  handler: HttpHandler,
  pending: WeakMap<Duplex, Pending>,
  req: IncomingMessage,
  res: ServerResponse,
  expectation: Expectation,
  limit: number,
): void {
  const { receipt, rejected } = startReceipt(req, res, expectation, limit);
  track(pending, req, { receipt, res });
  const { method, url, headers } = req;
  receipt.received
    .then(
      ({ body, size, problem }) =>
        handler(
          { method, url, headers, rawBody: body, bodyBytes: size, bodyError: problem, rejected },
          res,
        ),
      () => {
        res.destroy();
      },
    )
    .catch(() => {
      internalError(res);
    });
}

/** Stops accepting, lets in-flight requests finish within `timeoutMs` (then cuts them). */
function shutdown(server: Server, inFlight: ReturnType<typeof inFlightCounter>, timeoutMs: number) {
  const before = inFlight.count;
  server.close();
  server.closeIdleConnections();
  if (before === 0) return Promise.resolve({ inFlight: before, drained: true });
  return new Promise<{ inFlight: number; drained: boolean }>((resolve) => {
    const timer = setTimeout(() => {
      server.closeAllConnections();
      resolve({ inFlight: before, drained: false });
    }, timeoutMs);
    void inFlight.idle().then(() => {
      clearTimeout(timer);
      resolve({ inFlight: before, drained: true });
    });
  });
}

/**
 * Serves `handler`; every limit comes from it (`handler.limits`: each route's body limit and the
 * receive timeouts, from the function's configuration), so there are no options to pass.
 */
export function createServer(handler: HttpHandler): LeanServer {
  let draining = false;
  const inFlight = inFlightCounter();
  const pending = new WeakMap<Duplex, Pending>();
  const limitFor = (req: IncomingMessage) => handler.limits.bodyLimit(req.method ?? 'GET', req.url);
  const accept = (expectation: Expectation) => (req: IncomingMessage, res: ServerResponse) => {
    if (draining) {
      refuseShuttingDown(res);
      return;
    }
    inFlight.add(res);
    handOver(handler, pending, req, res, expectation, limitFor(req));
  };
  const server = createHttpServer(nodeOptions(handler), accept('none')) as LeanServer;
  server.on('checkContinue', accept('100-continue'));
  server.on('checkExpectation', accept('other'));
  server.on('connect', (_req: IncomingMessage, socket: Duplex) => {
    refuseConnect(socket);
  });
  server.on('clientError', onClientError(pending));
  server.shutdown = (timeoutMs) => {
    draining = true;
    return shutdown(server, inFlight, timeoutMs);
  };
  return server;
}
