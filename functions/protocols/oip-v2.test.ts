import { getTestServer } from '@google-cloud/functions-framework/testing';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { CREDIT_FEATURES } from '../../model/data/credit-g.js';
import '../predict.js';
import { applicants } from '../testing/test-servers.js';

const server = () => getTestServer('predict');
const rows = applicants(3);

/** One input per feature column, as MLServer's pandas codec sends a DataFrame. */
function columns(records: Record<string, string | number>[], nested = false) {
  return CREDIT_FEATURES.map((f) => {
    const values = records.map((r) => r[f.name]);
    return {
      name: f.name,
      shape: nested ? [values.length, 1] : [values.length],
      datatype: f.kind === 'categorical' ? 'BYTES' : 'INT64',
      data: nested ? values.map((v) => [v]) : values,
    };
  });
}

const infer = (body: object, path = '/v2/models/credit-gbdt/infer') =>
  request(server()).post(path).send(body);

describe('Open Inference Protocol (V2) on predict', () => {
  it('reports server metadata, liveness and readiness', async () => {
    expect((await request(server()).get('/v2')).body).toMatchObject({
      name: 'scorefn',
      extensions: [],
    });
    expect((await request(server()).get('/v2/health/live')).body).toEqual({ live: true });
    expect((await request(server()).get('/v2/health/ready')).body).toEqual({ ready: true });
  });

  it('describes a model: one input per feature, the three outputs', async () => {
    const res = await request(server()).get('/v2/models/credit-scorecard/versions/1.0.0');
    expect(res.body.inputs).toHaveLength(20);
    expect(res.body.inputs[0]).toEqual({
      name: 'checking_status',
      datatype: 'BYTES',
      shape: [-1, 1],
    });
    expect(res.body.outputs.map((o: { name: string }) => o.name)).toEqual([
      'probability_bad',
      'label',
      'decision',
    ]);
    expect((await request(server()).get('/v2/models/credit-scorecard/ready')).body).toEqual({
      name: 'credit-scorecard',
      ready: true,
    });
    expect(
      (await request(server()).get('/v2/models/credit-scorecard/versions/9/ready')).status,
    ).toBe(404);
  });

  it('infers flat [N] and nested [N,1] columns alike, matching the native API', async () => {
    const flat = await infer({ id: 'abc', inputs: columns(rows) });
    expect(flat.status).toBe(200);
    expect(flat.body).toMatchObject({
      model_name: 'credit-gbdt',
      model_version: '1.0.0',
      id: 'abc',
    });
    const nested = await infer({ inputs: columns(rows, true) });
    expect(nested.body.outputs).toEqual(flat.body.outputs);
    const native = await request(server()).post('/predict?model=credit-gbdt').send(rows);
    expect(flat.body.outputs[0]).toEqual({
      name: 'probability_bad',
      datatype: 'FP64',
      shape: [3],
      data: native.body.predictions.map((p: { probability_bad: number }) => p.probability_bad),
    });
  });

  it('accepts any numeric datatype for a numeric feature, and returns only the requested outputs', async () => {
    const inputs = columns(rows).map((i) =>
      i.datatype === 'INT64' ? { ...i, datatype: i.name === 'age' ? 'FP32' : 'INT32' } : i,
    );
    const res = await infer({ inputs, outputs: [{ name: 'decision' }] });
    expect(res.status).toBe(200);
    expect(res.body.outputs).toEqual([
      { name: 'decision', datatype: 'BYTES', shape: [3], data: expect.any(Array) },
    ]);
  });

  it('rejects mismatched inputs with a 400 {"error"} that says which input and why', async () => {
    const cases: [object, RegExp][] = [
      [
        {
          inputs: columns(rows).map((i) =>
            i.name === 'age' ? { ...i, datatype: 'BYTES', data: ['1', '2', '3'] } : i,
          ),
        },
        /input 'age' is numeric/,
      ],
      [
        {
          inputs: [
            ...columns(rows),
            { name: 'salary', shape: [3], datatype: 'FP64', data: [1, 2, 3] },
          ],
        },
        /unknown input 'salary'/,
      ],
      [{ inputs: columns(rows).filter((i) => i.name !== 'job') }, /missing input\(s\) job/],
      [
        {
          inputs: columns(rows).map((i) =>
            i.name === 'age' ? { ...i, shape: [2], data: [30, 40] } : i,
          ),
        },
        /input 'age' has 2 rows/,
      ],
      [
        { inputs: columns(rows).map((i) => (i.name === 'age' ? { ...i, data: [30, 40] } : i)) },
        /input 'age' has 2 elements for shape \[3\]/,
      ],
      [
        {
          inputs: columns(rows).map((i) => (i.name === 'age' ? { ...i, data: [30, 200, 40] } : i)),
        },
        /\/inputs\/12\/data\/1 age row 1 must be <= 120/,
      ],
      [{ inputs: columns(rows), outputs: [{ name: 'shap' }] }, /unknown output 'shap'/],
      [{ inputs: 'nope' }, /Not an inference request/],
    ];
    for (const [body, message] of cases) {
      const res = await infer(body);
      expect(res.status, String(message)).toBe(400);
      expect(res.body.error).toMatch(message);
    }
  });

  it('answers 404 for an unknown model or version', async () => {
    expect((await infer({ inputs: columns(rows) }, '/v2/models/nope/infer')).status).toBe(404);
    const res = await infer(
      { inputs: columns(rows) },
      '/v2/models/credit-gbdt/versions/2.0.0/infer',
    );
    expect(res.status).toBe(404);
    expect(res.body.error).toMatch(/has version 1\.0\.0, not 2\.0\.0/);
  });
});
