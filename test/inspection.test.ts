import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../src/modules/accounts';
import { acceptException, rectificationStats, rescanTask, runInspection } from '../src/modules/inspections';
import { makeUser } from './helpers/factories';
import { loginSession } from './helpers/principals';
import { actorOf } from './helpers/review-flow';
import { createTestContext, type TestContext, testDatabases } from './helpers/test-context';
import { buildSite, fakeWordingCheck, publishItem } from './inspection-site';

// Whole-site inspection to closure (issue 5): findings open tasks with owners and deadlines, a re-run
// joins them, fixes close them on the next full scan, an accepted exception closes one (audited), a
// rescan closes one object's task, and the 整改率 sentence counts it all.

const checks = { contentChecks: [fakeWordingCheck] };

describe.each(testDatabases())('whole-site inspection and rectification on %s', (kind) => {
  let ctx: TestContext;
  let site: Awaited<ReturnType<typeof buildSite>>;
  let supervisor: Principal;
  let reviewerA: Principal;
  let editorA: Principal;
  let editorB: Principal;
  const tasks = () => ctx.db.selectFrom('rectification_tasks').selectAll().orderBy('id').execute();
  const taskBy = async (fingerprint: string) => {
    const found = (await tasks()).filter((t) => t.fingerprint === fingerprint);
    expect(found.length).toBe(1);
    return found[0] as NonNullable<(typeof found)[0]>;
  };
  const linkToItem = () => `broken_link:item:${site.linker}:/items/${site.missingItem}`;
  const linkToFile = () => `broken_link:item:${site.linker}:/attachments/${site.attachment.id}`;

  beforeAll(async () => {
    ctx = await createTestContext(kind);
    site = await buildSite(ctx);
    const user = (agencyId: string, role: 'supervisor' | 'reviewer1' | 'editor') =>
      makeUser(ctx, { grants: [{ agencyId, role }] }).then((u) => loginSession(ctx, u));
    supervisor = await user(site.district.id, 'supervisor');
    reviewerA = await user(site.a.id, 'reviewer1');
    editorA = await user(site.a.id, 'editor');
    editorB = await user(site.b.id, 'editor');
    ctx.clock.set('2026-03-02T02:00:00.000Z'); // Monday: deadlines below count from here
  });
  afterAll(() => ctx.close());

  it('finds the problems, names the veto item first and opens owned tasks with deadlines', async () => {
    const r = await runInspection(ctx, 'manual', checks);
    expect(r.summary.vetoes.map((v) => v.name)).toEqual(['安全、泄密事故等严重问题']);
    expect(r.inspection.veto_count).toBe(1);
    expect(r.summary.passed).toBe(false);
    // column_stale 1 + blank 1 + two broken links 0.2 + attachment 0.1 + two metadata 0.4
    expect(r.summary.score).toBe(97.3);
    expect(r.opened).toBe(8);
    const all = await tasks();
    const byKind = (k: string) => all.filter((t) => t.kind === k).map((t) => [t.object_id, t.agency_id]);
    expect(byKind('freshness')).toEqual([[site.news, site.a.id]]);
    expect(byKind('blank_column')).toEqual([[site.plans, site.a.id]]);
    expect(
      all
        .filter((t) => t.kind === 'broken_link')
        .map((t) => t.fingerprint)
        .sort(),
    ).toEqual([linkToItem(), linkToFile()].sort());
    expect(byKind('missing_attachment')).toEqual([[site.attachment.id, site.a.id]]);
    expect(byKind('metadata').sort()).toEqual(
      [
        [site.noIndex, site.a.id],
        [site.bItem, site.b.id],
      ].sort(),
    );
    // 5 working days for a veto item, 10 for a deduction, counted from Monday 2 March 2026
    const wording = all.find((t) => t.kind === 'wording');
    expect([wording?.severity, wording?.deadline, wording?.object_id]).toEqual([
      'veto',
      '2026-03-09',
      site.wording,
    ]);
    expect(all.find((t) => t.kind === 'freshness')?.deadline).toBe('2026-03-16');
    const first = await ctx.db
      .selectFrom('inspection_findings')
      .selectAll()
      .where('inspection_id', '=', r.inspection.id)
      .execute();
    expect(first.length).toBe(8);
    expect(first.every((f) => f.task_id !== null)).toBe(true);
  });

  it('joins the same problems on a re-run: no duplicate tasks', async () => {
    ctx.clock.advanceMinutes(24 * 60);
    const r = await runInspection(ctx, 'scheduled', checks);
    expect([r.opened, r.joined, r.closed]).toEqual([0, 8, 0]);
    expect((await tasks()).length).toBe(8);
    expect((await taskBy(linkToItem())).times_seen).toBe(2);
  });

  it('closes the tasks of fixed problems on the next full scan and leaves the others open', async () => {
    await publishItem(ctx, site.a.id, site.news, { title: '新动态' });
    await ctx.db
      .updateTable('items')
      .set({ body_html: site.linkerBody(site.noIndex) })
      .where('id', '=', site.linker)
      .execute();
    const r = await runInspection(ctx, 'scheduled', checks);
    expect([r.opened, r.closed]).toEqual([0, 2]);
    const fresh = await taskBy(`freshness:column:${site.news}`);
    expect([fresh.status, fresh.closed_inspection_id, fresh.closed_by]).toEqual([
      'closed',
      r.inspection.id,
      null,
    ]);
    expect((await taskBy(linkToItem())).status).toBe('closed');
    expect((await taskBy(linkToFile())).status).toBe('open');
    expect((await taskBy(`blank_column:column:${site.plans}`)).status).toBe('open');
  });

  it('closes a task by an accepted exception with a reason, audited, and never reopens it', async () => {
    const task = await taskBy(`metadata:item:${site.noIndex}`);
    await expect(
      acceptException(ctx, editorA, actorOf(editorA), task.id, { reason: '历史信息，无索引号' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      acceptException(ctx, reviewerA, actorOf(reviewerA), task.id, { reason: '' }),
    ).rejects.toMatchObject({ code: 'validation' });
    await expect(
      acceptException(ctx, editorB, actorOf(editorB), task.id, { reason: '历史信息' }),
    ).rejects.toMatchObject({ code: 'not_found' });
    const done = await acceptException(ctx, reviewerA, actorOf(reviewerA), task.id, {
      reason: '2015年迁移的历史信息，原件无索引号',
    });
    expect([done.status, done.closed_by, done.exception_reason]).toEqual([
      'excepted',
      reviewerA.userId,
      '2015年迁移的历史信息，原件无索引号',
    ]);
    const audit = await ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'rectification.excepted')
      .execute();
    expect(audit.map((a) => [a.object_id, a.actor_id])).toEqual([[task.id, reviewerA.userId]]);
    const r = await runInspection(ctx, 'scheduled', checks);
    expect(r.opened).toBe(0);
    expect((await taskBy(`metadata:item:${site.noIndex}`)).status).toBe('excepted');
  });

  it('rescans one task: still broken stays open, a restored file closes it', async () => {
    const file = await taskBy(`missing_attachment:attachment:${site.attachment.id}`);
    const still = await rescanTask(ctx, editorA, actorOf(editorA), file.id);
    expect([still.closed, still.stillFound]).toEqual([false, expect.stringContaining('附件文件缺失')]);
    await expect(rescanTask(ctx, editorB, actorOf(editorB), file.id)).rejects.toMatchObject({
      code: 'not_found',
    });
    writeFileSync(site.attachment.file, site.attachment.bytes);
    const fixed = await rescanTask(ctx, editorA, actorOf(editorA), file.id);
    expect([fixed.closed, fixed.task.status, fixed.task.closed_by]).toEqual([true, 'closed', editorA.userId]);
    expect(
      (await rescanTask(ctx, supervisor, actorOf(supervisor), (await taskBy(linkToFile())).id)).closed,
    ).toBe(true);
  });

  it('reports 整改率 per agency and kind in the issue’s sentence', async () => {
    const period = { from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' };
    const stats = await rectificationStats(ctx, { agencyIds: 'all', ...period });
    const a = stats.find((s) => s.agencyId === site.a.id);
    // 栏目: stale column closed, blank column open; 链接: three tasks, all closed; 目录要素: excepted only
    expect(a?.sentence).toBe(
      '栏目整改 2 次，整改率 50%；链接整改 3 次，整改率 100%；错敏词整改 1 次，整改率 0%',
    );
    expect(a?.groups.find((g) => g.group === 'metadata')).toMatchObject({
      opened: 1,
      excepted: 1,
      rate: 100,
    });
    const own = await rectificationStats(ctx, { agencyIds: [site.b.id], ...period });
    expect(own.map((s) => s.sentence)).toEqual(['目录要素整改 1 次，整改率 0%']);
    const before = await rectificationStats(ctx, {
      agencyIds: 'all',
      from: '2026-02-01T00:00:00.000Z',
      to: '2026-03-01T00:00:00.000Z',
    });
    expect(before).toEqual([]);
  });
});
