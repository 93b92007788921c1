import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/core/ids';
import type { Principal } from '../src/modules/accounts';
import {
  getGapReport,
  listGapReports,
  runGapCheck,
  runGapCheckNow,
  runMonthlyGapChecks,
} from '../src/modules/gap-check';
import { addEvidenceFile, addStaff, decomposeItem, importKeyTaskList, listItems } from '../src/modules/tasks';
import { setEmail } from './helpers/application-cases';
import { applyOnline } from './helpers/application-fixtures';
import { pdf } from './helpers/attachment-fixtures';
import { makeAgency, makeColumn, makeItem, makeUser } from './helpers/factories';
import { writeLetter } from './helpers/mailbox-fixtures';
import { loginSession } from './helpers/principals';
import { actorOf } from './helpers/review-flow';
import { createTestContext, type TestContext, testDatabases } from './helpers/test-context';

// The monthly gap check (查漏补缺, issue 6) on both databases: made on the first working day of the month
// (Mon 2026-03-02; Sun 03-01 is too early), once per agency per month, with every section's contents —
// late or evidence-less key tasks, stale and blank columns, open rectification tasks, applications and
// letters near their deadline, policies without interpretation, normative documents near expiry — kept,
// mailed to the agency's officers once, and on demand from the back office within the viewer's scope.

