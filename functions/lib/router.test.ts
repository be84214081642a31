import { getTestServer } from '@google-cloud/functions-framework/testing';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explainFunction } from '../explain.js';
import { healthFunction } from '../health.js';
import { modelCardFunction } from '../model-card.js';
import { predictFunction } from '../predict.js';
import { leanServer, type TestServer } from '../testing/test-servers.js';
import type { Route } from './function.js';
import { exchange, portOf } from './test-raw-http.js';
import { composeFunctions } from './router.js';

const index: Route = {
  method: 'GET',
  path: '/',
  name: 'index',
  handler: () => ({ status: 200, body: '<p>index</p>', contentType: 'text/html' }),
};
let lean: TestServer;
beforeAll(async () => {
  // several functions on one port, each with its own /health and /metrics, as `npm start` serves
  lean = await leanServer(
    composeFunctions('scorefn', [
      { name: 'scorefn', routes: [index] },
      predictFunction,
      explainFunction,
      healthFunction,
      modelCardFunction,
    ]),
  );
});
afterAll(async () => {
  lean.server.close();
  await lean.services.registry.close();
});

describe('HEAD', () => {
  it('is served on every GET route as GET without the body: same status, headers and length', async () => {
    for (const path of ['/', '/health', '/health/ready', '/v2', '/v2/health/live', '/metrics']) {
      const get = await request(lean.server).get(path);
      const head = await request(lean.server).head(path);
      expect(head.status, path).toBe(get.status);
      expect(head.headers['content-type'], path).toBe(get.headers['content-type']);
      expect(head.text, path).toBeFalsy();
      if (path !== '/metrics' && path !== '/health')
        expect(head.headers['content-length'], path).toBe(get.headers['content-length']);
    }
  });

  it('sends no body bytes on the wire', async () => {
    const res = await exchange(await portOf(lean.server), [
      'HEAD /v2/health/live HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    ]);
    expect(res.status).toBe(200);
    expect(Number(res.headers['content-length'])).toBeGreaterThan(0);
    expect(res.raw.endsWith('\r\n\r\n')).toBe(true);
  });

  it('is still 405 where only POST is served', async () => {
    const res = await request(lean.server).head('/predict');
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('POST');
  });
});

describe('under the functions framework', () => {
  it('serves HEAD on GET routes and reads //predict as a path too', async () => {
    const head = await request(getTestServer('predict')).head('/v2/health/ready');
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String('{"ready":true}'.length));
    const doubled = await request(getTestServer('predict')).post('//predict').send({});
    expect(doubled.status).toBe(404);
  });
});

describe('405', () => {
  it('names each allowed method once, however many functions serve the path', async () => {
    const res = await request(lean.server).post('/health').send({});
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD');
    expect(res.body.detail).toBe('Use GET or HEAD here.');
    expect(res.body.type).toBe('urn:scorefn:problem:method-not-allowed');
  });
});

describe('request targets', () => {
  it('does not read //predict as a host: it is a path no route serves (404), never the index', async () => {
    for (const path of ['//predict', '//health', '//', '///predict']) {
      const res = await exchange(await portOf(lean.server), [
        `GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
      ]);
      expect(res.status, path).toBe(404);
      expect(JSON.parse(res.body), path).toMatchObject({
        type: 'urn:scorefn:problem:not-found',
        detail: `Nothing is served at ${path}.`,
      });
    }
    const post = await exchange(await portOf(lean.server), [
      'POST //predict HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}',
    ]);
    expect(post.status).toBe(404);
  });

  it('serves an absolute-form target by its path and keeps the query', async () => {
    const res = await exchange(await portOf(lean.server), [
      'GET http://example.com/model-card?format=json HTTP/1.1\r\nHost: example.com\r\nConnection: close\r\n\r\n',
    ]);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
  });
});
