import { getTestServer } from '@google-cloud/functions-framework/testing';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { CREDIT_FEATURES } from '../../model/data/credit-g.js';
import '../predict.js';
import { applicants } from '../testing/test-servers.js';

const server = () => getTestServer('predict');
const [first, second] = applicants(2);

describe('KServe V1 on predict', () => {
  it('lists the served models and reports one ready', async () => {
    expect((await request(server()).get('/v1/models')).body).toEqual({
      models: ['credit-gbdt', 'credit-scorecard'],
    });
    expect((await request(server()).get('/v1/models/credit-gbdt')).body).toEqual({
      name: 'credit-gbdt',
      ready: true,
    });
  });

  it('answers 404 with {"error"} for an unknown model', async () => {
    const res = await request(server()).get('/v1/models/nope');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: "No model named 'nope' is served here." });
  });

  it('predicts instances given as records or as values in feature order, identically', async () => {
    const positional = CREDIT_FEATURES.map((f) => second?.[f.name]);
    const res = await request(server())
      .post('/v1/models/credit-gbdt:predict')
      .send({ instances: [first, second, positional] });
    expect(res.status).toBe(200);
    expect(res.body.predictions).toHaveLength(3);
    expect(res.body.predictions[2]).toEqual(res.body.predictions[1]);
    const native = await request(server()).post('/predict?model=credit-gbdt').send(first);
    expect(res.body.predictions[0].probability_bad).toBe(native.body.probability_bad);
  });

  it('rejects a bad field with a 400 {"error"} naming the instance and field', async () => {
    const res = await request(server())
      .post('/v1/models/credit-gbdt:predict')
      .send({ instances: [first, { ...second, duration: -1 }] });
    expect(res.status).toBe(400);
    expect(res.body.error).toContain('/1/duration must be >= 1');
  });

  it('rejects a body without instances, and a positional instance of the wrong length', async () => {
    const missing = await request(server())
      .post('/v1/models/credit-gbdt:predict')
      .send({ data: [first] });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatch(/instances/);
    const short = await request(server())
      .post('/v1/models/credit-gbdt:predict')
      .send({ instances: [[1, 2]] });
    expect(short.status).toBe(400);
    expect(short.body.error).toMatch(/instance 0 has 2 values; the model takes 20/);
  });

  it('rejects unknown top-level keys (columns, signature_name) with a 400 naming them, never scoring rows in its own order', async () => {
    const names = CREDIT_FEATURES.map((f) => f.name).reverse();
    const columns = await request(server())
      .post('/v1/models/credit-gbdt:predict')
      .send({ columns: names, instances: [names.map((n) => second?.[n])] });
    expect(columns.status).toBe(400);
    expect(columns.body).toEqual({
      error: expect.stringMatching(/Unknown top-level key\(s\) "columns"/),
    });
    expect(columns.body.error).toContain('checking_status, duration, credit_history');
    const signature = await request(server())
      .post('/v1/models/credit-gbdt:predict')
      .send({ signature_name: 'serving_default', instances: [first], extra: 1 });
    expect(signature.status).toBe(400);
    expect(signature.body.error).toMatch(/"signature_name", "extra"/);
  });

  it('accepts {"inputs": [...]} as KServe documents it, and rejects instances and inputs together', async () => {
    const inputs = await request(server())
      .post('/v1/models/credit-gbdt:predict')
      .send({ inputs: [first] });
    const instances = await request(server())
      .post('/v1/models/credit-gbdt:predict')
      .send({ instances: [first] });
    expect(inputs.status).toBe(200);
    expect(inputs.body).toEqual(instances.body);
    const both = await request(server())
      .post('/v1/models/credit-gbdt:predict')
      .send({ inputs: [first], instances: [first] });
    expect(both.status).toBe(400);
    expect(both.body.error).toMatch(/either "instances" or "inputs"/);
  });

  it('answers 404 for an unknown model whatever the body', async () => {
    for (const body of [{ instances: [first] }, { nope: 1 }, [1, 2]]) {
      const res = await request(server()).post('/v1/models/nope:predict').send(body);
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ error: "No model named 'nope' is served here." });
    }
  });

  it('says what a V1 body is, in protocol words, when the body is not an object or instances not a list', async () => {
    const cases: [unknown, RegExp][] = [
      [[first], /The body must be a JSON object: \{"instances": \[\.\.\.\]\}/],
      [{ instances: first }, /"instances" must be an array of instances/],
      [{ instances: [] }, /Send at least one record/],
    ];
    for (const [body, message] of cases) {
      const res = await request(server())
        .post('/v1/models/credit-gbdt:predict')
        .send(body as object);
      expect(res.status, String(message)).toBe(400);
      expect(res.body.error).toMatch(message);
      expect(res.body.error).not.toMatch(/applicant record/);
    }
  });
});
