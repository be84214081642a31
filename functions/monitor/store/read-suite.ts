/** The store suite's reading tests (windows, latest outcome, shadow pairs), for both databases. */
import { expect, it } from 'vitest';
import type { Db } from './db.js';
import { migrate } from './migrations.js';
import { loadPredictions, loadShadows } from './reads.js';
import { model, outcome, prediction } from './test-records.js';
import { insertOutcome, insertPrediction } from './writes.js';

/** Registers the reading tests; `withDb` runs a test on a fresh database. */
export function readSuite(withDb: (test: (db: Db) => Promise<void>) => () => Promise<void>): void {
  it(
    'reads a window (from inclusive, to exclusive) of one model, version and arm, with the latest outcome',
    withDb(async (db) => {
      await migrate(db);
      const at = (iso: string) => new Date(iso);
      await insertPrediction(db, prediction('in-1', { time: at('2026-03-01T00:00:00Z') }));
      await insertPrediction(
        db,
        prediction('in-2', { time: at('2026-03-01T23:59:59.999Z'), applicantKey: undefined }),
      );
      await insertPrediction(db, prediction('edge', { time: at('2026-03-02T00:00:00Z') }));
      await insertPrediction(
        db,
        prediction('old-version', { model: { ...model, version: '0.9' } }),
      );
      await insertPrediction(db, prediction('canary', { arm: 'canary' }));
      await insertOutcome(db, outcome('o1', 'A-in-1', 'good', '2026-06-01T00:00:00Z'));
      await insertOutcome(db, outcome('o2', 'A-in-1', 'bad', '2026-07-01T00:00:00Z'));
      await insertOutcome(db, outcome('o3', 'A-in-1', 'good', '2026-05-01T00:00:00Z'));
      const window = {
        model,
        arm: 'champion' as const,
        from: at('2026-03-01T00:00:00Z'),
        to: at('2026-03-02T00:00:00Z'),
      };
      const rows = await loadPredictions(db, window, 100);
      expect(rows.map((r) => [r.requestId, r.outcome, r.applicantKey])).toEqual([
        ['req-in-1', 'bad', 'A-in-1'],
        ['req-in-2', null, null],
      ]);
      expect(rows[0]).toMatchObject({
        time: at('2026-03-01T00:00:00Z'),
        probability: 0.1 + 0.2,
        row: 0,
        functionName: 'predict',
      });
      expect(rows[0]?.features).toEqual({ checking_status: '<0', duration: 12, age: null });
      expect(await loadPredictions(db, window, 1)).toHaveLength(1);
      const canaries = await loadPredictions(
        db,
        { ...window, model: undefined, arm: 'canary', to: at('2026-03-03T00:00:00Z') },
        100,
      );
      expect(canaries.map((r) => r.requestId)).toEqual(['req-canary']);
    }),
  );

  it(
    'finds the shadow scores of the champion rows by function, request id and row',
    withDb(async (db) => {
      await migrate(db);
      const challenger = { name: 'credit-gbdt', version: '1.0.0' };
      await insertPrediction(db, prediction('c1', { requestId: 'r1', row: 3 }));
      await insertPrediction(
        db,
        prediction('s1', {
          requestId: 'r1',
          row: 3,
          arm: 'shadow',
          model: challenger,
          probability: 0.7,
          decision: 'decline',
        }),
      );
      await insertPrediction(
        db,
        prediction('s2', { requestId: 'r1', row: 4, arm: 'shadow', model: challenger }),
      );
      await insertPrediction(
        db,
        prediction('s3', {
          requestId: 'r1',
          row: 3,
          arm: 'shadow',
          model: challenger,
          functionName: 'explain',
        }),
      );
      const shadows = await loadShadows(
        db,
        model,
        new Date('2026-01-01'),
        new Date('2027-01-01'),
        100,
      );
      expect(shadows).toEqual([
        {
          requestId: 'r1',
          row: 3,
          functionName: 'predict',
          model: challenger,
          probability: 0.7,
          decision: 'decline',
        },
      ]);
    }),
  );
}
