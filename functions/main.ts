/**
 * The container's entry point: serves the function named by FUNCTION_TARGET (one Knative Service
 * each), or every function on one port when it is unset (the local default). Models load before
 * the port opens; SIGTERM stops accepting connections and lets in-flight requests finish.
 */
import { connectLocalEvents, definitionFor } from './app.js';
import { readConfig } from './lib/config.js';
import { httpHandler } from './lib/function.js';
import type { Services } from './lib/function.js';
import { createServer, type LeanServer } from './lib/server.js';
import { sharedServices } from './lib/services.js';

/**
 * Knative's queue-proxy drains first, then sends SIGTERM: finish what is in flight, refuse the
 * rest with 503, flush the inference log briefly, release the models, exit within the grace period.
 */
async function stop(server: LeanServer, services: Services, timeoutMs: number): Promise<void> {
  const started = performance.now();
  services.logger.info('SIGTERM: finishing in-flight requests');
  const { inFlight, drained } = await server.shutdown(timeoutMs);
  await services.events.drain(Math.min(2000, timeoutMs));
  // the monitor's store module (pg, PGlite) loads only here and in the monitor, never at start-up
  const { closeMonitorStore } = await import('./monitor/store-handle.js');
  await closeMonitorStore(services);
  await services.registry.close();
  services.logger.info('stopped', {
    in_flight: inFlight,
    drained,
    events_unsent: services.events.queued,
    shutdown_ms: Math.round(performance.now() - started),
  });
  process.exit(drained ? 0 : 1);
}

async function main(): Promise<void> {
  const started = performance.now();
  const config = readConfig();
  const definition = await definitionFor(config.functionTarget);
  const services = await sharedServices();
  const local = await connectLocalEvents(services, config.functionTarget);
  const server = createServer(httpHandler(definition, services));
  server.listen(config.port, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    services.logger.info('listening', {
      port,
      function: config.functionTarget ?? 'all',
      ready: services.registry.ready,
      models: services.registry.models.map((m) => `${m.manifest.name}@${m.manifest.version}`),
      startup_ms: Math.round(performance.now() - started),
      events: config.sink ?? (local ? 'in-process monitor' : 'off'),
      url: `http://localhost:${port}/`,
    });
  });
  process.once('SIGTERM', () => {
    void stop(server, services, config.shutdownTimeoutMs);
  });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${JSON.stringify({ severity: 'CRITICAL', message: 'failed to start', error: error instanceof Error ? error.message : String(error) })}\n`,
  );
  process.exit(1);
});
