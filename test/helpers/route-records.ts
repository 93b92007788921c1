import { createHash } from 'node:crypto';
import { loadDemoContent } from '../../src/app/demo-content';
import type { Item } from '../../src/db/schema';
import { actorOf, type Principal } from '../../src/modules/accounts';
import { uploadAttachments } from '../../src/modules/attachments';
import { saveViewCounts } from '../../src/modules/catalog';
import { createDraft, reviewStep, submitForReview } from '../../src/modules/documents';
import { runGapCheck } from '../../src/modules/gap-check';
import { runInspection } from '../../src/modules/inspections';
import { addEvidenceFile, addMeeting, decomposeItem, getKeyTask } from '../../src/modules/tasks';
import { authorPrincipal } from '../../src/modules/work-summary';
import { applyOnline } from './application-fixtures';
import { pdf } from './attachment-fixtures';
import { makeUser } from './factories';
import { writeLetter } from './mailbox-fixtures';
import type { RouteIds } from './route-requests';
import type { TestContext } from './test-context';

// A populated district for route-wide tests: the demo content (区经信局 jxj is agency A, 区财政局 czj is
// agency B) plus, in agency A, one record of every kind a route parameter can name, the private ones
// carrying the canary text so a leak to another agency shows. Each record is made through its service.

export const CANARY_A = 'CANARY-A-7Q3';

export interface RouteRecords {
  ids: RouteIds;
  agencyA: string;
  agencyB: string;
  district: string;
  /** The demo accounts of agency A that drafted and reviewed the seeded records. */
  authors: Record<'editor' | 'reviewer1' | 'reviewer2' | 'reviewer3' | 'supervisor', Principal>;
}

