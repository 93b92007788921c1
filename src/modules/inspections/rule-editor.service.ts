import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import { newId } from '../../core/ids';
import type { VetoClass } from '../../db/schema-inspections';
import { type Principal, seesAllAgencies } from '../accounts';
import { type Actor, auditedTransaction } from '../audit';
import { type FreshnessRuleInput, parseFreshnessRuleInput, parseOverrideColumn } from './rule-input';

// The back-office editor of the column-freshness rules (architecture.md: rules are data, editable, with the
// legal basis beside each; every change audited with old and new values). Only the district supervisor
// edits; every business user may read. The next inspection loads the edited rows (rules.ts). Thresholds:
// threshold-editor.service.ts.

export interface FreshnessRuleView {
  id: string;
  slug: string | null;
  columnId: string | null;
  columnName: string | null;
  agencyName: string | null;
  vetoClass: VetoClass;
  nationalMaxDays: number | null;
  warnDays: number | null;
  blankExempt: boolean;
  basis: string;
  updatedAt: string;
  columnNames?: string[]; // a district-wide rule: the names its slug's columns carry
}

/** Whether a principal may change the inspection rules: the district supervisor only. */
export function mayEditInspectionRules(p: Principal): boolean {
  return seesAllAgencies(p);
}

/** Refuses a change to the inspection rules by anyone but the district supervisor. */
export function assertMayEdit(p: Principal): void {
  if (!mayEditInspectionRules(p)) throw new AppError('forbidden', '只有区政府办监管可以修改检查规则');
}

const num = (v: number | null) => (v === null ? null : Number(v));

function ruleQuery(ctx: Context) {
  return ctx.db
    .selectFrom('column_freshness_rules as r')
    .leftJoin('columns as c', 'c.id', 'r.column_id')
    .leftJoin('agencies as a', 'a.id', 'c.agency_id')
    .selectAll('r')
    .select(['c.name as column_name', 'a.name as agency_name']);
}

type RuleRow = Awaited<ReturnType<ReturnType<typeof ruleQuery>['execute']>>[number];

const viewOf = (r: RuleRow): FreshnessRuleView => ({
  id: r.id,
  slug: r.slug,
  columnId: r.column_id,
  columnName: r.column_name,
  agencyName: r.agency_name,
  vetoClass: r.veto_class,
  nationalMaxDays: num(r.national_max_days),
  warnDays: num(r.warn_days),
  blankExempt: Number(r.blank_exempt) === 1,
  basis: r.basis,
  updatedAt: r.updated_at,
});

const classOrder: VetoClass[] = ['dynamic', 'notice_policy', 'long_cycle', 'none'];

/** Every freshness rule: district-wide ones by veto class and slug, then the per-column overrides. */
export async function listFreshnessRules(ctx: Context): Promise<FreshnessRuleView[]> {
  const [rows, columns] = await Promise.all([
    ruleQuery(ctx).execute(),
    ctx.db.selectFrom('columns').select(['slug', 'name']).distinct().orderBy('name').execute(),
  ]);
  const views = rows.map((r) => {
    const v = viewOf(r);
    if (!v.columnId) v.columnNames = columns.filter((c) => c.slug === v.slug).map((c) => c.name);
    return v;
  });
  const key = (r: FreshnessRuleView) =>
    [
      r.columnId ? 1 : 0,
      classOrder.indexOf(r.vetoClass),
      r.slug ?? '',
      r.agencyName ?? '',
      r.columnName ?? '',
    ].join('\u0000');
  return views.sort((x, y) => key(x).localeCompare(key(y)));
}

