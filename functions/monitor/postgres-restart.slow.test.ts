/**
 * The acceptance test for durability: the real PostgreSQL server is stopped and started while
 * events are delivered with Knative-like retries; afterwards every acknowledged event is stored
 * exactly once. A fault run on a shared server, so it lives in the slow suite (run alone, CI too).
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { writeFigures } from '../../test/reliability/figures.js';
import { monitorFunction } from '../monitor.js';
import { leanServer } from '../testing/test-servers.js';
import { closeMonitorStore } from './store-handle.js';
import { postgresDb } from './store/postgres-db.js';
import { createTestDatabase, POSTGRES_REQUIRED, unreachableReason } from './store/test-postgres.js';
import { deliver, predictionEvent } from './testing/monitor-events.js';

const unreachable = await unreachableReason();
const skip = unreachable !== undefined && !POSTGRES_REQUIRED;

const run = promisify(execFile);
const version = existsSync('/etc/postgresql') ? readdirSync('/etc/postgresql')[0] : undefined;
const controllable = existsSync('/usr/bin/pg_ctlcluster') && version !== undefined;
const cluster = (action: 'stop' | 'start') =>
  run('pg_ctlcluster', [
    '--skip-systemctl-redirect',
    version ?? '',
    'main',
    action,
    ...(action === 'stop' ? ['-m', 'fast'] : []),
  ]);

async function untilReachable(ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while ((await unreachableReason()) !== undefined) {
    if (Date.now() > deadline) throw new Error('PostgreSQL did not come back');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Runs `work` over `items` with `concurrency` workers. */
async function pool<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

const why = unreachable ?? (controllable ? '' : 'pg_ctlcluster is not available');
describe.skipIf(skip || !controllable)(
  `monitor across a PostgreSQL restart${why ? ` (skipped: ${why})` : ''}`,
  () => {
    it(
      'keeps every acknowledged event exactly once when the server stops and starts mid-stream',
      { timeout: 120_000 },
      async () => {
        const database = await createTestDatabase();
        const lean = await leanServer(monitorFunction, { DATABASE_URL: database.url });
        await new Promise<void>((resolve) => lean.server.listen(0, '127.0.0.1', resolve));
        const url = `http://127.0.0.1:${(lean.server.address() as AddressInfo).port}/monitor/events`;
        const ids = Array.from({ length: 400 }, (_, i) => `restart-${i}`);
        const acked: string[] = [];
        const failures: number[] = [];
        const state = { stopped: false };
        let outage: Promise<void> | undefined;
        try {
          await pool(ids, 8, async (id) => {
            const delivery = await deliver(url, predictionEvent(id));
            failures.push(...delivery.failures);
            if (delivery.acked) acked.push(id);
            if (acked.length === 100 && !outage)
              outage = (async () => {
                state.stopped = true;
                await cluster('stop');
                await new Promise((resolve) => setTimeout(resolve, 1000));
                await cluster('start');
                state.stopped = false;
                await untilReachable(30_000);
              })();
          });
          await outage;
        } finally {
          if (state.stopped) await cluster('start').catch(() => undefined);
          await untilReachable(30_000);
          lean.server.close();
          await closeMonitorStore(lean.services);
          await lean.services.registry.close();
        }
        const check = postgresDb({ connectionString: database.url });
        const rows = await check.query<{ event_id: string; n: number }>(
          'SELECT event_id, count(*)::int AS n FROM prediction_log GROUP BY event_id',
        );
        await check.close();
        await database.drop();
        writeFigures({
          suite: 'database-restart',
          title: 'Dependency faults: the database',
          rows: [
            {
              check: 'monitor while PostgreSQL stops and starts mid-stream (Knative-like retries)',
              tried: `${ids.length} events, 8 at a time; database stopped after 100 acknowledgements`,
              held: `${failures.filter((s) => s === 503).length} answers of 503 during the outage (retried); ${acked.length} acknowledged, ${rows.length} rows stored, ${rows.filter((r) => r.n !== 1).length} duplicates`,
              lost: `${acked.filter((id) => !rows.some((r) => r.event_id === id)).length} acknowledged events`,
            },
          ],
        });
        expect(outage).toBeDefined();
        expect(failures.filter((s) => s === 503).length).toBeGreaterThan(0);
        expect(acked.sort()).toEqual([...ids].sort());
        expect(rows.map((r) => r.event_id).sort()).toEqual(acked);
        expect(rows.every((r) => r.n === 1)).toBe(true);
      },
    );
  },
);
