/**
 * Versioned schema migrations: applied in order, each once, each in its own transaction, and
 * recorded in `schema_migrations`. Every transaction first takes one PostgreSQL advisory lock, so
 * instances starting together apply each migration exactly once (the others wait, then see it
 * recorded). A migration is never edited once released; changes come as a new version.
 */
import type { Db } from './db.js';

export interface Migration {
  /** Strictly increasing from 1. */
  readonly version: number;
  readonly name: string;
  /** One SQL statement each (PGlite's extended protocol runs one statement per call). */
  readonly statements: readonly string[];
}

/** Arbitrary but fixed: the advisory lock key every scorefn instance agrees on ('scor' in ASCII). */
export const MIGRATION_LOCK = 0x73636f72;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'prediction log and outcomes',
    statements: [
      `CREATE TABLE prediction_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        event_source text NOT NULL,
        event_id text NOT NULL,
        logged_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        request_id text NOT NULL,
        row_index integer NOT NULL,
        applicant_key text,
        function_name text NOT NULL,
        model_name text NOT NULL,
        model_version text NOT NULL,
        arm text NOT NULL CHECK (arm IN ('champion', 'canary', 'shadow')),
        probability_bad double precision NOT NULL CHECK (probability_bad BETWEEN 0 AND 1),
        label text NOT NULL,
        decision text NOT NULL,
        features jsonb NOT NULL,
        CONSTRAINT prediction_log_event UNIQUE (event_source, event_id)
      )`,
      `CREATE INDEX prediction_log_report ON prediction_log (model_name, model_version, arm, logged_at)`,
      `CREATE INDEX prediction_log_arm_time ON prediction_log (arm, logged_at)`,
      `CREATE INDEX prediction_log_request ON prediction_log (request_id, row_index)`,
      `CREATE TABLE outcome (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        event_source text NOT NULL,
        event_id text NOT NULL,
        applicant_key text NOT NULL,
        outcome text NOT NULL,
        observed_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT outcome_event UNIQUE (event_source, event_id)
      )`,
      `CREATE INDEX outcome_applicant ON outcome (applicant_key, observed_at DESC, id DESC)`,
    ],
  },
];

const CREATE_LEDGER = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version integer PRIMARY KEY,
  name text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;

/**
 * Brings the schema up to date; returns the versions this call applied (empty when there was
 * nothing to do). Safe to run from several instances at once and to run again.
 * @throws Error when `migrations` are not numbered 1, 2, 3, ... (a programming error).
 */
export async function migrate(
  db: Db,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number[]> {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`migration ${i} has version ${m.version}, expected ${i + 1}`);
  });
  const applied: number[] = [];
  for (const migration of migrations) {
    const ran = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [MIGRATION_LOCK]);
      await tx.query(CREATE_LEDGER);
      const done = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [
        migration.version,
      ]);
      if (done.length > 0) return false;
      for (const statement of migration.statements) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      return true;
    });
    if (ran) applied.push(migration.version);
  }
  return applied;
}
