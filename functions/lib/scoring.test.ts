// Scoring a model whose feature names a JSON Pointer escapes (`rate/yr~x`) or a URI fragment
// percent-encodes (`Credit Amount`): metrics, problem documents and V2 errors still name them.
import { rm } from 'node:fs/promises';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { predictFunction } from '../predict.js';
import { ODD_MODEL, oddNamesModels, oddRecords } from '../testing/test-odd-names.js';
import { leanServer, type TestServer } from '../testing/test-servers.js';

let dir = '';
let lean: TestServer;
let record: Record<string, number> = {};
beforeAll(async () => {
  dir = await oddNamesModels();
  lean = await leanServer(predictFunction, { MODELS_DIR: dir });
  [record = {}] = await oddRecords();
});
afterAll(async () => {
  lean.server.close();
  await lean.services.registry.close();
  await rm(dir, { recursive: true, force: true });
});

describe('features whose names a pointer escapes', () => {
  it('counts refused fields under their feature names in /metrics, not as (unknown)', async () => {
    const bad = { ...record, 'rate/yr~x': -1, 'Credit Amount': -5 };
    expect((await request(lean.server).post('/predict').send(bad)).status).toBe(400);
    const metrics = (await request(lean.server).get('/metrics')).text;
    expect(metrics).toMatch(
      /scorefn_validation_failures_total\{function="predict",field="rate\/yr~x"\} 1\n/,
    );
    expect(metrics).toMatch(/field="Credit Amount"\} 1\n/);
    expect(metrics).not.toContain('field="(unknown)"');
  });

  it('names them in the problem document by pointers written as URI fragments', async () => {
    const res = await request(lean.server)
      .post('/predict')
      .send({ ...record, 'rate/yr~x': -1, 'Credit Amount': -5 });
    expect(res.body.errors).toEqual([
      { pointer: '#/rate~1yr~0x', detail: 'must be >= 0', keyword: 'minimum' },
      { pointer: '#/Credit%20Amount', detail: 'must be >= 0', keyword: 'minimum' },
    ]);
  });

  it('points a V2 error at the input data that holds the value', async () => {
    const inputs = Object.entries({ ...record, 'rate/yr~x': -1 }).map(([name, value]) => ({
      name,
      shape: [1],
      datatype: 'FP64',
      data: [value],
    }));
    const res = await request(lean.server).post(`/v2/models/${ODD_MODEL}/infer`).send({ inputs });
    expect(res.status).toBe(400);
    const k = inputs.findIndex((i) => i.name === 'rate/yr~x');
    expect(res.body.error).toBe(
      `Invalid input values: /inputs/${k}/data/0 rate/yr~x row 0 must be >= 0`,
    );
  });
});
