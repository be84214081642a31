/**
 * Test helpers for the real PostgreSQL on this machine (127.0.0.1:5432 by default, or
 * TEST_POSTGRES_URL): whether it is reachable, and a fresh database per run, dropped afterwards.
 * When CI=true an unreachable server is a failure, not a skip.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** A maintenance database on the test server (trust authentication). */
export const ADMIN_URL =
  process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Whether the suite must run (CI) rather than skip when the server is missing. */
export const POSTGRES_REQUIRED = process.env.CI === 'true';

/** Undefined when the server answers, else why not (for the skipped suite's title). */
export async function unreachableReason(url = ADMIN_URL): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    const where = new URL(url);
    return `no PostgreSQL at ${where.host} (${error instanceof Error ? error.message : String(error)})`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export interface TestDatabase {
  /** Connection URL of the new database. */
  readonly url: string;
  readonly name: string;
  drop(): Promise<void>;
}

/** Creates `scorefn_test_<random>` so parallel runs never share tables. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `scorefn_test_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () =>
      admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
