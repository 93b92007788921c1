import { newId } from '../src/core/ids';
import { makeAgency, makeColumn } from './helpers/factories';
import type { TestContext } from './helpers/test-context';
import { keyTasks, letter, TODAY } from './oversight-seed-follow-up';

// Known data for the supervisor's view (统计分析): two departments with publications across China-time
// month edges, official documents with and without 文号 and 公开属性, policies with and without an
// interpretation, applications answered on time and late, rectification tasks and an inspection's
// freshness findings. "Today" is 2026-06-15 in China. The expected figures are in the tests.

export { TODAY };

interface ItemSeed {
  column: string;
  published?: string | null; // ISO instant; null = draft
  visibility?: 'public' | 'internal';
  doc?: string | null;
  writtenOn?: string | null;
  created?: string;
  disclosure?: 'proactive' | 'on_request' | 'withheld' | null;
  basis?: string | null;
  genre?: string | null;
}

async function item(ctx: TestContext, agencyId: string, s: ItemSeed): Promise<string> {
  const id = newId();
  const created = s.created ?? s.published ?? '2026-01-05T02:00:00.000Z';
  await ctx.db
    .insertInto('items')
    .values({
      id,
      agency_id: agencyId,
      column_id: s.column,
      title: `信息${id.slice(-6)}`,
      body_html: '<p>正文</p>',
      summary: '',
      keywords: '',
      source: '',
      visibility: s.visibility ?? 'public',
      status: s.published ? 'published' : 'draft',
      published_at: s.published ?? null,
      view_count: 0,
      created_by: null,
      created_at: created,
      updated_at: created,
      doc_number: s.doc ?? null,
      written_on: s.writtenOn ?? null,
      disclosure: s.disclosure ?? null,
      disclosure_basis: s.basis ?? null,
      genre: s.genre ?? null,
    })
    .execute();
  return id;
}

async function application(
  ctx: TestContext,
  agencyId: string,
  a: { status: string; received: string | null; due: string | null; decided?: string },
) {
  const id = newId();
  await ctx.db
    .insertInto('applications')
    .values({
      id,
      agency_id: agencyId,
      tracking_number: `YSQ${id.slice(-8)}`,
      query_code_hash: 'x',
      channel: 'online',
      applicant_type: 'natural',
      applicant_name: '张三',
      id_type: '居民身份证',
      id_number_masked: '1101**********002X',
      phone_masked: '138****5678',
      email_masked: '',
      address_masked: '',
      applicant_key: id,
      description: '申请公开',
      delivery_form: 'electronic',
      delivery_channel: 'email',
      status: a.status as never,
      received_on: a.received,
      due_on: a.due,
      outcome: a.decided ? 'disclose.full' : null,
      decided_on: a.decided ?? null,
      created_at: TODAY,
      updated_at: TODAY,
    })
    .execute();
}

async function inspectionWithTasks(
  ctx: TestContext,
  site: { a: string; b: string; columns: Record<string, string> },
) {
  const inspection = newId();
  await ctx.db
    .insertInto('inspections')
    .values({
      id: inspection,
      started_at: '2026-05-01T02:00:00.000Z',
      finished_at: '2026-05-01T03:00:00.000Z',
      trigger: 'manual',
      scope: 'site',
      started_by: null,
      score: 90,
      summary: '{}',
    })
    .execute();
  const task = (agencyId: string, status: 'open' | 'closed' | 'excepted', deadline: string) => ({
    id: newId(),
    agency_id: agencyId,
    kind: 'freshness',
    indicator: 'deduct.column_stale',
    severity: 'deduct' as const,
    fingerprint: newId(),
    object_type: 'column',
    object_id: newId(),
    message: '栏目未更新',
    opened_at: '2026-05-01T02:30:00.000Z',
    opened_inspection_id: inspection,
    deadline,
    status,
    closed_at: status === 'open' ? null : '2026-05-08T02:00:00.000Z',
    closed_by: null,
    closed_inspection_id: null,
    exception_reason: status === 'excepted' ? '非问题' : null,
    last_seen_inspection_id: inspection,
    last_seen_at: '2026-05-01T02:30:00.000Z',
  });
  await ctx.db
    .insertInto('rectification_tasks')
    .values([
      task(site.a, 'open', '2026-05-10'),
      task(site.a, 'closed', '2026-05-15'),
      task(site.a, 'excepted', '2026-05-15'),
      task(site.b, 'closed', '2026-05-15'),
    ])
    .execute();
  const finding = (agencyId: string, kind: string, severity: 'deduct' | 'warn', columnId: string) => ({
    id: newId(),
    inspection_id: inspection,
    agency_id: agencyId,
    kind,
    indicator: kind === 'blank_column' ? 'deduct.blank_column' : 'deduct.column_stale',
    severity,
    object_type: 'column',
    object_id: columnId,
    fingerprint: `${kind}:column:${columnId}`,
    message: '栏目问题',
    detail: '{}',
    task_id: null,
  });
  await ctx.db
    .insertInto('inspection_findings')
    .values([
      finding(site.a, 'freshness', 'deduct', site.columns.aNews ?? ''),
      finding(site.a, 'freshness', 'warn', site.columns.aPolicies ?? ''),
      finding(site.b, 'blank_column', 'deduct', site.columns.bGuide ?? ''),
    ])
    .execute();
}

