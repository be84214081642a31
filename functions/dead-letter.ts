/**
 * `dead-letter`: the Broker's and Triggers' dead-letter sink. Logs every event Knative gave up on
 * (type, source, id, the data's size and the `knativeerrordest` / `knativeerrorcode` /
 * `knativeerrordata` extensions it adds) at warn level, never the data itself, and counts them for
 * alerting. Any event whose attributes can be read is acknowledged (202), whatever its data: its
 * data is never decoded, and an invalid extension is left out rather than the event refused.
 */
import * as ff from '@google-cloud/functions-framework';
import { Counter } from 'prom-client';
import { eventTypes } from './events/contract.js';
import { receiveEvent } from './events/http-binding.js';
import { withCommonRoutes } from './lib/common-routes.js';
import { httpHandler, type FunctionDefinition, type RequestContext } from './lib/function.js';
import type { Reply } from './lib/http.js';
import { sharedServices } from './lib/services.js';

const counters = new WeakMap<object, Counter<'type' | 'code'>>();

/** Status codes counted by name; anything else is `other` (and a missing code `unknown`). */
const CODES = new Set(
  [400, 401, 403, 404, 408, 409, 413, 415, 422, 429, 500, 501, 502, 503, 504].map(String),
);

function counterFor(ctx: RequestContext): Counter<'type' | 'code'> {
  let counter = counters.get(ctx.services.metrics);
  if (!counter) {
    counter = new Counter({
      name: 'scorefn_dead_letters_total',
      help: 'Events Knative could not deliver, by event type (ours, else other) and the last HTTP status it got.',
      labelNames: ['type', 'code'],
      registers: [ctx.services.metrics.registry],
    });
    counters.set(ctx.services.metrics, counter);
  }
  return counter;
}

/** Bounded metric labels: the event's type when it is one of ours, the code when a known status. */
function labels(ctx: RequestContext, type: string, code: string | undefined) {
  const known = Object.values(eventTypes(ctx.services.config.eventTypePrefix)) as string[];
  return {
    type: known.includes(type) ? type : 'other',
    code: code === undefined ? 'unknown' : CODES.has(code) ? code : 'other',
  };
}

function deadLetter(ctx: RequestContext): Reply {
  const { event, dataBytes, dropped } = receiveEvent(ctx.req.headers, ctx.raw(), {
    data: false,
    lenientExtensions: true,
  });
  const attr = (name: string) => {
    const value = (event as unknown as Record<string, unknown>)[name];
    return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
  };
  const code = attr('knativeerrorcode');
  counterFor(ctx).inc(labels(ctx, event.type, code));
  ctx.annotate({ ce_id: event.id, ce_source: event.source, ce_type: event.type });
  ctx.services.logger.warn('dead-lettered event', {
    ce_type: event.type,
    ce_source: event.source,
    ce_id: event.id,
    datacontenttype: event.datacontenttype,
    data_bytes: dataBytes,
    error_dest: attr('knativeerrordest'),
    error_code: code ?? 'unknown',
    error_data: attr('knativeerrordata')?.slice(0, 500),
    ...(dropped.length > 0 ? { invalid_extensions: dropped.slice(0, 10) } : {}),
  });
  return { status: 202, body: '', contentType: 'text/plain' };
}

const route = {
  method: 'POST',
  name: 'dead-letter',
  handler: deadLetter,
  bodyLimit: (c: { batchMaxBodyBytes: number }) => c.batchMaxBodyBytes,
} as const;

export const deadLetterFunction: FunctionDefinition = {
  name: 'dead-letter',
  routes: withCommonRoutes([
    { ...route, path: '/dead-letter' },
    { ...route, path: '/' },
  ]),
};

ff.http('dead-letter', httpHandler(deadLetterFunction, await sharedServices()));
