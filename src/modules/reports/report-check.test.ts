import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkAnnualReport } from './report-check';
import { type AnnualReport, annualReportSchema } from './report-schema';

// Every identity H1–H5 and soft check S1, S2, S3, S5 of law-and-formats.md §2.6 on a passing report and
// on reports changed to break exactly one rule.

const load = (name: string): AnnualReport =>
  annualReportSchema.parse(
    JSON.parse(
      readFileSync(new URL(`../../../test/fixtures/annual-reports/${name}`, import.meta.url), 'utf8'),
    ),
  );
const valid = () => load('valid-2023.json');
const previous = () => load('valid-2022.json');
const rules = (findings: { rule: string }[]) => findings.map((f) => f.rule);

function changed(edit: (r: AnnualReport) => void): AnnualReport {
  const r = valid();
  edit(r);
  return r;
}

describe('a consistent report', () => {
  it('passes every hard identity and raises no warning, with or without last year', () => {
    expect(checkAnnualReport(valid())).toEqual({ errors: [], warnings: [] });
    expect(checkAnnualReport(valid(), previous())).toEqual({ errors: [], warnings: [] });
  });

  it('does not flag 复议后起诉 above this year’s 行政复议 (S4 is not a rule)', () => {
    const r = changed((x) => {
      x.appeals.litigationAfterReconsideration = { upheld: 5, corrected: 0, other: 0, pending: 1, total: 6 };
      x.narrative.overview = '';
    });
    expect(checkAnnualReport(r)).toEqual({ errors: [], warnings: [] });
  });
});

describe('hard identities', () => {
  it.each([
    {
      rule: 'H1',
      edit: (r: AnnualReport) => {
        r.applications.carriedForward = [3, 0, 0, 0, 1, 0, 4];
      },
      where: ['表三「自然人」列', '表三「总计」列'],
      message:
        'H1 表三「自然人」列：一、本年新收 + 二、上年结转 = 43，（七）总计 + 四、结转下年度 = 44，两者应相等',
    },
    {
      rule: 'H2',
      edit: (r: AnnualReport) => {
        r.applications.disclosed = [21, 4, 1, 0, 0, 0, 26];
      },
      where: ['表三「自然人」列', '表三「总计」列'],
      message: 'H2 表三「自然人」列：（七）总计 = 41，（一）至（六）21 个具体情形之和 = 42，两者应相等',
    },
    {
      rule: 'H3',
      edit: (r: AnnualReport) => {
        r.applications['withheld.stateSecret'] = [0, 0, 0, 0, 0, 0, 1];
      },
      where: ['表三「（三）不予公开1.属于国家秘密」行'],
      message:
        'H3 表三「（三）不予公开1.属于国家秘密」行：总计 = 1，自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他 = 0，两者应相等',
    },
    {
      rule: 'H4',
      edit: (r: AnnualReport) => {
        r.appeals.litigationDirect.total = 3;
      },
      where: ['表四「行政诉讼（未经复议直接起诉）」'],
      message:
        'H4 表四「行政诉讼（未经复议直接起诉）」：总计 = 3，结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 2，两者应相等',
    },
  ])('$rule fails when broken, naming the place and both sides', ({ rule, edit, where, message }) => {
    const { errors } = checkAnnualReport(changed(edit));
    const mine = errors.filter((e) => e.rule === rule);
    expect(mine.map((e) => e.where)).toEqual(where);
    expect(mine[0]?.message).toBe(message);
    expect(mine[0]?.severity).toBe('error');
  });

  it('H1 also catches a row 一 that does not add up in one column only', () => {
    const r = changed((x) => {
      x.applications.newReceived = [41, 6, 1, 0, 2, 1, 51];
    });
    const { errors } = checkAnnualReport(r);
    expect(errors.map((e) => `${e.rule} ${e.where} ${e.left}≠${e.right}`)).toEqual([
      'H1 表三「自然人」列 44≠43',
      'H1 表三「总计」列 55≠54',
    ]);
  });

  it.each([
    [
      'a negative count',
      (r: AnnualReport) => (r.proactive.penalty = -1),
      '表二「行政处罚」本年处理决定数量',
      '-1 不是非负整数',
    ],
    [
      'a fractional count',
      (r: AnnualReport) => {
        r.appeals.reconsideration = { upheld: 1.5, corrected: 1, other: 0, pending: 1.5, total: 4 };
      },
      '表四「行政复议」结果维持',
      '1.5 不是非负整数',
    ],
    [
      'a negative fee',
      (r: AnnualReport) => (r.proactive.feesTenThousandYuan = -0.5),
      '表二「行政事业性收费」本年收费金额（万元）',
      '-0.5 不是非负数',
    ],
  ])('H5 rejects %s', (_, edit, where, text) => {
    const errors = checkAnnualReport(changed(edit)).errors.filter((e) => e.rule === 'H5');
    expect(errors[0]?.where).toBe(where);
    expect(errors[0]?.message).toContain(text);
  });

  it('H5 accepts a fee with four decimal places', () => {
    const r = changed((x) => {
      x.proactive.feesTenThousandYuan = 0.0125;
    });
    expect(checkAnnualReport(r).errors).toEqual([]);
  });
});

