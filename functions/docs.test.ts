import { getTestServer } from '@google-cloud/functions-framework/testing';
import { Validator } from '@seriousme/openapi-schema-validator';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { CREDIT_FEATURES } from '../model/data/credit-g.js';
import { recordSchema } from '../model/runtime/contract.js';
import './docs.js';
import { plain } from './openapi/components.js';
import { V2InferenceRequest } from './protocols/schemas.js';

const server = () => getTestServer('docs');

describe('docs', () => {
  it('serves a valid OpenAPI 3.1 document', async () => {
    const res = await request(server()).get('/openapi.json');
    expect(res.status).toBe(200);
    const result = await new Validator().validate(res.body);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(res.body.openapi).toBe('3.1.0');
  });

  it('documents every endpoint of every function', async () => {
    const { body } = await request(server()).get('/openapi.json');
    const paths = Object.keys(body.paths);
    for (const path of [
      '/predict',
      '/batch-score',
      '/explain',
      '/v1/models',
      '/v1/models/{name}',
      '/v1/models/{name}:predict',
      '/v2',
      '/v2/health/live',
      '/v2/health/ready',
      '/v2/models/{name}',
      '/v2/models/{name}/ready',
      '/v2/models/{name}/infer',
      '/v2/models/{name}/versions/{version}',
      '/v2/models/{name}/versions/{version}/ready',
      '/v2/models/{name}/versions/{version}/infer',
      '/health',
      '/health/live',
      '/health/ready',
      '/metrics',
      '/model-card',
      '/model-card/{name}',
      '/openapi.json',
      '/docs',
    ])
      expect(paths, path).toContain(path);
  });

  it('publishes the very schemas ajv enforces: the model contract and the V2 request', async () => {
    const { body } = await request(server()).get('/openapi.json');
    expect(body.components.schemas['Record.credit-scorecard']).toEqual(
      recordSchema(CREDIT_FEATURES),
    );
    expect(body.components.schemas.V2InferenceRequest).toEqual(plain(V2InferenceRequest));
  });

  it('serves the Swagger UI page and only its own assets', async () => {
    const page = await request(server()).get('/docs');
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect(page.text).toContain('data-spec-url="/openapi.json"');
    expect((await request(server()).get('/docs/assets/swagger-ui-bundle.js')).status).toBe(200);
    expect((await request(server()).get('/docs/assets/package.json')).status).toBe(404);
    expect((await request(server()).get('/docs/assets/..%2Fpackage.json')).status).toBe(404);
  });
});
