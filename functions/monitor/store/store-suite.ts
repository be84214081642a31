/**
 * The store's test suite, run unchanged against PGlite and against the real PostgreSQL: the same
 * SQL must behave the same on both. `open` returns a fresh, empty, unmigrated database.
 */
import { expect, it } from 'vitest';
import type { Db } from './db.js';
import { migrate, MIGRATIONS } from './migrations.js';
import { readSuite } from './read-suite.js';
import { outcome, prediction } from './test-records.js';
import { insertOutcome, insertPrediction } from './writes.js';

export { prediction } from './test-records.js';

const count = async (db: Db, table: string) =>
  Number((await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${table}`))[0]?.n);

/** Registers the suite; `open` is called once per test. */
export function storeSuite(open: () => Promise<Db>, openSecond?: (first: Db) => Promise<Db>): void {
  const withDb = (test: (db: Db) => Promise<void>) => async () => {
    const db = await open();
    try {
      await test(db);
    } finally {
      await db.close();
    }
  };

  it(
    'applies every migration once, records it, and does nothing on a second run',
    withDb(async (db) => {
      expect(await migrate(db)).toEqual(MIGRATIONS.map((m) => m.version));
      expect(await migrate(db)).toEqual([]);
      const ledger = await db.query<{ version: number }>(
        'SELECT version FROM schema_migrations ORDER BY version',
      );
      expect(ledger.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
      expect(await count(db, 'prediction_log')).toBe(0);
    }),
  );

  it(
    'applies migrations exactly once when two instances start at the same time',
    withDb(async (db) => {
      const other = openSecond ? await openSecond(db) : db;
      try {
        const [a, b] = await Promise.all([migrate(db), migrate(other)]);
        expect([...a, ...b].sort()).toEqual(MIGRATIONS.map((m) => m.version));
        expect(await count(db, 'schema_migrations')).toBe(MIGRATIONS.length);
      } finally {
        if (other !== db) await other.close();
      }
    }),
  );

  it(
    'rolls a failed transaction back entirely',
    withDb(async (db) => {
      await migrate(db);
      await expect(
        db.transaction(async (tx) => {
          await insertPrediction(tx, prediction('rolled-back'));
          await tx.query('SELECT 1/0');
        }),
      ).rejects.toThrow(/division by zero/);
      expect(await count(db, 'prediction_log')).toBe(0);
    }),
  );

  it(
    'stores the same event once however often it is delivered, and keys on source + id',
    withDb(async (db) => {
      await migrate(db);
      expect(await insertPrediction(db, prediction('e1'))).toBe(true);
      expect(await insertPrediction(db, prediction('e1', { probability: 0.9 }))).toBe(false);
      expect(
        await insertPrediction(
          db,
          prediction('e1', { event: { source: '/scorefn/explain', id: 'e1' } }),
        ),
      ).toBe(true);
      expect(await insertOutcome(db, outcome('o1', 'A-e1', 'bad', '2026-09-01T00:00:00Z'))).toBe(
        true,
      );
      expect(await insertOutcome(db, outcome('o1', 'A-e1', 'good', '2026-09-02T00:00:00Z'))).toBe(
        false,
      );
      expect(await count(db, 'prediction_log')).toBe(2);
      expect(await count(db, 'outcome')).toBe(1);
      const probabilities = await db.query<{ p: number }>(
        'SELECT probability_bad AS p FROM prediction_log',
      );
      expect(probabilities.map((r) => r.p)).toEqual([0.1 + 0.2, 0.1 + 0.2]);
    }),
  );

  readSuite(withDb);
}
