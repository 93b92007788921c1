import type { Context } from '../../../core/context';
import { AppError } from '../../../core/errors';
import { newId } from '../../../core/ids';
import { type Actor, auditedTransaction } from '../../audit';
import { parseAllowInput, parseRuleInput } from './rule-input';
import { bumpVersion, ensureStarterSet, rowValues, ruleFromRow, upsertRule } from './rule-store';
import type { AllowedPhrase, WordingRule, WordingRuleType, WordingSeverity } from './wording.types';

// The dictionary's services (issue 5): every change is one audited transaction that bumps the
// version, so the compiled dictionary is rebuilt and the history shows who changed what.

export interface RuleFilter {
  type?: WordingRuleType | undefined;
  severity?: WordingSeverity | undefined;
  q?: string | undefined;
}

export interface WordingVersion {
  version: number;
  changedAt: string;
  changedBy: string;
  summary: string;
}

/** The rules, filtered by type, severity and a text search over term, suggestion and explanation. */
export async function listRules(ctx: Context, filter: RuleFilter = {}): Promise<WordingRule[]> {
  await ensureStarterSet(ctx);
  let query = ctx.db.selectFrom('wording_rules').selectAll().orderBy('type').orderBy('term').orderBy('id');
  if (filter.type) query = query.where('type', '=', filter.type);
  if (filter.severity) query = query.where('severity', '=', filter.severity);
  const q = filter.q?.trim();
  const rules = (await query.execute()).map(ruleFromRow);
  // Filtered in code: no reliance on LIKE case rules across dialects (architecture.md).
  return q
    ? rules.filter((r) =>
        [r.term, r.suggestion ?? '', r.explanation, r.tags.join(' ')].some((s) => s.includes(q)),
      )
    : rules;
}

/** One rule, or not_found. */
export async function getRule(ctx: Context, id: string): Promise<WordingRule> {
  await ensureStarterSet(ctx);
  const row = await ctx.db.selectFrom('wording_rules').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('not_found', '规则不存在');
  return ruleFromRow(row);
}

/** Creates a rule, or replaces the rule with the given id; validated with Chinese messages. */
export async function saveRule(
  ctx: Context,
  actor: Actor,
  raw: unknown,
): Promise<{ rule: WordingRule; version: number }> {
  await ensureStarterSet(ctx);
  const input = parseRuleInput(raw);
  return auditedTransaction(ctx, actor, async (trx) => {
    const existing = input.id
      ? await trx.selectFrom('wording_rules').select('id').where('id', '=', input.id).executeTakeFirst()
      : undefined;
    if (input.id && !existing) throw new AppError('not_found', '规则不存在');
    const id = input.id ?? newId();
    const verb = existing ? '修改' : '新增';
    const version = await bumpVersion(trx, ctx, actor, `${verb}规则“${input.term}”`);
    await upsertRule(trx, id, rowValues(input), version, ctx.clock.now().toISOString());
    const row = await trx
      .selectFrom('wording_rules')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return {
      result: { rule: ruleFromRow(row), version },
      audit: {
        action: 'wording_rule.saved',
        objectType: 'wording_rule',
        objectId: id,
        details: {
          version,
          created: !existing,
          type: input.type,
          term: input.term,
          severity: input.severity,
        },
      },
    };
  });
}

/** Turns a rule on or off (disabling keeps it, with its history). */
export async function setRuleEnabled(
  ctx: Context,
  actor: Actor,
  id: string,
  enabled: boolean,
): Promise<{ version: number }> {
  const rule = await getRule(ctx, id);
  return auditedTransaction(ctx, actor, async (trx) => {
    const version = await bumpVersion(trx, ctx, actor, `${enabled ? '启用' : '停用'}规则“${rule.term}”`);
    await trx
      .updateTable('wording_rules')
      .set({ enabled: enabled ? 1 : 0, version, updated_at: ctx.clock.now().toISOString() })
      .where('id', '=', id)
      .execute();
    return {
      result: { version },
      audit: {
        action: enabled ? 'wording_rule.enabled' : 'wording_rule.disabled',
        objectType: 'wording_rule',
        objectId: id,
        details: { version, term: rule.term },
      },
    };
  });
}

/** Deletes a rule for good (the audit log keeps what it was). */
export async function deleteRule(ctx: Context, actor: Actor, id: string): Promise<{ version: number }> {
  const rule = await getRule(ctx, id);
  return auditedTransaction(ctx, actor, async (trx) => {
    const version = await bumpVersion(trx, ctx, actor, `删除规则“${rule.term}”`);
    await trx.deleteFrom('wording_rules').where('id', '=', id).execute();
    return {
      result: { version },
      audit: {
        action: 'wording_rule.deleted',
        objectType: 'wording_rule',
        objectId: id,
        details: { version, rule },
      },
    };
  });
}

/** The allow-list, by phrase. */
export async function listAllowed(ctx: Context): Promise<AllowedPhrase[]> {
  await ensureStarterSet(ctx);
  const rows = await ctx.db
    .selectFrom('wording_allow')
    .select(['id', 'phrase', 'note'])
    .orderBy('phrase')
    .execute();
  return rows;
}

/** Adds an allowed phrase (or updates its note). */
export async function saveAllowed(ctx: Context, actor: Actor, raw: unknown): Promise<{ version: number }> {
  await ensureStarterSet(ctx);
  const input = parseAllowInput(raw);
  return auditedTransaction(ctx, actor, async (trx) => {
    const version = await bumpVersion(trx, ctx, actor, `白名单加入“${input.phrase}”`);
    await trx
      .insertInto('wording_allow')
      .values({
        id: newId(),
        phrase: input.phrase,
        note: input.note,
        created_at: ctx.clock.now().toISOString(),
      })
      .onConflict((oc) => oc.column('phrase').doUpdateSet({ note: input.note }))
      .execute();
    return {
      result: { version },
      audit: {
        action: 'wording_allow.saved',
        objectType: 'wording_allow',
        objectId: input.phrase,
        details: { version, ...input },
      },
    };
  });
}

/** Removes an allowed phrase. */
export async function deleteAllowed(ctx: Context, actor: Actor, id: string): Promise<{ version: number }> {
  const row = await ctx.db.selectFrom('wording_allow').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('not_found', '白名单词语不存在');
  return auditedTransaction(ctx, actor, async (trx) => {
    const version = await bumpVersion(trx, ctx, actor, `白名单删除“${row.phrase}”`);
    await trx.deleteFrom('wording_allow').where('id', '=', id).execute();
    return {
      result: { version },
      audit: {
        action: 'wording_allow.deleted',
        objectType: 'wording_allow',
        objectId: row.phrase,
        details: { version },
      },
    };
  });
}

/** The version history, newest first. */
export async function listRuleVersions(ctx: Context, limit = 50): Promise<WordingVersion[]> {
  await ensureStarterSet(ctx);
  const rows = await ctx.db
    .selectFrom('wording_rule_versions')
    .selectAll()
    .orderBy('version', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    version: Number(r.version),
    changedAt: r.changed_at,
    changedBy: r.changed_by,
    summary: r.summary,
  }));
}
