import type { Kysely, Selectable } from 'kysely';
import type { Context } from '../../../core/context';
import type { DB } from '../../../db/schema';
import type { WordingRuleTable } from '../../../db/schema-compliance';
import { type Actor, auditedTransaction, systemActor } from '../../audit';
import { STARTER_OFFICIAL_NAMES } from './official-names';
import type { RuleInput } from './rule-input';
import { STARTER_ALLOWED, STARTER_WORDING_RULES } from './starter-rules';
import type { WordingRule } from './wording.types';

// The repository of the dictionary tables: row ↔ rule, the version counter, and first-use seeding of
// the starter set (not in the migration: migrations are frozen and never import app code, while the
// starter set grows with new reported cases).

/** A row as the module's rule. */
export function ruleFromRow(row: Selectable<WordingRuleTable>): WordingRule {
  return {
    id: row.id,
    type: row.type,
    term: row.term,
    suggestion: row.suggestion,
    severity: row.severity,
    explanation: row.explanation,
    basis: row.basis,
    source: row.source,
    tags: JSON.parse(row.tags) as string[],
    validFrom: row.valid_from,
    validTo: row.valid_to,
    context: row.context ? (JSON.parse(row.context) as WordingRule['context']) : null,
    options: JSON.parse(row.options) as WordingRule['options'],
    enabled: Number(row.enabled) === 1,
  };
}

/** The stored columns of a rule (without id, version and timestamps). */
export function rowValues(rule: Omit<RuleInput, 'id'> | Omit<WordingRule, 'id'>) {
  return {
    type: rule.type,
    term: rule.term,
    suggestion: rule.suggestion,
    severity: rule.severity,
    explanation: rule.explanation,
    basis: rule.basis,
    source: rule.source,
    tags: JSON.stringify(rule.tags),
    valid_from: rule.validFrom,
    valid_to: rule.validTo,
    context: rule.context ? JSON.stringify(rule.context) : null,
    options: JSON.stringify(rule.options),
    enabled: rule.enabled ? 1 : 0,
  };
}

/** The latest dictionary version (0 before the starter set was seeded). */
export async function currentWordingVersion(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('wording_rule_versions')
    .select((eb) => eb.fn.max('version').as('version'))
    .executeTakeFirst();
  return Number(row?.version ?? 0);
}

/** Opens the next version inside a change's transaction; returns its number. */
export async function bumpVersion(
  trx: Kysely<DB>,
  ctx: Pick<Context, 'clock'>,
  actor: Actor,
  summary: string,
) {
  const version = (await currentWordingVersion(trx)) + 1;
  await trx
    .insertInto('wording_rule_versions')
    .values({
      version,
      changed_at: ctx.clock.now().toISOString(),
      changed_by: actor.name ?? actor.userId ?? 'system',
      summary,
    })
    .execute();
  return version;
}

/** Inserts or replaces one rule row at a version. */
export async function upsertRule(
  trx: Kysely<DB>,
  id: string,
  values: ReturnType<typeof rowValues>,
  version: number,
  now: string,
) {
  const changed = { ...values, version, updated_at: now };
  await trx
    .insertInto('wording_rules')
    .values({ id, ...changed, created_at: now })
    .onConflict((oc) => oc.column('id').doUpdateSet(changed))
    .execute();
}

/** Seeds the starter set as version 1 unless any version exists; safe against a concurrent seeder. */
export async function ensureStarterSet(ctx: Context): Promise<void> {
  if ((await currentWordingVersion(ctx.db)) > 0) return;
  const rules = [...STARTER_WORDING_RULES, ...STARTER_OFFICIAL_NAMES];
  try {
    await auditedTransaction(ctx, systemActor('wording-starter'), async (trx) => {
      const version = await bumpVersion(trx, ctx, systemActor('system'), `初始规则库（${rules.length} 条）`);
      const now = ctx.clock.now().toISOString();
      for (const rule of rules) await upsertRule(trx, rule.id, rowValues(rule), version, now);
      for (const a of STARTER_ALLOWED)
        await trx
          .insertInto('wording_allow')
          .values({ id: `starter:${a.phrase}`, ...a, created_at: now })
          .execute();
      return {
        result: undefined,
        audit: {
          action: 'wording_rule.seeded',
          objectType: 'wording_rules',
          objectId: String(version),
          details: { rules: rules.length },
        },
      };
    });
  } catch (error) {
    if ((await currentWordingVersion(ctx.db)) > 0) return; // another process seeded first
    throw error;
  }
}
