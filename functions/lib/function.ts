/**
 * Turns a function definition (its routes) into one HTTP handler: request id, routing, the body
 * limits, errors mapped once to problem details (or KServe-style `{error}`), a timeout, one access
 * log line and the request metrics. Every deployed function is built this way.
 */
import { randomUUID } from 'node:crypto';
import type { Emitter } from '../events/emitter.js';
import type { Authenticator } from './auth.js';
import type { Config } from './config.js';
import { corsHeaders, preflight } from './cors.js';
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
import { errorReply, write } from './respond.js';
import { matchRoute } from './router.js';

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

export type HttpHandler = (req: HttpRequest, res: HttpResponse) => Promise<void>;

const REQUEST_ID = /^[\w.:/+=-]{1,128}$/;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new HttpProblem('timeout', `No answer within ${ms} ms.`));
    }, ms);
  });
  return Promise.race([promise, timeout]).finally(() => {
    clearTimeout(timer);
  });
}

/** Builds the handler of a function; `services` are created once per instance. */
export function httpHandler(definition: FunctionDefinition, services: Services): HttpHandler {
  const { config, logger, metrics } = services;
  return async (req, res) => {
    const started = performance.now();
    const given = header(req, 'x-request-id');
    const requestId = given !== undefined && REQUEST_ID.test(given) ? given : randomUUID();
    const url = new URL(req.url ?? '/', 'http://localhost');
    const fields: Record<string, unknown> = {};
    let routeName = 'unmatched';
    let owner = definition.name;
    let style: Route['errors'] =
      url.pathname.startsWith('/v1/') || url.pathname.startsWith('/v2') ? 'kserve' : 'problem';
    let reply: Reply;
    const method = (req.method ?? 'GET').toUpperCase();
    try {
      const early =
        method === 'OPTIONS'
          ? preflight(definition.routes, url.pathname, header(req, 'origin'), config.corsOrigins)
          : undefined;
      if (early) {
        write(res, early, requestId);
        return;
      }
      const { route, params } = matchRoute(definition.routes, method, url.pathname);
      routeName = route.name;
      owner = route.owner ?? definition.name;
      style = route.errors ?? 'problem';
      const ctx: RequestContext = {
        req,
        url,
        params,
        requestId,
        services,
        functionName: owner,
        annotate: (more) => Object.assign(fields, more),
        json: () => readJson(req, route.bodyLimit?.(config) ?? config.maxBodyBytes),
        raw: () => readRaw(req, route.bodyLimit?.(config) ?? config.maxBodyBytes),
      };
      if (route.auth && services.authenticate) await services.authenticate(req);
      reply = await withTimeout(Promise.resolve(route.handler(ctx)), config.requestTimeoutMs);
    } catch (error) {
      const [problem, unexpected] = toProblem(error);
      if (unexpected)
        logger.error('request failed', {
          request_id: requestId,
          error: error instanceof Error ? (error.stack ?? error.message) : String(error),
        });
      fields.problem = problem.slug;
      reply = errorReply(problem, style, requestId);
    }
    write(res, corsHeaders(reply, header(req, 'origin'), config.corsOrigins), requestId);
    const seconds = (performance.now() - started) / 1000;
    const labels = { function: owner, route: routeName, status: String(reply.status) };
    metrics.requests.inc(labels);
    metrics.latency.observe(labels, seconds);
    const traceparent = header(req, 'traceparent');
    logger.info('request', {
      function: owner,
      route: routeName,
      method: req.method,
      path: url.pathname,
      status: reply.status,
      latency_ms: Math.round(seconds * 1e6) / 1e3,
      request_id: requestId,
      ...(traceparent ? { traceparent } : {}),
      ...fields,
    });
  };
}
