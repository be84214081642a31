/**
 * Ingesting one monitoring event: a `prediction.logged` or `outcome.observed` CloudEvent is
 * validated (400 naming the field when it never can be stored) and written once, keyed by its
 * source and id. The promise resolves only after the row is committed, so whoever acknowledges the
 * event (the HTTP handler, or the local in-process event path) never loses one.
 */
import type { CloudEvent } from 'cloudevents';
import { eventTypes } from '../events/contract.js';
import type { Services } from '../lib/function.js';
import { HttpProblem } from '../lib/problem.js';
import { outcomeData, predictionData } from './event-data.js';
import { withStore } from './store-handle.js';
import { insertOutcome, insertPrediction } from './store/writes.js';

export interface IngestResult {
  readonly kind: 'prediction' | 'outcome';
  /** False when the event had been stored before (a redelivery): nothing was written. */
  readonly stored: boolean;
}

function eventTime(event: CloudEvent<unknown>): Date {
  if (event.time === undefined) return new Date();
  const time = new Date(event.time);
  if (Number.isNaN(time.getTime()))
    throw new HttpProblem('bad-request', 'The event time is not a date-time.');
  return time;
}

/**
 * Validates and stores one event. Throws `HttpProblem`: 400 for an event that can never be stored
 * (unknown type, invalid data), 503 when the database is unavailable (try again: a repeat is
 * harmless).
 */
export async function ingestEvent(
  services: Services,
  event: CloudEvent<unknown>,
): Promise<IngestResult> {
  const types = eventTypes(services.config.eventTypePrefix);
  const identity = { source: event.source, id: event.id };
  if (event.type === types.predictionLogged) {
    const data = predictionData(event.type, event.data);
    const time = eventTime(event);
    const stored = await withStore(services, (db) =>
      insertPrediction(db, {
        event: identity,
        time,
        requestId: data.request_id,
        row: data.row,
        applicantKey: data.applicant_key,
        functionName: data.function,
        model: data.model,
        arm: data.arm,
        probability: data.probability_bad,
        label: String(data.label),
        decision: data.decision,
        features: data.features,
      }),
    );
    return { kind: 'prediction', stored };
  }
  if (event.type === types.outcomeObserved) {
    const data = outcomeData(event.type, event.data);
    const observedAt =
      data.observed_at === undefined ? eventTime(event) : new Date(data.observed_at);
    const record = {
      event: identity,
      applicantKey: data.applicant_key,
      outcome: String(data.outcome),
      observedAt,
    };
    const stored = await withStore(services, (db) => insertOutcome(db, record));
    return { kind: 'outcome', stored };
  }
  throw new HttpProblem(
    'bad-request',
    `The monitor takes ${types.predictionLogged} and ${types.outcomeObserved} events, not ${event.type}.`,
  );
}

/**
 * `ingestEvent` as an event sink for the local default, where the monitor stands in for the
 * Broker: resolves once the event is stored (or was already), rejects like `ingestEvent`.
 */
export function monitorSink(services: Services): (event: CloudEvent<unknown>) => Promise<void> {
  return async (event) => {
    await ingestEvent(services, event);
  };
}
