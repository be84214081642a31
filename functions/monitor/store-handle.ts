/**
 * The monitor's store for an instance: opened on first use (never on the other functions' start-up
 * path), shared by its requests, closed on shutdown. Database failures become a 503, which Knative
 * retries; data the database refuses for good becomes a 400 (SQLSTATE classes 22 data exception,
 * 23 integrity constraint, 54 program limit, e.g. an index row too large). Class 42 (syntax,
 * privileges, a missing table) stays a 503: ours or the operator's to fix, after which the event
 * is worth delivering again. The database's own message is logged, never answered
 * (https://www.postgresql.org/docs/current/errcodes-appendix.html).
 */
import type { Services } from '../lib/function.js';
import { HttpProblem } from '../lib/problem.js';
import type { Db } from './store/db.js';
import { openStore } from './store/open-store.js';

const stores = new WeakMap<Services, Promise<Db>>();
/** SQLSTATE classes that no retry can fix. */
const PERMANENT = new Set(['22', '23', '54']);

function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** An error from the store as the problem to answer with (and log). */
export function storeProblem(services: Services, error: unknown): HttpProblem {
  if (error instanceof HttpProblem) return error;
  const message = error instanceof Error ? error.message : String(error);
  const state = sqlState(error);
  if (state !== undefined && PERMANENT.has(state.slice(0, 2))) {
    services.logger.warn('monitor event refused by the database', {
      error: message,
      sqlstate: state,
    });
    return new HttpProblem(
      'bad-request',
      `The event cannot be stored: the database refuses its data for good (SQLSTATE ${state}).`,
      { cause: error },
    );
  }
  services.logger.warn('monitor database unavailable', { error: message, sqlstate: state });
  return new HttpProblem(
    'store-unavailable',
    'The monitoring database is unavailable; retry later.',
    {
      cause: error,
      headers: { 'retry-after': '1' },
    },
  );
}

function open(services: Services): Promise<Db> {
  let store = stores.get(services);
  if (!store) {
    store = openStore(services.config, services.logger);
    stores.set(services, store);
    store.catch(() => {
      if (stores.get(services) === store) stores.delete(services);
    });
  }
  return store;
}

/** Runs `work` against the instance's store, opening it first if needed; failures as problems. */
export async function withStore<T>(services: Services, work: (db: Db) => Promise<T>): Promise<T> {
  try {
    return await work(await open(services));
  } catch (error) {
    throw storeProblem(services, error);
  }
}

/** Closes the instance's store if it was opened (call on SIGTERM after in-flight requests). */
export async function closeMonitorStore(services: Services): Promise<void> {
  const store = stores.get(services);
  stores.delete(services);
  if (!store) return;
  const db = await store.catch(() => undefined);
  await db?.close();
}
