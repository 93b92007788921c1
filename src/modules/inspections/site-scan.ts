import type { Context } from '../../core/context';
import { publicItems } from '../catalog';
import { plainText } from '../documents';
import { mailboxColumnTotals } from '../mailbox';
import { fingerprintOf, type ScopedFinding } from './finding';
import { type ColumnState, checkBlankColumn, checkColumnFreshness, checkHomeFreshness } from './freshness';
import {
  type AttachmentState,
  attachmentProblems,
  brokenLinkFinding,
  classifyLink,
  extractLinks,
  type LinkLookups,
  linkProblem,
} from './links';
import { checkMetadata } from './metadata';
import type { InspectionRules } from './rules';
import { attachmentState, envOf, type ScanEnv, type ScanOptions, scoped } from './scan-env';

export type { ExternalLinkChecker, ScanOptions } from './scan-env';

// The I/O edge of the inspection: reads the site (columns, published items, attachments and their files),
// runs the pure checks and returns findings with their owning agency. `scanSite` covers everything;
// `scanObject` re-checks one object for a rescan.

const PAGE = 200;
const MAILBOX_SLUG = 'mailbox';

export async function columnStates(env: ScanEnv, columnId?: string): Promise<ColumnState[]> {
  let columns = env.ctx.db
    .selectFrom('columns')
    .innerJoin('agencies', 'agencies.id', 'columns.agency_id')
    .select(['columns.id', 'columns.agency_id', 'columns.slug', 'columns.name', 'columns.update_days'])
    .where('agencies.enabled', '=', 1);
  let stats = publicItems(env.ctx.db)
    .select((eb) => ['column_id', eb.fn.countAll<number>().as('n'), eb.fn.max('published_at').as('last')])
    .groupBy('column_id');
  if (columnId) {
    columns = columns.where('columns.id', '=', columnId);
    stats = stats.where('column_id', '=', columnId);
  }
  const [rows, statRows, letters] = await Promise.all([
    columns.execute(),
    stats.execute(),
    mailboxColumnTotals(env.ctx.db),
  ]);
  const byColumn = new Map(statRows.map((s) => [s.column_id, s]));
  return rows.map((c) => {
    // The 信箱 column lists published letters, not catalogue items (src/modules/mailbox).
    const letterTotals = c.slug === MAILBOX_SLUG ? letters.get(c.agency_id) : undefined;
    const s = letterTotals ? { last: letterTotals.last, n: letterTotals.count } : byColumn.get(c.id);
    return {
      id: c.id,
      agencyId: c.agency_id,
      slug: c.slug,
      name: c.name,
      updateDays: c.update_days === null ? null : Number(c.update_days),
      lastPublishedAt: s?.last ?? null,
      publicCount: Number(s?.n ?? 0),
    };
  });
}

export function columnFindings(env: ScanEnv, columns: ColumnState[]): ScopedFinding[] {
  const out: ScopedFinding[] = [];
  for (const c of columns) {
    const rule = env.rules.ruleFor(c);
    for (const f of [checkBlankColumn(c, rule), checkColumnFreshness(c, rule, env.now, env.rules.thresholds)])
      if (f) out.push(scoped(c.agencyId)(f));
  }
  return out;
}

async function districtId(env: ScanEnv): Promise<string | null> {
  const row = await env.ctx.db
    .selectFrom('agencies')
    .select('id')
    .where('kind', '=', 'district')
    .where('enabled', '=', 1)
    .orderBy('created_at')
    .executeTakeFirst();
  return row?.id ?? null;
}

async function siteHomeFindings(env: ScanEnv): Promise<ScopedFinding[]> {
  const last = await publicItems(env.ctx.db)
    .select((eb) => eb.fn.max('published_at').as('last'))
    .executeTakeFirst();
  const f = checkHomeFreshness(
    { scope: 'site', id: 'home', name: '网站首页', lastPublishedAt: last?.last ?? null },
    env.now,
    env.rules.thresholds,
  );
  return f ? [scoped(await districtId(env))(f)] : [];
}

