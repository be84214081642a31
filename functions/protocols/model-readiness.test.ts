/**
 * Readiness is per model on the KServe V1 and OIP V2 model routes: when one configured model fails
 * to load, the others still answer there, while the server's own readiness (and the native API,
 * which picks a model for the client) fails closed.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREDIT_FEATURES } from '../../model/data/credit-g.js';
import { predictFunction } from '../predict.js';
import {
  applicants,
  leanServer,
  tamperedModels,
  type TestServer,
} from '../testing/test-servers.js';

const rows = applicants(2);
const inputs = CREDIT_FEATURES.map((f) => ({
  name: f.name,
  shape: [rows.length],
  datatype: f.kind === 'categorical' ? 'BYTES' : 'INT64',
  data: rows.map((r) => r[f.name]),
}));
const BROKEN = /^Model 'credit-gbdt' failed to load \(checksum_mismatch\); see \/health for why\.$/;

let app: TestServer;
beforeAll(async () => {
  app = await leanServer(predictFunction, { MODELS_DIR: tamperedModels('credit-gbdt') });
});
afterAll(async () => {
  await app.services.registry.close();
});

describe('per-model readiness with the challenger corrupted', () => {
  it('serves the model that loaded on every V2 model route', async () => {
    const ready = await request(app.server).get('/v2/models/credit-scorecard/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ name: 'credit-scorecard', ready: true });
    const metadata = await request(app.server).get('/v2/models/credit-scorecard/versions/1.0.0');
    expect(metadata.status).toBe(200);
    expect(metadata.body.name).toBe('credit-scorecard');
    const infer = await request(app.server)
      .post('/v2/models/credit-scorecard/infer')
      .send({ inputs });
    expect(infer.status).toBe(200);
    expect(infer.body.outputs[0].shape).toEqual([2]);
  });

  it('says the broken model is not ready (503) with the reason, and still 404 for an unknown one', async () => {
    const ready = await request(app.server).get('/v2/models/credit-gbdt/ready');
    expect(ready.status).toBe(503);
    expect(ready.body).toEqual({
      name: 'credit-gbdt',
      ready: false,
      error: expect.stringMatching(BROKEN),
    });
    const metadata = await request(app.server).get('/v2/models/credit-gbdt');
    expect(metadata.status).toBe(503);
    expect(metadata.body).toEqual({ error: expect.stringMatching(BROKEN) });
    const infer = await request(app.server).post('/v2/models/credit-gbdt/infer').send({ inputs });
    expect(infer.status).toBe(503);
    expect(infer.body.error).toMatch(BROKEN);
    expect((await request(app.server).get('/v2/models/nope/ready')).status).toBe(404);
  });

  it('answers KServe V1 model readiness and predict per model too', async () => {
    const good = await request(app.server).get('/v1/models/credit-scorecard');
    expect(good.status).toBe(200);
    expect(good.body).toEqual({ name: 'credit-scorecard', ready: true });
    const bad = await request(app.server).get('/v1/models/credit-gbdt');
    expect(bad.status).toBe(503);
    expect(bad.body).toMatchObject({ name: 'credit-gbdt', ready: false });
    const scored = await request(app.server)
      .post('/v1/models/credit-scorecard:predict')
      .send({ instances: rows });
    expect(scored.status).toBe(200);
    const refused = await request(app.server)
      .post('/v1/models/credit-gbdt:predict')
      .send({ instances: rows });
    expect(refused.status).toBe(503);
    expect(refused.body.error).toMatch(BROKEN);
  });

  it('keeps the server not ready and the native API closed, as documented', async () => {
    expect((await request(app.server).get('/v2/health/ready')).status).toBe(503);
    expect((await request(app.server).get('/health/ready')).status).toBe(503);
    const native = await request(app.server).post('/predict').send(rows[0]);
    expect(native.status).toBe(503);
    expect(native.body.type).toBe('urn:scorefn:problem:not-ready');
  });
});
