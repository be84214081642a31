import { getTestServer } from '@google-cloud/functions-framework/testing';
import { renameSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { healthFunction } from './health.js';
import { predictFunction } from './predict.js';
import { applicants, leanServer, tamperedModels } from './testing/test-servers.js';

describe('health', () => {
  it('is ready with every model loaded and its checksum verified', async () => {
    const res = await request(getTestServer('health')).get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'ready',
      live: true,
      ready: true,
      function: 'health',
      failures: [],
    });
    expect(res.body.models).toEqual([
      expect.objectContaining({
        name: 'credit-gbdt',
        version: '1.0.0',
        checksum_verified: true,
        default: false,
      }),
      expect.objectContaining({
        name: 'credit-scorecard',
        version: '1.0.0',
        checksum_verified: true,
        default: true,
      }),
    ]);
    expect(res.body.uptime_seconds).toBeGreaterThanOrEqual(0);
    expect((await request(getTestServer('health')).get('/')).body.status).toBe('ready');
    expect((await request(getTestServer('health')).get('/health/ready')).body).toEqual({
      ready: true,
    });
  });

  it('is live but not ready (503) when a model fails its checksum, and predict refuses to score', async () => {
    const env = { MODELS_DIR: tamperedModels('credit-scorecard') };
    const health = await leanServer(healthFunction, env);
    const res = await request(health.server).get('/health');
    expect(res.status).toBe(503);
    expect(res.body.failures).toEqual([
      expect.objectContaining({ model: 'credit-scorecard', code: 'checksum_mismatch' }),
    ]);
    expect((await request(health.server).get('/health/live')).status).toBe(200);
    expect((await request(health.server).get('/health/ready')).status).toBe(503);

    const predict = await leanServer(predictFunction, env);
    const denied = await request(predict.server).post('/predict').send(applicants(1)[0]);
    expect(denied.status).toBe(503);
    expect(denied.body.type).toBe('urn:scorefn:problem:not-ready');
    expect(denied.body).not.toHaveProperty('probability_bad');
    await Promise.all([health.services.registry.close(), predict.services.registry.close()]);
  });

  it('names a failed model by its folder and by the name its manifest serves it under', async () => {
    const dir = tamperedModels('credit-scorecard');
    renameSync(join(dir, 'credit-scorecard'), join(dir, 'scorecard-v2'));
    const health = await leanServer(healthFunction, { MODELS_DIR: dir });
    const res = await request(health.server).get('/health');
    expect(res.body.failures).toEqual([
      expect.objectContaining({
        model: 'scorecard-v2',
        name: 'credit-scorecard',
        code: 'checksum_mismatch',
      }),
    ]);
    await health.services.registry.close();
  });

  it('is not ready when the models folder holds no model', async () => {
    const empty = await leanServer(healthFunction, { MODELS_DIR: '/nonexistent' });
    const res = await request(empty.server).get('/health');
    expect(res.status).toBe(503);
    expect(res.body.failures[0].code).toBe('model_not_found');
    expect(res.body.failures[0]).not.toHaveProperty('name');
  });
});
