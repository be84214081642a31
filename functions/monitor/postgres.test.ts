/**
 * The store suite on the real PostgreSQL of this machine (a fresh database per test). The server
 * restart test is in postgres-restart.slow.test.ts, which `npm run test:slow` runs on its own.
 */
import { describe, expect, it } from 'vitest';
import type { Db } from './store/db.js';
import { postgresDb } from './store/postgres-db.js';
import { storeSuite } from './store/store-suite.js';
import { createTestDatabase, POSTGRES_REQUIRED, unreachableReason } from './store/test-postgres.js';

const unreachable = await unreachableReason();
const skip = unreachable !== undefined && !POSTGRES_REQUIRED;
const urls = new WeakMap<Db, string>();

describe.skipIf(skip)(
  `store on PostgreSQL${unreachable ? ` (skipped: ${unreachable})` : ''}`,
  () => {
    it('reaches the server (required when CI=true)', () => {
      expect(unreachable).toBeUndefined();
    });
    storeSuite(
      async () => {
        const database = await createTestDatabase();
        const db = postgresDb({ connectionString: database.url });
        const fresh = { ...db, close: () => db.close().then(() => database.drop()) };
        urls.set(fresh, database.url);
        return fresh;
      },
      (first) => Promise.resolve(postgresDb({ connectionString: urls.get(first) ?? '' })),
    );
  },
);
