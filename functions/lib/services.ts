/** The per-instance services (config, logger, metrics, models), created once before serving. */
import { readConfig, type Config } from './config.js';
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
  return Object.freeze({ config, logger, metrics, registry, startedAt: Date.now() });
}

let shared: Promise<Services> | undefined;

/** The process-wide services, from the environment, created on first use and then reused. */
export function sharedServices(env: NodeJS.ProcessEnv = process.env): Promise<Services> {
  shared ??= createServices(readConfig(env));
  return shared;
}
