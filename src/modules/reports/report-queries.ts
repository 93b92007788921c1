import type { Kysely } from 'kysely';
import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import type { Agency, DB } from '../../db/schema';
import { chinaYearBounds } from '../catalog';
import { type GroupStats, rectificationRate, rectificationStats } from '../inspections';
import { interpretationForms } from '../interpretations';
import type { AppealFacts, CaseFacts } from './report-tables';

// The records an annual report is counted from, for the agencies in its scope: a department alone, or a
// district with its departments (agencies whose parent_id is the district) and its own cases.

export interface ReportScope {
  agency: Agency;
  agencyIds: string[];
}

/** The agency (by id or code) and the agencies its report covers. */
export async function reportScope(db: Kysely<DB>, idOrCode: string): Promise<ReportScope> {
  const agency = await db
    .selectFrom('agencies')
    .selectAll()
    .where((eb) => eb.or([eb('id', '=', idOrCode), eb('code', '=', idOrCode)]))
    .executeTakeFirst();
  if (!agency) throw new AppError('not_found', `机构不存在：${idOrCode}`);
  if (agency.kind !== 'district') return { agency, agencyIds: [agency.id] };
  const departments = await db
    .selectFrom('agencies')
    .select('id')
    .where('parent_id', '=', agency.id)
    .execute();
  return { agency, agencyIds: [agency.id, ...departments.map((d) => d.id)] };
}

/** Every received case that may count in the year: received by 31 December, not decided before 1 January. */
export async function caseFacts(db: Kysely<DB>, agencyIds: string[], year: number): Promise<CaseFacts[]> {
  const rows = await db
    .selectFrom('applications')
    .select(['applicant_type', 'received_on', 'decided_on', 'outcome'])
    .where('agency_id', 'in', agencyIds)
    .where('status', 'not in', ['held', 'rejected_spam']) // not (yet) applications
    .where('received_on', 'is not', null)
    .where('received_on', '<=', `${year}-12-31`)
    .where((eb) => eb.or([eb('decided_on', 'is', null), eb('decided_on', '>=', `${year}-01-01`)]))
    .execute();
  return rows.map((r) => ({
    applicantType: r.applicant_type,
    receivedOn: r.received_on as string,
    decidedOn: r.decided_on,
    outcome: r.outcome,
  }));
}

/** The reconsiderations and lawsuits recorded on the agencies' cases, filed in the year. */
export async function appealFacts(db: Kysely<DB>, agencyIds: string[], year: number): Promise<AppealFacts[]> {
  const rows = await db
    .selectFrom('application_appeals')
    .innerJoin('applications', 'applications.id', 'application_appeals.application_id')
    .select([
      'application_appeals.kind',
      'application_appeals.filed_on',
      'application_appeals.result',
      'application_appeals.concluded_on',
    ])
    .where('applications.agency_id', 'in', agencyIds)
    .where('application_appeals.filed_on', '>=', `${year}-01-01`)
    .where('application_appeals.filed_on', '<=', `${year}-12-31`)
    .execute();
  return rows.map((r) => ({
    kind: r.kind,
    filedOn: r.filed_on,
    result: r.result,
    concludedOn: r.concluded_on,
  }));
}

/** 信息处理费 paid in the year (国办函〔2020〕109号), from the cases' fee_paid events: yuan and cases. */
export async function feesCollected(db: Kysely<DB>, agencyIds: string[], year: number) {
  const rows = await db
    .selectFrom('application_events')
    .innerJoin('applications', 'applications.id', 'application_events.application_id')
    .select(['application_events.application_id', 'application_events.data'])
    .where('applications.agency_id', 'in', agencyIds)
    .where('application_events.kind', '=', 'fee_paid')
    .where('application_events.on_date', '>=', `${year}-01-01`)
    .where('application_events.on_date', '<=', `${year}-12-31`)
    .execute();
  const yuan = rows.reduce((n, r) => n + Number((JSON.parse(r.data) as { yuan?: number }).yuan ?? 0), 0);
  return { yuan, cases: new Set(rows.map((r) => r.application_id)).size };
}

export interface OverviewFigures {
  itemsPublished: number;
  columnsUpdated: number;
  interpretations: { label: string; count: number }[];
  sourceStatus: { submitted: number; proactive: number; onRequest: number; withheld: number };
  secrecyReviews: number;
  rectifications: GroupStats[];
}