describe('soft checks', () => {
  it('S1 warns when this year’s carry-over differs from last year’s carry-forward', () => {
    const last = previous();
    last.applications.carriedForward = [4, 1, 0, 0, 0, 0, 5];
    const { errors, warnings } = checkAnnualReport(valid(), last);
    expect(errors).toEqual([]);
    expect(warnings.map((w) => `${w.rule} ${w.where} ${w.left}/${w.right}`)).toEqual([
      'S1 表三「自然人」列 3/4',
      'S1 表三「总计」列 4/5',
    ]);
    expect(warnings[0]?.message).toContain('2022年报告「四、结转下年度继续办理」= 4');
  });

  it('S3 warns when documents in force do not roll forward, and only then', () => {
    const last = previous();
    last.proactive.normativeDocuments.inForce = 20;
    const { warnings } = checkAnnualReport(valid(), last);
    expect(rules(warnings)).toEqual(['S3']);
    expect(warnings[0]?.message).toContain(
      '上年现行有效 20 + 本年制发 3 − 本年废止 1 = 22，本年现行有效为 25',
    );
  });

  it.each([
    ['全年共收到政府信息公开申请54件。', 54, 50, '似已包含上年结转'],
    ['全年共收到政府信息公开申请一百二十三件。', 123, 50, ''],
    ['其中予以公开二十件。', 20, 25, ''],
    ['全年发生行政复议1,234件。', 1234, 4, ''],
    ['行政诉讼十二件。', 12, 3, ''],
    ['结转下年度继续办理两件。', 2, 3, ''],
    ['现行有效规范性文件24件。', 24, 25, ''],
  ])('S2 warns on “%s”', (sentence, stated, table, hint) => {
    const r = changed((x) => {
      x.narrative.overview = sentence;
    });
    const { warnings } = checkAnnualReport(r);
    expect(warnings.map((w) => [w.rule, w.left, w.right])).toEqual([['S2', stated, table]]);
    expect(warnings[0]?.message).toContain(hint);
  });

  it('S2 accepts figures that agree with the tables, whatever numerals they are written in', () => {
    const r = changed((x) => {
      x.narrative.overview =
        '收到申请五十件，上年结转四件，予以公开25件，部分公开６件，行政复议4件，行政诉讼三件，办结51件。';
    });
    expect(checkAnnualReport(r).warnings).toEqual([]);
  });

  it('S5 names missing cells, and identities that need them are not evaluated', () => {
    const r = changed((x) => {
      x.applications.newReceived = [null, 6, 1, 0, 2, 1, 99];
      x.proactive.licensing = null;
      x.narrative.overview = '';
    });
    const { errors, warnings } = checkAnnualReport(r);
    expect(errors.map((e) => `${e.rule} ${e.where}`)).toEqual(['H1 表三「总计」列']);
    expect(rules(warnings)).toEqual(['S5']);
    expect(warnings[0]?.message).toContain(
      '表二「行政许可」本年处理决定数量、表三「一、本年新收」行「自然人」列',
    );
    expect(warnings[0]?.message).toContain('不计为 0');
  });
});
