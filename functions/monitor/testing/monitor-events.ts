/** Test helpers: monitoring CloudEvents (prediction.logged, outcome.observed) and their delivery. */
import { CloudEvent } from 'cloudevents';
import type { OutcomeObserved, PredictionLogged } from '../../events/contract.js';
import { encode, TYPES } from '../../testing/test-events.js';

/** A valid prediction.logged event; `data` fields override the defaults. */
export function predictionEvent(
  id: string,
  data: Partial<PredictionLogged> = {},
  extra: Record<string, unknown> = {},
) {
  const body: PredictionLogged = {
    request_id: `req-${id}`,
    row: 0,
    applicant_key: `A-${id}`,
    function: 'predict',
    model: { name: 'credit-scorecard', version: '1.0.0' },
    arm: 'champion',
    features: { checking_status: '<0', duration: 24, age: 35 },
    probability_bad: 0.42,
    label: 'bad',
    decision: 'decline',
    ...data,
  };
  return new CloudEvent<unknown>({
    specversion: '1.0',
    type: TYPES.predictionLogged,
    source: '/scorefn/predict',
    id,
    time: '2026-03-01T12:00:00.000Z',
    datacontenttype: 'application/json',
    ...extra,
    data: body,
  });
}

/** A valid outcome.observed event. */
export function outcomeEvent(id: string, data: Partial<OutcomeObserved> = {}) {
  return new CloudEvent<unknown>({
    specversion: '1.0',
    type: TYPES.outcomeObserved,
    source: '/bank/loans',
    id,
    time: '2026-09-01T00:00:00.000Z',
    datacontenttype: 'application/json',
    data: { applicant_key: `A-${id}`, outcome: 'bad', ...data },
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface Delivery {
  readonly acked: boolean;
  /** Every non-2xx status seen (0 for a connection error). */
  readonly failures: readonly number[];
}

/**
 * Delivers one event as Knative's dispatcher does: POST in binary mode, retry on 5xx or a
 * connection error with exponential backoff (100 ms doubling, at most 1 s), give up on 4xx or
 * after `attempts`.
 */
export async function deliver(
  url: string,
  event: CloudEvent<unknown>,
  attempts = 60,
): Promise<Delivery> {
  const { headers, body } = encode(event);
  const failures: number[] = [];
  for (let attempt = 0; attempt < attempts; attempt++) {
    let status: number;
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(10_000),
      });
      await res.arrayBuffer();
      status = res.status;
    } catch {
      status = 0;
    }
    if (status >= 200 && status < 300) return { acked: true, failures };
    failures.push(status);
    if (status >= 400 && status < 500) break;
    await sleep(Math.min(100 * 2 ** attempt, 1000));
  }
  return { acked: false, failures };
}
