import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { chinaDay } from '../../../core/clock';
import type { Context } from '../../../core/context';
import type { DB } from '../../../db/schema';
import { compiledFromCache } from '../matcher';
import { currentWordingVersion, ensureStarterSet, ruleFromRow } from './rule-store';
import type { WordingFinding } from './wording.types';
import {
  type CompiledRuleSet,
  checkCompiled,
  type RuleSet,
  ruleSetTerms,
  termEntries,
} from './wording-check';

// The 错敏词 check against the database's dictionary: the rules at the current version plus the
// district's agency names, compiled once per (version, agency names) and cached on disk by
// compiledFromCache under <dataDir>/cache, in memory per database handle.

const memory = new WeakMap<Kysely<DB>, { key: string; set: CompiledRuleSet }>();

async function loadRuleSet(db: Kysely<DB>): Promise<RuleSet> {
  const rules = (
    await db.selectFrom('wording_rules').selectAll().where('enabled', '=', 1).orderBy('id').execute()
  ).map(ruleFromRow);
  const allowed = (await db.selectFrom('wording_allow').select('phrase').orderBy('phrase').execute()).map(
    (r) => r.phrase,
  );
  const agencyNames = (
    await db.selectFrom('agencies').select('name').where('enabled', '=', 1).orderBy('name').execute()
  ).map((a) => a.name);
  return { rules, allowed, agencyNames };
}

async function compiledRuleSet(ctx: Context): Promise<CompiledRuleSet> {
  await ensureStarterSet(ctx);
  const version = await currentWordingVersion(ctx.db);
  const agencies = await ctx.db
    .selectFrom('agencies')
    .select(['name', 'updated_at'])
    .where('enabled', '=', 1)
    .execute();
  const key = `${version}|${agencies
    .map((a) => `${a.name}@${a.updated_at}`)
    .sort()
    .join(',')}`;
  const cached = memory.get(ctx.db);
  if (cached?.key === key) return cached.set;
  const terms = ruleSetTerms(await loadRuleSet(ctx.db));
  const compiled = await compiledFromCache(join(ctx.config.dataDir, 'cache'), termEntries(terms));
  const set = { compiled, terms };
  memory.set(ctx.db, { key, set });
  return set;
}

/** 错敏词 findings in text, sorted by start; `on` (YYYY-MM-DD, default today in China) dates the rules. */
export async function checkWording(
  ctx: Context,
  text: string,
  options: { on?: string } = {},
): Promise<WordingFinding[]> {
  const on = options.on ?? chinaDay(ctx.clock.now());
  return checkCompiled(await compiledRuleSet(ctx), text, on);
}
