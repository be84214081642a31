/**
 * Every V2 response validates against the official Open Inference Protocol REST spec
 * (kserve/open-inference-protocol, open_inference_rest.yaml), read from the shared schemas folder.
 */
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { Ajv } from 'ajv';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { CREDIT_FEATURES } from '../../model/data/credit-g.js';
import '../predict.js';
import { leanServer, tamperedModels } from '../testing/test-servers.js';
import { readSharedSchema, sharedSchemasDir } from '../testing/test-shared-schemas.js';
import { predictFunction } from '../predict.js';
import { applicants } from '../testing/test-servers.js';

const dir = sharedSchemasDir();

function oipValidator() {
  const spec = readSharedSchema(dir ?? '', 'open-inference-protocol/open_inference_rest.yaml') as {
    components: object;
  };
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addSchema({ $id: 'oip', components: spec.components });
  return (name: string, body: unknown) => {
    const validate = ajv.getSchema(`oip#/components/schemas/${name}`);
    if (!validate) throw new Error(`no schema ${name}`);
    return validate(body) ? [] : (validate.errors ?? []);
  };
}

const columns = (records: Record<string, string | number>[]) =>
  CREDIT_FEATURES.map((f) => ({
    name: f.name,
    shape: [records.length, 1],
    datatype: f.kind === 'categorical' ? 'BYTES' : 'INT64',
    data: records.map((r) => [r[f.name]]),
  }));

describe.runIf(dir !== undefined)('V2 responses against the official OIP schema', () => {
  const check = dir ? oipValidator() : () => [];
  const ok = (name: string, body: unknown) => {
    expect(check(name, body), `${name}: ${JSON.stringify(body).slice(0, 200)}`).toEqual([]);
  };

  it('validates server and model metadata, inference responses and every error answer', async () => {
    const app = getTestServer('predict');
    ok('metadata_server_response', (await request(app).get('/v2')).body);
    for (const path of ['/v2/models/credit-gbdt', '/v2/models/credit-scorecard/versions/1.0.0'])
      ok('metadata_model_response', (await request(app).get(path)).body);
    const rows = applicants(5);
    for (const model of ['credit-gbdt', 'credit-scorecard']) {
      const res = await request(app)
        .post(`/v2/models/${model}/infer`)
        .send({ id: 'x', inputs: columns(rows) });
      expect(res.status).toBe(200);
      ok('inference_response', res.body);
      const one = await request(app)
        .post(`/v2/models/${model}/infer`)
        .send({ inputs: columns(rows), outputs: [{ name: 'label' }] });
      ok('inference_response', one.body);
    }
    const errors = [
      await request(app).post('/v2/models/credit-gbdt/infer').send({ inputs: [] }),
      await request(app)
        .post('/v2/models/nope/infer')
        .send({ inputs: columns(rows) }),
      await request(app).get('/v2/models/nope'),
    ];
    for (const res of errors) {
      expect(res.status).toBeGreaterThanOrEqual(400);
      ok('inference_error_response', res.body);
      ok('metadata_model_error_response', res.body);
    }
  });

  it("validates the lean server's answers to malformed JSON and of an instance with a model that is not ready (503)", async () => {
    // the lean server also answers malformed JSON in the protocol's own error form
    const healthy = await leanServer(predictFunction);
    const truncated = await request(healthy.server)
      .post('/v2/models/credit-gbdt/infer')
      .set('content-type', 'application/json')
      .send('{"inputs": [');
    expect(truncated.status).toBe(400);
    ok('inference_error_response', truncated.body);
    await healthy.services.registry.close();
    const lean = await leanServer(predictFunction, { MODELS_DIR: tamperedModels() });
    const infer = await request(lean.server)
      .post('/v2/models/credit-scorecard/infer')
      .send({ inputs: columns(applicants(1)) });
    expect(infer.status).toBe(503);
    ok('inference_error_response', infer.body);
    ok(
      'metadata_model_error_response',
      (await request(lean.server).get('/v2/models/credit-scorecard')).body,
    );
    // readiness is per model: the model that loaded still answers, in the protocol's form
    const served = await request(lean.server)
      .post('/v2/models/credit-gbdt/infer')
      .send({ inputs: columns(applicants(1)) });
    expect(served.status).toBe(200);
    ok('inference_response', served.body);
    expect((await request(lean.server).get('/v2/health/ready')).status).toBe(503);
    ok('metadata_server_response', (await request(lean.server).get('/v2')).body);
    await lean.services.registry.close();
  });
});
