/** Route matching: exact paths or patterns with named groups; 404 and 405 as problems. */
import type { FunctionDefinition, Route } from './function.js';
import { HttpProblem } from './problem.js';

function matchPath(route: Route, path: string): Record<string, string> | undefined {
  if (typeof route.path === 'string') return route.path === path ? {} : undefined;
  const match = route.path.exec(path);
  return match ? { ...(match.groups ?? {}) } : undefined;
}

/** HEAD is GET without the body (RFC 9110 §9.3.2): every GET route serves it. */
const served = (route: Route): string[] =>
  route.method === 'GET' ? ['GET', 'HEAD'] : [route.method];

/** The route for a method and path, if any (no error: the server asks before reading a body). */
export function findRoute(routes: readonly Route[], method: string, path: string) {
  for (const route of routes) {
    if (!served(route).includes(method)) continue;
    const params = matchPath(route, path);
    if (params) return { route, params };
  }
  return undefined;
}

/** Finds the route for a method and path, or throws 404 / 405 (with the methods allowed, once each). */
export function matchRoute(routes: readonly Route[], method: string, path: string) {
  const found = findRoute(routes, method, path);
  if (found) return found;
  const allowed = [
    ...new Set(routes.filter((r) => matchPath(r, path) !== undefined).flatMap(served)),
  ];
  if (allowed.length > 0)
    throw new HttpProblem('method-not-allowed', `Use ${allowed.join(' or ')} here.`, {
      headers: { allow: allowed.join(', ') },
    });
  throw new HttpProblem('not-found', `Nothing is served at ${path}.`);
}

/** Serves several functions as one (the local default): each route keeps its function's name. */
export function composeFunctions(
  name: string,
  definitions: readonly FunctionDefinition[],
): FunctionDefinition {
  return {
    name,
    routes: definitions.flatMap((d) => d.routes.map((r) => ({ ...r, owner: r.owner ?? d.name }))),
  };
}
