// batch-score and the attributes of the events it takes and sends: checked as sent, echoed as
// valid (percent-encoded) headers, bounded so a reply fits a header and a logged prediction the
// monitor's index; a refused event is refused on every delivery, never answered from the cache.
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { batchScoreFunction } from './batch-score.js';
import type { BatchScored } from './events/contract.js';
import { receiveEvent } from './events/http-binding.js';
import { closeMonitorStore, monitorSink } from './monitor.js';
import { withStore } from './monitor/store-handle.js';
import { chunkEvent, encode, TYPES } from './testing/test-events.js';
import { applicants, leanServer } from './testing/test-servers.js';

const records = applicants(2);
const envelope = (extra: Record<string, unknown> = {}) => ({
  specversion: '1.0',
  type: TYPES.batchRequested,
  source: '/tests/attributes',
  id: 'attr-1',
  data: records,
  ...extra,
});
const structured = (
  body: unknown,
  app: Parameters<typeof request>[0] = getTestServer('batch-score'),
) =>
  request(app)
    .post('/batch-score')
    .set('content-type', 'application/cloudevents+json')
    .send(JSON.stringify(body));
const pointers = (body: { errors?: { pointer: string }[] }) =>
  (body.errors ?? []).map((e) => e.pointer);
/** A binary-mode reply read back the way the spec says (headers percent-decoded). */
const reply = (headers: IncomingHttpHeaders, text: string) =>
  receiveEvent(headers, Buffer.from(text)).event as unknown as Record<string, unknown>;

describe('batch-score event attributes', () => {
  it('answers 400 naming the id to an id holding a newline, on every delivery (never a cached 500)', async () => {
    for (const id of ['a\nb', 'a\nb', 'a\u0000b', 'a\u007fb', 'a\ud800b']) {
      const res = await structured(envelope({ id }));
      expect(res.status, JSON.stringify(id)).toBe(400);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(pointers(res.body)).toEqual(['#/id']);
    }
  });

  it('echoes an id and a batch id beyond Latin-1 as percent-encoded headers, the same on redelivery', async () => {
    const event = envelope({ id: 'a\u20acb\u202ec', batchid: 'lot-\u20ac 1' });
    const first = await structured(event);
    expect(first.status).toBe(200);
    expect(first.headers['ce-causationid']).toBe('a%E2%82%ACb%E2%80%AEc');
    expect(first.headers['ce-batchid']).toBe('lot-%E2%82%AC%201');
    const decoded = reply(first.headers, first.text);
    expect([decoded.causationid, decoded.batchid]).toEqual(['a\u20acb\u202ec', 'lot-\u20ac 1']);
    expect((decoded.data as BatchScored).batch_id).toBe('lot-\u20ac 1');
    const again = await structured(event);
    expect([again.status, again.text]).toEqual([200, first.text]);
  });

  it('refuses an id over 256 bytes, a batch id over 1 KB and a 1 MB id with a 400 naming the attribute', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ id: 'x'.repeat(257) }, '#/id'],
      [{ id: '\u20ac'.repeat(86) }, '#/id'],
      [{ batchid: 'b'.repeat(1025) }, '#/batchid'],
      [{ id: 'x'.repeat(1024 * 1024) }, '#/id'],
    ];
    for (const [extra, pointer] of cases) {
      const res = await structured(envelope(extra));
      expect(res.status, pointer).toBe(400);
      expect(pointers(res.body)).toEqual([pointer]);
    }
  });

  it('refuses missing or invalid required attributes instead of inventing them', async () => {
    const bodies = [
      [envelope({ id: undefined }), '#/id'],
      [envelope({ id: '' }), '#/id'],
      [envelope({ id: null }), '#/id'],
      [envelope({ specversion: undefined }), '#/specversion'],
      [envelope({ time: 5 }), '#/time'],
      [envelope({ time: 'yesterday' }), '#/time'],
    ] as const;
    for (const [body, pointer] of bodies) {
      const res = await structured(body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(pointers(res.body)).toEqual([pointer]);
    }
    const { headers, body } = encode(chunkEvent(records, { id: 'no-version' }));
    const binary = async (change: Record<string, string | undefined>) => {
      const set = Object.fromEntries(
        Object.entries({ ...headers, ...change }).filter(
          (e): e is [string, string] => e[1] !== undefined,
        ),
      );
      return request(getTestServer('batch-score')).post('/').set(set).send(body);
    };
    expect(pointers((await binary({ 'ce-specversion': undefined })).body)).toEqual([
      '#/specversion',
    ]);
    expect(pointers((await binary({ 'ce-time': 'yesterday' })).body)).toEqual(['#/time']);
  });

  it('sends percent-encoded headers to K_SINK, so a reply to any valid id is delivered', async () => {
    const received: IncomingHttpHeaders[] = [];
    const sink = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        received.push(req.headers);
        res.writeHead(202).end();
      });
    });
    await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(sink.address() as AddressInfo).port}/`;
    const lean = await leanServer(batchScoreFunction, { K_SINK: url });
    try {
      const res = await structured(envelope({ id: 'sink-\u20ac\u202e' }), lean.server);
      expect(res.status).toBe(202);
      expect(received[0]?.['ce-causationid']).toBe('sink-%E2%82%AC%E2%80%AE');
    } finally {
      sink.close();
      await lean.services.registry.close();
    }
  });

  it('logs the predictions of an event with the longest id it takes, and the monitor stores them', async () => {
    const lean = await leanServer(batchScoreFunction, { MONITOR_DATA_DIR: 'memory://' });
    lean.services.events.connect(monitorSink(lean.services));
    try {
      const id = `${'\u20ac'.repeat(85)}x`;
      expect(Buffer.byteLength(id)).toBe(256);
      expect((await structured(envelope({ id }), lean.server)).status).toBe(200);
      await lean.services.events.drain(10_000);
      const rows = await withStore(lean.services, (db) =>
        db.query('SELECT row_index FROM prediction_log WHERE request_id = $1', [id]),
      );
      expect(rows).toHaveLength(records.length);
      const metrics = await request(lean.server).get('/metrics');
      expect(metrics.text).not.toMatch(/scorefn_events_dropped_total\{[^}]*\} [1-9]/);
    } finally {
      await lean.services.events.drain(1000);
      await closeMonitorStore(lean.services);
      await lean.services.registry.close();
    }
  });
});
