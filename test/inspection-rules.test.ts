import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInspection } from '../src/modules/inspections';
import { makeUser } from './helpers/factories';
import { HttpClient } from './helpers/http-client';
import { openTestApp, type TestContext, testDatabases } from './helpers/test-context';
import { buildSite, fakeWordingCheck } from './inspection-site';

// 检查规则 in the back office (issue 5; architecture.md "rules are data"): the supervisor edits a
// freshness rule, a threshold and a per-column override through HTTP and the next inspection's findings
// change; every change is audited with old and new values and listed; other roles read but cannot
// change; bad input is refused with a Chinese message naming the field.

const LIST = '/admin/inspections/rules';

describe.each(testDatabases())('inspection rules editor on %s', (kind) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let close: () => Promise<void>;
  let site: Awaited<ReturnType<typeof buildSite>>;
  const clients: Record<'supervisor' | 'editorB', HttpClient> = {} as never;

  const inspect = async () => {
    const r = await runInspection(ctx, 'manual', { contentChecks: [fakeWordingCheck] });
    return ctx.db
      .selectFrom('inspection_findings')
      .select(['kind', 'severity', 'object_id', 'message'])
      .where('inspection_id', '=', r.inspection.id)
      .execute();
  };
  const about = (findings: Awaited<ReturnType<typeof inspect>>, objectId: string, kind: string) =>
    findings.filter((f) => f.object_id === objectId && f.kind === kind);
  const notices = { vetoClass: 'notice_policy', nationalMaxDays: '180', basis: '国办秘函〔2019〕19号' };
  const rulesRows = () => ctx.db.selectFrom('column_freshness_rules').selectAll().orderBy('id').execute();

  beforeAll(async () => {
    ({ ctx, app, close } = await openTestApp(kind, async (c) => {
      site = await buildSite(c);
    }));
    const roles = {
      supervisor: { agencyId: site.district.id, role: 'supervisor' },
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

  it('lists every rule and threshold with its basis; only the supervisor sees editing controls', async () => {
    const page = await clients.supervisor.get(LIST);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('各单位栏目标识为 news 的栏目「工作动态」');
    expect(page.body).toContain('动态、要闻类（2周内须更新）');
    expect(page.body).toContain('依申请公开为办事入口栏目');
    expect(page.body).toContain('首页无更新即否决（天）');
    expect(page.body).toContain('href="/admin/inspections/rules/national-news/edit"');
    expect(page.body).toContain('href="/admin/inspections/thresholds/home_warn_days/edit"');
    const read = await clients.editorB.get(LIST);
    expect(read.statusCode).toBe(200);
    expect(read.body).toContain('各单位栏目标识为 news 的栏目');
    expect(read.body).toContain('仅区政府办监管角色可以修改');
    expect(read.body).not.toContain('/edit"');
  });

  it('refuses changes by anyone but the supervisor, and changes nothing', async () => {
    const before = await rulesRows();
    expect((await clients.editorB.get('/admin/inspections/rules/national-news/edit')).statusCode).toBe(403);
    expect((await clients.editorB.get('/admin/inspections/rules/new')).statusCode).toBe(403);
    const tries = [
      ['/admin/inspections/rules/national-news', { ...notices, vetoClass: 'dynamic', warnDays: '9' }],
      ['/admin/inspections/rules', { ...notices, columnId: site.plans, blankExempt: '1' }],
      ['/admin/inspections/rules/national-on-request/delete', {}],
      ['/admin/inspections/thresholds/home_veto_days', { value: '30', basis: '本地' }],
    ] as const;
    for (const [url, fields] of tries) {
      const res = await clients.editorB.postForm(url, { ...fields }, LIST);
      expect(res.statusCode, url).toBe(403);
      expect(res.body).toContain('只有区政府办监管可以修改检查规则');
    }
    expect(await rulesRows()).toEqual(before);
    const audit = await ctx.db.selectFrom('audit_log').select('action').execute();
    expect(audit.filter((a) => a.action.startsWith('inspection_'))).toEqual([]);
  });

  it('refuses bad input with Chinese messages naming the field', async () => {
    const before = await rulesRows();
    const post = (fields: Record<string, string>) =>
      clients.supervisor.postForm('/admin/inspections/rules/national-news', fields, LIST);
    const cases: [Record<string, string>, string][] = [
      [
        { ...notices, vetoClass: 'dynamic', nationalMaxDays: '14', warnDays: '14' },
        '预警提前天数应小于全国最长期限（14 天）',
      ],
      [{ ...notices, warnDays: '三天' }, '预警提前天数应为正整数'],
      [{ ...notices, warnDays: '2.5' }, '预警提前天数应为正整数'],
      [{ ...notices, nationalMaxDays: '0' }, '全国最长期限应为正整数'],
      [{ ...notices, nationalMaxDays: '' }, '计入单项否决的栏目须填写全国最长期限（天）'],
      [{ ...notices, basis: '  ' }, '请填写依据（文件名称及条款）'],
      [{ ...notices, vetoClass: 'weekly' }, '请选择否决类别'],
    ];
    for (const [fields, message] of cases) {
      const res = await post(fields);
      expect(res.statusCode, message).toBe(400);
      expect(res.body).toContain(message);
      expect(res.body).toContain('aria-invalid="true"');
    }
    const dup = await clients.supervisor.postForm(
      '/admin/inspections/rules',
      {
        ...notices,
        columnId: 'no-such-column',
      },
      LIST,
    );
    expect(dup.statusCode).toBe(400);
    expect(dup.body).toContain('所选栏目不存在');
    const threshold = (key: string, value: string, basis = '本地规定') =>
      clients.supervisor.postForm(`/admin/inspections/thresholds/${key}`, { value, basis }, LIST);
    const warnAboveVeto = await threshold('home_warn_days', '14');
    expect(warnAboveVeto.statusCode).toBe(400);
    expect(warnAboveVeto.body).toContain('首页无更新预警（天）（14）应小于首页无更新即否决（天）（14）');
    const vetoBelowWarn = await threshold('blank_columns_veto', '2');
    expect(vetoBelowWarn.body).toContain('空白栏目预警（个）（2）应小于空白栏目否决（个）（2）');
    expect((await threshold('column_warn_percent', '100')).body).toContain(
      '无专门规则栏目的预警点不能超过 99',
    );
    expect((await threshold('rectify_days_veto', '-1')).body).toContain('否决类问题整改期限应为正整数');
    expect((await threshold('home_veto_days', '20', '')).body).toContain('请填写依据');
    expect((await threshold('no_such_key', '5')).statusCode).toBe(404);
    expect(await rulesRows()).toEqual(before);
    const values = await ctx.db.selectFrom('inspection_thresholds').select(['key', 'value']).execute();
    expect(values.find((t) => t.key === 'home_warn_days')?.value).toBe(10);
  });

  it('applies an edited threshold and rule to the next inspection, and audits old and new values', async () => {
    // 通知公告 (30-day cycle, last item a day old) is fresh under the national 70% warning point …
    expect(about(await inspect(), site.notices, 'freshness')).toEqual([]);
    const pct = await clients.supervisor.postForm(
      '/admin/inspections/thresholds/column_warn_percent',
      { value: '1', basis: '试行：提前预警' },
      LIST,
    );
    expect([pct.statusCode, pct.headers.location]).toEqual([303, `${LIST}?saved=threshold`]);
    // … and warned about once the warning point is 1% of its cycle.
    const warned = about(await inspect(), site.notices, 'freshness');
    expect(warned.map((f) => f.severity)).toEqual(['warn']);
    expect(warned[0]?.message).toContain('29 天后超过更新周期 30 天');
    await clients.supervisor.postForm(
      '/admin/inspections/thresholds/column_warn_percent',
      { value: '70', basis: '无专门规则的栏目：已过更新周期的70%即预警' },
      LIST,
    );
    expect(about(await inspect(), site.notices, 'freshness')).toEqual([]);
    // The notices rule's own warning lead (29 days before a 30-day cycle) warns from day 1.
    const rule = await clients.supervisor.postForm(
      '/admin/inspections/rules/national-notices',
      { ...notices, warnDays: '29' },
      LIST,
    );
    expect([rule.statusCode, rule.headers.location]).toEqual([303, `${LIST}?saved=rule`]);
    expect(about(await inspect(), site.notices, 'freshness').map((f) => f.severity)).toEqual(['warn']);

    const page = await clients.supervisor.get(LIST);
    expect(page.body).toContain('修改栏目更新检查规则');
    expect(page.body).toContain('预警提前（天）：（空） → 29');
    expect(page.body).toContain('修改全站检查阈值');
    expect(page.body).toContain('数值：70 → 1');
    expect(page.body).toContain('数值：1 → 70');
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('action', '=', 'inspection_rule.saved')
      .execute();
    expect(audit.map((a) => JSON.parse(a.details))).toEqual([
      expect.objectContaining({
        before: expect.objectContaining({ warnDays: null, nationalMaxDays: 180 }),
        after: expect.objectContaining({ warnDays: 29, nationalMaxDays: 180 }),
      }),
    ]);
  });

  it('adds and removes a per-column override that wins over the slug rule', async () => {
    expect(about(await inspect(), site.plans, 'blank_column')).toHaveLength(1);
    const form = await clients.supervisor.get('/admin/inspections/rules/new?from=national-plans');
    expect(form.body).toContain('区甲局 · 规划计划（plans）');
    expect(form.body).not.toContain('工作动态（news）'); // from the plans rule: plans columns only
    const added = await clients.supervisor.postForm(
      '/admin/inspections/rules',
      {
        columnId: site.plans,
        vetoClass: 'none',
        blankExempt: '1',
        basis: '本局规划计划统一在区政府门户发布，本栏目为链接入口',
      },
      LIST,
    );
    expect([added.statusCode, added.headers.location]).toEqual([303, `${LIST}?saved=override`]);
    expect(about(await inspect(), site.plans, 'blank_column')).toEqual([]);
    const again = await clients.supervisor.postForm('/admin/inspections/rules/new', {}, LIST);
    expect(again.statusCode).toBe(404); // no such POST route: GET only
    const twice = await clients.supervisor.postForm(
      '/admin/inspections/rules',
      { columnId: site.plans, vetoClass: 'none', basis: '重复' },
      LIST,
    );
    expect(twice.statusCode).toBe(400);
    expect(twice.body).toContain('该栏目已有单独设置，请修改原有设置');

    const override = await ctx.db
      .selectFrom('column_freshness_rules')
      .select('id')
      .where('column_id', '=', site.plans)
      .executeTakeFirstOrThrow();
    const page = await clients.supervisor.get(LIST);
    expect(page.body).toContain('区甲局「规划计划」（单独设置）');
    const national = await clients.supervisor.postForm(
      '/admin/inspections/rules/national-plans/delete',
      {},
      LIST,
    );
    expect(national.statusCode).toBe(409);
    const removed = await clients.supervisor.postForm(
      `/admin/inspections/rules/${override.id}/delete`,
      {},
      LIST,
    );
    expect([removed.statusCode, removed.headers.location]).toEqual([303, `${LIST}?saved=removed`]);
    expect(about(await inspect(), site.plans, 'blank_column')).toHaveLength(1);
    const history = (await clients.supervisor.get(LIST)).body;
    expect(history).toContain('删除栏目单独的更新检查规则');
    expect(history).toContain('新增栏目单独的更新检查规则');
    expect(history).toContain('不计空白栏目：是（已删除）');
  });
});
