/**
 * An explicit CORS policy (https://fetch.spec.whatwg.org/#http-cors-protocol): no cross-origin
 * access unless CORS_ORIGINS lists the origin (or `*`); preflights answered for known paths only.
 */
import type { Route } from './function.js';
import type { Reply } from './http.js';

const ALLOW_HEADERS =
  'authorization, content-type, x-api-key, x-request-id, x-applicant-key, traceparent';

function allowed(origin: string | undefined, origins: readonly string[]): string | undefined {
  if (origin === undefined || origins.length === 0) return undefined;
  if (origins.includes('*')) return '*';
  return origins.includes(origin) ? origin : undefined;
}

/** Adds the CORS response headers when the request's origin is allowed. */
export function corsHeaders(
  reply: Reply,
  origin: string | undefined,
  origins: readonly string[],
): Reply {
  const allow = allowed(origin, origins);
  if (allow === undefined) return reply;
  return {
    ...reply,
    headers: {
      ...reply.headers,
      'access-control-allow-origin': allow,
      'access-control-expose-headers': 'x-request-id',
      vary: 'origin',
    },
  };
}

/** The answer to a preflight for a path some route serves, from an allowed origin; else undefined. */
export function preflight(
  routes: readonly Route[],
  path: string,
  origin: string | undefined,
  origins: readonly string[],
): Reply | undefined {
  const allow = allowed(origin, origins);
  if (allow === undefined) return undefined;
  const methods = [
    ...new Set(
      routes
        .filter((r) => (typeof r.path === 'string' ? r.path === path : r.path.test(path)))
        .map((r) => r.method),
    ),
  ];
  if (methods.length === 0) return undefined;
  return {
    status: 204,
    body: '',
    contentType: 'text/plain',
    headers: {
      'access-control-allow-origin': allow,
      'access-control-allow-methods': methods.join(', '),
      'access-control-allow-headers': ALLOW_HEADERS,
      'access-control-max-age': '600',
      vary: 'origin',
    },
  };
}
