import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agency } from '../src/db/schema';
import { decideCase } from '../src/modules/applications';
import { systemActor } from '../src/modules/audit';
import {
  type AnnualReport,
  buildAnnualReport,
  checkAnnualReport,
  enterReportFigures,
  importReportFigures,
  listReportFigures,
  TABLE3_ROWS,
} from '../src/modules/reports';
import { seedAppeal, seedCase, seedFeePaid, seedNormative } from './fixtures/annual-reports/seed-records';
import { expectAppError } from './helpers/application-cases';
import { applyOnline } from './helpers/application-fixtures';
import { makeAgency } from './helpers/factories';
import { actorOf, makeStaff } from './helpers/review-flow';
import { createTestContext, type TestContext, testDatabases } from './helpers/test-context';

// The 2023 report built from seeded records — cases on both sides of the year's boundaries, appeals,
// fees, normative documents and entered figures — against tables written out by hand: a department's, and
// the district's, which adds its departments (parent_id = the district) and its own cases.

type Table3 = Partial<Record<(typeof TABLE3_ROWS)[number], number[]>>;
const Z = [0, 0, 0, 0, 0, 0, 0];
const full = (t: Table3) => Object.fromEntries(TABLE3_ROWS.map((r) => [r, t[r] ?? Z]));

//                           自然人 商业 科研 公益 法律 其他 总计
const DEPARTMENT_A: Table3 = {
  newReceived: /*       */ [4, 0, 1, 1, 1, 1, 8],
  carriedOver: /*       */ [1, 1, 0, 0, 0, 0, 2],
  disclosed: /*         */ [2, 0, 0, 0, 0, 0, 2],
  partiallyDisclosed: /**/ [1, 0, 0, 0, 0, 0, 1],
  'withheld.thirdPartyRights': [1, 0, 0, 0, 0, 0, 1],
  'unable.notHeld': /*  */ [0, 0, 1, 0, 0, 0, 1],
  'notProcessed.repeated': [0, 0, 0, 0, 1, 0, 1],
  'other.noCorrection': [0, 0, 0, 1, 0, 0, 1],
  total: /*             */ [4, 0, 1, 1, 1, 0, 7],
  carriedForward: /*    */ [1, 1, 0, 0, 0, 1, 3],
};

const DISTRICT: Table3 = {
  newReceived: /*       */ [5, 1, 1, 1, 1, 1, 10],
  carriedOver: /*       */ [2, 1, 0, 0, 0, 0, 3],
  disclosed: /*         */ [2, 1, 0, 0, 0, 0, 3],
  partiallyDisclosed: /**/ [1, 0, 0, 0, 0, 0, 1],
  'withheld.thirdPartyRights': [1, 0, 0, 0, 0, 0, 1],
  'unable.notHeld': /*  */ [0, 0, 1, 0, 0, 0, 1],
  'notProcessed.petition': [1, 0, 0, 0, 0, 0, 1],
  'notProcessed.repeated': [0, 0, 0, 0, 1, 0, 1],
  'other.noCorrection': [0, 0, 0, 1, 0, 0, 1],
  'other.feeUnpaid': /* */ [1, 0, 0, 0, 0, 0, 1],
  total: /*             */ [6, 1, 1, 1, 1, 0, 10],
  carriedForward: /*    */ [1, 1, 0, 0, 0, 1, 3],
};

