/**
 * `dead-letter`: the Broker's and Triggers' dead-letter sink. Logs every event Knative gave up on
 * (type, source, id, and the `knativeerrordest` / `knativeerrorcode` / `knativeerrordata`
 * extensions it adds) at warn level, never the data itself, and counts them for alerting.
 */
import * as ff from '@google-cloud/functions-framework';
import { Counter } from 'prom-client';
import { receiveEvent } from './events/http-binding.js';
import { withCommonRoutes } from './lib/common-routes.js';
import { httpHandler, type FunctionDefinition, type RequestContext } from './lib/function.js';
import type { Reply } from './lib/http.js';
import { sharedServices } from './lib/services.js';

const counters = new WeakMap<object, Counter<'type' | 'code'>>();

function counterFor(ctx: RequestContext): Counter<'type' | 'code'> {
  let counter = counters.get(ctx.services.metrics);
  if (!counter) {
    counter = new Counter({
      name: 'scorefn_dead_letters_total',
      help: 'Events Knative could not deliver, by event type and the last HTTP status it got.',
      labelNames: ['type', 'code'],
      registers: [ctx.services.metrics.registry],
    });
    counters.set(ctx.services.metrics, counter);
  }
  return counter;
}

function deadLetter(ctx: RequestContext): Reply {
  const event = receiveEvent(ctx.req.headers, ctx.raw());
  const attr = (name: string) => {
    const value = (event as unknown as Record<string, unknown>)[name];
    return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
  };
  const code = attr('knativeerrorcode') ?? 'unknown';
  counterFor(ctx).inc({ type: event.type, code });
  ctx.services.logger.warn('dead-lettered event', {
    ce_type: event.type,
    ce_source: event.source,
    ce_id: event.id,
    error_dest: attr('knativeerrordest'),
    error_code: code,
    error_data: attr('knativeerrordata')?.slice(0, 500),
  });
  return { status: 202, body: '', contentType: 'text/plain' };
}

export const deadLetterFunction: FunctionDefinition = {
  name: 'dead-letter',
  routes: withCommonRoutes([
    {
      method: 'POST',
      path: '/dead-letter',
      name: 'dead-letter',
      handler: deadLetter,
      bodyLimit: (c) => c.batchMaxBodyBytes,
    },
    {
      method: 'POST',
      path: '/',
      name: 'dead-letter',
      handler: deadLetter,
      bodyLimit: (c) => c.batchMaxBodyBytes,
    },
  ]),
};

ff.http('dead-letter', httpHandler(deadLetterFunction, await sharedServices()));
