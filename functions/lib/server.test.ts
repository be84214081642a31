import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { predictFunction } from '../predict.js';
import { leanServer, type TestServer } from '../testing/test-servers.js';
import { readConfig } from './config.js';
import { httpHandler } from './function.js';
import { createServer } from './server.js';
import { createServices } from './services.js';
import { exchange, portOf } from './test-raw-http.js';

const problem = (res: { body: string }) => JSON.parse(res.body) as Record<string, unknown>;

describe('server limits', () => {
  it('defaults to 20 s for headers, 60 s for the whole request, 95 s keep-alive', async () => {
    const config = readConfig({});
    expect(config).toMatchObject({
      headersTimeoutMs: 20_000,
      receiveTimeoutMs: 60_000,
      keepAliveTimeoutMs: 95_000,
    });
    const lean = await leanServer(predictFunction);
    expect(lean.server.headersTimeout).toBe(20_000);
    expect(lean.server.requestTimeout).toBe(60_000);
    // above Knative queue-proxy's idle keep-alive (Go's http.Transport: 90 s)
    expect(lean.server.keepAliveTimeout).toBeGreaterThan(90_000);
    await lean.services.registry.close();
  });

  it('takes every limit from the handler, so createServer needs no options', async () => {
    const env = { LOG_LEVEL: 'silent', MAX_BODY_BYTES: '4096', HEADERS_TIMEOUT_MS: '7000' };
    const services = await createServices(readConfig(env));
    const server = createServer(httpHandler(predictFunction, services));
    expect(server.headersTimeout).toBe(7000);
    const res = await exchange(await portOf(server), [
      'POST /predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5000\r\nConnection: close\r\n\r\n',
      Buffer.alloc(5000, 0x20),
    ]);
    expect(res.status).toBe(413);
    expect(problem(res)).toMatchObject({ type: 'urn:scorefn:problem:payload-too-large' });
    server.close();
    await services.registry.close();
  });

  it('reports timeouts Node would refuse (headers above the whole request)', () => {
    expect(() => readConfig({ HEADERS_TIMEOUT_MS: '5000', RECEIVE_TIMEOUT_MS: '4000' })).toThrow(
      /HEADERS_TIMEOUT_MS \(5000\) must not exceed RECEIVE_TIMEOUT_MS \(4000\)/,
    );
  });
});

describe('slow clients', () => {
  let lean: TestServer;
  let port: number;
  beforeAll(async () => {
    lean = await leanServer(predictFunction, {
      HEADERS_TIMEOUT_MS: '1000',
      RECEIVE_TIMEOUT_MS: '2000',
    });
    port = await portOf(lean.server);
  });
  afterAll(async () => {
    lean.server.close();
    await lean.services.registry.close();
  });

  it('cuts headers trickled past HEADERS_TIMEOUT_MS with a 408 problem', async () => {
    const lines = Array.from({ length: 20 }, (_, i) => `x-slow-${i}: 1\r\n`);
    const res = await exchange(port, ['POST /predict HTTP/1.1\r\nHost: x\r\n', ...lines], {
      gapMs: 250,
    });
    expect(res.status).toBe(408);
    expect(res.elapsedMs).toBeGreaterThan(900);
    expect(res.elapsedMs).toBeLessThan(3000);
    expect(problem(res)).toMatchObject({ type: 'urn:scorefn:problem:request-timeout' });
  });

  it('answers a body trickled past RECEIVE_TIMEOUT_MS with a 408 problem and closes', async () => {
    const bytes = Array.from({ length: 40 }, () => ' ');
    const res = await exchange(
      port,
      [
        'POST /predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n',
        ...bytes,
      ],
      { gapMs: 200 },
    );
    expect(res.status).toBe(408);
    expect(res.elapsedMs).toBeGreaterThan(1900);
    expect(res.elapsedMs).toBeLessThan(4000);
    expect(res.headers.connection).toBe('close');
    expect(problem(res)).toMatchObject({
      type: 'urn:scorefn:problem:request-timeout',
      status: 408,
      detail: 'The request body did not arrive in time.',
    });
  });
});

describe('requests Node would answer bare', () => {
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

  it('answers an HTTP/1.1 request without Host with a 400 problem', async () => {
    const res = await exchange(port, ['GET /health/live HTTP/1.1\r\nConnection: close\r\n\r\n']);
    expect(res.status).toBe(400);
    expect(problem(res)).toMatchObject({
      type: 'urn:scorefn:problem:bad-request',
      detail: 'An HTTP/1.1 request needs a Host header (RFC 9112 §3.2).',
    });
    const old = await exchange(port, ['GET /health/live HTTP/1.0\r\n\r\n']);
    expect(old.status).toBe(200);
  });

  it('answers an Expect it cannot meet with a 417 problem', async () => {
    const res = await exchange(port, [
      'POST /predict HTTP/1.1\r\nHost: x\r\nExpect: 200-ok\r\nContent-Length: 2\r\n\r\n',
    ]);
    expect(res.status).toBe(417);
    expect(res.headers.connection).toBe('close');
    expect(problem(res)).toMatchObject({
      type: 'urn:scorefn:problem:expectation-failed',
      status: 417,
    });
  });

  it('answers CONNECT with a 405 problem instead of dropping the connection', async () => {
    const res = await exchange(port, [
      'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n',
    ]);
    expect(res.status).toBe(405);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.headers.allow).toBe('GET, HEAD, POST, OPTIONS');
    expect(problem(res)).toMatchObject({ type: 'urn:scorefn:problem:method-not-allowed' });
  });

  it('still sends 100 Continue to a node:http client that asks for it within the limit', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          path: '/predict',
          method: 'POST',
          headers: { expect: '100-continue', 'content-type': 'application/json' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('continue', () => req.end('{}'));
      req.on('error', reject);
    });
    expect(status).toBe(400);
  });
});