describe.each(testDatabases())('monthly gap check on %s', (kind) => {
  let ctx: TestContext;
  let a: { id: string };
  let b: { id: string };
  let supervisor: Principal;
  let editorA: Principal;
  let editorB: Principal;
  let applicationDue: string;
  const ids: Record<string, string> = {};

  // An item published in a given column (makeItem's own column is removed again).
  async function publishedIn(columnId: string, agencyId: string, title: string, publishedAt: string) {
    const item = await makeItem(ctx, agencyId, { title });
    await ctx.db
      .updateTable('items')
      .set({ column_id: columnId, published_at: publishedAt })
      .where('id', '=', item.id)
      .execute();
    await ctx.db.deleteFrom('columns').where('id', '=', item.column_id).execute();
    return item;
  }

  async function buildAgencyA() {
    const news = await makeColumn(ctx, a.id, 'news', '工作动态', 14);
    await publishedIn(news, a.id, '二月动态', '2026-02-10T02:00:00.000Z'); // 19 whole days old at 09:00 on 03-02
    const notices = await makeColumn(ctx, a.id, 'notices', '通知公告', 180);
    await publishedIn(notices, a.id, '一则通知', '2026-02-20T02:00:00.000Z');
    await makeColumn(ctx, a.id, 'plans', '规划计划', 365); // blank
    await makeColumn(ctx, a.id, 'on-request', '依申请公开', 30); // blank but exempt: an entry column
    const policy = await publishedIn(
      notices,
      a.id,
      '关于促进数字经济发展的若干政策',
      '2026-02-02T02:00:00.000Z',
    );
    await ctx.db.updateTable('items').set({ is_policy: 1 }).where('id', '=', policy.id).execute();
    const normative = await publishedIn(notices, a.id, '示范区专项资金管理办法', '2026-02-03T02:00:00.000Z');
    await ctx.db
      .insertInto('normative_documents')
      .values({
        item_id: normative.id,
        agency_id: a.id,
        registration_number: 'SFQD-2024-001',
        effective_from: '2024-07-01',
        valid_until: '2026-06-30',
        trial: 0,
        status: 'in_force',
        status_date: '2024-07-01',
        status_instrument: '',
        successor_item_id: null,
        registered_at: '2024-06-01T00:00:00.000Z',
      })
      .execute();
    const inspection = newId();
    await ctx.db
      .insertInto('inspections')
      .values({
        id: inspection,
        started_at: '2026-02-20T00:00:00.000Z',
        finished_at: '2026-02-20T00:01:00.000Z',
        trigger: 'manual',
        scope: 'site',
        started_by: null,
        score: 99,
        summary: '{}',
      })
      .execute();
    await ctx.db
      .insertInto('rectification_tasks')
      .values({
        id: newId(),
        agency_id: a.id,
        kind: 'wording',
        indicator: 'deduct.wording',
        severity: 'deduct',
        fingerprint: `wording:item:${policy.id}`,
        object_type: 'item',
        object_id: policy.id,
        message: '信息「一则通知」含错别字「中国入民」',
        opened_at: '2026-02-20T00:01:00.000Z',
        opened_inspection_id: inspection,
        deadline: '2026-02-27',
        status: 'open',
        closed_at: null,
        closed_by: null,
        closed_inspection_id: null,
        exception_reason: null,
        last_seen_inspection_id: inspection,
        last_seen_at: '2026-02-20T00:01:00.000Z',
      })
      .execute();
  }

  async function keyTasks() {
    const csv = readFileSync(new URL('./fixtures/key-tasks/sample-2026.csv', import.meta.url));
    await importKeyTaskList(ctx, supervisor, actorOf(supervisor), { name: 'sample.csv', bytes: csv }, 2026);
    const items = await listItems(ctx.db, 2026);
    const item = (t: string) => items.find((i) => i.title === t)?.id ?? '';
    const task = (title: string) =>
      decomposeItem(ctx, supervisor, actorOf(supervisor), item(title), {
        agencyId: a.id,
        ownerName: '钱专员',
        evidenceRequired: '链接',
      });
    ids.late = (await task('年度报告编制发布')).id; // due 01-31
    ids.bare = (await task('政府信息公开专栏规范化')).id; // due 06-30, nothing attached
    const covered = await task('政务新媒体规范管理');
    await addEvidenceFile(ctx, editorA, actorOf(editorA), covered, { name: '自查表.pdf', bytes: pdf() });
  }

  beforeAll(async () => {
    ctx = await createTestContext(kind);
    ctx.clock.set('2026-02-25T02:00:00.000Z');
    const district = await makeAgency(ctx, { kind: 'district' });
    a = await makeAgency(ctx);
    b = await makeAgency(ctx);
    supervisor = await loginSession(
      ctx,
      await makeUser(ctx, { grants: [{ agencyId: district.id, role: 'supervisor' }] }),
    );
    editorA = await loginSession(ctx, await makeUser(ctx, { grants: [{ agencyId: a.id, role: 'editor' }] }));
    const reviewerA = await makeUser(ctx, { grants: [{ agencyId: a.id, role: 'reviewer2' }] });
    editorB = await loginSession(ctx, await makeUser(ctx, { grants: [{ agencyId: b.id, role: 'editor' }] }));
    await setEmail(ctx, editorA.userId, 'editor.a@example.gov.cn');
    await setEmail(ctx, reviewerA.id, 'office.a@example.gov.cn');
    await setEmail(ctx, supervisor.userId, 'supervisor@example.gov.cn'); // not an officer of A
    const staff = { position: '信息公开专员', phone: '0571-88880000', fullTime: '1', since: '2025-01-01' };
    await addStaff(ctx, editorA, actorOf(editorA), {
      ...staff,
      agencyId: a.id,
      name: '钱专员',
      email: 'qian@example.gov.cn',
    });
    await addStaff(ctx, editorA, actorOf(editorA), {
      ...staff,
      agencyId: a.id,
      name: '李信息',
      email: 'EDITOR.A@example.gov.cn',
    });
    await buildAgencyA();
    await keyTasks();
    const { row: app } = await applyOnline(ctx, a.id);
    applicationDue = String(app.due_on);
    ids.letter = (await writeLetter(ctx, a.id, { type: 'consult' })).row.tracking_number;
  });
  afterAll(() => ctx.close());

  it('runs from the first working day of the month, once per agency per month', async () => {
    ctx.clock.set('2026-03-01T02:00:00.000Z'); // Sunday
    expect(await runMonthlyGapChecks(ctx)).toBe(0);
    ctx.clock.set('2026-03-02T01:00:00.000Z'); // Monday 09:00 in China
    expect(await runMonthlyGapChecks(ctx)).toBe(3);
    ctx.clock.set('2026-03-02T05:00:00.000Z');
    expect(await runMonthlyGapChecks(ctx)).toBe(0);
    ctx.clock.set('2026-03-10T05:00:00.000Z');
    expect(await runMonthlyGapChecks(ctx)).toBe(0);
    const reports = await ctx.db
      .selectFrom('gap_check_reports')
      .select(['agency_id', 'period', 'trigger'])
      .execute();
    expect(reports.filter((r) => r.agency_id === a.id)).toEqual([
      { agency_id: a.id, period: '2026-03', trigger: 'scheduled' },
    ]);
  });

  it('lists every kind of gap in the agency report', async () => {
    const [row] = await listGapReports(ctx, editorA);
    const report = await getGapReport(ctx, editorA, row?.id ?? '');
    const section = (key: string) => report.sectionList.find((s) => s.key === key)?.rows ?? [];
    expect(report.sectionList.map((s) => s.key)).toEqual([
      'key_tasks',
      'columns',
      'rectifications',
      'applications',
      'letters',
      'interpretations',
      'normatives',
    ]);
    expect(section('key_tasks').map((r) => [r.text, r.overdue, r.href])).toEqual([
      ['年度报告编制发布', true, `/admin/key-tasks/tasks/${ids.late}`],
      ['政府信息公开专栏规范化', false, `/admin/key-tasks/tasks/${ids.bare}`],
    ]);
    expect(section('key_tasks')[1]?.detail).toContain('尚无佐证材料');
    expect(section('columns').map((r) => [r.text, r.overdue])).toEqual([
      ['规划计划', true],
      ['工作动态', true],
    ]);
    expect(section('columns')[1]?.detail).toBe('已 19 天未更新，超过更新周期 14 天');
    expect(section('rectifications').map((r) => [r.dueOn, r.overdue])).toEqual([['2026-02-27', true]]);
    expect(section('applications')).toEqual([]); // due in about 20 working days: not near yet
    expect(section('letters').map((r) => r.text)).toEqual([expect.stringContaining(ids.letter ?? '-')]);
    expect(section('interpretations').map((r) => r.text)).toEqual(['关于促进数字经济发展的若干政策']);
    expect(section('normatives').map((r) => [r.text, r.dueOn])).toEqual([
      ['示范区专项资金管理办法', '2026-06-30'],
    ]);
    expect(report.problem_count).toBe(8);
  });

  it('mails each report once to the agency officers and roster staff, one mail per address', async () => {
    const mails = await ctx.db
      .selectFrom('outbox')
      .select(['to_address', 'subject', 'body_text', 'dedupe_key'])
      .execute();
    const toA = mails.filter(
      (m) => m.subject.includes('查漏补缺') && m.body_text.includes('年度报告编制发布'),
    );
    expect(toA.map((m) => m.to_address).sort()).toEqual([
      'editor.a@example.gov.cn',
      'office.a@example.gov.cn',
      'qian@example.gov.cn',
    ]);
    expect(toA[0]?.subject).toMatch(/2026-03 月度检查：发现 8 项待办/);
    expect(toA[0]?.body_text).toContain('■ 栏目临近或超过更新时限（2 项）');
    expect(mails.some((m) => m.to_address === 'supervisor@example.gov.cn')).toBe(false);
  });

  it('runs on demand within the viewer scope and keeps the history', async () => {
    ctx.clock.set(`${applicationDue}T02:00:00.000Z`);
    const [now] = await runGapCheckNow(ctx, editorA, actorOf(editorA), a.id);
    expect(now?.trigger).toBe('manual');
    const apps = (await getGapReport(ctx, editorA, now?.id ?? '')).sectionList.find(
      (s) => s.key === 'applications',
    );
    expect(apps?.rows.map((r) => [r.dueOn, r.detail])).toEqual([[applicationDue, '还剩 0 个工作日']]);
    await expect(runGapCheckNow(ctx, editorA, actorOf(editorA), b.id)).rejects.toMatchObject({
      code: 'validation',
    });
    await expect(runGapCheckNow(ctx, editorA, actorOf(editorA), 'all')).rejects.toMatchObject({
      code: 'forbidden',
    });
    expect(await runGapCheckNow(ctx, supervisor, actorOf(supervisor), 'all')).toHaveLength(3);
    const history = await listGapReports(ctx, editorA);
    expect(history.map((r) => r.trigger)).toEqual(['manual', 'manual', 'scheduled']);
    expect(history.every((r) => r.agency_id === a.id)).toBe(true);
    const bReport = (await listGapReports(ctx, editorB))[0];
    await expect(getGapReport(ctx, editorA, bReport?.id ?? '')).rejects.toMatchObject({ code: 'not_found' });
    const audits = await ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'gap_check.generated')
      .execute();
    expect(audits).toHaveLength(7);
  });

  it('refuses a second scheduled report for the same month even when asked directly', async () => {
    await expect(runGapCheck(ctx, a.id, { trigger: 'scheduled' })).rejects.toMatchObject({
      code: 'conflict',
    });
  });
});
