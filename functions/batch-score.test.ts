import { getTestServer } from '@google-cloud/functions-framework/testing';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { batchScoreFunction } from './batch-score.js';
import './predict.js';
import type { BatchScored } from './events/contract.js';
import { chunkEvent, decodeReply, encode, TYPES } from './testing/test-events.js';
import { applicants, leanServer } from './testing/test-servers.js';

const server = () => getTestServer('batch-score');
const rows = applicants(4).map((r, i) => ({ applicant_id: `A${i}`, ...r }));

async function send(
  event = chunkEvent(rows, { keycolumn: 'applicant_id' }),
  mode: 'binary' | 'structured' = 'binary',
  app: Parameters<typeof request>[0] = server(),
) {
  const { headers, body } = encode(event, mode);
  return request(app).post('/batch-score').set(headers).send(body);
}

describe('batch-score', () => {
  for (const mode of ['binary', 'structured'] as const) {
    it(`answers a ${mode}-mode chunk with a binary batch.scored reply carrying the correlation extensions`, async () => {
      const res = await send(undefined, mode);
      expect(res.status).toBe(200);
      expect(res.headers['ce-type']).toBe(TYPES.batchScored);
      expect(res.headers['ce-specversion']).toBe('1.0');
      expect(res.headers['ce-causationid']).toBe('chunk-0');
      expect(res.headers['ce-batchid']).toBe('b1');
      expect(res.headers['ce-chunkindex']).toBe('0');
      expect(res.headers['ce-chunkcount']).toBe('1');
      const reply = decodeReply(res.headers, res.text);
      const data = reply.data as BatchScored;
      expect(data).toMatchObject({
        batch_id: 'b1',
        chunk_index: 0,
        chunk_count: 1,
        rows: 4,
        scored: 4,
        rejected: 0,
        model: { name: 'credit-scorecard' },
      });
      expect(data.results.map((r) => [r.row, r.key])).toEqual([
        [0, 'A0'],
        [1, 'A1'],
        [2, 'A2'],
        [3, 'A3'],
      ]);
      const native = await request(getTestServer('predict')).post('/predict').send(applicants(4));
      expect(data.results.map((r) => ('probability_bad' in r ? r.probability_bad : null))).toEqual(
        native.body.predictions.map((p: { probability_bad: number }) => p.probability_bad),
      );
    });
  }

  it('scores CSV chunks, turning numeric cells into numbers and naming the bad field of a bad row', async () => {
    const header = Object.keys(rows[0] ?? {});
    const lines = rows.map((r, i) =>
      header
        .map((h) => (h === 'age' && i === 2 ? 'old' : JSON.stringify(r[h as keyof typeof r])))
        .join(','),
    );
    const res = await send(
      chunkEvent(
        [header.join(','), ...lines].join('\n'),
        { keycolumn: 'applicant_id', id: 'csv-1' },
        'text/csv',
      ),
    );
    expect(res.status).toBe(200);
    const data = decodeReply(res.headers, res.text).data as BatchScored;
    expect(data).toMatchObject({ rows: 4, scored: 3, rejected: 1 });
    expect(data.results[2]).toEqual({
      row: 2,
      key: 'A2',
      errors: [{ pointer: '/age', detail: 'must be a whole number' }],
    });
  });

  it('answers a redelivered event identically and counts its records once', async () => {
    const lean = await leanServer(batchScoreFunction);
    const event = chunkEvent(rows, { id: 'dup-1', keycolumn: 'applicant_id' });
    const first = await send(event, 'binary', lean.server);
    const again = await send(event, 'structured', lean.server);
    expect(again.text).toBe(first.text);
    expect(again.headers['ce-id']).toBe(first.headers['ce-id']);
    const metrics = await request(lean.server).get('/metrics');
    expect(metrics.text).toMatch(
      /scorefn_score_count\{model="credit-scorecard",version="1.0.0"\} 4\n/,
    );
    await lean.services.registry.close();
  });

  it('answers chunks in any order, each reply naming its own chunk', async () => {
    const late = await send(
      chunkEvent(rows.slice(0, 2), { id: 'c2', chunkindex: 2, chunkcount: 3 }),
    );
    const early = await send(chunkEvent(rows.slice(2), { id: 'c0', chunkindex: 0, chunkcount: 3 }));
    expect([late.headers['ce-chunkindex'], early.headers['ce-chunkindex']]).toEqual(['2', '0']);
    expect((decodeReply(late.headers, late.text).data as BatchScored).rows).toBe(2);
  });

  it('answers 400 (never retried) to poison events: not a CloudEvent, wrong type, bad data, bad extensions', async () => {
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ 'content-type': 'application/json' }, '[]', /Not a valid CloudEvent/],
      [
        { ...encode(chunkEvent(rows)).headers, 'ce-source': '' },
        encode(chunkEvent(rows)).body,
        /Not a valid CloudEvent/,
      ],
      [
        { ...encode(chunkEvent(rows)).headers, 'ce-specversion': '0.3' },
        encode(chunkEvent(rows)).body,
        /specversion must be 1.0/,
      ],
      [
        encode(chunkEvent(rows, { type: 'com.example.other' })).headers,
        encode(chunkEvent(rows)).body,
        /takes dev.scorefn.batch.requested events/,
      ],
      [
        encode(chunkEvent({ not: 'an array' }, { id: 'p1' })).headers,
        JSON.stringify({ not: 'an array' }),
        /array of records/,
      ],
      [
        encode(chunkEvent('a,b\n"1,2', { id: 'p2' }, 'text/csv')).headers,
        'a,b\n"1,2',
        /not valid CSV/,
      ],
      [
        encode(chunkEvent(rows, { id: 'p3', chunkindex: 'first' })).headers,
        JSON.stringify(rows),
        /chunkindex must be a non-negative integer/,
      ],
      [
        encode(chunkEvent(rows, { id: 'p4', model: 'nope' })).headers,
        JSON.stringify(rows),
        /No model named 'nope'/,
      ],
      [
        encode(chunkEvent(rows, { id: 'p5' }, 'application/xml')).headers,
        '<a/>',
        /datacontenttype must be/,
      ],
    ];
    for (const [headers, body, message] of cases) {
      const res = await request(server()).post('/batch-score').set(headers).send(body);
      expect(res.status, String(message)).toBe(400);
      expect(res.body.detail).toMatch(message);
    }
  });

  it('answers 413 to a chunk above BATCH_MAX_RECORDS', async () => {
    const lean = await leanServer(batchScoreFunction, { BATCH_MAX_RECORDS: '3' });
    const res = await send(chunkEvent(rows), 'binary', lean.server);
    expect(res.status).toBe(413);
    await lean.services.registry.close();
  });

  it('sends the reply to K_SINK and answers 202 with no body; 503 (retried) when the sink is down', async () => {
    const received: { headers: Record<string, unknown>; body: string }[] = [];
    const sink = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.writeHead(202).end();
      });
    });
    await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(sink.address() as AddressInfo).port}/`;
    const lean = await leanServer(batchScoreFunction, { K_SINK: url });
    const res = await send(chunkEvent(rows, { id: 'sink-1' }), 'binary', lean.server);
    expect(res.status).toBe(202);
    expect(res.text).toBe('');
    expect(received).toHaveLength(1);
    const reply = decodeReply(received[0]?.headers ?? {}, received[0]?.body ?? '');
    expect(reply.type).toBe(TYPES.batchScored);
    expect((reply.data as BatchScored).rows).toBe(4);
    sink.close();
    const down = await send(chunkEvent(rows, { id: 'sink-2' }), 'binary', lean.server);
    expect(down.status).toBe(503);
    await lean.services.registry.close();
  });
});
