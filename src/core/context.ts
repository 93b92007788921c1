import type { Kysely } from 'kysely';
import type { Config } from '../config/config';
import type { DB } from '../db/schema';
import type { Clock } from './clock';

/** Keys kept outside the database (security.md §6): one for the audit MAC, one for sealing secrets. */
export interface Keys {
  audit: string;
  secret: string;
}

/** What every service needs, built once in app/deps.ts and passed down. */
export interface Context {
  db: Kysely<DB>;
  config: Config;
  clock: Clock;
  keys: Keys;
}
