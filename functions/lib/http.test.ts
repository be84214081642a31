import { getTestServer } from '@google-cloud/functions-framework/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREDIT_FEATURES } from '../../model/data/credit-g.js';
import { predictFunction } from '../predict.js';
import { applicants, leanServer, type TestServer } from '../testing/test-servers.js';
import { readJson, type HttpRequest } from './http.js';
import { HttpProblem } from './problem.js';
import { exchange, portOf } from './test-raw-http.js';

const body = Buffer.from('{"a": 1}');
const withType = (type?: string): HttpRequest => ({
  method: 'POST',
  url: '/predict',
  headers: type === undefined ? {} : { 'content-type': type },
  rawBody: body,
});
const problemOf = (fn: () => unknown): HttpProblem => {
  try {
    fn();
  } catch (error) {
    if (error instanceof HttpProblem) return error;
    throw error;
  }
  throw new Error('no problem thrown');
};

describe('readJson content types', () => {
  it('reads a body without Content-Type as JSON, as KServe and Triton do', () => {
    expect(readJson(withType(), 1024)).toEqual({ a: 1 });
  });

  it('matches the media type case-insensitively, with parameters with or without spaces', () => {
    for (const type of [
      'Application/JSON',
      'application/json;charset=UTF-8',
      'application/json ; charset=utf-8',
      'APPLICATION/JSON;CHARSET=UTF-8',
      'application/cloudevents+json',
    ])
      expect(readJson(withType(type), 1024), type).toEqual({ a: 1 });
  });

  it('rejects explicit non-JSON types with a 415 naming the type and Accept-Post', () => {
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      const problem = problemOf(() => readJson(withType(type), 1024));
      expect(problem.slug, type).toBe('unsupported-media-type');
      expect(problem.detail).toContain(type);
      expect(problem.headers['accept-post']).toBe('application/json');
    }
  });

  it('says an empty Content-Type header is empty, not "not ."', () => {
    const problem = problemOf(() => readJson(withType(''), 1024));
    expect(problem.status).toBe(415);
    expect(problem.detail).toBe(
      'Send the body as application/json, not an empty Content-Type header.',
    );
  });
});

describe('JSON routes without Content-Type (tritonclient.http sends none)', () => {
  let lean: TestServer;
  let port: number;
  beforeAll(async () => {
    lean = await leanServer(predictFunction);
    port = await portOf(lean.server);
  });
  afterAll(async () => {
    lean.server.close();
    await lean.services.registry.close();
  });

  const post = (path: string, json: unknown) => {
    const bytes = Buffer.from(JSON.stringify(json));
    return exchange(port, [
      `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Length: ${bytes.length}\r\nConnection: close\r\n\r\n`,
      bytes,
    ]);
  };
  const [record = {}] = applicants(1);

  it('scores on /predict, /v1 :predict and /v2 infer', async () => {
    const native = await post('/predict', record);
    expect(native.status, native.body).toBe(200);
    expect(JSON.parse(native.body)).toMatchObject({ label: 'good' });
    const v1 = await post('/v1/models/credit-scorecard:predict', { instances: [record] });
    expect(v1.status, v1.body).toBe(200);
    const inputs = CREDIT_FEATURES.map((f) => ({
      name: f.name,
      shape: [1],
      datatype: f.kind === 'categorical' ? 'BYTES' : 'INT64',
      data: [record[f.name]],
    }));
    const v2 = await post('/v2/models/credit-scorecard/infer', { inputs });
    expect(v2.status, v2.body).toBe(200);
    expect(JSON.parse(v2.body).outputs).toHaveLength(3);
  });
});

describe('JSON routes without Content-Type under the functions framework', () => {
  it('reads the body body-parser left unread and scores it', async () => {
    const server = getTestServer('predict');
    const port = await portOf(server);
    const bytes = Buffer.from(JSON.stringify(applicants(1)[0]));
    const res = await exchange(port, [
      `POST /predict HTTP/1.1\r\nHost: x\r\nContent-Length: ${bytes.length}\r\nConnection: close\r\n\r\n`,
      bytes,
    ]);
    server.close();
    expect(res.status, res.body).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ label: 'good' });
  });
});
