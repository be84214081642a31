import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { batchScoreFunction } from '../batch-score.js';
import type { PredictionLogged } from '../events/contract.js';
import { predictFunction } from '../predict.js';
import { chunkEvent, encode } from '../testing/test-events.js';
import { applicants, leanServer } from '../testing/test-servers.js';
import { testSink, type TestSink } from '../testing/test-sink.js';
import { bucketOf } from './inference-log.js';

const sinks: TestSink[] = [];
afterAll(async () => {
  await Promise.all(sinks.map((s) => s.close()));
});
async function sink(options: { hang?: boolean } = {}) {
  const s = await testSink(options);
  sinks.push(s);
  return s;
}
const data = (e: { data?: unknown }) => e.data as PredictionLogged;

describe('the inference log', () => {
  it('emits one prediction.logged per record to K_SINK, with key, model, arm, features and score', async () => {
    const s = await sink();
    const lean = await leanServer(predictFunction, {
      K_SINK: s.url,
      LOG_MASK_FIELDS: 'personal_status,age',
    });
    const records = applicants(3);
    const res = await request(lean.server)
      .post('/predict')
      .set('x-applicant-key', 'A1,A2,A3')
      .set('x-request-id', 'r-1')
      .send(records);
    expect(res.status).toBe(200);
    const events = await s.waitFor(3);
    const logged = events.map(data).sort((a, b) => a.row - b.row);
    expect(events[0]?.type).toBe('dev.scorefn.prediction.logged');
    expect(events.map((e) => e.id).sort()).toEqual([
      'r-1:0:champion',
      'r-1:1:champion',
      'r-1:2:champion',
    ]);
    expect(logged.map((l) => l.applicant_key)).toEqual(['A1', 'A2', 'A3']);
    expect(logged[1]).toMatchObject({
      request_id: 'r-1',
      function: 'predict',
      arm: 'champion',
      model: { name: 'credit-scorecard' },
      probability_bad: res.body.predictions[1].probability_bad,
      decision: res.body.predictions[1].decision,
    });
    expect(logged[1]?.features).toMatchObject({
      purpose: records[1]?.purpose,
      age: null,
      personal_status: null,
    });
    await lean.services.registry.close();
  });

  it('scores every request in shadow with SHADOW_MODEL, logged but never returned', async () => {
    const s = await sink();
    const lean = await leanServer(predictFunction, { K_SINK: s.url, SHADOW_MODEL: 'credit-gbdt' });
    const res = await request(lean.server)
      .post('/predict')
      .set('x-request-id', 'r-2')
      .send(applicants(1)[0]);
    expect(res.body.model.name).toBe('credit-scorecard');
    expect(res.body).not.toHaveProperty('arm');
    const events = await s.waitFor(2);
    const shadow = events.map(data).find((l) => l.arm === 'shadow');
    expect(shadow).toMatchObject({ request_id: 'r-2', row: 0, model: { name: 'credit-gbdt' } });
    await lean.services.registry.close();
  });

  it('keeps answering at full speed while the sink hangs, dropping and counting what does not fit', async () => {
    const s = await sink({ hang: true });
    const lean = await leanServer(predictFunction, {
      K_SINK: s.url,
      EVENT_QUEUE_SIZE: '10',
      EVENT_SEND_CONCURRENCY: '2',
    });
    for (let i = 0; i < 5; i++)
      expect((await request(lean.server).post('/predict').send(applicants(10))).status).toBe(200);
    await new Promise((r) => setTimeout(r, 20));
    const metrics = await request(lean.server).get('/metrics');
    expect(metrics.text).toMatch(
      /scorefn_events_dropped_total\{type="dev.scorefn.prediction.logged",reason="queue_full"\} 38/,
    );
    await lean.services.registry.close();
  });

  it('sends CANARY_PERCENT of applicants to the canary model, by a stable hash of their key', async () => {
    const lean = await leanServer(predictFunction, {
      CANARY_MODEL: 'credit-gbdt',
      CANARY_PERCENT: '30',
    });
    const record = applicants(1)[0];
    const keys = Array.from({ length: 200 }, (_, i) => `applicant-${i}`);
    const models: string[] = [];
    for (const key of keys)
      models.push(
        (await request(lean.server).post('/predict').set('x-applicant-key', key).send(record)).body
          .model.name,
      );
    keys.forEach((key, i) => {
      expect(models[i]).toBe(bucketOf(key) < 30 ? 'credit-gbdt' : 'credit-scorecard');
    });
    const share = models.filter((m) => m === 'credit-gbdt').length / keys.length;
    expect(share).toBeGreaterThan(0.2);
    expect(share).toBeLessThan(0.4);
    const again = await request(lean.server)
      .post('/predict')
      .set('x-applicant-key', 'applicant-7')
      .send(record);
    expect(again.body.model.name).toBe(models[7]);
    await lean.services.registry.close();
  });

  it('logs the scored records of a batch chunk once, with their keys, even when the chunk is redelivered', async () => {
    const s = await sink();
    const lean = await leanServer(batchScoreFunction, { K_SINK: s.url });
    const rows = applicants(3).map((r, i) => ({ id: `K${i}`, ...r }));
    rows[1] = { ...rows[1], age: 'x' } as (typeof rows)[number];
    const { headers, body } = encode(chunkEvent(rows, { id: 'log-1', keycolumn: 'id' }));
    expect((await request(lean.server).post('/').set(headers).send(body)).status).toBe(202);
    await s.waitFor(3); // the reply and two logged records
    expect((await request(lean.server).post('/').set(headers).send(body)).status).toBe(202);
    await new Promise((r) => setTimeout(r, 100));
    // the redelivery is answered from the replay cache: no second reply, nothing logged twice
    expect(s.events).toHaveLength(3);
    const logged = s.events.filter((e) => e.type.endsWith('prediction.logged')).map(data);
    expect(logged.map((l) => [l.row, l.applicant_key]).sort()).toEqual([
      [0, 'K0'],
      [2, 'K2'],
    ]);
    await lean.services.registry.close();
  });
});
