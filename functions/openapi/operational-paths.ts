/** OpenAPI paths every function shares (health, metrics) and the documentation routes. */
import { okJson } from './components.js';

const tags = ['operations'];
const text = (type: string, description: string) => ({
  description,
  content: { [type]: { schema: { type: 'string' } } },
});

export function operationalPaths(): Record<string, object> {
  return {
    '/health': {
      get: {
        operationId: 'health',
        tags,
        summary: 'Health: models loaded, checksums verified, versions, uptime',
        responses: {
          '200': okJson({ type: 'object' }, 'Ready'),
          '503': okJson({ type: 'object' }, 'Not ready (with the failures)'),
        },
      },
    },
    '/health/live': {
      get: {
        operationId: 'healthLive',
        tags,
        summary: 'Liveness probe',
        responses: { '200': okJson({ type: 'object', properties: { live: { type: 'boolean' } } }) },
      },
    },
    '/health/ready': {
      get: {
        operationId: 'healthReady',
        tags,
        summary: 'Readiness probe',
        responses: {
          '200': okJson({ type: 'object' }),
          '503': okJson({ type: 'object' }, 'Not ready'),
        },
      },
    },
    '/metrics': {
      get: {
        operationId: 'metrics',
        tags,
        summary: 'Prometheus metrics',
        responses: { '200': text('text/plain', 'Prometheus text exposition format') },
      },
    },
  };
}
