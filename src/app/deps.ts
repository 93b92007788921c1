import type { Config } from '../config/config';
import { type Clock, systemClock } from '../core/clock';
import type { Context } from '../core/context';
import { openDatabase, sqlitePathIn } from '../db/client';
import { migrateToLatest } from '../db/migrate';
import { createSearchProvider } from '../search';
import { resolveKeys } from './keys';

/** Opens the configured database, brings its schema up to date, and assembles the service context. */
export async function buildContext(config: Config, clock: Clock = systemClock): Promise<Context> {
  const db = openDatabase({ url: config.databaseUrl, sqlitePath: sqlitePathIn(config.dataDir) });
  await migrateToLatest(db);
  await createSearchProvider(db).ensureSchema();
  return { db, config, clock, keys: resolveKeys(config) };
}
