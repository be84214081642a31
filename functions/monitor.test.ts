import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monitorFunction, ingestEvent, closeMonitorStore, monitorSink } from './monitor.js';
import { HttpProblem } from './lib/problem.js';
import { MonitorReportSchema } from './monitor/report/schema.js';
import { withStore } from './monitor/store-handle.js';
import { outcomeEvent, predictionEvent } from './monitor/testing/monitor-events.js';
import { encode, TYPES } from './testing/test-events.js';
import { leanServer, type TestServer } from './testing/test-servers.js';

let lean: TestServer;
beforeAll(async () => {
  lean = await leanServer(monitorFunction, { MONITOR_DATA_DIR: 'memory://' });
});
afterAll(async () => {
  await closeMonitorStore(lean.services);
  await lean.services.registry.close();
});

const post = (
  event: ReturnType<typeof predictionEvent>,
  mode: 'binary' | 'structured' = 'binary',
  path = '/monitor/events',
) => {
  const { headers, body } = encode(event, mode);
  return request(lean.server).post(path).set(headers).send(body);
};
const rows = (table: string) =>
  withStore(lean.services, (db) =>
    db.query<{ event_id: string }>(`SELECT event_id FROM ${table} ORDER BY event_id`),
  );
const pointers = (body: { errors?: { pointer: string }[] }) =>
  (body.errors ?? []).map((e) => e.pointer).sort();

