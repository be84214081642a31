/**
 * Writing monitoring events: one row per event, idempotent on the event's identity (CloudEvents
 * `source` + `id`), so a redelivery (Knative retries until it gets a 2xx) never counts twice.
 * Each call is one autocommitted statement: when it resolves the row is durable, and only then may
 * the event be acknowledged.
 */
import type { Arm } from '../../events/contract.js';
import type { Queryable } from './db.js';

/** Which event a row came from (unique together). */
export interface EventIdentity {
  readonly source: string;
  readonly id: string;
}

export interface PredictionRecord {
  readonly event: EventIdentity;
  /** When the prediction was made (the event's `time`). */
  readonly time: Date;
  readonly requestId: string;
  readonly row: number;
  readonly applicantKey: string | undefined;
  readonly functionName: string;
  readonly model: { readonly name: string; readonly version: string };
  readonly arm: Arm;
  readonly probability: number;
  readonly label: string;
  readonly decision: string;
  readonly features: Readonly<Record<string, string | number | null>>;
}

export interface OutcomeRecord {
  readonly event: EventIdentity;
  readonly applicantKey: string;
  readonly outcome: string;
  readonly observedAt: Date;
}

const INSERT_PREDICTION = `INSERT INTO prediction_log (event_source, event_id, logged_at, request_id,
  row_index, applicant_key, function_name, model_name, model_version, arm, probability_bad, label,
  decision, features)
VALUES ($1, $2, $3::timestamptz, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::jsonb)
ON CONFLICT (event_source, event_id) DO NOTHING
RETURNING 1 AS inserted`;

const INSERT_OUTCOME = `INSERT INTO outcome (event_source, event_id, applicant_key, outcome, observed_at)
VALUES ($1, $2, $3, $4, $5::timestamptz)
ON CONFLICT (event_source, event_id) DO NOTHING
RETURNING 1 AS inserted`;

/** Stores a prediction; resolves true when it is new, false when the event was already stored. */
export async function insertPrediction(db: Queryable, p: PredictionRecord): Promise<boolean> {
  const rows = await db.query(INSERT_PREDICTION, [
    p.event.source,
    p.event.id,
    p.time.toISOString(),
    p.requestId,
    p.row,
    p.applicantKey ?? null,
    p.functionName,
    p.model.name,
    p.model.version,
    p.arm,
    p.probability,
    p.label,
    p.decision,
    JSON.stringify(p.features),
  ]);
  return rows.length > 0;
}

/** Stores an outcome; resolves true when it is new, false when the event was already stored. */
export async function insertOutcome(db: Queryable, o: OutcomeRecord): Promise<boolean> {
  const rows = await db.query(INSERT_OUTCOME, [
    o.event.source,
    o.event.id,
    o.applicantKey,
    o.outcome,
    o.observedAt.toISOString(),
  ]);
  return rows.length > 0;
}
