import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from './migrations.js';
import { IN_MEMORY, pgliteDb } from './pglite-db.js';
import { prediction, storeSuite } from './store-suite.js';
import { insertPrediction } from './writes.js';

describe('store on PGlite (in memory)', () => {
  storeSuite(() => pgliteDb(IN_MEMORY));
});

describe('store on PGlite (data directory)', () => {
  it('keeps committed rows and applied migrations across a close and reopen', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'scorefn-pglite-'));
    const dir = join(parent, 'data');
    try {
      const first = await pgliteDb(dir);
      expect(await migrate(first)).toEqual([1]);
      expect(await insertPrediction(first, prediction('kept'))).toBe(true);
      await first.close();
      const again = await pgliteDb(dir);
      expect(await migrate(again)).toEqual([]);
      expect(await insertPrediction(again, prediction('kept'))).toBe(false);
      const rows = await again.query<{ event_id: string }>('SELECT event_id FROM prediction_log');
      expect(rows).toEqual([{ event_id: 'kept' }]);
      await again.close();
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });
});
