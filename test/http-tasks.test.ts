import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decomposeItem, listItems } from '../src/modules/tasks';
import { file, multipart, type Part, pdf } from './helpers/attachment-fixtures';
import { makeAgency, makeItem, makeUser } from './helpers/factories';
import { HttpClient } from './helpers/http-client';
import { loginSession } from './helpers/principals';
import { actorOf } from './helpers/review-flow';
import { openTestApp, type TestApp, testDatabases } from './helpers/test-context';

// The back-office screens of 重点工作, 专职人员/例会 and 查漏补缺 by HTTP: import by upload with the
// skipped rows shown, a task worked through by its agency and accepted by a reviewer, wrong input shown
// on the form with the field named, another agency's records 404, files checked on upload.

const csv = readFileSync(new URL('./fixtures/key-tasks/sample-2026.csv', import.meta.url));

describe.each(testDatabases())('key-task back office on %s', (kind) => {
  let t: TestApp;
  const c: Record<'supervisor' | 'editorA' | 'reviewerA' | 'editorB', HttpClient> = {} as never;
  let a: { id: string };
  let b: { id: string };
  let taskA: string;
  let taskB: string;

  const token = async (client: HttpClient, page: string) =>
    /name="_csrf" value="([^"]+)"/.exec((await client.get(page)).body)?.[1] ?? '';
  async function upload(client: HttpClient, url: string, page: string, parts: Part[]) {
    const body = multipart([{ field: '_csrf', value: await token(client, page) }, ...parts]);
    return client.request({
      method: 'POST',
      url,
      headers: { 'content-type': body.contentType },
      payload: body.payload,
    });
  }

  beforeAll(async () => {
    t = await openTestApp(kind);
    const ctx = t.ctx;
    ctx.clock.set('2026-03-02T02:00:00.000Z');
    const district = await makeAgency(ctx, { kind: 'district' });
    a = await makeAgency(ctx);
    b = await makeAgency(ctx);
    const grants = {
      supervisor: { agencyId: district.id, role: 'supervisor' },
      editorA: { agencyId: a.id, role: 'editor' },
      reviewerA: { agencyId: a.id, role: 'reviewer1' },
      editorB: { agencyId: b.id, role: 'editor' },
    } as const;
    for (const [name, grant] of Object.entries(grants)) {
      const user = await makeUser(ctx, { grants: [grant] });
      const client = new HttpClient(t.app);
      expect((await client.login(ctx, user.username)).statusCode).toBe(303);
      c[name as keyof typeof grants] = client;
    }
  });
  afterAll(() => t.close());

  it('imports a list by upload for the supervisor only, showing the rows it skipped', async () => {
    const refused = await upload(c.editorA, '/admin/key-tasks/import', '/admin/key-tasks', [
      { field: 'year', value: '2026' },
      file('清单.csv', csv),
    ]);
    expect(refused.statusCode).toBe(403);
    const wrong = await upload(c.supervisor, '/admin/key-tasks/import', '/admin/key-tasks', [
      { field: 'year', value: '二〇二六' },
      file('清单.csv', csv),
    ]);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('年度应为四位数字');
    const junk = await upload(c.supervisor, '/admin/key-tasks/import', '/admin/key-tasks', [
      { field: 'year', value: '2026' },
      file('名单.csv', Buffer.from('姓名,电话\n张三,1\n')),
    ]);
    expect(junk.statusCode).toBe(400);
    expect(junk.body).toContain('未找到表头');
    const ok = await upload(c.supervisor, '/admin/key-tasks/import', '/admin/key-tasks', [
      { field: 'year', value: '2026' },
      file('清单.csv', csv),
    ]);
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('新增 9 项，更新 0 项，未变 0 项，跳过 2 行');
    expect(ok.body).toContain('第 17 行');
    expect(ok.body).toContain('完成时限“尽快”无法识别');
    const items = await listItems(t.ctx.db, 2026);
    const supervisor = await loginSession(
      t.ctx,
      await makeUser(t.ctx, {
        grants: [
          {
            agencyId: (
              await t.ctx.db
                .selectFrom('agencies')
                .select('id')
                .where('kind', '=', 'district')
                .executeTakeFirstOrThrow()
            ).id,
            role: 'supervisor',
          },
        ],
      }),
    );
    const item = items.find((i) => i.title === '政府信息公开专栏规范化')?.id ?? '';
    taskB = (
      await decomposeItem(t.ctx, supervisor, actorOf(supervisor), item, {
        agencyId: b.id,
        ownerName: '钱专员',
        evidenceRequired: '截图',
      })
    ).id;
  });

  it('decomposes by form, naming the field on wrong input', async () => {
    const item =
      (await listItems(t.ctx.db, 2026)).find((i) => i.title === '政府信息公开专栏规范化')?.id ?? '';
    const page = `/admin/key-tasks/items/${item}`;
    const bad = await c.supervisor.postForm(
      `${page}/tasks`,
      { agencyId: a.id, ownerName: '', deadline: '2026-02-30', evidenceRequired: '' },
      page,
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('请填写佐证材料要求');
    expect(bad.body).toContain('日期无效');
    expect(bad.body).not.toContain('evidenceRequired:');
    const ok = await c.supervisor.postForm(
      `${page}/tasks`,
      { agencyId: a.id, ownerName: '李专员', deadline: '2026-06-15', evidenceRequired: '专栏链接' },
      page,
    );
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('已分解：李专员，完成时限 2026-06-15');
    taskA = (
      await t.ctx.db
        .selectFrom('key_tasks')
        .select('id')
        .where('agency_id', '=', a.id)
        .executeTakeFirstOrThrow()
    ).id;
    expect(
      (
        await c.editorA.postForm(
          `${page}/tasks`,
          { agencyId: a.id, ownerName: 'x', evidenceRequired: 'y' },
          page,
        )
      ).statusCode,
    ).toBe(403);
  });

  it('keeps each agency to its own tasks', async () => {
    expect((await c.editorB.get(`/admin/key-tasks/tasks/${taskA}`)).statusCode).toBe(404);
    expect(
      (
        await c.editorB.postForm(
          `/admin/key-tasks/tasks/${taskA}/progress`,
          { progress: '10', note: 'x' },
          '/admin/key-tasks/tasks',
        )
      ).statusCode,
    ).toBe(404);
    const list = await c.editorB.get('/admin/key-tasks/tasks?year=2026');
    expect(list.body).toContain(`/admin/key-tasks/tasks/${taskB}`);
    expect(list.body).not.toContain(`/admin/key-tasks/tasks/${taskA}`);
    expect((await c.supervisor.get('/admin/key-tasks/tasks?year=2026&status=late')).statusCode).toBe(200);
    expect((await c.supervisor.get('/admin/key-tasks/tasks?status=nonsense')).statusCode).toBe(400);
  });

  it('works a task through evidence, submission and acceptance by someone else', async () => {
    const page = `/admin/key-tasks/tasks/${taskA}`;
    const bad = await c.editorA.postForm(`${page}/progress`, { progress: '百分之五十', note: '' }, page);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('进度应为 0 到 100 的整数');
    expect(bad.body).toContain('请填写进展情况');
    const early = await c.editorA.postForm(`${page}/submit`, {}, page);
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('请先上传或关联佐证材料');
    const html = await upload(c.editorA, `${page}/evidence`, page, [
      file('截图.pdf', Buffer.from('<html><script>1</script>')),
    ]);
    expect(html.statusCode).toBe(415);
    expect(html.body).toContain('只能上传 PDF');
    const liar = await upload(c.editorA, `${page}/evidence`, page, [file('截图.png', pdf())]);
    expect(liar.statusCode).toBe(400);
    expect(liar.body).toContain('与扩展名“.png”不符');
    const bytes = pdf('evidence');
    const ok = await upload(c.editorA, `${page}/evidence`, page, [file('整改截图.pdf', bytes)]);
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('已上传佐证材料');
    const href = /href="(\/admin\/key-tasks\/tasks\/[^"]+\/evidence\/[^"]+)"/.exec(ok.body)?.[1] ?? '';
    const download = await c.reviewerA.get(href);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(bytes)).toBe(true);
    expect(download.headers['content-disposition']).toContain('attachment');
    expect((await c.editorB.get(href)).statusCode).toBe(404);
    const item = await makeItem(t.ctx, a.id, { title: '专栏调整说明' });
    expect((await c.editorA.postForm(`${page}/evidence/link`, { itemId: item.id }, page)).body).toContain(
      '已关联已发布信息',
    );
    expect((await c.editorA.postForm(`${page}/submit`, {}, page)).body).toContain('已提交验收');
    expect((await c.editorA.postForm(`${page}/accept`, {}, page)).statusCode).toBe(403);
    const noReason = await c.reviewerA.postForm(`${page}/return`, { reason: '' }, page);
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('请填写退回理由');
    const accepted = await c.reviewerA.postForm(`${page}/accept`, {}, page);
    expect(accepted.body).toContain('验收通过，任务已完成');
    expect(accepted.body).toContain('已完成');
  });

  it('keeps the roster, training and meetings per agency', async () => {
    const bad = await c.editorA.postForm('/admin/staff', {
      agencyId: b.id,
      name: '',
      position: '专员',
      phone: 'abc',
      fullTime: '',
      since: '2026-13-01',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('请填写姓名');
    expect(bad.body).toContain('联系电话格式不正确');
    expect(bad.body).toContain('请选择专职或兼职');
    const ok = await c.editorA.postForm('/admin/staff', {
      agencyId: a.id,
      name: '钱专员',
      position: '信息公开专员',
      phone: '0571-88880000',
      email: 'qian@example.gov.cn',
      fullTime: '1',
      since: '2025-01-01',
    });
    expect(ok.body).toContain('已登记：钱专员');
    const person = /href="\/admin\/staff\/([0-9a-f-]{36})"/.exec(ok.body)?.[1] ?? '';
    expect((await c.editorB.get(`/admin/staff/${person}`)).statusCode).toBe(404);
    expect((await c.editorB.get('/admin/staff')).body).not.toContain('钱专员');
    const training = await c.editorA.postForm(
      `/admin/staff/${person}/trainings`,
      { heldOn: '2026-02-10', title: '政务公开业务培训', organizer: '区政府办', hours: '-1' },
      `/admin/staff/${person}`,
    );
    expect(training.body).toContain('学时应大于 0');
    const meeting = await upload(c.editorA, '/admin/staff/meetings', '/admin/staff/meetings', [
      { field: 'agencyId', value: a.id },
      { field: 'heldOn', value: '2026-02-26' },
      { field: 'attendees', value: '王科长、钱专员' },
      { field: 'topics', value: '部署政策解读' },
      { field: 'decisions', value: '三月底前报送解读计划' },
      file('纪要.pdf', pdf('minutes')),
    ]);
    expect(meeting.statusCode).toBe(200);
    expect(meeting.body).toContain('已登记 2026-02-26 的例会');
    expect(meeting.body).toContain('纪要.pdf');
  });

  it('runs a gap check on demand and shows the report to its agency only', async () => {
    const refused = await c.editorA.postForm(
      '/admin/gap-checks/run',
      { agencyId: b.id },
      '/admin/gap-checks',
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('只能对本单位查漏补缺');
    const run = await c.editorB.postForm('/admin/gap-checks/run', { agencyId: b.id }, '/admin/gap-checks');
    expect(run.statusCode).toBe(303);
    const report = await c.editorB.get(run.headers.location as string);
    expect(report.body).toContain('查漏补缺报告');
    expect(report.body).toContain('政府信息公开专栏规范化');
    expect(report.body).toContain('尚无佐证材料');
    expect((await c.editorA.get(run.headers.location as string)).statusCode).toBe(404);
    expect((await c.supervisor.get('/admin/gap-checks')).body).toContain('立即检查');
    const onlyA = await c.supervisor.get(`/admin/gap-checks?agencyId=${a.id}`);
    expect(onlyA.body).not.toContain(run.headers.location as string);
    expect((await c.supervisor.get(`/admin/gap-checks?agencyId=${b.id}`)).body).toContain(
      run.headers.location as string,
    );
    expect((await c.editorA.get(`/admin/gap-checks?agencyId=${b.id}`)).body).not.toContain(
      run.headers.location as string,
    );
  });
});
