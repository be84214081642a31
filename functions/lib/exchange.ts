/**
 * One request's life inside a function's handler: its id, target and routing state, sending the
 * reply so that even a failure to send it is answered and counted, and the access-log line.
 */
import { randomUUID } from 'node:crypto';
import { corsHeaders } from './cors.js';
import { deliver } from './deliver.js';
import type { FunctionDefinition, Route, Services } from './function.js';
import { header, type HttpRequest, type HttpResponse, type Reply } from './http.js';
import { HttpProblem } from './problem.js';
import { requestUrl } from './request-target.js';
import { errorReply } from './respond.js';
import { validTraceparent } from './trace-context.js';

const REQUEST_ID = /^[\w.:/+=-]{1,128}$/;

/** One request as the handler sees it while answering; `route`, `owner`, `style` set on routing. */
export interface Exchange {
  readonly started: number;
  readonly requestId: string;
  readonly method: string;
  readonly url: URL | undefined;
  readonly fields: Record<string, unknown>;
  route: string;
  owner: string;
  style: Route['errors'];
}

/** The request's id (X-Request-Id when sane, else new), method, target and error style. */
export function begin(definition: FunctionDefinition, req: HttpRequest): Exchange {
  const given = header(req, 'x-request-id');
  const url = requestUrl(req.url);
  const path = url?.pathname ?? '';
  return {
    started: performance.now(),
    requestId: given !== undefined && REQUEST_ID.test(given) ? given : randomUUID(),
    method: (req.method ?? 'GET').toUpperCase(),
    url,
    fields: {},
    route: 'unmatched',
    owner: definition.name,
    style: path.startsWith('/v1/') || path.startsWith('/v2') ? 'kserve' : 'problem',
  };
}

/** Rejects with a 503 `timeout` problem when `promise` takes longer than `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
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

/** An error as logged: its stack when it has one. */
export const describeError = (error: unknown) =>
  error instanceof Error ? (error.stack ?? error.message) : String(error);

/** Sends the reply; a failure to send it is logged and answered (and counted) as a 500. */
export function send(
  services: Services,
  req: HttpRequest,
  res: HttpResponse,
  ex: Exchange,
  reply: Reply,
) {
  const { config, logger } = services;
  const failure = deliver(
    res,
    corsHeaders(reply, header(req, 'origin'), config.corsOrigins),
    ex.requestId,
    {
      head: ex.method === 'HEAD',
      fallback: (problem) => errorReply(problem, ex.style, ex.requestId),
    },
  );
  if (!failure) return reply.status;
  logger.error('response failed', {
    request_id: ex.requestId,
    error: describeError(failure.error),
  });
  ex.fields.problem = 'internal';
  return 500;
}

/** The request metrics and the one access-log line (a traceparent only when well-formed). */
export function record(services: Services, req: HttpRequest, ex: Exchange, status: number): void {
  const { logger, metrics } = services;
  const seconds = (performance.now() - ex.started) / 1000;
  const labels = { function: ex.owner, route: ex.route, status: String(status) };
  metrics.requests.inc(labels);
  metrics.latency.observe(labels, seconds);
  const traceparent = validTraceparent(header(req, 'traceparent'));
  logger.info('request', {
    function: ex.owner,
    route: ex.route,
    method: req.method,
    path: ex.url?.pathname ?? (req.url ?? '').slice(0, 200),
    status,
    latency_ms: Math.round(seconds * 1e6) / 1e3,
    request_id: ex.requestId,
    ...(traceparent ? { traceparent } : {}),
    ...ex.fields,
  });
}
