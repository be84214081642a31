import { PassThrough } from 'node:stream';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leanServer, type TestServer } from '../testing/test-servers.js';
import type { FunctionDefinition } from './function.js';
import { json } from './http.js';

/** A function whose routes answer with header values Node refuses to send. */
const broken: FunctionDefinition = {
  name: 'broken',
  routes: [
    {
      method: 'GET',
      path: '/bad-header',
      name: 'bad-header',
      handler: () =>
        json({ ok: true }, 200, { 'x-fine': 'yes', 'x-event-id': 'id\r\nx-forged: 1' }),
    },
    {
      method: 'GET',
      path: '/v2/bad-header',
      name: 'v2.bad-header',
      errors: 'kserve',
      handler: () => json({ ok: true }, 200, { 'x-event-id': 'é\u0100' }),
    },
    { method: 'GET', path: '/ok', name: 'ok', handler: () => json({ ok: true }) },
  ],
};

let lean: TestServer;
const lines: Record<string, unknown>[] = [];
beforeAll(async () => {
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n'))
      if (line !== '') lines.push(JSON.parse(line) as Record<string, unknown>);
  });
  lean = await leanServer(broken, { LOG_LEVEL: 'info' }, stream);
});
afterAll(async () => {
  await lean.services.registry.close();
});
const logged = (id: string) => lines.filter((l) => l.request_id === id);

describe('a reply that cannot be written', () => {
  it('becomes a 500 problem without the half-set headers, logged as an error and counted', async () => {
    const res = await request(lean.server).get('/bad-header').set('x-request-id', 'bad-1');
    expect(res.status).toBe(500);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.headers['x-fine']).toBeUndefined();
    expect(res.headers['x-request-id']).toBe('bad-1');
    expect(res.body).toMatchObject({ type: 'urn:scorefn:problem:internal', request_id: 'bad-1' });
    const entries = logged('bad-1');
    expect(entries.find((l) => l.severity === 'ERROR')).toMatchObject({
      message: 'response failed',
      error: expect.stringMatching(/ERR_INVALID_CHAR|Invalid character/) as unknown,
    });
    expect(entries.find((l) => l.message === 'request')).toMatchObject({
      status: 500,
      route: 'bad-header',
      problem: 'internal',
    });
    const metrics = await request(lean.server).get('/ok');
    expect(metrics.status).toBe(200);
    const text = await lean.services.metrics.registry.metrics();
    expect(text).toMatch(
      /scorefn_requests_total\{function="broken",route="bad-header",status="500"\} 1/,
    );
  });

  it("answers in the route's error style (KServe's {error} on V2 routes)", async () => {
    const res = await request(lean.server).get('/v2/bad-header');
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: 'The answer could not be sent; it has been logged.' });
  });
});

describe('traceparent in the access log', () => {
  const valid = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

  it('is logged when it is a W3C traceparent', async () => {
    await request(lean.server).get('/ok').set('x-request-id', 'tp-1').set('traceparent', valid);
    expect(logged('tp-1').find((l) => l.message === 'request')?.traceparent).toBe(valid);
  });

  it('is left out when malformed, however long', async () => {
    await request(lean.server)
      .get('/ok')
      .set('x-request-id', 'tp-2')
      .set('traceparent', `${valid}${'a'.repeat(8000)}`);
    await request(lean.server)
      .get('/ok')
      .set('x-request-id', 'tp-3')
      .set('traceparent', valid.toUpperCase());
    for (const id of ['tp-2', 'tp-3']) {
      const entry = logged(id).find((l) => l.message === 'request');
      expect(entry?.status).toBe(200);
      expect(entry).not.toHaveProperty('traceparent');
    }
  });
});
