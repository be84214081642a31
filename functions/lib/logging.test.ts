import { PassThrough } from 'node:stream';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { predictFunction } from '../predict.js';
import { applicants, leanServer } from '../testing/test-servers.js';

describe('request logs', () => {
  it('write one JSON line per request with severity, ids, function, model version, status and latency, never the record', async () => {
    const stream = new PassThrough();
    const lines: string[] = [];
    stream.on('data', (chunk: Buffer) =>
      lines.push(
        ...chunk
          .toString('utf8')
          .split('\n')
          .filter((l) => l !== ''),
      ),
    );
    const lean = await leanServer(
      predictFunction,
      { LOG_LEVEL: 'info', K_SERVICE: 'predict', K_REVISION: 'predict-00001' },
      stream,
    );
    const record = { ...applicants(1)[0], credit_amount: 987_654 };
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    await request(lean.server)
      .post('/predict')
      .set('x-request-id', 'abc-1')
      .set('traceparent', traceparent)
      .send(record);
    await request(lean.server)
      .post('/predict')
      .send({ ...record, purpose: 'secret-yacht' });
    await lean.services.registry.close();
    const entries = lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((e) => e.message === 'request');
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({
      severity: 'INFO',
      request_id: 'abc-1',
      traceparent,
      function: 'predict',
      route: 'predict',
      status: 200,
      model: 'credit-scorecard',
      version: '1.0.0',
      records: 1,
      labels: { service: 'predict', revision: 'predict-00001' },
    });
    expect(typeof entries[0]?.latency_ms).toBe('number');
    expect(entries[1]).toMatchObject({ status: 400, problem: 'invalid-input' });
    const all = lines.join('\n');
    expect(all).not.toContain('987654');
    expect(all).not.toContain('secret-yacht');
  });
});