/** Seeds the whole data set; returns the agencies. */
export async function seedOversight(ctx: TestContext) {
  ctx.clock.set(TODAY);
  const district = await makeAgency(ctx, { kind: 'district', name: '示范区人民政府办公室' });
  const a = await makeAgency(ctx, { name: '示范区教育局' });
  const b = await makeAgency(ctx, { name: '示范区财政局' });
  const columns = {
    aNews: await makeColumn(ctx, a.id, 'news', '工作动态', 14),
    aPolicies: await makeColumn(ctx, a.id, 'policies', '政策文件', 180),
    aInterp: await makeColumn(ctx, a.id, 'interpretations', '政策解读', 180),
    bNews: await makeColumn(ctx, b.id, 'news', '工作动态', 14),
    bGuide: await makeColumn(ctx, b.id, 'guide', '政府信息公开指南', null),
  };
  // 工作动态: January 3 (one at 00:30 on 1 January China time), March 2; not counted: 2025 in China
  // time, internal, draft.
  for (const published of [
    '2026-01-10T02:00:00.000Z',
    '2026-01-12T02:00:00.000Z',
    '2026-03-05T02:00:00.000Z',
  ])
    await item(ctx, a.id, { column: columns.aNews, published });
  await item(ctx, b.id, { column: columns.bNews, published: '2025-12-31T16:30:00.000Z' });
  await item(ctx, b.id, { column: columns.bNews, published: '2026-03-20T02:00:00.000Z' });
  await item(ctx, b.id, { column: columns.bNews, published: '2025-12-31T15:30:00.000Z' });
  await item(ctx, a.id, {
    column: columns.aNews,
    published: '2026-03-06T02:00:00.000Z',
    visibility: 'internal',
  });
  await item(ctx, a.id, { column: columns.aNews, published: null });
  // Official documents of A: two published policies (proactive), one 依申请公开, one 不予公开, one unset
  // without 成文日期 (entered in May), one of 2025, and one with an empty 文号 (not a document).
  const policy = { column: columns.aPolicies, genre: '规范性文件', disclosure: 'proactive' as const };
  const p1 = await item(ctx, a.id, {
    ...policy,
    doc: '示教发〔2026〕1号',
    writtenOn: '2026-02-01',
    published: '2026-02-10T02:00:00.000Z',
  });
  await item(ctx, a.id, {
    ...policy,
    doc: '示教发〔2026〕2号',
    writtenOn: '2026-02-02',
    published: '2026-02-10T03:00:00.000Z',
  });
  await item(ctx, a.id, {
    column: columns.aPolicies,
    doc: '示教发〔2026〕3号',
    writtenOn: '2026-03-01',
    disclosure: 'on_request',
    basis: 'art16-process',
  });
  await item(ctx, a.id, {
    column: columns.aPolicies,
    doc: '示教发〔2026〕4号',
    writtenOn: '2026-04-01',
    disclosure: 'withheld',
    basis: 'art14-secret',
  });
  await item(ctx, a.id, {
    column: columns.aPolicies,
    doc: '示教发〔2026〕5号',
    created: '2026-05-01T02:00:00.000Z',
  });
  await item(ctx, a.id, {
    column: columns.aPolicies,
    doc: '示教发〔2025〕9号',
    writtenOn: '2025-12-30',
    disclosure: 'proactive',
  });
  await item(ctx, a.id, {
    column: columns.aPolicies,
    doc: '',
    writtenOn: '2026-02-03',
    disclosure: 'withheld',
  });
  await item(ctx, b.id, {
    column: columns.bNews,
    doc: '示财发〔2026〕1号',
    writtenOn: '2026-03-03',
    disclosure: 'proactive',
  });
  // p1 has a published interpretation; the second policy has none (overdue by June).
  const interp = await item(ctx, a.id, {
    column: columns.aInterp,
    genre: '政策解读',
    published: '2026-02-11T02:00:00.000Z',
  });
  await ctx.db
    .insertInto('interpretations')
    .values({ item_id: interp, policy_item_id: p1, form: 'text', created_at: '2026-02-11T02:00:00.000Z' })
    .execute();
  // Applications: A on time in March, late (decided in April), open and overdue; B open, not overdue.
  await application(ctx, a.id, {
    status: 'closed',
    received: '2026-03-02',
    due: '2026-03-30',
    decided: '2026-03-20',
  });
  await application(ctx, a.id, {
    status: 'closed',
    received: '2026-03-03',
    due: '2026-03-31',
    decided: '2026-04-10',
  });
  await application(ctx, a.id, { status: 'processing', received: '2026-05-06', due: '2026-06-03' });
  await application(ctx, a.id, { status: 'held', received: null, due: null });
  await application(ctx, b.id, { status: 'processing', received: '2026-06-01', due: '2026-06-29' });
  await inspectionWithTasks(ctx, { a: a.id, b: b.id, columns });
  // Letters: A answered on time and late in March, one open past due in May, one held; B open, not due.
  await letter(ctx, a.id, {
    status: 'answered',
    received: '2026-03-02',
    due: '2026-03-16',
    answered: '2026-03-10',
    rating: 'satisfied',
  });
  await letter(ctx, a.id, {
    status: 'answered',
    received: '2026-03-04',
    due: '2026-03-18',
    answered: '2026-03-25',
    rating: 'dissatisfied',
  });
  await letter(ctx, a.id, { status: 'accepted', received: '2026-05-04', due: '2026-05-18' });
  await letter(ctx, a.id, { status: 'held', received: null, due: null });
  await letter(ctx, b.id, { status: 'accepted', received: '2026-06-10', due: '2026-06-24' });
  await keyTasks(ctx, a.id, b.id);
  return { district, a, b, columns };
}