describe('monitor events', () => {
  it('answers 202 with no body to a binary or structured prediction.logged and an outcome.observed, and stores each once', async () => {
    const binary = await post(predictionEvent('p-1'));
    expect(binary.status).toBe(202);
    expect(binary.text).toBe('');
    expect((await post(predictionEvent('p-2'), 'structured', '/')).status).toBe(202);
    expect((await post(predictionEvent('p-1'))).status).toBe(202);
    expect((await post(outcomeEvent('p-1'))).status).toBe(202);
    expect((await post(outcomeEvent('p-1'))).status).toBe(202);
    expect((await rows('prediction_log')).map((r) => r.event_id)).toEqual(['p-1', 'p-2']);
    expect((await rows('outcome')).map((r) => r.event_id)).toEqual(['p-1']);
  });

  it('rejects invalid prediction data with a 400 naming every bad field', async () => {
    const event = predictionEvent('bad-1', {
      arm: 'blue' as 'champion',
      probability_bad: 1.5,
      request_id: undefined,
    });
    const res = await post(event);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(pointers(res.body)).toEqual(['#/arm', '#/probability_bad', '#/request_id']);
    const arm = (res.body.errors as { pointer: string; detail: string }[]).find(
      (e) => e.pointer === '#/arm',
    );
    expect(arm?.detail).toBe('must be one of "champion", "canary", "shadow"');
  });

  it('rejects an outcome without applicant key or with a malformed observed_at with a 400 naming the field', async () => {
    const res = await post(
      outcomeEvent('bad-2', { applicant_key: undefined, observed_at: 'yesterday' }),
    );
    expect(res.status).toBe(400);
    expect(pointers(res.body)).toEqual(['#/applicant_key', '#/observed_at']);
  });

  it('rejects an unknown event type, a non-CloudEvent and data PostgreSQL cannot store with a 400', async () => {
    const other = predictionEvent('t-1', {}, { type: TYPES.batchRequested });
    const res = await post(other);
    expect(res.status).toBe(400);
    expect(res.body.detail).toContain(TYPES.outcomeObserved);
    const plain = await request(lean.server)
      .post('/monitor/events')
      .set('content-type', 'application/json')
      .send('{}');
    expect(plain.status).toBe(400);
    const nul = await post(predictionEvent('nul-1', { request_id: 'a\u0000b' }));
    expect(nul.status).toBe(400);
    expect(nul.body.detail).toMatch(/cannot be stored: .*\(SQLSTATE 22/);
    expect(nul.body.detail).not.toMatch(/UTF8|byte sequence|0x00/);
  });

  it('answers 400 naming the field to values too long to index, never 503 (retried forever)', async () => {
    const long = 'k'.repeat(3000);
    const cases: [ReturnType<typeof predictionEvent>, string][] = [
      [outcomeEvent('long-1', { applicant_key: long }), '#/applicant_key'],
      [predictionEvent('long-2', { request_id: long }), '#/request_id'],
      [predictionEvent('long-3', { model: { name: long, version: '1' } }), '#/model/name'],
      [predictionEvent(long), '#/id'],
      [predictionEvent('long-5', {}, { source: `/${long}` }), '#/source'],
    ];
    for (const [event, pointer] of cases) {
      const res = await post(event, 'structured');
      expect(res.status, pointer).toBe(400);
      expect(pointers(res.body)).toEqual([pointer]);
    }
  });

  it('refuses an event without an id instead of storing it under a random one each time', async () => {
    const body = encode(predictionEvent('no-id'), 'structured').body.replace('"id":"no-id",', '');
    for (let delivery = 0; delivery < 2; delivery++) {
      const res = await request(lean.server)
        .post('/monitor/events')
        .set('content-type', 'application/cloudevents+json')
        .send(body);
      expect([res.status, pointers(res.body)]).toEqual([400, ['#/id']]);
    }
  });

  it('ingests in process for the local event path, telling a redelivery apart', async () => {
    expect(await ingestEvent(lean.services, predictionEvent('in-process'))).toEqual({
      kind: 'prediction',
      stored: true,
    });
    expect(await ingestEvent(lean.services, predictionEvent('in-process'))).toEqual({
      kind: 'prediction',
      stored: false,
    });
    await expect(
      ingestEvent(lean.services, predictionEvent('x', {}, { type: 'com.example.other' })),
    ).rejects.toBeInstanceOf(HttpProblem);
    await expect(monitorSink(lean.services)(predictionEvent('via-sink'))).resolves.toBeUndefined();
  });
});

describe('monitor report', () => {
  const validate = (() => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats.default(ajv);
    return ajv.compile(MonitorReportSchema);
  })();

  it('answers the report JSON of the default model, valid against its published schema', async () => {
    const res = await request(lean.server).get(
      '/monitor/report?from=2026-03-01T00:00:00Z&to=2026-03-03T00:00:00Z',
    );
    expect(res.status).toBe(200);
    expect(validate(res.body), JSON.stringify(validate.errors)).toBe(true);
    expect(res.body.model).toEqual({ name: 'credit-scorecard', version: '1.0.0' });
    expect(res.body.totals).toMatchObject({ predictions: 4, matured: 1 });
    expect(res.body.buckets.map((b: { start: string }) => b.start)).toEqual([
      '2026-03-01T00:00:00.000Z',
      '2026-03-02T00:00:00.000Z',
    ]);
  });

  it('names every bad query parameter in one 400, and answers 404 for an unknown model or version', async () => {
    const bad = await request(lean.server).get('/monitor/report?bucket=week&from=monday&arm=blue');
    expect(bad.status).toBe(400);
    expect(pointers(bad.body)).toEqual(['#/arm', '#/bucket', '#/from']);
    expect((await request(lean.server).get('/monitor/report?model=nope')).status).toBe(404);
    expect((await request(lean.server).get('/monitor/report?version=9.9.9')).status).toBe(404);
  });
});

describe('monitor with authentication on', () => {
  it('protects the report and keeps the CloudEvents endpoint open for the Broker', async () => {
    const secured = await leanServer(monitorFunction, {
      MONITOR_DATA_DIR: 'memory://',
      AUTH_MODE: 'api-key',
      API_KEYS: 'sesame',
    });
    try {
      const report = () => request(secured.server).get('/monitor/report');
      expect((await report()).status).toBe(401);
      expect((await report().set('x-api-key', 'sesame')).status).toBe(200);
      const { headers, body } = encode(predictionEvent('open-1'));
      expect((await request(secured.server).post('/').set(headers).send(body)).status).toBe(202);
    } finally {
      await closeMonitorStore(secured.services);
      await secured.services.registry.close();
    }
  });
});

describe('monitor without its database', () => {
  it('answers 503 with retry-after (so Knative retries) and stays live', async () => {
    const down = await leanServer(monitorFunction, {
      DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none',
    });
    try {
      const { headers, body } = encode(predictionEvent('down-1'));
      const res = await request(down.server).post('/monitor/events').set(headers).send(body);
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('1');
      expect((await request(down.server).get('/monitor/report')).status).toBe(503);
      expect((await request(down.server).get('/health/live')).status).toBe(200);
    } finally {
      await closeMonitorStore(down.services);
      await down.services.registry.close();
    }
  });
});
