import { getTestServer } from '@google-cloud/functions-framework/testing';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadModel } from '../model/runtime/load-model.js';
import { ARTIFACTS_DIR } from '../model/paths.js';
import { predictFunction } from './predict.js';
import { applicants, leanServer, rawPost, type TestServer } from './testing/test-servers.js';

const framework = () => getTestServer('predict');
const [first, second, third] = applicants(3);

describe('predict, scorefn JSON (through the functions framework test server)', () => {
  it('scores one record with the champion and echoes X-Request-Id', async () => {
    const res = await request(framework())
      .post('/predict')
      .set('x-request-id', 'req-42')
      .send(first);
    expect(res.status).toBe(200);
    expect(res.headers['x-request-id']).toBe('req-42');
    expect(res.body).toMatchObject({
      request_id: 'req-42',
      model: { name: 'credit-scorecard', version: '1.0.0' },
      label: 'good',
      decision: 'approve',
    });
    const model = await loadModel(`${ARTIFACTS_DIR}/credit-scorecard`);
    const [expected] = await model.predict([first]);
    await model.close();
    expect(res.body.probability_bad).toBe(expected?.probability_bad);
  });

  it('scores a list in order and makes a request id when none is given', async () => {
    const res = await request(framework()).post('/predict').send([first, second, third]);
    expect(res.status).toBe(200);
    expect(res.body.predictions).toHaveLength(3);
    expect(res.body.request_id).toMatch(/^[0-9a-f-]{36}$/);
    const one = await request(framework()).post('/predict').send(second);
    expect(res.body.predictions[1].probability_bad).toBe(one.body.probability_bad);
  });

  it('scores with another served model when ?model= names it, and 404s an unknown one', async () => {
    const res = await request(framework()).post('/predict?model=credit-gbdt').send(first);
    expect(res.body.model).toEqual({ name: 'credit-gbdt', version: '1.0.0' });
    const unknown = await request(framework()).post('/predict?model=nope').send(first);
    expect(unknown.status).toBe(404);
    expect(unknown.body.type).toBe('urn:scorefn:problem:unknown-model');
  });

  it('rejects an unknown purpose and a text age with a 400 naming /purpose and /age', async () => {
    const res = await request(framework())
      .post('/predict')
      .send({ ...first, purpose: 'yacht', age: 'old' });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.type).toBe('urn:scorefn:problem:invalid-input');
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual([
      '#/age',
      '#/purpose',
    ]);
  });

  it('points into the list for a bad record of a batch, and rejects an unknown field', async () => {
    const res = await request(framework())
      .post('/predict')
      .send([first, { ...second, nickname: 'x' }]);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      {
        pointer: '#/1/nickname',
        detail: 'is not an input of this model',
        keyword: 'additionalProperties',
      },
    ]);
  });

  it('answers 413 above the record limit, 400 for an empty list, 415 for a non-JSON body', async () => {
    const many = await request(framework())
      .post('/predict')
      .send(Array.from({ length: 1001 }, () => first));
    expect(many.status).toBe(413);
    expect((await request(framework()).post('/predict').send([])).status).toBe(400);
    const text = await request(framework())
      .post('/predict')
      .set('content-type', 'text/plain')
      .send('hello');
    expect(text.status).toBe(415);
    expect(text.body.type).toBe('urn:scorefn:problem:unsupported-media-type');
  });

  it('answers 405 with Allow for a GET on /predict and 404 problem for an unknown path', async () => {
    const get = await request(framework()).get('/predict');
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe('POST');
    const missing = await request(framework()).get('/nowhere');
    expect(missing.status).toBe(404);
    expect(missing.body.type).toBe('urn:scorefn:problem:not-found');
  });
});

describe('predict behind the lean server', () => {
  let lean: TestServer;
  beforeAll(async () => {
    lean = await leanServer(predictFunction, { MAX_BODY_BYTES: '4096' });
  });
  afterAll(async () => {
    await lean.services.registry.close();
  });

  it('turns truncated JSON into a 400 problem, never an HTML page or a stack trace', async () => {
    const res = await request(lean.server)
      .post('/predict')
      .set('content-type', 'application/json')
      .send('{"age": 3');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.type).toBe('urn:scorefn:problem:invalid-json');
    expect(res.text).not.toMatch(/at JSON\.parse|<html/i);
  });

  it('answers 413 to a body over MAX_BODY_BYTES', async () => {
    const res = await request(lean.server)
      .post('/predict')
      .set('content-type', 'application/json')
      .send(JSON.stringify(applicants(20)));
    expect(res.status).toBe(413);
    expect(res.body.type).toBe('urn:scorefn:problem:payload-too-large');
  });

  it('rejects bytes that are not UTF-8 with a 400', async () => {
    const res = await rawPost(lean.server, '/predict', Buffer.from([0x7b, 0xff, 0xfe, 0x7d]));
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).detail).toMatch(/UTF-8/);
  });

  it('counts requests, scores and rejected fields in /metrics', async () => {
    await request(lean.server).post('/predict').send(first);
    await request(lean.server)
      .post('/predict')
      .send({ ...first, age: 300 });
    const res = await request(lean.server).get('/metrics');
    expect(res.text).toMatch(
      /scorefn_requests_total\{function="predict",route="predict",status="200"\} 1/,
    );
    expect(res.text).toMatch(/scorefn_score_count\{model="credit-scorecard",version="1.0.0"\} 1/);
    expect(res.text).toMatch(
      /scorefn_validation_failures_total\{function="predict",field="age"\} 1/,
    );
  });
});

describe('requests the HTTP parser rejects', () => {
  it('answers headers over 16 KiB with a 431 problem document, not a bare status line', async () => {
    const lean = await leanServer(predictFunction);
    await new Promise<void>((resolve) => lean.server.listen(0, '127.0.0.1', resolve));
    const { port } = lean.server.address() as { port: number };
    const res = await fetch(`http://127.0.0.1:${port}/predict`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-big': 'x'.repeat(20_000) },
      body: '{}',
    });
    expect(res.status).toBe(431);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({
      status: 431,
      type: 'urn:scorefn:problem:headers-too-large',
      error: 'The request headers are too large.',
    });
    lean.server.close();
    await lean.services.registry.close();
  });
});
