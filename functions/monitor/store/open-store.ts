/**
 * Opens the monitor's database from the configuration: PostgreSQL at DATABASE_URL, else the
 * embedded PGlite in MONITOR_DATA_DIR (or in memory). Migrations run before it is handed out.
 */
import type { Config } from '../../lib/config.js';
import type { Logger } from '../../lib/logger.js';
import type { Db } from './db.js';
import { migrate } from './migrations.js';
import { pgliteDb } from './pglite-db.js';
import { postgresDb } from './postgres-db.js';

/** Where the database is, for logs: host, port and database name, never credentials. */
export function describeLocation(config: Pick<Config, 'databaseUrl' | 'monitorDataDir'>): string {
  if (config.databaseUrl === undefined) return config.monitorDataDir;
  const url = new URL(config.databaseUrl);
  return `${url.hostname}:${url.port || '5432'}${url.pathname}`;
}

/**
 * Opens and migrates the store; logs where it is, how long opening took and which migrations ran.
 * On failure nothing stays open, so the caller can simply try again later.
 */
export async function openStore(
  config: Pick<Config, 'databaseUrl' | 'monitorDataDir'>,
  logger: Logger,
): Promise<Db> {
  const started = performance.now();
  const url = config.databaseUrl;
  const db =
    url === undefined
      ? await pgliteDb(config.monitorDataDir)
      : postgresDb({
          connectionString: url,
          onIdleError: (error) => {
            logger.warn('monitor database connection lost', { error: error.message });
          },
        });
  let applied: number[];
  try {
    applied = await migrate(db);
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
  logger.info('monitor store open', {
    kind: db.kind,
    location: describeLocation(config),
    open_ms: Math.round(performance.now() - started),
    migrations_applied: applied,
  });
  return db;
}