async function countOf<T extends { n: unknown }>(q: Promise<T | undefined>): Promise<number> {
  return Number((await q)?.n ?? 0);
}

/** Section 一 figures: items, columns, interpretations, 源头认定, 保密审查 and 整改 in the China year. */
export async function overviewFigures(
  ctx: Context,
  agencyIds: string[],
  year: number,
): Promise<OverviewFigures> {
  const { from, to } = chinaYearBounds(year);
  const published = ctx.db
    .selectFrom('items')
    .where('agency_id', 'in', agencyIds)
    .where('visibility', '=', 'public')
    .where('correction_of', 'is', null)
    .where('published_at', '>=', from)
    .where('published_at', '<', to);
  const itemsPublished = await countOf(published.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst());
  const columnsUpdated = await countOf(
    published.select((eb) => eb.fn.count('column_id').distinct().as('n')).executeTakeFirst(),
  );
  return {
    itemsPublished,
    columnsUpdated,
    interpretations: await interpretationsByForm(ctx.db, agencyIds, from, to),
    sourceStatus: await sourceStatusCounts(ctx.db, agencyIds, from, to),
    secrecyReviews: await countOf(
      ctx.db
        .selectFrom('review_actions')
        .innerJoin('items', 'items.id', 'review_actions.item_id')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('items.agency_id', 'in', agencyIds)
        .where('review_actions.action', '=', 'approve')
        .where('review_actions.secrecy_checked', '=', 1)
        .where('review_actions.at', '>=', from)
        .where('review_actions.at', '<', to)
        .executeTakeFirst(),
    ),
    rectifications: await rectifications(ctx, agencyIds, from, to),
  };
}

/** Interpretations (政策解读) published in [from, to) by form, the forms with none left out. */
export async function interpretationsByForm(
  db: Kysely<DB>,
  agencyIds: string[],
  from: string,
  to: string,
): Promise<{ label: string; count: number }[]> {
  const forms = await db
    .selectFrom('interpretations')
    .innerJoin('items', 'items.id', 'interpretations.item_id')
    .select(['interpretations.form', (eb) => eb.fn.countAll().as('n')])
    .where('items.agency_id', 'in', agencyIds)
    .where('items.status', '=', 'published')
    .where('items.published_at', '>=', from)
    .where('items.published_at', '<', to)
    .groupBy('interpretations.form')
    .execute();
  return Object.entries(interpretationForms)
    .map(([form, label]) => ({ label, count: Number(forms.find((f) => f.form === form)?.n ?? 0) }))
    .filter((f) => f.count > 0);
}

/** 公文公开属性源头认定 (国办发〔2016〕80号 §一(一)): documents submitted for review in [from, to) by status. */
export async function sourceStatusCounts(db: Kysely<DB>, agencyIds: string[], from: string, to: string) {
  const rows = await db
    .selectFrom('review_actions')
    .innerJoin('items', 'items.id', 'review_actions.item_id')
    .select(['items.id', 'items.disclosure'])
    .where('items.agency_id', 'in', agencyIds)
    .where('review_actions.action', '=', 'submit')
    .where('review_actions.at', '>=', from)
    .where('review_actions.at', '<', to)
    .distinct()
    .execute();
  const count = (d: string) => rows.filter((r) => r.disclosure === d).length;
  return {
    submitted: rows.length,
    proactive: count('proactive'),
    onRequest: count('on_request'),
    withheld: count('withheld'),
  };
}

// 整改 by group over the whole scope (src/modules/inspections rectificationStats, merged across agencies).
async function rectifications(
  ctx: Context,
  agencyIds: string[],
  from: string,
  to: string,
): Promise<GroupStats[]> {
  const merged = new Map<string, GroupStats>();
  for (const agency of await rectificationStats(ctx, { agencyIds, from, to }))
    for (const g of agency.groups) {
      const m = merged.get(g.group) ?? { ...g, opened: 0, closed: 0, excepted: 0, open: 0 };
      merged.set(g.group, {
        ...m,
        opened: m.opened + g.opened,
        closed: m.closed + g.closed,
        excepted: m.excepted + g.excepted,
        open: m.open + g.open,
      });
    }
  return [...merged.values()].map((g) => ({ ...g, rate: rectificationRate(g) }));
}
