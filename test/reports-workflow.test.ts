import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agency } from '../src/db/schema';
import { reviewStep, sanitizeBody, withdrawItem } from '../src/modules/documents';
import {
  generateStoredReport,
  loadStoredReport,
  parseAnnualReportFile,
  renderAnnualReportHtml,
  reportItemBody,
  submitStoredReport,
} from '../src/modules/reports';
import { seedCase } from './fixtures/annual-reports/seed-records';
import { expectAppError } from './helpers/application-cases';
import { makeAgency, makeColumn } from './helpers/factories';
import { actorOf, draftAs, makeStaff, reload, type Staff, signOff } from './helpers/review-flow';
import { createTestContext, type TestContext, testDatabases } from './helpers/test-context';

// The annual report's review runs on its 年报 item: at 终审 the documents module runs the check the reports
// module registered, so a stored report failing H1–H5 (or an item body changed beside the report) is not
// signed; the report's status follows the item, a withdrawn item sends it back to draft, and the
// sanitiser keeps every piece of table markup the national layout needs.

describe.each(testDatabases())('the annual report through the 三审 on %s', (kind) => {
  let ctx: TestContext;
  let agency: Agency;
  let staff: Staff;

  const approve = (role: 'reviewer1' | 'reviewer2' | 'reviewer3', itemId: string) =>
    reload(ctx, itemId).then((item) =>
      reviewStep(ctx, staff[role], actorOf(staff[role]), item, 'approve', {
        opinion: '同意',
        secrecyChecked: true,
      }),
    );
  const stored = (id: string) => loadStoredReport(ctx, staff.editor, id);
  const setData = (id: string, data: unknown) =>
    ctx.db
      .updateTable('annual_reports')
      .set({ data: JSON.stringify(data) })
      .where('id', '=', id)
      .execute();

  async function submitted(year: number) {
    const id = await generateStoredReport(ctx, actorOf(staff.editor), { agencyId: agency.id, year });
    const item = await submitStoredReport(ctx, staff.editor, actorOf(staff.editor), await stored(id));
    await approve('reviewer1', item.id);
    await approve('reviewer2', item.id);
    return { id, itemId: item.id };
  }

  beforeAll(async () => {
    ctx = await createTestContext(kind);
    agency = await makeAgency(ctx, { name: '示范区教育局' });
    await makeColumn(ctx, agency.id, 'annual-reports', '政府信息公开年报', 365);
    staff = await makeStaff(ctx, agency.id);
    await seedCase(ctx, agency.id, {
      type: 'natural',
      received: '2025-03-03',
      decided: '2025-03-10',
      outcome: 'disclosed',
    });
  });
  afterAll(() => ctx.close());

  it('refuses the sign-off while the stored report fails a hard check, and signs it once it passes', async () => {
    const { id, itemId } = await submitted(2025);
    const good = (await stored(id)).report;
    const broken = structuredClone(good);
    broken.applications.total[6] = 9; // H2 and H3 no longer hold
    await setData(id, broken);
    await expectAppError(
      approve('reviewer3', itemId),
      'validation',
      /年度报告未通过校验（H1–H5），不能签发：H1 .*H2 /,
    );
    expect((await reload(ctx, itemId)).status).toBe('in_review');
    await setData(id, good);
    await approve('reviewer3', itemId);
    expect((await reload(ctx, itemId)).status).toBe('published');
    const after = await stored(id);
    expect(after.row.status).toBe('published');
    const followed = await ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('object_id', '=', id)
      .where('action', '=', 'report.status_followed')
      .execute();
    expect(followed.length).toBeGreaterThan(0);
  });

  it('refuses the sign-off when the item body was changed beside the report', async () => {
    const { itemId } = await submitted(2024);
    await ctx.db
      .updateTable('items')
      .set({ body_html: '<p>另写的正文</p>' })
      .where('id', '=', itemId)
      .execute();
    await expectAppError(approve('reviewer3', itemId), 'validation', /年报正文与年度报告数据不一致/);
  });

  it('leaves the sign-off of ordinary items alone', async () => {
    const item = await draftAs(ctx, staff, {
      columnId: await makeColumn(ctx, agency.id, 'news', '工作动态'),
      title: '一条工作动态',
    });
    expect((await signOff(ctx, staff, item)).status).toBe('published');
  });

  it('goes back to draft when its item is withdrawn, and a new submission makes a new item', async () => {
    const id = (
      await stored(
        (
          await ctx.db
            .selectFrom('annual_reports')
            .select('id')
            .where('year', '=', 2025)
            .executeTakeFirstOrThrow()
        ).id,
      )
    ).row.id;
    const before = await stored(id);
    await withdrawItem(
      ctx,
      staff.reviewer3,
      actorOf(staff.reviewer3),
      await reload(ctx, before.row.item_id ?? ''),
      '数据有误，撤下更正',
    );
    const after = await stored(id);
    expect(after.row.status).toBe('draft');
    const item = await submitStoredReport(ctx, staff.editor, actorOf(staff.editor), after);
    expect(item.id).not.toBe(before.row.item_id);
    expect((await stored(id)).row).toMatchObject({ status: 'in_review', item_id: item.id });
  });

  it('keeps every th, scope, rowspan, colspan, thead and tbody of the national layout through the sanitiser', async () => {
    const { report } = await stored(
      (
        await ctx.db
          .selectFrom('annual_reports')
          .select('id')
          .where('year', '=', 2025)
          .executeTakeFirstOrThrow()
      ).id,
    );
    const raw = renderAnnualReportHtml(report, { heading: false }).replaceAll(
      '<table',
      '<table tabindex="0"',
    );
    const clean = sanitizeBody(raw);
    expect(reportItemBody(report)).toBe(clean);
    const count = (html: string, re: RegExp) => (html.match(re) ?? []).length;
    for (const re of [
      /<th[ >]/g,
      /scope="(row|col|rowgroup|colgroup)"/g,
      /rowspan="\d+"/g,
      /colspan="\d+"/g,
      /<thead>/g,
      /<tbody>/g,
      /<td[ >]/g,
    ]) {
      expect(count(clean, re), String(re)).toBe(count(raw, re));
      expect(count(clean, re), String(re)).toBeGreaterThan(0);
    }
    const back = parseAnnualReportFile(clean, { agency: report.agency, year: report.year }).report;
    expect([back.proactive, back.applications, back.appeals]).toEqual([
      report.proactive,
      report.applications,
      report.appeals,
    ]);
    expect(sanitizeBody('<table><caption>表三</caption><tr><td>1</td></tr></table>')).toContain(
      '<caption>表三</caption>',
    );
  });
});
