/** OpenAPI paths of the KServe V1 and Open Inference Protocol (V2) routes of `predict`. */
import { kserveErrors, okJson, jsonBody, ref } from './components.js';

const name = {
  name: 'name',
  in: 'path',
  required: true,
  schema: { type: 'string' },
  description: 'Model name',
};
const version = {
  name: 'version',
  in: 'path',
  required: true,
  schema: { type: 'string' },
  description: 'Model version',
};
const ready = (key: string) => ({
  type: 'object',
  properties: { [key]: { type: 'boolean' } },
  required: [key],
});
const modelReady = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    ready: { type: 'boolean' },
    error: { type: 'string', description: 'Why the model is not ready (it failed to load)' },
  },
  required: ['name', 'ready'],
};
/** Readiness is per model: 200 for a model that loaded, 503 with the reason for one that failed. */
const modelReadyResponses = {
  '200': okJson(modelReady),
  '503': okJson(modelReady, 'This model failed to load (the others may still serve)'),
  ...kserveErrors(404),
};

const get = (
  operationId: string,
  summary: string,
  responses: object,
  tags = ['open-inference-v2'],
) => ({ get: { operationId, tags, summary, responses } });

export function v1Paths(): Record<string, object> {
  const tags = ['kserve-v1'];
  return {
    '/v1/models': get(
      'v1ListModels',
      'List the served models',
      {
        '200': okJson({
          type: 'object',
          properties: { models: { type: 'array', items: { type: 'string' } } },
        }),
      },
      tags,
    ),
    '/v1/models/{name}': {
      parameters: [name],
      ...get('v1ModelReady', 'Is the model ready?', modelReadyResponses, tags),
    },
    '/v1/models/{name}:predict': {
      parameters: [name],
      post: {
        operationId: 'v1Predict',
        tags,
        summary:
          'Score instances (records, or values in feature order); any top-level key besides instances (or inputs) is a 400',
        requestBody: jsonBody(
          ref('KserveV1Request'),
          '{"instances": [...]} or {"inputs": [...]}, nothing else',
        ),
        responses: {
          '200': okJson(ref('KserveV1Response')),
          ...kserveErrors(400, 404, 413, 415, 503),
        },
      },
    },
  };
}

function modelPaths(prefix: string, parameters: object[], suffix: string): Record<string, object> {
  return {
    [prefix]: {
      parameters,
      ...get(`v2ModelMetadata${suffix}`, 'Model metadata', {
        '200': okJson(ref('V2ModelMetadata')),
        ...kserveErrors(404, 503),
      }),
    },
    [`${prefix}/ready`]: {
      parameters,
      ...get(`v2ModelReady${suffix}`, 'Model ready', modelReadyResponses),
    },
    [`${prefix}/infer`]: {
      parameters,
      post: {
        operationId: `v2Infer${suffix}`,
        tags: ['open-inference-v2'],
        summary:
          'Inference: one input per feature column (shape [N] or [N,1], data flat or nested exactly as the shape; BYTES for categories, any numeric datatype for numbers); the response echoes the request id if it has one',
        requestBody: jsonBody(ref('V2InferenceRequest'), 'Inference request'),
        responses: {
          '200': okJson(ref('V2InferenceResponse')),
          ...kserveErrors(400, 404, 413, 415, 503),
        },
      },
    },
  };
}

export function v2Paths(): Record<string, object> {
  return {
    '/v2': get('v2ServerMetadata', 'Server metadata', { '200': okJson(ref('V2ServerMetadata')) }),
    '/v2/health/live': get('v2Live', 'Server live', { '200': okJson(ready('live')) }),
    '/v2/health/ready': get('v2Ready', 'Server ready', {
      '200': okJson(ready('ready')),
      '503': okJson(ready('ready'), 'Not ready'),
    }),
    ...modelPaths('/v2/models/{name}', [name], ''),
    ...modelPaths('/v2/models/{name}/versions/{version}', [name, version], 'Version'),
  };
}
