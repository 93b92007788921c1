import type { Kysely } from 'kysely';
import { chinaDay } from '../../core/clock';
import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import type { DB } from '../../db/schema';
import { chinaYearBounds } from '../catalog';
import { rectificationStats } from '../inspections';
import { isPolicyItem, policiesWithoutInterpretation } from '../interpretations';
import { interpretationsByForm, sourceStatusCounts } from '../reports';
import { keyTaskProgress } from '../tasks';
import type {
  ColumnFigure,
  InterpretationFigures,
  KeyTaskFigures,
  ReviewFigures,
  WorkSummaryFigures,
} from './summary-figures';

// The queries behind the work summary: one agency, one calendar year in China time. Each practice reads
// the record that proves it — published items, review opinions (the 审查单), the audit log of sign-offs
// and overrules, interpretation links, rectification tasks — never a figure typed in by hand.

type YearBounds = { from: string; to: string };

/** Public items first published in the year, per column of the agency (corrections not counted twice). */
async function columnFigures(db: Kysely<DB>, agencyId: string, y: YearBounds): Promise<ColumnFigure[]> {
  const columns = await db
    .selectFrom('columns')
    .select(['id', 'name', 'update_days'])
    .where('agency_id', '=', agencyId)
    .orderBy('sort')
    .orderBy('name')
    .execute();
  const counts = await db
    .selectFrom('items')
    .select(['column_id', (eb) => eb.fn.countAll().as('n')])
    .where('agency_id', '=', agencyId)
    .where('visibility', '=', 'public')
    .where('correction_of', 'is', null)
    .where('published_at', '>=', y.from)
    .where('published_at', '<', y.to)
    .groupBy('column_id')
    .execute();
  const byColumn = new Map(counts.map((c) => [c.column_id, Number(c.n)]));
  return columns.map((c) => ({
    name: c.name,
    published: byColumn.get(c.id) ?? 0,
    updateDays: c.update_days,
  }));
}

async function auditCount(db: Kysely<DB>, agencyId: string, y: YearBounds, action: string, like?: string) {
  let q = db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('agency_id', '=', agencyId)
    .where('action', '=', action)
    .where('outcome', '=', 'success')
    .where('at', '>=', y.from)
    .where('at', '<', y.to);
  if (like) q = q.where('details', 'like', like);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

async function reviewActionCount(
  db: Kysely<DB>,
  agencyId: string,
  y: YearBounds,
  filter: { action?: 'return'; secrecy?: true },
) {
  let q = db
    .selectFrom('review_actions')
    .innerJoin('items', 'items.id', 'review_actions.item_id')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('items.agency_id', '=', agencyId)
    .where('review_actions.at', '>=', y.from)
    .where('review_actions.at', '<', y.to);
  if (filter.action) q = q.where('review_actions.action', '=', filter.action);
  if (filter.secrecy)
    q = q.where('review_actions.action', '=', 'approve').where('review_actions.secrecy_checked', '=', 1);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

/**
 * 三审 and the pre-publication check: every final sign-off (audited as item.approved reaching
 * 'approved') ran the compliance gate of documents/compliance-gate.ts (错敏词 and privacy screen,
 * 条例 Art. 17); overrules are audited as item.compliance_overruled.
 */
async function reviewFigures(db: Kysely<DB>, agencyId: string, y: YearBounds): Promise<ReviewFigures> {
  return {
    signedOff: await auditCount(db, agencyId, y, 'item.approved', '%"after":"approved"%'),
    secrecyReviews: await reviewActionCount(db, agencyId, y, { secrecy: true }),
    returned: await reviewActionCount(db, agencyId, y, { action: 'return' }),
    overruled: await auditCount(db, agencyId, y, 'item.compliance_overruled'),
  };
}

/** Interpretations published in the year by form, and the year's policies still without one (三同步). */
async function interpretationFigures(
  ctx: Context,
  agencyId: string,
  y: YearBounds,
): Promise<InterpretationFigures> {
  const byForm = await interpretationsByForm(ctx.db, [agencyId], y.from, y.to);
  const published = await ctx.db
    .selectFrom('items')
    .select(['id', 'genre', 'is_policy'])
    .where('agency_id', '=', agencyId)
    .where('status', '=', 'published')
    .where('correction_of', 'is', null)
    .where('published_at', '>=', y.from)
    .where('published_at', '<', y.to)
    .execute();
  const policyIds = new Set(published.filter((i) => isPolicyItem(i)).map((i) => i.id));
  const without = (await policiesWithoutInterpretation(ctx, [agencyId])).filter((p) => policyIds.has(p.id));
  return {
    byForm,
    total: byForm.reduce((n, f) => n + f.count, 0),
    policiesPublished: policyIds.size,
    policiesWithout: without.length,
  };
}

async function rectificationFigures(ctx: Context, agencyId: string, y: YearBounds) {
  const [stats] = await rectificationStats(ctx, { agencyIds: [agencyId], from: y.from, to: y.to });
  return (stats?.groups ?? []).map(({ label, opened, closed, excepted, open, rate }) => ({
    label,
    opened,
    closed,
    excepted,
    open,
    rate,
  }));
}

/** 重点工作清单 progress of the agency's tasks on the year's list, late counted as of today. */
async function taskFigures(ctx: Context, agencyId: string, year: number): Promise<KeyTaskFigures> {
  return keyTaskProgress(ctx.db, { agencyIds: [agencyId], year }, chinaDay(ctx.clock.now()));
}

/** Every figure of the agency's work summary for the year. */
export async function gatherSummaryFigures(
  ctx: Context,
  agencyId: string,
  year: number,
): Promise<WorkSummaryFigures> {
  const agency = await ctx.db
    .selectFrom('agencies')
    .select(['id', 'name'])
    .where('id', '=', agencyId)
    .executeTakeFirst();
  if (!agency) throw new AppError('not_found', '机构不存在');
  const y = chinaYearBounds(year);
  return {
    agencyName: agency.name,
    year,
    tasks: await taskFigures(ctx, agencyId, year),
    columns: await columnFigures(ctx.db, agencyId, y),
    sourceStatus: await sourceStatusCounts(ctx.db, [agencyId], y.from, y.to), // 源头认定, as in the annual report
    review: await reviewFigures(ctx.db, agencyId, y),
    interpretations: await interpretationFigures(ctx, agencyId, y),
    rectification: await rectificationFigures(ctx, agencyId, y),
  };
}
