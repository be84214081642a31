// GET /monitor[/{model}]: the report as a page, its query (window, model from the path), its
// errors as problems, and the same authentication as the report.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeMonitorStore, monitorFunction } from '../monitor.js';
import { openApiDocument } from '../openapi/document.js';
import { leanServer, type TestServer } from '../testing/test-servers.js';
import { pageQuery } from './page-route.js';
import { predictionEvent } from './testing/monitor-events.js';
import { ingestEvent } from './ingest.js';

const NOW = new Date('2026-03-02T00:00:00Z');
const params = (url: string, model?: string) =>
  Object.fromEntries(pageQuery(new URL(url, 'http://x'), model, NOW).searchParams);

describe('pageQuery', () => {
  it('turns window into from and to ending now (or at to), and takes the model from the path', () => {
    expect(params('/monitor?window=24h&bucket=hour', 'credit-gbdt')).toEqual({
      bucket: 'hour',
      model: 'credit-gbdt',
      to: '2026-03-02T00:00:00.000Z',
      from: '2026-03-01T00:00:00.000Z',
    });
    expect(params('/monitor?window=7d&to=2026-01-08T00:00:00Z')).toMatchObject({
      from: '2026-01-01T00:00:00.000Z',
    });
    expect(params('/monitor?window=7d&from=2025-12-01T00:00:00Z').from).toBe(
      '2025-12-01T00:00:00Z',
    );
    expect(params('/monitor?arm=shadow')).toEqual({ arm: 'shadow' });
  });

  it('refuses a window that is not hours or days with a 400 naming /window', () => {
    expect(() => params('/monitor?window=5w')).toThrow(
      expect.objectContaining({
        status: 400,
        errors: [expect.objectContaining({ pointer: '/window' })],
      }),
    );
  });
});

let lean: TestServer;
let secured: TestServer;
beforeAll(async () => {
  lean = await leanServer(monitorFunction, { MONITOR_DATA_DIR: 'memory://' });
  secured = await leanServer(monitorFunction, {
    MONITOR_DATA_DIR: 'memory://',
    AUTH_MODE: 'api-key',
    API_KEYS: 'k-1',
  });
  await ingestEvent(lean.services, predictionEvent('p-1', {}, { time: new Date().toISOString() }));
});
afterAll(async () => {
  for (const s of [lean, secured]) {
    await closeMonitorStore(s.services);
    await s.services.registry.close();
  }
});

describe('GET /monitor', () => {
  it('answers an HTML page under a strict CSP, for the default model or the one in the path', async () => {
    const res = await request(lean.server).get('/monitor?window=24h&bucket=hour');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toMatch(
      /^default-src 'none'; style-src 'sha256-/,
    );
    expect(res.text).toContain('<h1>credit-scorecard <span class="muted">v1.0.0</span></h1>');
    expect(res.text).toContain(
      '<span class="value">1</span><span class="label">Predictions (champion), 0 with a known outcome',
    );
    const gbdt = await request(lean.server).get('/monitor/credit-gbdt');
    expect(gbdt.text).toContain('<h1>credit-gbdt');
  });

  it('answers problems as the report does: unknown model 404, bad query 400, POST-only path 405', async () => {
    expect((await request(lean.server).get('/monitor/nope')).status).toBe(404);
    const bad = await request(lean.server).get('/monitor?bucket=week&window=x');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['#/window']);
    expect((await request(lean.server).get('/monitor/events')).status).toBe(405);
  });

  it('needs credentials when AUTH_MODE is on, like /monitor/report', async () => {
    expect((await request(secured.server).get('/monitor')).status).toBe(401);
    expect((await request(secured.server).get('/monitor/report')).status).toBe(401);
    const ok = await request(secured.server).get('/monitor').set('x-api-key', 'k-1');
    expect(ok.status).toBe(200);
  });
});

describe('the OpenAPI document', () => {
  it('documents both page routes as HTML with the window parameter', () => {
    const doc = openApiDocument({
      eventTypePrefix: 'dev.scorefn',
      models: [],
      defaultModel: undefined,
      maxRecords: 10,
    }) as {
      paths: Record<
        string,
        {
          get?: { parameters: { name: string }[]; responses: Record<string, { content?: object }> };
        }
      >;
    };
    for (const path of ['/monitor', '/monitor/{name}']) {
      const get = doc.paths[path]?.get;
      expect(Object.keys(get?.responses['200']?.content ?? {}), path).toEqual(['text/html']);
      expect(
        get?.parameters.map((p) => p.name),
        path,
      ).toContain('window');
    }
  });
});
