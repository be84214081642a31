/** Test helpers: prediction and outcome records for the store's suite. */
import type { OutcomeRecord, PredictionRecord } from './writes.js';

export const model = { name: 'credit-scorecard', version: '1.0.0' };

/** A prediction record with overridable fields. */
export function prediction(id: string, over: Partial<PredictionRecord> = {}): PredictionRecord {
  return {
    event: { source: '/scorefn/predict', id },
    time: new Date('2026-03-01T10:00:00.000Z'),
    requestId: `req-${id}`,
    row: 0,
    applicantKey: `A-${id}`,
    functionName: 'predict',
    model,
    arm: 'champion',
    probability: 0.1 + 0.2,
    label: 'good',
    decision: 'approve',
    features: { checking_status: '<0', duration: 12, age: null },
    ...over,
  };
}

/** An outcome record of applicant `key`. */
export const outcome = (id: string, key: string, value: string, at: string): OutcomeRecord => ({
  event: { source: '/bank/outcomes', id },
  applicantKey: key,
  outcome: value,
  observedAt: new Date(at),
});
