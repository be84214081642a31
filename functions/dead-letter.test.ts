import { PassThrough } from 'node:stream';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { deadLetterFunction } from './dead-letter.js';
import { chunkEvent, encode } from './testing/test-events.js';
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
});
