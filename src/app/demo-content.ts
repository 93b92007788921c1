import { chinaDay } from '../core/clock';
import type { Context } from '../core/context';
import { newId } from '../core/ids';
import { assignRoles, createAgency, createUser } from '../modules/accounts';
import { type Actor, auditedTransaction, systemActor } from '../modules/audit';
import { standardColumns } from '../modules/catalog';
import { issueIndexNumber } from '../modules/documents';
import { linkInterpretation } from '../modules/interpretations';
import { NORMATIVE_GENRE, registerNormative } from '../modules/normative';
import { rebuildSearchIndex } from '../search/item-indexer';
import { addDemoApplications } from './demo-applications';
import { DEMO_PASSWORD, demoAgencies, demoItems, demoUsers } from './demo-data';
import { addDemoLetters } from './demo-mailbox';
import { addDemoReports } from './demo-reports';
import { addDemoTasks } from './demo-tasks';

// Demo content for `npm start` on an empty data folder. Never loaded in production (GONGKAI_DEMO=0 or
// NODE_ENV=production): the demo accounts share a published password.

/** Loads the demo district once; returns false when the database already has agencies. */
export async function loadDemoContent(ctx: Context): Promise<boolean> {
  const existing = await ctx.db.selectFrom('agencies').select('id').limit(1).execute();
  if (existing.length > 0) return false;
  const actor: Actor = systemActor('demo-loader');
  const agencyIds = new Map<string, string>();
  for (const a of demoAgencies) {
    const row = await createAgency(ctx, actor, a);
    agencyIds.set(a.code, row.id);
    await addColumns(ctx, actor, row.id);
  }
  for (const u of demoUsers) {
    const { user } = await createUser(
      ctx,
      actor,
      { username: u.username, displayName: u.displayName, adminRole: u.adminRole },
      { password: DEMO_PASSWORD, passwordIsFinal: true },
    );
    if (u.grants.length > 0) {
      const grants = u.grants.map(([code, role]) => ({ agencyId: agencyIds.get(code), role }));
      await assignRoles(ctx, actor, user.id, { adminRole: null, grants });
    }
  }
  await addItems(ctx, actor, agencyIds);
  await addDemoApplications(ctx, agencyIds);
  await addDemoLetters(ctx, agencyIds);
  await addDemoTasks(ctx, agencyIds);
  await addDemoReports(ctx, agencyIds);
  await rebuildSearchIndex(ctx.db);
  return true;
}

async function addColumns(ctx: Context, actor: Actor, agencyId: string) {
  const now = ctx.clock.now().toISOString();
  await auditedTransaction(ctx, actor, async (trx) => {
    for (const [i, c] of standardColumns.entries()) {
      await trx
        .insertInto('columns')
        .values({
          id: newId(),
          agency_id: agencyId,
          slug: c.slug,
          name: c.name,
          description: c.description,
          update_days: c.updateDays,
          sort: i,
          created_at: now,
        })
        .execute();
    }
    return {
      result: undefined,
      audit: { action: 'column.created', agencyId, details: { count: standardColumns.length } },
    };
  });
}

async function addItems(ctx: Context, actor: Actor, agencyIds: Map<string, string>) {
  const columns = await ctx.db.selectFrom('columns').select(['id', 'agency_id', 'slug']).execute();
  const agencies = await ctx.db.selectFrom('agencies').select(['id', 'name']).execute();
  const now = ctx.clock.now().getTime();
  await auditedTransaction(ctx, actor, async (trx) => {
    for (const [n, item] of demoItems.entries()) {
      const agencyId = agencyIds.get(item.agency) ?? '';
      const column = columns.find((c) => c.agency_id === agencyId && c.slug === item.column);
      if (!column) throw new Error(`demo item in unknown column ${item.agency}/${item.column}`);
      const at = new Date(now - (item.daysAgo * 86_400_000 + n * 3_600_000)).toISOString();
      const published = !item.draft;
      const effective = item.registration
        ? chinaDay(new Date(now - item.registration.effectiveDaysAgo * 86_400_000))
        : null;
      const row = await trx
        .insertInto('items')
        .values({
          genre: item.genre ?? null,
          subject_id: item.subjectId ?? null,
          doc_number: item.docNumber ?? null,
          issuer: agencies.find((a) => a.id === agencyId)?.name ?? null,
          written_on: at.slice(0, 10),
          disclosure: 'proactive',
          registration_number: item.registration?.number ?? null,
          effective_from: effective,
          index_number: published ? await issueIndexNumber(trx, agencyId, new Date(at)) : null,
          id: newId(),
          agency_id: agencyId,
          column_id: column.id,
          title: item.title,
          body_html: item.paragraphs.map((p) => `<p>${p}</p>`).join(''),
          summary: item.paragraphs[0]?.slice(0, 120) ?? '',
          keywords: item.keywords,
          source: agencies.find((a) => a.id === agencyId)?.name ?? '',
          visibility: item.visibility ?? 'public',
          status: item.draft ? 'draft' : 'published',
          published_at: item.draft ? null : at,
          view_count: 0,
          created_by: null,
          created_at: at,
          updated_at: at,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      if (published && row.genre === NORMATIVE_GENRE) await registerNormative(trx, ctx, row);
      if (item.interprets) {
        const policy = await trx
          .selectFrom('items')
          .select('id')
          .where('title', '=', item.interprets)
          .executeTakeFirstOrThrow();
        await linkInterpretation(trx, row.id, policy.id, 'text', at);
      }
    }
    return { result: undefined, audit: { action: 'item.demo_loaded', details: { count: demoItems.length } } };
  });
}
