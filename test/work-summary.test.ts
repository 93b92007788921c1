import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/core/ids';
import type { Agency } from '../src/db/schema';
import { reviewStep, submitForReview } from '../src/modules/documents';
import {
  createSummaryDraft,
  draftWorkSummary,
  PROMPT_OPEN,
  type WorkSummaryFigures,
} from '../src/modules/work-summary';
import { makeAgency, makeColumn } from './helpers/factories';
import { actorOf, draftAs, makeStaff, reload, type Staff, signOff } from './helpers/review-flow';
import { createTestContext, type TestContext, testDatabases } from './helpers/test-context';

// The year's work summary (工作总结) drafted from seeded records of 2023 whose figures are worked out by
// hand below; then the draft item (one open at a time, through the drafting service).

describe.each(testDatabases())('work summary on %s', (kind) => {
  let ctx: TestContext;
  let agency: Agency;
  let staff: Staff;
  const columns: Record<string, string> = {};

  async function column(slug: string, name: string, days: number | null, sort: number) {
    columns[slug] = await makeColumn(ctx, agency.id, slug, name, days);
    await ctx.db
      .updateTable('columns')
      .set({ sort })
      .where('id', '=', columns[slug] as string)
      .execute();
  }

  async function publishedPolicyWithoutInterpretation(title: string) {
    const now = ctx.clock.now().toISOString();
    await ctx.db
      .insertInto('items')
      .values({
        id: newId(),
        agency_id: agency.id,
        column_id: columns.policies as string,
        title,
        body_html: '<p>正文</p>',
        summary: '',
        keywords: '',
        source: agency.name,
        visibility: 'public',
        status: 'published',
        published_at: now,
        view_count: 0,
        created_by: null,
        created_at: now,
        updated_at: now,
        is_policy: 1,
      })
      .execute();
  }

  async function task(agencyId: string, kind: string, status: string, openedAt: string) {
    const inspectionId = newId();
    await ctx.db
      .insertInto('inspections')
      .values({ id: inspectionId, started_at: openedAt, trigger: 'scheduled', scope: 'site', summary: '{}' })
      .execute();
    await ctx.db
      .insertInto('rectification_tasks')
      .values({
        id: newId(),
        agency_id: agencyId,
        kind,
        indicator: 'deduct.column_stale',
        severity: 'deduct',
        fingerprint: newId(),
        object_type: 'column',
        object_id: newId(),
        message: '问题',
        opened_at: openedAt,
        opened_inspection_id: inspectionId,
        deadline: '2023-12-31',
        status: status as 'open',
        closed_at: null,
        closed_by: null,
        closed_inspection_id: null,
        exception_reason: null,
        last_seen_inspection_id: inspectionId,
        last_seen_at: openedAt,
      })
      .execute();
  }

  async function keyTask(
    listYear: number,
    agencyId: string,
    state: string,
    deadline: string,
    evidence: boolean,
  ) {
    const now = ctx.clock.now().toISOString();
    const itemId = newId();
    await ctx.db
      .insertInto('key_task_items')
      .values({
        id: itemId,
        year: listYear,
        text_key: newId(),
        seq: '1',
        category: '主动公开',
        title: '做好政策解读',
        requirement: '',
        lead_units: '各部门',
        deadline_text: '年底前',
        deadline_on: deadline,
        source_name: '2023年政务公开工作要点',
        source_row: 1,
        created_by: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const taskId = newId();
    await ctx.db
      .insertInto('key_tasks')
      .values({
        id: taskId,
        item_id: itemId,
        agency_id: agencyId,
        owner_user_id: null,
        owner_name: '办公室',
        deadline_on: deadline,
        evidence_required: '',
        state: state as 'open',
        submitted_by: null,
        submitted_at: null,
        reviewed_by: null,
        reviewed_at: null,
        return_reason: null,
        created_by: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    if (evidence)
      await ctx.db
        .insertInto('key_task_evidence')
        .values({
          id: newId(),
          task_id: taskId,
          kind: 'file',
          item_id: null,
          note: '佐证',
          original_name: null,
          stored_name: null,
          media_type: null,
          size: null,
          sha256: null,
          created_by: null,
          created_at: now,
          deleted_at: null,
        })
        .execute();
  }

  async function seedYear() {
    ctx.clock.set('2022-12-20T02:00:00Z'); // last year: not counted
    await signOff(
      ctx,
      staff,
      await draftAs(ctx, staff, { columnId: columns.news, title: '2022年12月工作动态' }),
    );
    ctx.clock.set('2023-03-01T02:00:00Z');
    const returned = await draftAs(ctx, staff, { columnId: columns.news, title: '春季开学工作部署' });
    await submitForReview(ctx, staff.editor, actorOf(staff.editor), returned);
    await reviewStep(
      ctx,
      staff.reviewer1,
      actorOf(staff.reviewer1),
      await reload(ctx, returned.id),
      'return',
      {
        opinion: '请补充时间',
        secrecyChecked: false,
      },
    );
    await signOff(ctx, staff, await reload(ctx, returned.id));
    await signOff(
      ctx,
      staff,
      await draftAs(ctx, staff, { columnId: columns.news, title: '教师节表彰大会召开' }),
    );
    const phone = await draftAs(ctx, staff, {
      columnId: columns.news,
      title: '助学金发放情况',
      bodyHtml: '<p>领取人身份证号11010519491231002X，依据有关规定发放。</p>',
    });
    await submitForReview(ctx, staff.editor, actorOf(staff.editor), phone);
    for (const role of ['reviewer1', 'reviewer2', 'reviewer3'] as const)
      await reviewStep(ctx, staff[role], actorOf(staff[role]), await reload(ctx, phone.id), 'approve', {
        opinion: '同意',
        secrecyChecked: true,
        overruleReason: '经核实当事人同意公开，依法发布',
      });
    const withheld = await draftAs(ctx, staff, {
      columnId: columns.news,
      title: '局务会议纪要',
      disclosure: 'withheld',
      disclosureBasis: 'art16-internal',
      disclosureReason: '内部事务信息，属于内部管理事项',
    });
    await signOff(ctx, staff, withheld);
    const policy = await draftAs(ctx, staff, {
      columnId: columns.policies,
      title: '示范区课后服务管理办法',
      genre: '规范性文件',
      registrationNumber: 'SFJY-2023-1',
      effectiveFrom: '2023-04-01',
    });
    const graphic = await draftAs(ctx, staff, {
      columnId: columns.interpretations,
      title: '一图读懂课后服务管理办法',
      genre: '政策解读',
      policyItemId: policy.id,
      interpretationForm: 'graphic',
    });
    await signOff(ctx, staff, graphic);
    await signOff(ctx, staff, policy);
    await publishedPolicyWithoutInterpretation('示范区校外培训管理若干措施');
    const other = await makeAgency(ctx);
    await task(agency.id, 'freshness', 'closed', '2023-04-01T02:00:00Z');
    await task(agency.id, 'blank_column', 'closed', '2023-05-01T02:00:00Z');
    await task(agency.id, 'wording', 'open', '2023-06-01T02:00:00Z');
    await task(agency.id, 'wording', 'excepted', '2023-06-01T02:00:00Z');
    await task(agency.id, 'wording', 'open', '2022-06-01T02:00:00Z'); // last year's
    await task(other.id, 'wording', 'open', '2023-06-01T02:00:00Z'); // another agency's
    // 重点工作清单 2023 (today will be 8 January 2024): two accepted, one late without evidence, one
    // submitted before its deadline with evidence; another agency's task and last year's list not counted.
    await keyTask(2023, agency.id, 'accepted', '2023-06-30', true);
    await keyTask(2023, agency.id, 'accepted', '2023-12-31', false);
    await keyTask(2023, agency.id, 'open', '2023-11-30', false);
    await keyTask(2023, agency.id, 'submitted', '2024-03-31', true);
    await keyTask(2023, other.id, 'open', '2023-11-30', false);
    await keyTask(2022, agency.id, 'open', '2022-11-30', false);
  }

  beforeAll(async () => {
    ctx = await createTestContext(kind);
    agency = await makeAgency(ctx, { name: '示范区教育局' });
    staff = await makeStaff(ctx, agency.id);
    await column('news', '工作动态', 14, 1);
    await column('policies', '政策法规', 180, 2);
    await column('interpretations', '政策解读', 180, 3);
    await column('notices', '通知公告', 30, 4);
    await column('plans', '规划计划', 365, 5);
    await column('guide', '政府信息公开指南', null, 6);
    await seedYear();
    ctx.clock.set('2024-01-08T02:00:00Z');
  }, 60_000);
  afterAll(() => ctx.close());

  it('gathers every figure of 2023 from the records', async () => {
    const { figures } = await draftWorkSummary(ctx, { agencyId: agency.id, year: 2023 });
    expect(figures).toEqual<WorkSummaryFigures>({
      agencyName: '示范区教育局',
      year: 2023,
      tasks: { total: 4, done: 2, inProgress: 1, late: 1, withoutEvidence: 1 },
      columns: [
        { name: '工作动态', published: 3, updateDays: 14 },
        { name: '政策法规', published: 2, updateDays: 180 },
        { name: '政策解读', published: 1, updateDays: 180 },
        { name: '通知公告', published: 0, updateDays: 30 },
        { name: '规划计划', published: 0, updateDays: 365 },
        { name: '政府信息公开指南', published: 0, updateDays: null },
      ],
      // Three news items, the withheld minutes, the policy and its interpretation; the returned one once.
      sourceStatus: { submitted: 6, proactive: 5, onRequest: 0, withheld: 1 },
      review: { signedOff: 6, secrecyReviews: 6, returned: 1, overruled: 1 },
      interpretations: {
        byForm: [{ label: '图解', count: 1 }],
        total: 1,
        policiesPublished: 2,
        policiesWithout: 1,
      },
      rectification: [
        { label: '栏目', opened: 2, closed: 2, excepted: 0, open: 0, rate: 100 },
        { label: '错敏词', opened: 2, closed: 0, excepted: 1, open: 1, rate: 0 },
      ],
    });
  });

  it('writes the text with the figures filled in and prompts where the officer writes', async () => {
    const { summary } = await draftWorkSummary(ctx, { agencyId: agency.id, year: 2023 });
    const text = summary.sections.flatMap((s) => s.paragraphs).join('\n');
    expect(summary.title).toBe('示范区教育局2023年政务公开工作总结');
    expect(text).toContain(
      '全年承接重点工作任务 4 项，已完成 2 项，正在推进 1 项，其中逾期 1 项；1 项尚未上传佐证材料。',
    );
    expect(summary.sections[2]?.paragraphs[0]).toContain(
      `${PROMPT_OPEN}存在的主要问题。平台记录显示：重点工作任务逾期 1 项；`,
    );
    expect(text).toContain('全年在门户网站主动公开信息 6 条，6 个栏目中 3 个本年度有更新');
    expect(text).toContain('“通知公告”、“规划计划”等 2 个应定期更新的栏目全年未更新');
    expect(text).toContain(
      '全年报审公文 6 件，均在报审前认定公开属性：主动公开 5 件、依申请公开 0 件、不予公开 1 件',
    );
    expect(text).toContain('全年 6 件信息经三审签发，复审环节完成保密审查 6 次');
    expect(text).toContain('签发领导书面说明理由后放行检查问题 1 次');
    expect(text).toContain(
      '全年发布政策解读 1 件，其中图解 1 件；本年度发布政策文件 2 件，尚有 1 件未发布解读',
    );
    expect(text).toContain('栏目整改 2 次，整改率 100%；错敏词整改 1 次，整改率 0%。尚有 1 项整改任务未办结');
  });

  it('counts nothing for a year without records', async () => {
    const { figures } = await draftWorkSummary(ctx, { agencyId: agency.id, year: 2021 });
    expect(figures.sourceStatus.submitted).toBe(0);
    expect(figures.review.signedOff).toBe(0);
    expect(figures.columns.every((c) => c.published === 0)).toBe(true);
  });

  it('creates the draft in 规划计划 for an editor only, and refuses a second while one is open or published', async () => {
    const request = { agencyId: agency.id, year: 2023 };
    await expect(createSummaryDraft(ctx, staff.reviewer2, actorOf(staff.reviewer2), request)).rejects.toThrow(
      '只有本单位信息员可以起草工作总结',
    );
    const item = await createSummaryDraft(ctx, staff.editor, actorOf(staff.editor), request);
    expect(item).toMatchObject({
      column_id: columns.plans,
      status: 'draft',
      disclosure: 'proactive',
      title: '示范区教育局2023年政务公开工作总结',
      created_by: staff.editor.userId,
    });
    expect(item.body_html).toContain('<h2>一、工作开展情况</h2>');
    expect(item.body_html).toContain('全年报审公文 6 件');
    const audited = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('object_id', '=', item.id)
      .orderBy('seq')
      .execute();
    expect(audited.map((a) => a.action)).toEqual(['item.drafted', 'work_summary.drafted']);
    expect(JSON.parse(audited[1]?.details ?? '{}')).toEqual({ year: 2023 });
    await expect(createSummaryDraft(ctx, staff.editor, actorOf(staff.editor), request)).rejects.toThrow(
      `《示范区教育局2023年政务公开工作总结》尚未发布（/admin/items/${item.id}）`,
    );
    const published = await signOff(ctx, staff, item); // the normal 三审 applies to it
    expect(published.status).toBe('published');
    await expect(createSummaryDraft(ctx, staff.editor, actorOf(staff.editor), request)).rejects.toThrow(
      '发起更正',
    );
    const nextYear = await createSummaryDraft(ctx, staff.editor, actorOf(staff.editor), {
      ...request,
      year: 2022,
    });
    expect(nextYear.title).toBe('示范区教育局2022年政务公开工作总结');
  });

  it('refuses an agency without a column for it', async () => {
    const bare = await makeAgency(ctx);
    const bareStaff = await makeStaff(ctx, bare.id);
    await expect(
      createSummaryDraft(ctx, bareStaff.editor, actorOf(bareStaff.editor), { agencyId: bare.id, year: 2023 }),
    ).rejects.toThrow('本单位没有“规划计划”栏目');
  });
});