// A department channel's home (/agencies/:code) for every enabled agency that has columns.
async function channelHomeFindings(env: ScanEnv, agencyId?: string): Promise<ScopedFinding[]> {
  let agencies = env.ctx.db
    .selectFrom('agencies')
    .select(['id', 'name'])
    .where('enabled', '=', 1)
    .where((eb) =>
      eb.exists(eb.selectFrom('columns').select('id').whereRef('columns.agency_id', '=', 'agencies.id')),
    );
  if (agencyId) agencies = agencies.where('id', '=', agencyId);
  const [rows, stats] = await Promise.all([
    agencies.execute(),
    publicItems(env.ctx.db)
      .select((eb) => ['agency_id', eb.fn.max('published_at').as('last')])
      .groupBy('agency_id')
      .execute(),
  ]);
  const last = new Map(stats.map((s) => [s.agency_id, s.last]));
  const out: ScopedFinding[] = [];
  for (const a of rows) {
    const home = {
      scope: 'agency' as const,
      id: a.id,
      name: `${a.name}频道`,
      lastPublishedAt: last.get(a.id) ?? null,
    };
    const f = checkHomeFreshness(home, env.now, env.rules.thresholds);
    if (f) out.push(scoped(a.id)(f));
  }
  return out;
}

const itemColumns = [
  'id',
  'agency_id',
  'title',
  'body_html',
  'index_number',
  'published_at',
  'source',
  'disclosure',
  'doc_number',
  'issuer',
  'written_on',
] as const;

type ScannedItem = Awaited<ReturnType<typeof loadItems>>[number];

function loadItems(env: ScanEnv, after: string, id?: string) {
  let q = env.ctx.db.selectFrom('items').select(itemColumns).where('status', '=', 'published');
  q = id ? q.where('id', '=', id) : q.where('id', '>', after);
  return q.orderBy('id').limit(PAGE).execute();
}

async function lookupsFor(env: ScanEnv, items: ScannedItem[]): Promise<LinkLookups> {
  const targets = items.flatMap((i) => extractLinks(i.body_html).map((l) => classifyLink(l.href, env.hosts)));
  const itemIds = [...new Set(targets.flatMap((t) => (t.kind === 'item' ? [t.id] : [])))];
  const attachmentIds = [...new Set(targets.flatMap((t) => (t.kind === 'attachment' ? [t.id] : [])))];
  const db = env.ctx.db;
  const [linkedItems, linkedAttachments, agencies, columns] = await Promise.all([
    itemIds.length
      ? db.selectFrom('items').select(['id', 'status', 'visibility']).where('id', 'in', itemIds).execute()
      : [],
    attachmentIds.length
      ? db
          .selectFrom('attachments')
          .innerJoin('items', 'items.id', 'attachments.item_id')
          .select(['attachments.id', 'items.status', 'items.visibility'])
          .where('attachments.id', 'in', attachmentIds)
          .where('attachments.deleted_at', 'is', null)
          .execute()
      : [],
    db.selectFrom('agencies').select('code').where('enabled', '=', 1).execute(),
    db
      .selectFrom('columns')
      .innerJoin('agencies', 'agencies.id', 'columns.agency_id')
      .select(['agencies.code', 'columns.slug'])
      .where('agencies.enabled', '=', 1)
      .execute(),
  ]);
  const attachments = new Map<string, AttachmentState>();
  for (const a of linkedAttachments)
    attachments.set(
      a.id,
      a.status === 'published' && a.visibility === 'public'
        ? await attachmentState(env, a.id)
        : 'missing_row',
    );
  return {
    items: new Map(
      linkedItems.map((i) => [i.id, { public: i.status === 'published' && i.visibility === 'public' }]),
    ),
    agencyCodes: new Set(agencies.map((a) => a.code)),
    columnKeys: new Set(columns.map((c) => `${c.code}/${c.slug}`)),
    attachments,
  };
}