const agencyIdOf = async (ctx: TestContext, code: string) =>
  (await ctx.db.selectFrom('agencies').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;

async function* onePdf(name: string) {
  yield {
    name,
    content: (async function* () {
      yield pdf();
    })(),
  };
}

async function draftWithAttachment(ctx: TestContext, editor: Principal, columnId: string, title: string) {
  const seed = actorOf(editor, '127.0.0.1', 'seed');
  const item = await createDraft(ctx, editor, seed, {
    columnId,
    title,
    bodyHtml: `<p>${title}正文</p>`,
    visibility: 'public',
    disclosure: 'proactive',
  });
  const [attachment] = await uploadAttachments(ctx, editor, seed, item, onePdf('附件.pdf'));
  return { item, attachmentId: attachment?.id ?? '' };
}

const reload = (ctx: TestContext, id: string): Promise<Item> =>
  ctx.db.selectFrom('items').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

/** Loads the demo district and adds agency A's records; returns the ids route parameters take. */
export async function seedRouteRecords(ctx: TestContext): Promise<RouteRecords> {
  await loadDemoContent(ctx);
  const agencyA = await agencyIdOf(ctx, 'jxj');
  const agencyB = await agencyIdOf(ctx, 'czj');
  const district = await agencyIdOf(ctx, 'district');
  const authors = {
    editor: await authorPrincipal(ctx, 'jxj.editor'),
    reviewer1: await authorPrincipal(ctx, 'jxj.chief'),
    reviewer2: await authorPrincipal(ctx, 'jxj.office'),
    reviewer3: await authorPrincipal(ctx, 'jxj.leader'),
    supervisor: await authorPrincipal(ctx, 'zfb.supervisor'),
  };
  const as = (p: Principal) => actorOf(p, '127.0.0.1', 'seed');
  const column = await ctx.db
    .selectFrom('columns')
    .select(['id', 'slug'])
    .where('agency_id', '=', agencyA)
    .where('slug', '=', 'news')
    .executeTakeFirstOrThrow();

  const draft = await draftWithAttachment(ctx, authors.editor, column.id, `${CANARY_A}草稿`);
  const published = await draftWithAttachment(ctx, authors.editor, column.id, '已发布的附件通知');
  await submitForReview(ctx, authors.editor, as(authors.editor), published.item);
  for (const role of ['reviewer1', 'reviewer2', 'reviewer3'] as const) {
    const item = await reload(ctx, published.item.id);
    await reviewStep(ctx, authors[role], as(authors[role]), item, 'approve', {
      opinion: '同意',
      secrecyChecked: true,
    });
  }

  const application = await applyOnline(ctx, agencyA, { description: `${CANARY_A}申请公开的信息内容描述` });
  const applicationLetter = await ctx.db
    .selectFrom('application_letters')
    .select('id')
    .where('application_id', '=', application.row.id)
    .executeTakeFirstOrThrow();
  const letter = await writeLetter(ctx, agencyA, { subject: `${CANARY_A}来信` });
  const publicLetter = await ctx.db
    .selectFrom('mailbox_letters')
    .select('id')
    .where('agency_id', '=', agencyA)
    .where('published_at', 'is not', null)
    .executeTakeFirstOrThrow();

  const year = Number(ctx.clock.now().toISOString().slice(0, 4));
  const keyItem = await ctx.db
    .selectFrom('key_task_items')
    .select('id')
    .where('year', '=', year)
    .orderBy('seq')
    .executeTakeFirstOrThrow();
  const task = await decomposeItem(ctx, authors.supervisor, as(authors.supervisor), keyItem.id, {
    agencyId: agencyA,
    ownerUserId: authors.editor.userId,
    evidenceRequired: `${CANARY_A}佐证`,
  });
  const evidence = await addEvidenceFile(
    ctx,
    authors.editor,
    as(authors.editor),
    await getKeyTask(ctx, authors.editor, task.id),
    { name: '佐证.pdf', bytes: pdf() },
  );
  const meeting = await addMeeting(
    ctx,
    authors.editor,
    as(authors.editor),
    {
      agencyId: agencyA,
      heldOn: `${year}-03-08`,
      attendees: '各科室信息员',
      topics: `${CANARY_A}例会`,
      decisions: '按期完成',
    },
    { name: '纪要.pdf', bytes: pdf() },
  );

  const inspection = await runInspection(ctx, 'manual');
  const gapCheck = await runGapCheck(ctx, agencyA, { trigger: 'manual' });
  const first = async <T>(query: Promise<T | undefined>, what: string): Promise<T> => {
    const row = await query;
    if (!row) throw new Error(`seedRouteRecords: no ${what}`);
    return row;
  };
  const rectification = await first(
    ctx.db.selectFrom('rectification_tasks').select('id').where('agency_id', '=', agencyA).executeTakeFirst(),
    'rectification task of agency A',
  );
  const victim = await makeUser(ctx);
  const ids: RouteIds = {
    agencyId: agencyA,
    agencyCode: 'jxj',
    columnSlug: column.slug,
    publishedItemId: published.item.id,
    draftItemId: draft.item.id,
    attachmentId: draft.attachmentId,
    publicAttachmentId: published.attachmentId,
    applicationId: application.row.id,
    applicationLetterId: applicationLetter.id,
    applicationAction: 'assign',
    mailboxLetterId: letter.row.id,
    publicLetterId: publicLetter.id,
    mailboxAction: 'assign',
    userId: victim.id,
    subjectId: (await first(ctx.db.selectFrom('subjects').select('id').executeTakeFirst(), 'subject')).id,
    letterTemplateKey: 'receipt',
    inspectionRuleId: (
      await first(ctx.db.selectFrom('column_freshness_rules').select('id').executeTakeFirst(), 'rule')
    ).id,
    thresholdKey: (
      await first(ctx.db.selectFrom('inspection_thresholds').select('key').executeTakeFirst(), 'threshold')
    ).key,
    inspectionId: inspection.inspection.id,
    rectificationId: rectification.id,
    wordingRuleId: (await first(ctx.db.selectFrom('wording_rules').select('id').executeTakeFirst(), 'rule'))
      .id,
    allowEntryId: (
      await first(ctx.db.selectFrom('wording_allow').select('id').executeTakeFirst(), 'allow entry')
    ).id,
    keyTaskItemId: keyItem.id,
    keyTaskId: task.id,
    evidenceId: evidence.id,
    meetingId: meeting.id,
    staffId: (
      await first(
        ctx.db
          .selectFrom('disclosure_staff')
          .select('id')
          .where('agency_id', '=', agencyA)
          .executeTakeFirst(),
        'staff',
      )
    ).id,
    gapCheckId: gapCheck.id,
    reportId: (
      await first(
        ctx.db.selectFrom('annual_reports').select('id').where('agency_id', '=', agencyA).executeTakeFirst(),
        'report',
      )
    ).id,
  };
  return { ids, agencyA, agencyB, district, authors };
}

// Columns that change on every request by design: a session's last activity (touched once a minute).
const volatileColumns: Record<string, string[]> = { sessions: ['last_seen_at'] };

/**
 * A digest of every row of every table, per table (view counts held in memory are saved first), so a
 * refused request can be shown to have changed nothing and the table it did change can be named.
 */
export async function databaseDigest(ctx: TestContext): Promise<Map<string, string>> {
  await saveViewCounts(ctx);
  const tables = (await ctx.db.introspection.getTables()).map((t) => t.name).sort();
  const digests = await Promise.all(
    tables.map(async (table) => {
      const rows = (await ctx.db
        .selectFrom(table as never)
        .selectAll()
        .execute()) as Record<string, unknown>[];
      const skip = volatileColumns[table] ?? [];
      const lines = rows
        .map((row) => JSON.stringify(Object.entries(row).filter(([k]) => !skip.includes(k))))
        .sort();
      return [table, createHash('sha256').update(lines.join('\n')).digest('hex')] as const;
    }),
  );
  return new Map(digests);
}

/** The tables whose rows differ between two digests. */
export function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((t) => before.get(t) !== after.get(t)).sort();
}
