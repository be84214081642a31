import { PassThrough } from 'node:stream';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { deadLetterFunction } from './dead-letter.js';
import { chunkEvent, encode, TYPES } from './testing/test-events.js';
import { applicants, leanServer } from './testing/test-servers.js';

describe('dead-letter', () => {
  it('logs and counts an event Knative gave up on, without its data, and answers 202', async () => {
    const stream = new PassThrough();
    let log = '';
    stream.on('data', (c: Buffer) => (log += c.toString()));
    const lean = await leanServer(deadLetterFunction, { LOG_LEVEL: 'warn' }, stream);
    const event = chunkEvent(applicants(1), {
      id: 'lost-1',
      knativeerrordest: 'http://batch-score.default.svc',
      knativeerrorcode: 503,
      knativeerrordata: 'timeout',
    });
    const { headers, body } = encode(event);
    const res = await request(lean.server).post('/').set(headers).send(body);
    expect(res.status).toBe(202);
    const entry = JSON.parse(log.split('\n')[0] ?? '{}') as Record<string, unknown>;
    expect(entry).toMatchObject({
      severity: 'WARN',
      ce_id: 'lost-1',
      error_code: '503',
      error_dest: 'http://batch-score.default.svc',
    });
    expect(log).not.toContain('credit_amount');
    const metrics = await request(lean.server).get('/metrics');
    expect(metrics.text).toContain(
      'scorefn_dead_letters_total{type="dev.scorefn.batch.requested",code="503"} 1',
    );
    expect(
      (await request(lean.server).post('/').set('content-type', 'application/json').send('{}'))
        .status,
    ).toBe(400);
    await lean.services.registry.close();
  });

  it('acknowledges an event whatever its data, logging the data size and never the data', async () => {
    const stream = new PassThrough();
    let log = '';
    stream.on('data', (c: Buffer) => (log += c.toString()));
    const lean = await leanServer(deadLetterFunction, { LOG_LEVEL: 'warn' }, stream);
    const ce = { 'ce-specversion': '1.0', 'ce-type': TYPES.batchRequested, 'ce-source': '/t' };
    const bad = [
      [{ ...ce, 'ce-id': 'd-1', 'content-type': 'application/json' }, '{not json'],
      [{ ...ce, 'ce-id': 'd-2', 'content-type': 'text/csv' }, Buffer.from([0xff, 0xfe, 0x00])],
      [
        { 'content-type': 'application/cloudevents+json' },
        JSON.stringify({
          specversion: '1.0',
          type: 'x',
          source: '/t',
          id: 'd-3',
          data_base64: '!!',
        }),
      ],
    ] as const;
    for (const [headers, body] of bad)
      expect((await request(lean.server).post('/').set(headers).send(body)).status).toBe(202);
    const entries = log
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(entries.map((e) => [e.ce_id, e.data_bytes])).toEqual([
      ['d-1', 9],
      ['d-2', 3],
      ['d-3', 1],
    ]);
    expect(log).not.toContain('not json');
    await lean.services.registry.close();
  });

  it('keeps the metric labels bounded: unknown types and codes count as other', async () => {
    const lean = await leanServer(deadLetterFunction);
    for (let i = 0; i < 30; i++) {
      const headers = {
        'ce-specversion': '1.0',
        'ce-id': `junk-${i}`,
        'ce-source': '/t',
        'ce-type': `com.example.junk${i}`,
        'ce-knativeerrorcode': i % 3 === 0 ? `${600 + i}` : i % 3 === 1 ? 'x%0Ay' : '503',
      };
      expect((await request(lean.server).post('/').set(headers).send('')).status).toBe(202);
    }
    const metrics = (await request(lean.server).get('/metrics')).text;
    const series = metrics.split('\n').filter((l) => l.startsWith('scorefn_dead_letters_total{'));
    expect(series.sort()).toEqual([
      'scorefn_dead_letters_total{type="other",code="503"} 10',
      'scorefn_dead_letters_total{type="other",code="other"} 10',
      'scorefn_dead_letters_total{type="other",code="unknown"} 10',
    ]);
    await lean.services.registry.close();
  });
});
