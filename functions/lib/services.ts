/** The per-instance services (config, logger, metrics, models), created once before serving. */
import { createEmitter } from '../events/emitter.js';
import { createAuthenticator } from './auth.js';
import { readConfig, type Config } from './config.js';
import { loadEventClass } from './event-class.js';
import type { Services } from './function.js';
import { createLogger } from './logger.js';
import { createMetrics } from './metrics.js';
import { loadRegistry } from './models.js';

/** Builds services for a configuration: loads every model before returning. */
export async function createServices(
  config: Config,
  logStream?: NodeJS.WritableStream,
): Promise<Services> {
  const logger = createLogger(config, logStream);
  const metrics = createMetrics();
  const registry = await loadRegistry(config, logger);
  const sink = config.sink;
  // the CloudEvents SDK (HTTP binding) loads after start-up, when a sink needs it, not before listening
  const binding = () => import('../events/http-binding.js');
  if (sink !== undefined)
    setImmediate(() => {
      // a failed load surfaces at the first event (counted as dropped), not as an unhandled rejection
      loadEventClass().catch(() => undefined);
      binding().catch(() => undefined);
    });
  const events = createEmitter({
    sink:
      sink === undefined
        ? undefined
        : async (event) => {
            await (await binding()).sendToSink(sink, event, config.requestTimeoutMs);
          },
    queueSize: config.eventQueueSize,
    concurrency: config.eventConcurrency,
    registry: metrics.registry,
    onError: (error, event) => {
      logger.debug('event dropped', {
        ce_type: event.type,
        error: error instanceof Error ? error.message : String(error),
      });
    },
  });
  const authenticate = createAuthenticator(config);
  return Object.freeze({
    config,
    logger,
    metrics,
    registry,
    events,
    authenticate,
    startedAt: Date.now(),
  });
}

let shared: Promise<Services> | undefined;

/** The process-wide services, from the environment, created on first use and then reused. */
export function sharedServices(env: NodeJS.ProcessEnv = process.env): Promise<Services> {
  shared ??= createServices(readConfig(env));
  return shared;
}
