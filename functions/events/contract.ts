/**
 * The CloudEvents scorefn sends and receives, in one place: reverse-DNS type names under a
 * configurable prefix, the extension attributes that correlate a batch's chunks, and the schema of
 * each event's data. Spec: https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/spec.md
 * (extension names: lowercase a-z and 0-9, at most 20 characters).
 */
import { Type, type Static } from '@sinclair/typebox';

/** Default type prefix; set EVENT_TYPE_PREFIX to your organisation's reverse-DNS name. */
export const DEFAULT_TYPE_PREFIX = 'dev.scorefn';

/** Every event type, from a prefix such as `com.example.credit`. */
export function eventTypes(prefix: string = DEFAULT_TYPE_PREFIX) {
  return Object.freeze({
    /** A chunk of records to score (CLI or any producer → Broker → batch-score). */
    batchRequested: `${prefix}.batch.requested`,
    /** The scored chunk (batch-score's reply; never a type its own Trigger accepts, so no loop). */
    batchScored: `${prefix}.batch.scored`,
    /** One scored record, for monitoring (predict/explain/batch-score → monitor). */
    predictionLogged: `${prefix}.prediction.logged`,
    /** The true outcome of an application, months later (→ monitor). */
    outcomeObserved: `${prefix}.outcome.observed`,
  });
}

export type EventTypes = ReturnType<typeof eventTypes>;

/** Extension attributes (CloudEvents context attributes beyond the core ones). */
export const EXTENSIONS = Object.freeze({
  /** Identifies one batch (one input file): every chunk and every reply carries it. */
  batchId: 'batchid',
  /** 0-based position of the chunk in the batch. */
  chunkIndex: 'chunkindex',
  /** Number of chunks in the batch, when the producer knows it. */
  chunkCount: 'chunkcount',
  /** On a reply: the `id` of the event it answers. */
  causationId: 'causationid',
  /** On a request: the column to copy into each result unchanged (the applicant key). */
  keyColumn: 'keycolumn',
  /** On a request: the served model to score with (default: the champion). */
  model: 'model',
});

/** Media types a `batch.requested` chunk may carry. */
export const CHUNK_CONTENT_TYPES = Object.freeze({ json: 'application/json', csv: 'text/csv' });

const FieldProblem = Type.Object({ pointer: Type.String(), detail: Type.String() });

/** Most field errors a batch result lists for one record (`more_errors` counts the rest). */
export const MAX_RECORD_ERRORS = 20;

/** One input record's outcome, at the record's position in the chunk. */
export const BatchResultSchema = Type.Union([
  Type.Object({
    row: Type.Integer({ minimum: 0, description: 'Position in the chunk (0-based)' }),
    key: Type.Optional(Type.Union([Type.String(), Type.Number()])),
    probability_bad: Type.Number(),
    label: Type.Union([Type.String(), Type.Number()]),
    decision: Type.String(),
  }),
  Type.Object({
    row: Type.Integer({ minimum: 0 }),
    key: Type.Optional(Type.Union([Type.String(), Type.Number()])),
    errors: Type.Array(FieldProblem, {
      minItems: 1,
      maxItems: MAX_RECORD_ERRORS,
      description: `Which field and why (at most ${MAX_RECORD_ERRORS})`,
    }),
    more_errors: Type.Optional(
      Type.Integer({ minimum: 1, description: 'How many more errors the record has' }),
    ),
  }),
]);

/** The data of a `batch.scored` reply: one result per input record, in input order. */
export const BatchScoredSchema = Type.Object({
  batch_id: Type.Optional(Type.String()),
  chunk_index: Type.Optional(Type.Integer()),
  chunk_count: Type.Optional(Type.Integer()),
  model: Type.Object({ name: Type.String(), version: Type.String() }),
  rows: Type.Integer(),
  scored: Type.Integer(),
  rejected: Type.Integer(),
  results: Type.Array(BatchResultSchema),
});

export type BatchResult = Static<typeof BatchResultSchema>;
export type BatchScored = Static<typeof BatchScoredSchema>;

/** Which way a record was scored: the answer given (champion or canary) or silently (shadow). */
export const ARMS = ['champion', 'canary', 'shadow'] as const;
export type Arm = (typeof ARMS)[number];

/**
 * Longest texts in the monitoring events' data, in characters, so every row fits PostgreSQL's
 * index entries (about 2.7 kB) even in 4-byte UTF-8: a longer value is a 400 naming the field,
 * never a database error retried forever. A request id is at most an event id (512 bytes).
 */
export const TEXT_LIMITS = Object.freeze({ requestId: 512, key: 256, name: 128, value: 1024 });

/**
 * The data of a `prediction.logged` event: one scored record, as KServe's payload logger records
 * an inference (https://kserve.github.io/website/latest/modelserving/logger/logger/). Features may
 * be masked by configuration (PII); the request id joins the arms of one request.
 */
export const PredictionLoggedSchema = Type.Object({
  request_id: Type.String({ maxLength: TEXT_LIMITS.requestId }),
  row: Type.Integer({ minimum: 0, description: 'Position of the record in its request or chunk' }),
  applicant_key: Type.Optional(
    Type.String({
      maxLength: TEXT_LIMITS.key,
      description: 'The applicant, to join the outcome later',
    }),
  ),
  function: Type.String({
    maxLength: TEXT_LIMITS.name,
    description: 'predict, explain or batch-score',
  }),
  model: Type.Object({
    name: Type.String({ maxLength: TEXT_LIMITS.name }),
    version: Type.String({ maxLength: TEXT_LIMITS.name }),
  }),
  arm: Type.Union(ARMS.map((a) => Type.Literal(a))),
  features: Type.Record(
    Type.String(),
    Type.Union([Type.String({ maxLength: TEXT_LIMITS.value }), Type.Number(), Type.Null()]),
  ),
  probability_bad: Type.Number({ minimum: 0, maximum: 1 }),
  label: Type.Union([Type.String({ maxLength: TEXT_LIMITS.name }), Type.Number()]),
  decision: Type.String({ maxLength: TEXT_LIMITS.name }),
});

/** The data of an `outcome.observed` event: what became of an application, known months later. */
export const OutcomeObservedSchema = Type.Object({
  applicant_key: Type.String({ minLength: 1, maxLength: TEXT_LIMITS.key }),
  outcome: Type.Union([Type.String({ maxLength: TEXT_LIMITS.name }), Type.Integer()], {
    description: "The true class, e.g. 'bad' (defaulted) or 'good'",
  }),
  observed_at: Type.Optional(Type.String({ format: 'date-time' })),
});

export type PredictionLogged = Static<typeof PredictionLoggedSchema>;
export type OutcomeObserved = Static<typeof OutcomeObservedSchema>;
