/**
 * What an instance serves: the function FUNCTION_TARGET names, or (unset) every function on one
 * port behind a small index page, each route keeping its own function's name in logs and metrics.
 */
import { ConfigError } from './lib/config.js';
import type { FunctionDefinition, Route, Services } from './lib/function.js';
import { composeFunctions } from './lib/router.js';
import { INDEX_CSP, renderIndexPage } from './pages/index-page.js';
import { FUNCTION_MODULES, FUNCTION_NAMES } from './registry.js';

const indexRoute: Route = {
  method: 'GET',
  path: '/',
  name: 'index',
  handler: (ctx) => {
    const { registry } = ctx.services;
    const models = registry.models.map((m) => ({
      name: m.manifest.name,
      version: m.manifest.version,
      default: m === registry.defaultModel,
    }));
    return {
      status: 200,
      body: renderIndexPage({ models, ready: registry.ready }),
      contentType: 'text/html; charset=utf-8',
      headers: { 'content-security-policy': INDEX_CSP },
    };
  },
};

/** The definition to serve for a target (undefined: all functions). */
export async function definitionFor(target: string | undefined): Promise<FunctionDefinition> {
  if (target === undefined)
    return composeFunctions('scorefn', [
      { name: 'scorefn', routes: [indexRoute] },
      ...(await Promise.all(
        FUNCTION_NAMES.map((n) => (FUNCTION_MODULES[n] as () => Promise<FunctionDefinition>)()),
      )),
    ]);
  const load = FUNCTION_MODULES[target];
  if (!load)
    throw new ConfigError([
      `FUNCTION_TARGET must be one of ${FUNCTION_NAMES.join(', ')}, got '${target}'`,
    ]);
  return load();
}

/**
 * The local default stands in for the Broker: without K_SINK, when every function is served on
 * one port, prediction logs go straight to the monitor in the same process.
 */
export async function connectLocalEvents(
  services: Services,
  target: string | undefined,
): Promise<boolean> {
  if (target !== undefined || services.config.sink !== undefined) return false;
  const { monitorSink } = await import('./monitor.js');
  services.events.connect(monitorSink(services));
  return true;
}
