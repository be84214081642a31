/** OpenAPI paths every function shares (health, metrics) and the documentation routes. */
import { okJson, problems } from './components.js';

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
    '/model-card': {
      get: {
        operationId: 'modelCard',
        tags,
        summary:
          "The default model's card: HTML for people, the manifest as JSON with ?format=json or Accept: application/json",
        parameters: [
          { name: 'format', in: 'query', required: false, schema: { enum: ['html', 'json'] } },
        ],
        responses: {
          '200': {
            description: 'Model card',
            content: {
              'text/html': { schema: { type: 'string' } },
              'application/json': { schema: { type: 'object' } },
            },
          },
          ...problems(503),
        },
      },
    },
    '/model-card/{name}': {
      parameters: [{ name: 'name', in: 'path', required: true, schema: { type: 'string' } }],
      get: {
        operationId: 'modelCardByName',
        tags,
        summary: "A served model's card (HTML or JSON as above)",
        responses: {
          '200': {
            description: 'Model card',
            content: {
              'text/html': { schema: { type: 'string' } },
              'application/json': { schema: { type: 'object' } },
            },
          },
          ...problems(404, 503),
        },
      },
    },
    '/openapi.json': {
      get: {
        operationId: 'openapi',
        tags,
        summary: 'This OpenAPI 3.1 document',
        responses: { '200': okJson({ type: 'object' }) },
      },
    },
    '/docs': {
      get: {
        operationId: 'docs',
        tags,
        summary: 'Interactive API documentation (Swagger UI, local assets)',
        responses: { '200': text('text/html', 'HTML page') },
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