async function externalProblem(env: ScanEnv, url: string): Promise<string | null> {
  if (!env.external) return null;
  if (!env.externalResults.has(url)) env.externalResults.set(url, await env.external(url));
  return env.externalResults.get(url) ?? null;
}

async function itemFindings(env: ScanEnv, items: ScannedItem[]): Promise<ScopedFinding[]> {
  const lookups = await lookupsFor(env, items);
  const out: ScopedFinding[] = [];
  for (const item of items) {
    const own = scoped(item.agency_id);
    const meta = checkMetadata(item);
    if (meta) out.push(own(meta));
    for (const link of extractLinks(item.body_html)) {
      const target = classifyLink(link.href, env.hosts);
      const problem =
        target.kind === 'external' ? await externalProblem(env, target.url) : linkProblem(target, lookups);
      if (problem) out.push(own(brokenLinkFinding(item.id, item.title, link.href, problem)));
    }
    const inspected = { id: item.id, title: item.title, bodyText: plainText(item.body_html) };
    for (const check of env.checks) for (const f of await check(inspected)) out.push(own(f));
  }
  return out;
}

async function attachmentFindings(env: ScanEnv, after: string, id?: string) {
  let q = env.ctx.db
    .selectFrom('attachments')
    .innerJoin('items', 'items.id', 'attachments.item_id')
    .select(['attachments.id', 'attachments.original_name', 'items.agency_id', 'items.title'])
    .where('attachments.deleted_at', 'is', null)
    .where('items.status', '=', 'published');
  q = id ? q.where('attachments.id', '=', id) : q.where('attachments.id', '>', after);
  const rows = await q.orderBy('attachments.id').limit(PAGE).execute();
  const findings: ScopedFinding[] = [];
  for (const a of rows) {
    const state = await attachmentState(env, a.id);
    if (state === 'ok' || state === 'missing_row') continue;
    findings.push({
      kind: 'missing_attachment',
      indicator: 'deduct.attachment',
      severity: 'deduct',
      objectType: 'attachment',
      objectId: a.id,
      fingerprint: fingerprintOf('missing_attachment', 'attachment', a.id),
      message: `「${a.title}」的附件「${a.original_name}」：${attachmentProblems[state]}`,
      detail: { name: a.original_name, state, title: a.title },
      agencyId: a.agency_id,
    });
  }
  return { findings, last: rows.at(-1)?.id ?? null };
}

/** Scans the whole site: columns, home pages, every published item and every live attachment. */
export async function scanSite(
  ctx: Context,
  rules: InspectionRules,
  options: ScanOptions = {},
): Promise<ScopedFinding[]> {
  const env = envOf(ctx, rules, options);
  const findings = [
    ...(await siteHomeFindings(env)),
    ...(await channelHomeFindings(env)),
    ...columnFindings(env, await columnStates(env)),
  ];
  for (let after = ''; ; ) {
    const items = await loadItems(env, after);
    if (items.length === 0) break;
    findings.push(...(await itemFindings(env, items)));
    after = items[items.length - 1]?.id ?? after;
  }
  for (let after: string | null = ''; after !== null; ) {
    const page = await attachmentFindings(env, after);
    findings.push(...page.findings);
    after = page.last;
  }
  return findings;
}

/** Re-checks one object (a task's), with the same checks as the full scan. */
export async function scanObject(
  ctx: Context,
  rules: InspectionRules,
  objectType: string,
  objectId: string,
  options: ScanOptions = {},
): Promise<ScopedFinding[]> {
  const env = envOf(ctx, rules, options);
  switch (objectType) {
    case 'item':
      return itemFindings(env, await loadItems(env, '', objectId));
    case 'column':
      return columnFindings(env, await columnStates(env, objectId));
    case 'attachment':
      return (await attachmentFindings(env, '', objectId)).findings;
    case 'site':
      return siteHomeFindings(env);
    case 'agency':
      return channelHomeFindings(env, objectId);
    default:
      return [];
  }
}
