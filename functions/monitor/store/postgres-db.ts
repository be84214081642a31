/** A `Db` over a node-postgres connection pool (DATABASE_URL). */
import pg from 'pg';
import type { Db, Queryable } from './db.js';

export interface PostgresDbOptions {
  readonly connectionString: string;
  /** Give up connecting after this long, so a request fails fast (503) while the server is down. */
  readonly connectTimeoutMs?: number;
  readonly maxConnections?: number;
  /** Told about errors of idle connections (e.g. the server restarted); they are then discarded. */
  readonly onIdleError?: (error: Error) => void;
}

/**
 * Opens a pool; no connection is made until the first query. An idle connection that breaks (the
 * server restarts) is dropped by the pool and reported to `onIdleError`: without that listener
 * node-postgres would raise an uncaught error and end the process.
 */
export function postgresDb(options: PostgresDbOptions): Db {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
    max: options.maxConnections ?? 10,
    idleTimeoutMillis: 30_000,
  });
  pool.on('error', (error) => options.onIdleError?.(error));
  const run = async <Row>(
    client: pg.Pool | pg.PoolClient,
    sql: string,
    params?: readonly unknown[],
  ) => (await client.query(sql, params as unknown[] | undefined)).rows as Row[];
  return {
    kind: 'postgres',
    query: (sql, params) => run(pool, sql, params),
    async transaction(work) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const tx: Queryable = { query: (sql, params) => run(client, sql, params) };
        const result = await work(tx);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch((rollback: unknown) => {
          broken = rollback instanceof Error ? rollback : new Error(String(rollback));
        });
        throw error;
      } finally {
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}
