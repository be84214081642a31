/** Route matching: exact paths or patterns with named groups; 404 and 405 as problems. */
import type { FunctionDefinition, Route } from './function.js';
import { HttpProblem } from './problem.js';

/** Finds the route for a method and path, or throws 404 / 405 (with the methods allowed). */
export function matchRoute(routes: readonly Route[], method: string, path: string) {
  let allowed: string[] = [];
  for (const route of routes) {
    const match =
      typeof route.path === 'string'
        ? route.path === path
          ? { groups: {} }
          : null
        : route.path.exec(path);
    if (!match) continue;
    if (route.method === method) return { route, params: { ...(match.groups ?? {}) } };
    allowed = [...allowed, route.method];
  }
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
