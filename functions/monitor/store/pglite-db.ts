/** A `Db` over PGlite, PostgreSQL compiled to WebAssembly and run in-process (no server needed). */
import { PGlite } from '@electric-sql/pglite';
import { mkdirSync } from 'node:fs';
import type { Db } from './db.js';

/** The `dataDir` value that keeps the database in memory. */
export const IN_MEMORY = 'memory://';

/**
 * Opens (creating on first use) the embedded database in `dataDir`, or in memory for `memory://`.
 * PGlite is one connection that serialises statements, and its transactions hold it exclusively,
 * so the same SQL (advisory locks included) behaves as on a server with one client.
 */
export async function pgliteDb(dataDir: string): Promise<Db> {
  if (!dataDir.startsWith(IN_MEMORY)) mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir);
  return {
    kind: 'pglite',
    query: async <Row>(sql: string, params?: readonly unknown[]) =>
      (await db.query<Row>(sql, params as unknown[] | undefined)).rows,
    transaction: (work) =>
      db.transaction((tx) =>
        work({
          query: async <Row>(sql: string, params?: readonly unknown[]) =>
            (await tx.query<Row>(sql, params as unknown[] | undefined)).rows,
        }),
      ),
    close: () => db.close(),
  };
}
