import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../src/modules/accounts';
import {
  acceptTask,
  addEvidenceFile,
  decomposeItem,
  getKeyTask,
  importKeyTaskList,
  keyTaskProgress,
  linkEvidenceItem,
  listItems,
  openEvidenceFile,
  reportProgress,
  returnTask,
  submitTask,
  taskEvents,
  tasksFor,
} from '../src/modules/tasks';
import { pdf } from './helpers/attachment-fixtures';
import { makeAgency, makeItem, makeUser } from './helpers/factories';
import { loginSession } from './helpers/principals';
import { actorOf } from './helpers/review-flow';
import { createTestContext, type TestContext, testDatabases } from './helpers/test-context';

// The key-task list (重点工作清单, issue 6): import from CSV and Excel with merged cells, header variants
// and bad rows reported; idempotent re-import; decomposition into agency tasks; evidence; acceptance by a
// reviewer who did not submit; derived status and the supervisor's progress figures; audit of each step.

const fixture = (name: string) => ({
  name,
  bytes: readFileSync(new URL(`./fixtures/key-tasks/${name}`, import.meta.url)),
});

describe.each(testDatabases())('key-task list on %s', (kind) => {
  let ctx: TestContext;
  let district: { id: string };
  let a: { id: string };
  let b: { id: string };
  let supervisor: Principal;
  let editorA: Principal;
  let reviewerA: Principal;
  let editorB: Principal;
  let editorAUser: { id: string; display_name: string };
  const itemBy = async (title: string) => {
    const items = await listItems(ctx.db, 2026);
    const found = items.find((i) => i.title === title);
    if (!found) throw new Error(`no item ${title}`);
    return found;
  };

  beforeAll(async () => {
    ctx = await createTestContext(kind);
    ctx.clock.set('2026-02-02T02:00:00.000Z');
    district = await makeAgency(ctx, { kind: 'district' });
    a = await makeAgency(ctx);
    b = await makeAgency(ctx);
    supervisor = await loginSession(
      ctx,
      await makeUser(ctx, { grants: [{ agencyId: district.id, role: 'supervisor' }] }),
    );
    const ea = await makeUser(ctx, { grants: [{ agencyId: a.id, role: 'editor' }] });
    editorAUser = ea;
    editorA = await loginSession(ctx, ea);
    reviewerA = await loginSession(
      ctx,
      await makeUser(ctx, { grants: [{ agencyId: a.id, role: 'reviewer1' }] }),
    );
    editorB = await loginSession(ctx, await makeUser(ctx, { grants: [{ agencyId: b.id, role: 'editor' }] }));
  });
  afterAll(() => ctx.close());

  it('imports the CSV list, reporting bad rows by number and reason, and only the supervisor may', async () => {
    await expect(
      importKeyTaskList(ctx, editorA, actorOf(editorA), fixture('sample-2026.csv'), 2026),
    ).rejects.toThrow('只有区政府办监管');
    const r = await importKeyTaskList(ctx, supervisor, actorOf(supervisor), fixture('sample-2026.csv'), 2025);
    expect(r).toMatchObject({ year: 2026, added: 9, updated: 0, unchanged: 0 }); // the title row names 2026
    expect(r.skipped).toEqual([
      { row: 16, reason: '缺少工作任务（重点工作）' },
      { row: 17, reason: '完成时限“尽快”无法识别' },
    ]);
    const consult = await itemBy('决策草案公开征求意见');
    // the blank continuation row joins the task above; an ongoing task has no deadline
    expect(consult.requirement).toContain('\n意见采纳情况及理由在决策作出后一个月内集中公开');
    expect([consult.deadline_on, consult.deadline_text, consult.category]).toEqual([
      null,
      '持续推进',
      '一、深化行政决策公开',
    ]);
    // a unit left blank under a merged cell carries on from the row above; "6月30日前" takes the list's year
    expect((await itemBy('图解、视频等多元化解读')).lead_units).toBe('各部门');
    expect((await itemBy('政府信息公开专栏规范化')).deadline_on).toBe('2026-06-30');
    expect((await itemBy('政务新媒体规范管理')).deadline_on).toBe('2026-09-30');
  });

  it('re-imports the same file without change and reads the Excel form with merged cells', async () => {
    const again = await importKeyTaskList(
      ctx,
      supervisor,
      actorOf(supervisor),
      fixture('sample-2026.csv'),
      2026,
    );
    expect(again).toMatchObject({ added: 0, updated: 0, unchanged: 9 });
    expect(await listItems(ctx.db, 2026)).toHaveLength(9);
    const xlsx = await importKeyTaskList(
      ctx,
      supervisor,
      actorOf(supervisor),
      fixture('sample-2026.xlsx'),
      2026,
    );
    // same four tasks, worded a little differently in the Excel copy: updated, not duplicated
    expect(xlsx).toMatchObject({ added: 0, updated: 4, unchanged: 0 });
    expect(xlsx.skipped).toEqual([{ row: 10, reason: '缺少工作任务（重点工作）' }]);
    const consult = await itemBy('决策草案公开征求意见');
    expect(consult.requirement.split('\n')).toHaveLength(2); // the merged task's two requirement rows
    expect((await itemBy('图解、视频等多元化解读')).deadline_on).toBe('2026-11-30'); // an Excel date cell
    const audits = await ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'key_task.list_imported')
      .execute();
    expect(audits).toHaveLength(3);
  });

  it('refuses a file without the list header and an old .xls', async () => {
    const noHeader = { name: 'x.csv', bytes: Buffer.from('姓名,电话\n张三,123\n') };
    await expect(importKeyTaskList(ctx, supervisor, actorOf(supervisor), noHeader, 2026)).rejects.toThrow(
      '未找到表头',
    );
    const xls = {
      name: 'x.xls',
      bytes: Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(100)]),
    };
    await expect(importKeyTaskList(ctx, supervisor, actorOf(supervisor), xls, 2026)).rejects.toThrow('.xls');
  });

  it('decomposes an item into agency tasks with an owner of that agency or a named person', async () => {
    const item = await itemBy('政府信息公开专栏规范化');
    await expect(
      decomposeItem(ctx, editorA, actorOf(editorA), item.id, {
        agencyId: a.id,
        ownerName: '张三',
        evidenceRequired: '截图',
      }),
    ).rejects.toThrow('只有区政府办监管');
    await expect(
      decomposeItem(ctx, supervisor, actorOf(supervisor), item.id, {
        agencyId: b.id,
        ownerUserId: editorAUser.id,
        evidenceRequired: '专栏截图',
      }),
    ).rejects.toMatchObject({ fields: { ownerUserId: '责任人不是该责任单位的在岗用户' } });
    await expect(
      decomposeItem(ctx, supervisor, actorOf(supervisor), item.id, { agencyId: b.id, evidenceRequired: '' }),
    ).rejects.toMatchObject({ fields: { evidenceRequired: '请填写佐证材料要求' } });
    const ta = await decomposeItem(ctx, supervisor, actorOf(supervisor), item.id, {
      agencyId: a.id,
      ownerUserId: editorAUser.id,
      evidenceRequired: '专栏页面链接和整改前后截图',
    });
    expect([ta.owner_name, ta.deadline_on, ta.state]).toEqual([
      editorAUser.display_name,
      '2026-06-30',
      'open',
    ]);
    const tb = await decomposeItem(ctx, supervisor, actorOf(supervisor), item.id, {
      agencyId: b.id,
      ownerName: '钱专员',
      deadline: '2026-05-31',
      evidenceRequired: '专栏截图',
    });
    expect([tb.owner_user_id, tb.owner_name, tb.deadline_on]).toEqual([null, '钱专员', '2026-05-31']);
    // each agency sees its own task only; another agency's task is not found
    expect((await tasksFor(ctx, editorA, { year: 2026 })).map((r) => r.task.id)).toEqual([ta.id]);
    await expect(getKeyTask(ctx, editorA, tb.id)).rejects.toMatchObject({ code: 'not_found' });
    expect(await tasksFor(ctx, supervisor, { year: 2026 })).toHaveLength(2);
  });

  it('is done only with evidence and acceptance by a reviewer other than the submitter', async () => {
    const [row] = await tasksFor(ctx, editorA, { year: 2026 });
    let task = row?.task ?? (null as never);
    expect(row?.status).toBe('not_started');
    await expect(submitTask(ctx, editorA, actorOf(editorA), task)).rejects.toThrow('请先上传或关联佐证材料');
    await expect(
      reportProgress(ctx, editorA, actorOf(editorA), task, { progress: '140', note: 'x' }),
    ).rejects.toMatchObject({
      fields: { progress: '进度应为 0 到 100 的整数' },
    });
    await expect(
      reportProgress(ctx, editorB, actorOf(editorB), task, { progress: '10', note: 'x' }),
    ).rejects.toThrow('只有责任单位');
    task = await reportProgress(ctx, editorA, actorOf(editorA), task, {
      progress: '60',
      note: '已完成栏目梳理',
    });
    expect((await tasksFor(ctx, editorA, { year: 2026 }))[0]?.status).toBe('in_progress');
    const other = await makeItem(ctx, b.id, { title: '别的单位的信息' });
    await expect(
      linkEvidenceItem(ctx, editorA, actorOf(editorA), task, { itemId: other.id }),
    ).rejects.toThrow('只能关联本单位已发布的信息');
    const own = await makeItem(ctx, a.id, { title: '关于专栏调整的说明' });
    await linkEvidenceItem(ctx, editorA, actorOf(editorA), task, { itemId: own.id });
    const bytes = pdf('screenshot');
    const file = await addEvidenceFile(ctx, editorA, actorOf(editorA), task, { name: '整改截图.pdf', bytes });
    await expect(
      addEvidenceFile(ctx, editorA, actorOf(editorA), task, {
        name: '说明.pdf',
        bytes: Buffer.from('<html>'),
      }),
    ).rejects.toMatchObject({ code: 'unsupported_media_type' });
    expect((await openEvidenceFile(ctx, reviewerA, task.id, file.id)).body.equals(bytes)).toBe(true);
    await expect(openEvidenceFile(ctx, editorB, task.id, file.id)).rejects.toMatchObject({
      code: 'not_found',
    });

    task = await submitTask(ctx, editorA, actorOf(editorA), task);
    expect((await tasksFor(ctx, editorA, { year: 2026 }))[0]?.status).toBe('pending_review');
    await expect(acceptTask(ctx, editorA, actorOf(editorA), task)).rejects.toThrow('不能由提交人本人验收');
    await expect(returnTask(ctx, reviewerA, actorOf(reviewerA), task, { reason: ' ' })).rejects.toMatchObject(
      {
        fields: { reason: '请填写退回理由' },
      },
    );
    task = await returnTask(ctx, reviewerA, actorOf(reviewerA), task, { reason: '缺少整改前截图' });
    expect([task.state, task.return_reason]).toEqual(['returned', '缺少整改前截图']);
    await expect(acceptTask(ctx, reviewerA, actorOf(reviewerA), task)).rejects.toThrow('任务状态已变化');
    task = await submitTask(ctx, editorA, actorOf(editorA), task);
    task = await acceptTask(ctx, supervisor, actorOf(supervisor), task);
    expect([task.state, task.progress, task.reviewed_by]).toEqual(['accepted', 100, supervisor.userId]);
    expect((await tasksFor(ctx, editorA, { year: 2026 }))[0]?.status).toBe('done');
    const history = (await taskEvents(ctx.db, task.id)).map((e) => e.action);
    expect(history).toEqual([
      'decomposed',
      'progress',
      'evidence_added',
      'evidence_added',
      'submitted',
      'returned',
      'submitted',
      'accepted',
    ]);
    const audited = await ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('object_id', '=', task.id)
      .orderBy('seq')
      .execute();
    expect(audited.map((x) => x.action)).toEqual(history.map((h) => `key_task.${h}`));
  });

  it('counts progress for the supervisor: done, in progress, late and without evidence', async () => {
    const item = await itemBy('年度报告编制发布'); // due 2026-01-31, already past on 2 February
    await decomposeItem(ctx, supervisor, actorOf(supervisor), item.id, {
      agencyId: b.id,
      ownerName: '钱专员',
      evidenceRequired: '年报链接',
    });
    const today = '2026-02-02';
    expect(await keyTaskProgress(ctx.db, { agencyIds: 'all', year: 2026 }, today)).toEqual({
      total: 3,
      done: 1,
      inProgress: 1,
      late: 1,
      withoutEvidence: 2,
    });
    expect(await keyTaskProgress(ctx.db, { agencyIds: [b.id], year: 2026 }, '2026-06-01')).toEqual({
      total: 2,
      done: 0,
      inProgress: 0,
      late: 2,
      withoutEvidence: 2,
    });
    expect(await keyTaskProgress(ctx.db, { agencyIds: [a.id], year: 2025 }, today)).toEqual({
      total: 0,
      done: 0,
      inProgress: 0,
      late: 0,
      withoutEvidence: 0,
    });
    const late = await tasksFor(ctx, editorB, { year: 2026, status: 'late' });
    expect(late.map((r) => r.itemTitle)).toEqual(['年度报告编制发布']);
  });
});
