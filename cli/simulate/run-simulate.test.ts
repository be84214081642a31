// runSimulation against a fake server: what is sent (keys, records, outcome events), the counts
// in the summary, retries of transient failures, the outcome delay, the rate and the exit code.
import { PassThrough } from 'node:stream';
import { HTTP } from 'cloudevents';
import { describe, expect, it } from 'vitest';
import { loadCreditData } from '../../model/data/credit-g.js';
import { DEFAULTS, type SimulateOptions } from './options.js';
import { GIVE_UP_AFTER, runSimulation, type SimulateIo } from './run-simulate.js';
import type { HttpAnswer, HttpMessage } from './send.js';
import { planTraffic } from './traffic.js';

const data = loadCreditData();
interface Call {
  readonly url: string;
  readonly message: HttpMessage;
  readonly at: number;
}

/** A fake server and clock: `answer` decides each reply; sleeping advances the clock. */
function fake(answer: (call: Call, n: number) => HttpAnswer) {
  const calls: Call[] = [];
  const sleeps: number[] = [];
  const clock = { now: 0 };
  const err: string[] = [];
  const stderr = new PassThrough();
  stderr.on('data', (b: Buffer) => err.push(b.toString()));
  const io: SimulateIo = {
    stderr,
    data,
    now: () => clock.now,
    random: () => 0.5,
    sleep: (ms) => {
      sleeps.push(ms);
      clock.now += ms;
      return Promise.resolve();
    },
    post: (url, message) => {
      const call = { url, message, at: clock.now };
      calls.push(call);
      return Promise.resolve(answer(call, calls.length));
    },
  };
  return { io, calls, sleeps, stderr: () => err.join('') };
}

const scored = (decision: string, arm?: string): HttpAnswer => ({
  status: 200,
  headers: {},
  body: JSON.stringify({ model: { name: 'm', version: '1' }, decision, ...(arm ? { arm } : {}) }),
});
const accepted: HttpAnswer = { status: 202, headers: {}, body: '' };
const options = (over: Partial<SimulateOptions> = {}): SimulateOptions => ({
  ...DEFAULTS,
  target: 'http://scorer',
  monitor: 'http://scorer/monitor/events',
  applicants: 50,
  keyPrefix: 'sim-',
  drift: [],
  outcomes: 0.6,
  ...over,
});
const normal = (call: Call) =>
  call.url.endsWith('/predict')
    ? scored(call.message.body.includes('"no checking"') ? 'approve' : 'decline')
    : accepted;

describe('runSimulation', () => {
  it('posts every planned applicant with its key, then the true outcome of the reported share', async () => {
    const f = fake(normal);
    const summary = await runSimulation(options(), f.io);
    const plan = planTraffic(data, options());
    const predictions = f.calls.filter((c) => c.url === 'http://scorer/predict');
    expect(predictions.map((c) => c.message.headers['x-applicant-key']).sort()).toEqual(
      plan.map((a) => a.key).sort(),
    );
    const byKey = new Map(plan.map((a) => [a.key, a]));
    for (const c of predictions)
      expect(JSON.parse(c.message.body)).toEqual(
        byKey.get(c.message.headers['x-applicant-key'] ?? '')?.record,
      );
    const events = f.calls
      .filter((c) => c.url === 'http://scorer/monitor/events')
      .map(
        (c) =>
          HTTP.toEvent({ headers: { ...c.message.headers }, body: c.message.body }) as {
            type: string;
            id: string;
            data: { applicant_key: string; outcome: string };
          },
      );
    expect(events).toHaveLength(30);
    for (const e of events) {
      expect(e.type).toBe('dev.scorefn.outcome.observed');
      expect(e.id).toBe(`outcome:${e.data.applicant_key}`);
      expect(e.data.outcome).toBe(byKey.get(e.data.applicant_key)?.outcome);
      expect(byKey.get(e.data.applicant_key)?.reported).toBe(true);
    }
    const approvals = plan.filter((a) => a.record.checking_status === 'no checking').length;
    expect(summary.predictions).toMatchObject({ answered: 50, failed: 0 });
    expect(summary.predictions.decisions).toContainEqual({ name: 'approve', count: approvals });
    expect(summary.outcomes.stored).toBe(30);
    expect(summary.exitCode).toBe(0);
    expect(f.stderr()).toContain('50 answered, 0 failed');
  });

  it('retries a 503 and a network error, gives up at once on a 400, and exits 1 on any failure', async () => {
    const f = fake((call, n) => {
      if (call.url.endsWith('/predict') && n <= 2)
        return { status: 503, headers: { 'retry-after': '1' }, body: '' };
      if (call.message.headers['x-applicant-key'] === 'sim-7')
        return { status: 400, headers: {}, body: JSON.stringify({ detail: 'purpose is wrong' }) };
      return normal(call);
    });
    const summary = await runSimulation(options({ concurrency: 1 }), f.io);
    expect(f.sleeps.slice(0, 2).every((ms) => ms >= 1000)).toBe(true);
    expect(f.calls.filter((c) => c.message.headers['x-applicant-key'] === 'sim-7')).toHaveLength(1);
    expect(summary.predictions).toMatchObject({ answered: 49, failed: 1 });
    expect(summary.failures).toEqual([{ name: 'prediction: 400: purpose is wrong', count: 1 }]);
    expect(summary.exitCode).toBe(1);
    expect(f.stderr()).toContain('failed 1×: prediction: 400: purpose is wrong');
  });

  it('gives up, exit code 1, when the first predictions all fail (no server there)', async () => {
    const f = fake(() => {
      throw Object.assign(new Error('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    });
    const summary = await runSimulation(
      options({ applicants: 1000, retries: 0, concurrency: 4 }),
      f.io,
    );
    expect(summary.predictions.sent).toBeGreaterThanOrEqual(GIVE_UP_AFTER);
    expect(summary.predictions.sent).toBeLessThan(GIVE_UP_AFTER + 4);
    expect(summary.failures).toEqual([
      { name: 'prediction: ECONNREFUSED', count: summary.predictions.sent },
    ]);
    expect(summary.exitCode).toBe(1);
    expect(f.stderr()).toContain('no prediction was answered (is the server at http://scorer?)');
  });

  it('waits the outcome delay after the last prediction, and keeps to the rate', async () => {
    const f = fake(normal);
    await runSimulation(
      options({ applicants: 20, rate: 10, outcomeDelayMs: 5000, concurrency: 4 }),
      f.io,
    );
    const predictions = f.calls.filter((c) => c.url.endsWith('/predict'));
    // 10 per second: applicant i starts no earlier than i × 100 ms
    predictions.forEach((c, i) => {
      expect(c.at).toBeGreaterThanOrEqual(i * 100);
    });
    const lastPrediction = Math.max(...predictions.map((c) => c.at));
    const firstOutcome = Math.min(
      ...f.calls.filter((c) => c.url.endsWith('/events')).map((c) => c.at),
    );
    expect(firstOutcome - lastPrediction).toBeGreaterThanOrEqual(5000);
  });
});
