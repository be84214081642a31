/**
 * `monitor`: consumes the inference log (`prediction.logged`) and true outcomes
 * (`outcome.observed`) as CloudEvents, binary or structured, stores each once in PostgreSQL (or
 * the embedded PGlite locally), and reports drift, realized performance, business impact and
 * champion vs challenger per model version and time window, as JSON (GET /monitor/report) and as
 * a page (GET /monitor[/{model}]). Per the Knative data plane an event
 * is answered 202 only once its row is committed, 400 when it can never be stored (not retried)
 * and 503 while the database is unavailable (retried; the repeat is then harmless).
 */
import * as ff from '@google-cloud/functions-framework';
import { receiveEvent } from './events/http-binding.js';
import { withCommonRoutes } from './lib/common-routes.js';
import { httpHandler, type FunctionDefinition, type RequestContext } from './lib/function.js';
import type { Reply } from './lib/http.js';
import { sharedServices } from './lib/services.js';
import { ingestEvent } from './monitor/ingest.js';
import { monitorPage } from './monitor/page-route.js';
import { monitorReport } from './monitor/report-route.js';

export { ingestEvent, monitorSink, type IngestResult } from './monitor/ingest.js';
export { closeMonitorStore } from './monitor/store-handle.js';

async function receive(ctx: RequestContext): Promise<Reply> {
  const { event } = receiveEvent(ctx.req.headers, ctx.raw());
  ctx.annotate({ ce_id: event.id, ce_source: event.source, ce_type: event.type });
  const { stored } = await ingestEvent(ctx.services, event);
  if (!stored) ctx.annotate({ duplicate: true });
  return { status: 202, body: '', contentType: 'text/plain' };
}

export const monitorFunction: FunctionDefinition = {
  name: 'monitor',
  routes: withCommonRoutes([
    { method: 'POST', path: '/monitor/events', name: 'monitor.events', handler: receive },
    { method: 'POST', path: '/', name: 'monitor.events', handler: receive },
    {
      method: 'GET',
      path: '/monitor/report',
      name: 'monitor.report',
      handler: monitorReport,
      auth: true,
    },
    { method: 'GET', path: '/monitor', name: 'monitor.page', handler: monitorPage, auth: true },
    {
      method: 'GET',
      path: /^\/monitor\/(?!report$|events$)(?<name>[a-z0-9][-a-z0-9]*)$/,
      name: 'monitor.page',
      handler: monitorPage,
      auth: true,
    },
  ]),
};

ff.http('monitor', httpHandler(monitorFunction, await sharedServices()));