describe.each(testDatabases())('the annual report built from the records on %s', (kind) => {
  let ctx: TestContext;
  let district: Agency;
  let a: Agency;
  let b: Agency;
  let detached: Agency;
  let reportA: AnnualReport;
  let reportDistrict: AnnualReport;
  const actor = systemActor('test');

  beforeAll(async () => {
    ctx = await createTestContext(kind);
    ctx.clock.set('2023-09-04T02:00:00Z'); // Monday 4 September 2023, 10:00 in China
    district = await makeAgency(ctx, { kind: 'district', name: '示范区人民政府' });
    a = await makeAgency(ctx, { name: '示范区发展和改革局' });
    b = await makeAgency(ctx);
    detached = await makeAgency(ctx);
    await ctx.db.updateTable('agencies').set({ parent_id: null }).where('id', '=', detached.id).execute();

    // Department A: each case's place in 2023 is noted beside it.
    const c1 = await seedCase(ctx, a.id, {
      type: 'natural',
      received: '2022-12-20',
      decided: '2023-01-10',
      outcome: 'disclosed',
    }); // 二, (一)
    await seedCase(ctx, a.id, { type: 'commercial', received: '2022-11-05' }); // 二, 四
    const c3 = await seedCase(ctx, a.id, {
      type: 'natural',
      received: '2022-10-01',
      decided: '2022-10-20',
      outcome: 'disclosed',
    }); // 2022 only
    const c4 = await seedCase(ctx, a.id, {
      type: 'natural',
      received: '2023-01-05',
      decided: '2023-01-20',
      outcome: 'partiallyDisclosed',
    });
    const c5 = await seedCase(ctx, a.id, {
      type: 'natural',
      received: '2023-03-01',
      decided: '2023-03-15',
      outcome: 'withheld.thirdPartyRights',
    });
    const c6 = await seedCase(ctx, a.id, {
      type: 'research',
      received: '2023-05-10',
      decided: '2023-05-30',
      outcome: 'unable.notHeld',
    });
    await seedCase(ctx, a.id, {
      type: 'legalService',
      received: '2023-06-01',
      decided: '2023-06-02',
      outcome: 'notProcessed.repeated',
    });
    await seedCase(ctx, a.id, {
      type: 'publicWelfare',
      received: '2023-07-01',
      decided: '2023-07-25',
      outcome: 'other.noCorrection',
    });
    await seedCase(ctx, a.id, {
      type: 'other',
      received: '2023-12-28',
      decided: '2024-01-05',
      outcome: 'disclosed',
    }); // 一, 四
    await seedCase(ctx, a.id, { type: 'natural', received: '2023-12-31', status: 'correction' }); // 一, 四
    await seedCase(ctx, a.id, { type: 'natural', received: null, status: 'held' }); // not an application yet
    await seedCase(ctx, a.id, { type: 'natural', received: null, status: 'rejected_spam' });
    await seedCase(ctx, a.id, { type: 'natural', received: '2024-01-03' }); // next year
    // One case the lawful way: applied online today, decided tomorrow by the disclosure office.
    const online = await applyOnline(ctx, a.id);
    ctx.clock.set('2023-09-05T02:00:00Z');
    const office = (await makeStaff(ctx, a.id)).reviewer2;
    await decideCase(ctx, office, actorOf(office), online.row.id, {
      outcome: 'disclosed',
      note: '通过电子邮件提供',
    });

    // Department B and the district's own case.
    const c15 = await seedCase(ctx, b.id, {
      type: 'commercial',
      received: '2023-02-01',
      decided: '2023-02-20',
      outcome: 'disclosed',
    });
    const c16 = await seedCase(ctx, b.id, {
      type: 'natural',
      received: '2022-12-30',
      decided: '2023-01-04',
      outcome: 'other.feeUnpaid',
    });
    await seedCase(ctx, district.id, {
      type: 'natural',
      received: '2023-04-04',
      decided: '2023-04-20',
      outcome: 'notProcessed.petition',
    });
    await seedCase(ctx, detached.id, {
      type: 'natural',
      received: '2023-03-03',
      decided: '2023-03-10',
      outcome: 'disclosed',
    });

    await seedAppeal(ctx, c5, {
      kind: 'reconsideration',
      filed: '2023-04-10',
      result: 'upheld',
      concluded: '2023-06-01',
    });
    await seedAppeal(ctx, c5, {
      kind: 'litigationAfterReconsideration',
      filed: '2023-06-20',
      result: 'pending',
    });
    await seedAppeal(ctx, c4, {
      kind: 'reconsideration',
      filed: '2023-11-20',
      result: 'corrected',
      concluded: '2024-01-10',
    });
    await seedAppeal(ctx, c3, {
      kind: 'reconsideration',
      filed: '2022-11-01',
      result: 'upheld',
      concluded: '2023-01-05',
    });
    await seedAppeal(ctx, c16, {
      kind: 'litigationDirect',
      filed: '2023-03-01',
      result: 'other',
      concluded: '2023-08-01',
    });
    await seedFeePaid(ctx, c6, '2023-05-20', 200);
    await seedFeePaid(ctx, c15, '2023-02-10', 100);
    await seedFeePaid(ctx, c1, '2022-12-25', 100); // last year's

    await seedNormative(ctx, a.id, { effective: '2021-05-01' });
    await seedNormative(ctx, a.id, { effective: '2023-03-01' });
    await seedNormative(ctx, a.id, { effective: '2020-01-01', repealed: '2023-06-01' });
    await seedNormative(ctx, b.id, { effective: '2022-01-01' });

    await enterReportFigures(ctx, actor, a.id, {
      year: 2023,
      source: '示范区政务服务审批系统导出',
      figures: { licensing: '100', feesTenThousandYuan: '1.5' },
    });
    await importReportFigures(
      ctx,
      actor,
      `agency,year,key,value,source\n${b.code},2023,licensing,20,审批系统\n${b.code},2023,penalty,5,"执法系统, 年度汇总"\n`,
    );

    reportA = await buildAnnualReport(ctx, a.id, 2023);
    reportDistrict = await buildAnnualReport(ctx, district.code, 2023);
  });
  afterAll(() => ctx.close());

  it('counts table 3 of a department by applicant type, receipt and decision dates', () => {
    expect(reportA.agency).toBe('示范区发展和改革局');
    expect(reportA.year).toBe(2023);
    expect(reportA.applications).toEqual(full(DEPARTMENT_A));
  });

  it('aggregates the district’s own cases and its departments’, not a detached agency’s', () => {
    expect(reportDistrict.agency).toBe('示范区人民政府');
    expect(reportDistrict.applications).toEqual(full(DISTRICT));
  });

  it('counts table 4 by filing date, with the result as it stood on 31 December', () => {
    expect(reportA.appeals).toEqual({
      reconsideration: { upheld: 1, corrected: 0, other: 0, pending: 1, total: 2 },
      litigationDirect: { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 },
      litigationAfterReconsideration: { upheld: 0, corrected: 0, other: 0, pending: 1, total: 1 },
    });
    expect(reportDistrict.appeals.litigationDirect).toEqual({
      upheld: 0,
      corrected: 0,
      other: 1,
      pending: 0,
      total: 1,
    });
  });

  it('fills table 2 from the registry and the entered figures; 规章 0, a figure never entered null', () => {
    expect(reportA.proactive).toEqual({
      rules: { issued: 0, repealed: 0, inForce: 0 },
      normativeDocuments: { issued: 1, repealed: 1, inForce: 2 },
      licensing: 100,
      penalty: null,
      enforcement: null,
      feesTenThousandYuan: 1.5,
    });
    expect(reportDistrict.proactive).toMatchObject({
      normativeDocuments: { issued: 1, repealed: 1, inForce: 3 },
      licensing: 120,
      penalty: 5,
      enforcement: null,
    });
  });

  it('keeps each figure’s source, and clears one entered empty', async () => {
    const figures = await listReportFigures(ctx.db, [b.id], 2023);
    expect(figures.map((f) => [f.key, f.value, f.source])).toEqual([
      ['licensing', '20', '审批系统'],
      ['penalty', '5', '执法系统, 年度汇总'],
    ]);
    await enterReportFigures(ctx, actor, b.id, { year: 2023, source: '更正', figures: { penalty: '' } });
    expect((await listReportFigures(ctx.db, [b.id], 2023)).map((f) => f.key)).toEqual(['licensing']);
    await expectAppError(
      enterReportFigures(ctx, actor, b.id, { year: 2023, source: '审批系统', figures: { licensing: '1.5' } }),
      'validation',
      /应为非负整数/,
    );
    await expectAppError(
      importReportFigures(ctx, actor, 'agency,year,key,value,source\nnobody,2023,licensing,1,x系统\n'),
      'validation',
      /第 2 行：机构 nobody 不存在/,
    );
  });

  it('drafts section 一 with the figures and 六 with the fees collected; passes the checks', () => {
    const overview = reportA.narrative.overview;
    expect(overview.split('\n').filter((l) => l.startsWith('（'))).toEqual([
      '（一）主动公开',
      '（二）依申请公开',
      '（三）政府信息管理',
      '（四）政府信息公开平台建设',
      '（五）监督保障',
    ]);
    expect(overview).toContain(
      '主动公开政府信息1条，制发行政规范性文件1件，废止行政规范性文件1件，现行有效行政规范性文件2件',
    );
    expect(overview).toContain(
      '共收到政府信息公开申请8件，上年结转2件；办结7件，其中予以公开2件、部分公开1件、其他情形4件；结转下年度继续办理3件。',
    );
    expect(overview).toContain('全年发生政府信息公开行政复议2件、行政诉讼1件。');
    expect(reportA.narrative.problems).toBe('');
    expect(reportA.narrative.other).toBe(
      '本年度依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取信息处理费200元，涉及申请1件。',
    );
    expect(reportDistrict.narrative.other).toContain('收取信息处理费300元，涉及申请2件');
    for (const r of [reportA, reportDistrict]) {
      const { errors, warnings } = checkAnnualReport(r);
      expect(errors).toEqual([]);
      expect(warnings.map((w) => w.rule)).toEqual(['S5']); // the figures not entered
    }
  });

  it('reports an unknown agency as not found', async () => {
    await expectAppError(buildAnnualReport(ctx, 'no-such-agency', 2023), 'not_found', /机构不存在/);
  });
});
