import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, sqlitePathIn } from '../src/db/client';
import { type ContentCheck, itemFinding, runInspection } from '../src/modules/inspections';
import { DOCX_TYPE } from '../src/web/http/download';
import { docxText } from './helpers/application-cases';
import { makeUser } from './helpers/factories';
import { HttpClient } from './helpers/http-client';
import { openTestApp, type TestContext, testDatabases } from './helpers/test-context';
import { buildSite, fakeWordingCheck } from './inspection-site';

// The back-office screens of 全站检查 and 整改: report (veto first), Word and CSV exports, task lists
// scoped to the viewer's agency, run-now for the supervisor only, exceptions and rescans by form.

// A content check whose message a spreadsheet would run as a formula, were the CSV not neutralised.
const formulaCheck: ContentCheck = (item) =>
  item.bodyText.includes('中国入民')
    ? [
        itemFinding(item.id, {
          kind: 'wording',
          indicator: 'deduct.wording',
          severity: 'deduct',
          part: 'formula',
          message: '=HYPERLINK("http://evil.example")',
        }),
      ]
    : [];

describe.each(testDatabases())('inspection back office on %s', (kind) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let close: () => Promise<void>;
  let site: Awaited<ReturnType<typeof buildSite>>;
  let inspectionId: string;
  const clients: Record<'supervisor' | 'reviewerA' | 'editorB', HttpClient> = {} as never;

  beforeAll(async () => {
    ({ ctx, app, close } = await openTestApp(kind, async (c) => {
      site = await buildSite(c);
    }));
    const roles = {
      supervisor: { agencyId: site.district.id, role: 'supervisor' },
      reviewerA: { agencyId: site.a.id, role: 'reviewer1' },
      editorB: { agencyId: site.b.id, role: 'editor' },
    } as const;
    for (const [name, grant] of Object.entries(roles)) {
      const user = await makeUser(ctx, { grants: [grant] });
      const client = new HttpClient(app);
      expect((await client.login(ctx, user.username)).statusCode).toBe(303);
      clients[name as keyof typeof roles] = client;
    }
  });
  afterAll(() => close());

  it('lets only the district supervisor run an inspection now', async () => {
    const refused = await clients.editorB.postForm('/admin/inspections/run', {}, '/admin/inspections');
    expect(refused.statusCode).toBe(403);
    expect(await ctx.db.selectFrom('inspections').select('id').execute()).toEqual([]);
    const page = await clients.editorB.get('/admin/inspections');
    expect(page.body).toContain('全站检查');
    expect(page.body).not.toContain('立即检查');
    const run = await clients.supervisor.postForm('/admin/inspections/run', {}, '/admin/inspections');
    expect(run.statusCode).toBe(303);
    expect(run.headers.location).toMatch(/^\/admin\/inspections\/[0-9a-f-]{36}$/);
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'inspection.run')
      .execute();
    expect(audit.length).toBe(1);
  });

  it('shows the report with veto items first, and exports it as Word and formula-safe CSV', async () => {
    const r = await runInspection(ctx, 'manual', { contentChecks: [fakeWordingCheck, formulaCheck] });
    inspectionId = r.inspection.id;
    const page = await clients.supervisor.get(`/admin/inspections/${inspectionId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('不合格（单项否决）');
    const veto = page.body.indexOf('【单项否决】安全、泄密事故等严重问题');
    expect(veto).toBeGreaterThan(0);
    expect(page.body.indexOf('空白栏目（1 项）')).toBeGreaterThan(veto);
    expect(page.body).toContain('带链接的通知');

    const csv = await clients.supervisor.get(`/admin/inspections/${inspectionId}/report.csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.startsWith('\ufeff指标,是否否决')).toBe(true);
    expect(csv.body.split('\r\n')[1]).toContain('安全、泄密事故等严重问题,是,单项否决');
    expect(csv.body).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(csv.body).not.toMatch(/,"?=HYPERLINK/);

    const word = await clients.supervisor.get(`/admin/inspections/${inspectionId}/report.docx`);
    expect(word.headers['content-type']).toBe(DOCX_TYPE);
    expect(word.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const text = docxText(word.rawPayload);
    expect(text).toContain('全站检查报告');
    expect(text).toContain('安全、泄密事故等严重问题');
    expect(text.indexOf('一、单项否决指标')).toBeLessThan(text.indexOf('二、扣分指标'));
  });

  it("shows another agency's staff only their own findings and tasks", async () => {
    const tasks = await clients.editorB.get('/admin/rectifications');
    expect(tasks.statusCode).toBe(200);
    expect(tasks.body).toContain('乙局动态');
    expect(tasks.body).not.toContain('带链接的通知');
    expect(tasks.body).not.toContain('规划计划');
    const report = await clients.editorB.get(`/admin/inspections/${inspectionId}`);
    expect(report.body).toContain('乙局动态');
    expect(report.body).not.toContain('带链接的通知');
    const all = await clients.supervisor.get('/admin/rectifications');
    expect(all.body).toContain('乙局动态');
    expect(all.body).toContain('带链接的通知');
    const aTask = await ctx.db
      .selectFrom('rectification_tasks')
      .select('id')
      .where('fingerprint', '=', `blank_column:column:${site.plans}`)
      .executeTakeFirstOrThrow();
    const rescan = await clients.editorB.postForm(
      `/admin/rectifications/${aTask.id}/rescan`,
      {},
      '/admin/rectifications',
    );
    expect(rescan.statusCode).toBe(404);
    const except = await clients.editorB.postForm(
      `/admin/rectifications/${aTask.id}/exception`,
      { reason: '栏目暂无内容' },
      '/admin/rectifications',
    );
    expect(except.statusCode).toBe(404);
  });

  it('rescans and accepts exceptions through the task list, and shows 整改率', async () => {
    const blank = await ctx.db
      .selectFrom('rectification_tasks')
      .select('id')
      .where('fingerprint', '=', `blank_column:column:${site.plans}`)
      .executeTakeFirstOrThrow();
    const still = await clients.reviewerA.postForm(
      `/admin/rectifications/${blank.id}/rescan`,
      {},
      '/admin/rectifications',
    );
    expect(still.statusCode).toBe(200);
    expect(still.body).toContain('问题仍然存在');
    const noReason = await clients.reviewerA.postForm(
      `/admin/rectifications/${blank.id}/exception`,
      { reason: '' },
      '/admin/rectifications',
    );
    expect(noReason.statusCode).toBe(400);
    const ok = await clients.reviewerA.postForm(
      `/admin/rectifications/${blank.id}/exception`,
      { reason: '本年度规划尚未印发，栏目暂缺' },
      '/admin/rectifications',
    );
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('已认定例外');
    const row = await ctx.db
      .selectFrom('rectification_tasks')
      .selectAll()
      .where('id', '=', blank.id)
      .executeTakeFirstOrThrow();
    expect([row.status, row.exception_reason]).toEqual(['excepted', '本年度规划尚未印发，栏目暂缺']);

    const stats = await clients.supervisor.get('/admin/rectifications/stats?from=2026-01-01&to=2026-12-31');
    expect(stats.body).toContain('区甲局');
    expect(stats.body).toContain('栏目整改 1 次，整改率 0%');
    const own = await clients.editorB.get('/admin/rectifications/stats?from=2026-01-01&to=2026-12-31');
    expect(own.body).toContain('目录要素整改 1 次，整改率 0%');
    expect(own.body).not.toContain('区甲局');
  });

  it('runs one whole-site inspection at a time: a second manual start is 409, a scheduled one shares it', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const held: ContentCheck = async () => {
      await gate; // the first run stays in progress until the test lets it finish
      return [];
    };
    const first = runInspection(ctx, 'manual', { contentChecks: [held] });
    await expect(runInspection(ctx, 'manual')).rejects.toMatchObject({ code: 'conflict' });
    const refused = await clients.supervisor.postForm('/admin/inspections/run', {}, '/admin/inspections');
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('全站检查正在进行');
    const sharing = runInspection(ctx, 'scheduled');
    release();
    const scheduled = await sharing;
    expect(scheduled.inspection.id).toBe((await first).inspection.id);
    const next = await runInspection(ctx, 'manual'); // the run is over: a new one may start
    expect(next.inspection.id).not.toBe(scheduled.inspection.id);
  });

  it('runs one inspection at a time across instances: the other refuses a manual start, and its scheduled run waits', async () => {
    // A second handle on the same database stands for a second instance (as in multi-instance tests).
    const other = {
      ...ctx,
      db: openDatabase({ url: ctx.config.databaseUrl, sqlitePath: sqlitePathIn(ctx.dataDir) }),
    };
    try {
      let release = () => {};
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      const held: ContentCheck = async () => {
        await gate;
        return [];
      };
      const first = runInspection(ctx, 'manual', { contentChecks: [held] });
      await new Promise((r) => setTimeout(r, 200)); // the first has taken the lease and is scanning
      await expect(runInspection(other, 'manual')).rejects.toMatchObject({ code: 'conflict' });
      let scheduledDone = false;
      const scheduled = runInspection(other, 'scheduled').then((r) => {
        scheduledDone = true;
        return r;
      });
      await new Promise((r) => setTimeout(r, 1_500));
      expect(scheduledDone).toBe(false); // still waiting for the lease
      release();
      const [a, b] = await Promise.all([first, scheduled]);
      expect(b.inspection.id).not.toBe(a.inspection.id); // it ran its own, after the first
      expect(b.inspection.started_at >= a.inspection.started_at).toBe(true);
    } finally {
      await other.db.destroy();
    }
  });
});
