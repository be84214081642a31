import { randomBytes } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import type { Services } from '../lib/function.js';
import { HttpProblem } from '../lib/problem.js';
import { monitorFunction } from '../monitor.js';
import { leanServer } from '../testing/test-servers.js';
import { closeMonitorStore, storeProblem, withStore } from './store-handle.js';
import { createTestDatabase, POSTGRES_REQUIRED, unreachableReason } from './store/test-postgres.js';
import { prediction } from './store/test-records.js';
import { insertPrediction } from './store/writes.js';

const fakeServices = () => ({ logger: { warn: vi.fn() } }) as unknown as Services;
const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('storeProblem', () => {
  it('answers 400 to data the database refuses for good (classes 22, 23, 54), never quoting it', () => {
    for (const code of ['22021', '23505', '54000']) {
      const services = fakeServices();
      const problem = storeProblem(services, pgError(code, 'index row size 3016 exceeds maximum'));
      expect(problem.status, code).toBe(400);
      expect(problem.detail).toBe(
        `The event cannot be stored: the database refuses its data for good (SQLSTATE ${code}).`,
      );
      expect(services.logger.warn).toHaveBeenCalledWith('monitor event refused by the database', {
        error: 'index row size 3016 exceeds maximum',
        sqlstate: code,
      });
    }
  });

  it('answers 503 with retry-after to everything else, a missing table (42P01) included', () => {
    for (const error of [
      pgError('08006', 'connection failure'),
      pgError('42P01', 'no table'),
      new Error('ECONNREFUSED'),
    ]) {
      const problem = storeProblem(fakeServices(), error);
      expect([problem.status, problem.headers['retry-after']]).toEqual([503, '1']);
      expect(problem.detail).not.toMatch(/connection failure|no table|ECONNREFUSED/);
    }
  });
});

const unreachable = await unreachableReason();

describe.skipIf(unreachable !== undefined && !POSTGRES_REQUIRED)(
  'storeProblem on PostgreSQL',
  () => {
    it('turns an index row PostgreSQL cannot hold (SQLSTATE 54000) into a 400, not a 503 retried forever', async () => {
      const database = await createTestDatabase();
      const lean = await leanServer(monitorFunction, { DATABASE_URL: database.url });
      try {
        const requestId = randomBytes(3000).toString('base64'); // incompressible, over the ~2.7 kB limit
        const refused = await withStore(lean.services, (db) =>
          insertPrediction(db, prediction('huge', { requestId })),
        ).catch((error: unknown) => error);
        expect(refused).toBeInstanceOf(HttpProblem);
        expect((refused as HttpProblem).status).toBe(400);
        expect((refused as HttpProblem).detail).toMatch(/SQLSTATE 54000/);
      } finally {
        await closeMonitorStore(lean.services);
        await lean.services.registry.close();
        await database.drop();
      }
    });
  },
);
