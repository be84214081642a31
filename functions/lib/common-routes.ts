/**
 * Routes every function answers besides its own: health (liveness, readiness with the loaded
 * models' versions and checksums, uptime) for Knative's probes, and Prometheus metrics.
 */
import type { RequestContext, Route } from './function.js';
import { json, type Reply } from './http.js';

/**
 * The full health report: 200 when every model is loaded and verified, else 503 with the failures,
 * each by folder (`model`) and, when its manifest could be read, the name it is served by (`name`,
 * as in `models`).
 */
export function health(ctx: RequestContext): Reply {
  const { registry, config, startedAt } = ctx.services;
  return json(
    {
      status: registry.ready ? 'ready' : 'not_ready',
      live: true,
      ready: registry.ready,
      function: ctx.functionName,
      ...(config.service ? { service: config.service } : {}),
      ...(config.revision ? { revision: config.revision } : {}),
      uptime_seconds: Math.round((Date.now() - startedAt) / 1000),
      models: registry.models.map((m) => ({
        name: m.manifest.name,
        version: m.manifest.version,
        algorithm: m.manifest.algorithm,
        sha256: m.info.sha256,
        checksum_verified: m.info.sha256 === m.manifest.artifact.sha256,
        default: m === registry.defaultModel,
      })),
      failures: registry.failures.map((f) => ({
        model: f.name,
        ...(f.model === undefined ? {} : { name: f.model }),
        code: f.code,
        message: f.message,
      })),
    },
    registry.ready ? 200 : 503,
  );
}

async function metrics(ctx: RequestContext): Promise<Reply> {
  const { registry } = ctx.services.metrics;
  return { status: 200, body: await registry.metrics(), contentType: registry.contentType };
}

export const healthRoutes: readonly Route[] = [
  { method: 'GET', path: '/health', name: 'health', handler: health },
  { method: 'GET', path: '/health/live', name: 'health.live', handler: () => json({ live: true }) },
  {
    method: 'GET',
    path: '/health/ready',
    name: 'health.ready',
    handler: (ctx) =>
      json({ ready: ctx.services.registry.ready }, ctx.services.registry.ready ? 200 : 503),
  },
];

export const metricsRoutes: readonly Route[] = [
  { method: 'GET', path: '/metrics', name: 'metrics', handler: metrics },
];

/** A function's own routes plus health and metrics. */
export const withCommonRoutes = (routes: readonly Route[]): Route[] => [
  ...routes,
  ...healthRoutes,
  ...metricsRoutes,
];
