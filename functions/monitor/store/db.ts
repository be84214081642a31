/**
 * The monitor's database seen through one tiny interface, so the same SQL runs on a PostgreSQL
 * server (node-postgres) and on the embedded PostgreSQL (PGlite) of the local default.
 */

/** Anything that runs one SQL statement with `$1..$n` parameters and returns its rows. */
export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
}

/** A database connection (or pool): statements, transactions and closing. */
export interface Db extends Queryable {
  /** `postgres` (a server at DATABASE_URL) or `pglite` (embedded). */
  readonly kind: 'postgres' | 'pglite';
  /**
   * Runs `work` in one transaction on one connection: committed when it resolves, rolled back
   * when it throws (and the error rethrown).
   */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Releases every connection; the Db is unusable afterwards. */
  close(): Promise<void>;
}
