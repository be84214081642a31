/**
 * Turns a function definition (its routes) into one HTTP handler: request id, routing (HEAD as
 * GET), the body limits, errors mapped once to problem details (or KServe-style `{error}`), a
 * timeout, one access log line and the request metrics, whatever fails, even writing the answer.
 * Every deployed function is built this way.
 */
import type { Emitter } from '../events/emitter.js';
import type { Authenticator } from './auth.js';
import type { Config } from './config.js';
import { preflight } from './cors.js';
import { deliver } from './deliver.js';
import { begin, describeError, record, send, withTimeout, type Exchange } from './exchange.js';
import {
  header,
  readJson,
  readRaw,
  type HttpRequest,
  type HttpResponse,
  type Reply,
} from './http.js';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';
import type { ModelRegistry } from './models.js';
import { HttpProblem, toProblem } from './problem.js';
import { requestUrl } from './request-target.js';
import { errorReply } from './respond.js';
import { findRoute, matchRoute } from './router.js';
import { withUnparsedBody } from './unparsed-body.js';

export interface Services {
  readonly config: Config;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly registry: ModelRegistry;
  /** Checks credentials on routes marked `auth` (undefined: AUTH_MODE=none). */
  readonly authenticate: Authenticator | undefined;
  /** Fire-and-forget events (the inference log); connected to K_SINK or, locally, the monitor. */
  readonly events: Emitter;
  readonly startedAt: number;
}

export interface RequestContext {
  readonly req: HttpRequest;
  readonly url: URL;
  readonly params: Readonly<Record<string, string>>;
  readonly requestId: string;
  /** The deployed function handling the request (its `FUNCTION_TARGET`). */
  readonly functionName: string;
  readonly services: Services;
  /** Adds fields to this request's access-log line (never raw applicant data). */
  annotate(fields: Record<string, unknown>): void;
  /** The JSON body, checked for content type and size. */
  json(): unknown;
  /** The raw body bytes, checked against the route's size limit. */
  raw(): Buffer;
}

export interface Route {
  readonly method: 'GET' | 'POST';
  /** An exact path, or a pattern whose named groups become `params`. */
  readonly path: string | RegExp;
  /** Short stable name for metrics and logs, e.g. `v2.infer`. */
  readonly name: string;
  /** How errors are written: RFC 9457 problem details, or KServe's `{"error": "..."}`. */
  readonly errors?: 'problem' | 'kserve';
  readonly handler: (ctx: RequestContext) => Reply | Promise<Reply>;
  /** The function a route belongs to when several are served together (local mode). */
  readonly owner?: string;
  /** Whether the route needs credentials when authentication is on (scoring routes). */
  readonly auth?: boolean;
  /** The route's body size limit (default MAX_BODY_BYTES). */
  readonly bodyLimit?: (config: Config) => number;
}

export interface FunctionDefinition {
  readonly name: string;
  readonly routes: readonly Route[];
}

/** What the lean server must know before it reads a body (server.ts). */
export interface ReceiveLimits {
  /** The body limit of the route a method and request target go to (MAX_BODY_BYTES if none). */
  bodyLimit(method: string, target: string | undefined): number;
  readonly headersTimeoutMs: number;
  readonly receiveTimeoutMs: number;
  readonly keepAliveTimeoutMs: number;
}

export interface HttpHandler {
  (req: HttpRequest, res: HttpResponse): Promise<void>;
  /** What the lean server reads before the body (the functions framework ignores it). */
  readonly limits: ReceiveLimits;
}

/** Routes the request and runs its route; whatever it throws becomes a problem reply. */
async function answer(
  definition: FunctionDefinition,
  services: Services,
  req: HttpRequest,
  ex: Exchange,
): Promise<Reply> {
  const { config, logger } = services;
  try {
    if (req.rejected) throw req.rejected;
    if (!ex.url) throw new HttpProblem('bad-request', 'The request target must be a path.');
    const { route, params } = matchRoute(definition.routes, ex.method, ex.url.pathname);
    ex.route = route.name;
    ex.owner = route.owner ?? definition.name;
    ex.style = route.errors ?? 'problem';
    const limit = route.bodyLimit?.(config) ?? config.maxBodyBytes;
    const request = await withUnparsedBody(req, limit);
    const ctx: RequestContext = {
      req: request,
      url: ex.url,
      params,
      requestId: ex.requestId,
      services,
      functionName: ex.owner,
      annotate: (more) => Object.assign(ex.fields, more),
      json: () => readJson(request, limit),
      raw: () => readRaw(request, limit),
    };
    if (route.auth && services.authenticate) await services.authenticate(req);
    return await withTimeout(Promise.resolve(route.handler(ctx)), config.requestTimeoutMs);
  } catch (error) {
    const [problem, unexpected] = toProblem(error);
    if (unexpected)
      logger.error('request failed', { request_id: ex.requestId, error: describeError(error) });
    ex.fields.problem = problem.slug;
    return errorReply(problem, ex.style, ex.requestId);
  }
}

/** The lean server's view of a definition: each route's body limit, and the receive timeouts. */
function receiveLimits(definition: FunctionDefinition, config: Config): ReceiveLimits {
  return {
    bodyLimit: (method, target) => {
      const url = requestUrl(target);
      const found = url && findRoute(definition.routes, method.toUpperCase(), url.pathname);
      return found?.route.bodyLimit?.(config) ?? config.maxBodyBytes;
    },
    headersTimeoutMs: config.headersTimeoutMs,
    receiveTimeoutMs: config.receiveTimeoutMs,
    keepAliveTimeoutMs: config.keepAliveTimeoutMs,
  };
}

/** Builds the handler of a function; `services` are created once per instance. */
export function httpHandler(definition: FunctionDefinition, services: Services): HttpHandler {
  const { config } = services;
  const handle = async (req: HttpRequest, res: HttpResponse) => {
    const ex = begin(definition, req);
    const early =
      ex.method === 'OPTIONS' && ex.url && !req.rejected
        ? preflight(definition.routes, ex.url.pathname, header(req, 'origin'), config.corsOrigins)
        : undefined;
    if (early) {
      deliver(res, early, ex.requestId, {
        head: false,
        fallback: (p) => errorReply(p, 'problem', ex.requestId),
      });
      return;
    }
    const reply = await answer(definition, services, req, ex);
    record(services, req, ex, send(services, req, res, ex, reply));
  };
  return Object.assign(handle, { limits: receiveLimits(definition, config) });
}