/** One rule, or not_found. */
export async function getFreshnessRule(ctx: Context, id: string): Promise<FreshnessRuleView> {
  const row = await ruleQuery(ctx).where('r.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('not_found', '检查规则不存在');
  return viewOf(row);
}

/** What a rule applies to, in words: a slug across agencies, or one agency's column. */
export function ruleTarget(
  r: Pick<FreshnessRuleView, 'slug' | 'columnId' | 'columnName' | 'agencyName' | 'columnNames'>,
) {
  if (r.columnId) return `${r.agencyName ?? ''}「${r.columnName ?? r.columnId}」（单独设置）`;
  const names = r.columnNames?.length ? `「${r.columnNames.join('」「')}」` : '';
  return `各单位栏目标识为 ${r.slug ?? ''} 的栏目${names}`;
}

/** The columns that have no override yet (of one slug, when given), as choices for a new one. */
export async function overrideColumnChoices(
  ctx: Context,
  slug?: string | null,
): Promise<{ value: string; label: string }[]> {
  let query = ctx.db
    .selectFrom('columns as c')
    .innerJoin('agencies as a', 'a.id', 'c.agency_id')
    .leftJoin('column_freshness_rules as r', 'r.column_id', 'c.id')
    .where('r.id', 'is', null)
    .select(['c.id', 'c.name', 'c.slug', 'a.name as agency_name'])
    .orderBy('a.name')
    .orderBy('c.sort')
    .orderBy('c.name');
  if (slug) query = query.where('c.slug', '=', slug);
  const rows = await query.execute();
  return rows.map((c) => ({ value: c.id, label: `${c.agency_name} · ${c.name}（${c.slug}）` }));
}

const ruleValues = (r: FreshnessRuleInput | FreshnessRuleView) => ({
  vetoClass: r.vetoClass,
  nationalMaxDays: r.nationalMaxDays,
  warnDays: r.warnDays,
  blankExempt: r.blankExempt,
  basis: r.basis,
});

const rowOf = (r: FreshnessRuleInput) => ({
  veto_class: r.vetoClass,
  national_max_days: r.nationalMaxDays,
  warn_days: r.warnDays,
  blank_exempt: r.blankExempt ? 1 : 0,
  basis: r.basis,
});

/** Changes an existing rule (district-wide or override); audited with the old and new values. */
export async function saveFreshnessRule(
  ctx: Context,
  p: Principal,
  actor: Actor,
  id: string,
  raw: unknown,
): Promise<FreshnessRuleView> {
  assertMayEdit(p);
  const before = await getFreshnessRule(ctx, id);
  const input = parseFreshnessRuleInput(raw);
  await auditedTransaction(ctx, actor, async (trx) => {
    const at = ctx.clock.now().toISOString();
    await trx
      .updateTable('column_freshness_rules')
      .set({ ...rowOf(input), updated_at: at })
      .where('id', '=', id)
      .execute();
    return {
      result: null,
      audit: {
        action: 'inspection_rule.saved',
        objectType: 'column_freshness_rule',
        objectId: id,
        details: { target: ruleTarget(before), before: ruleValues(before), after: ruleValues(input) },
      },
    };
  });
  return getFreshnessRule(ctx, id);
}

/** Adds a rule for one column that wins over its slug's rule. */
export async function addColumnOverride(
  ctx: Context,
  p: Principal,
  actor: Actor,
  raw: unknown,
): Promise<FreshnessRuleView> {
  assertMayEdit(p);
  const columnId = parseOverrideColumn(raw);
  const input = parseFreshnessRuleInput(raw);
  const column = await ctx.db
    .selectFrom('columns as c')
    .innerJoin('agencies as a', 'a.id', 'c.agency_id')
    .select(['c.id', 'c.name', 'a.name as agency_name'])
    .where('c.id', '=', columnId)
    .executeTakeFirst();
  if (!column) throw new AppError('validation', '所选栏目不存在', { fields: { columnId: '所选栏目不存在' } });
  const id = newId();
  const target = ruleTarget({
    slug: null,
    columnId,
    columnName: column.name,
    agencyName: column.agency_name,
  });
  await auditedTransaction(ctx, actor, async (trx) => {
    const taken = await trx
      .selectFrom('column_freshness_rules')
      .select('id')
      .where('column_id', '=', columnId)
      .executeTakeFirst();
    if (taken) {
      const message = '该栏目已有单独设置，请修改原有设置';
      throw new AppError('validation', message, { fields: { columnId: message } });
    }
    await trx
      .insertInto('column_freshness_rules')
      .values({
        id,
        slug: null,
        column_id: columnId,
        ...rowOf(input),
        updated_at: ctx.clock.now().toISOString(),
      })
      .execute();
    return {
      result: null,
      audit: {
        action: 'inspection_rule.override_added',
        objectType: 'column_freshness_rule',
        objectId: id,
        details: { target, before: null, after: ruleValues(input) },
      },
    };
  });
  return getFreshnessRule(ctx, id);
}

/** Removes a per-column override (the column falls back to its slug's rule); district-wide rules stay. */
export async function removeColumnOverride(
  ctx: Context,
  p: Principal,
  actor: Actor,
  id: string,
): Promise<void> {
  assertMayEdit(p);
  const before = await getFreshnessRule(ctx, id);
  if (!before.columnId) throw new AppError('conflict', '全区统一的规则不能删除，可以修改');
  await auditedTransaction(ctx, actor, async (trx) => {
    await trx.deleteFrom('column_freshness_rules').where('id', '=', id).execute();
    return {
      result: null,
      audit: {
        action: 'inspection_rule.override_removed',
        objectType: 'column_freshness_rule',
        objectId: id,
        details: { target: ruleTarget(before), before: ruleValues(before), after: null },
      },
    };
  });
}
