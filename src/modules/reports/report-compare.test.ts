import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareFigure, compareReports } from './report-compare';
import { annualReportSchema } from './report-schema';

const load = (name: string) =>
  annualReportSchema.parse(JSON.parse(readFileSync(`test/fixtures/annual-reports/${name}`, 'utf8')));

describe('year-on-year comparison', () => {
  it.each([
    ['a rise', 40, 50, 10, 25],
    ['a fall', 50, 40, -10, -20],
    ['no change', 7, 7, 0, 0],
    ['from zero: no per cent', 0, 5, 5, null],
    ['one decimal', 3, 4, 1, 33.3],
    ['the fee in 万元, exact', 1.2, 1.5, 0.3, 25],
    ['missing last year', null, 5, null, null],
    ['missing this year', 5, null, null, null],
  ] as const)('%s', (_label, before, now, difference, percent) => {
    expect(compareFigure('x', before, now)).toEqual({
      label: 'x',
      previous: before,
      current: now,
      difference,
      percent,
    });
  });

  it('compares tables 2, 3 and 4 of two real years row by row', () => {
    const now = load('valid-2023.json');
    const before = load('valid-2022.json');
    const [t2, t3, byApplicant, t4] = compareReports(now, before);
    expect(t2?.rows).toHaveLength(10);
    expect(t3?.rows).toHaveLength(25);
    expect(byApplicant?.rows).toHaveLength(7);
    expect(t4?.rows).toHaveLength(15);
    const received = t3?.rows[0];
    expect(received?.label).toBe('一、本年新收');
    expect(received?.previous).toBe(before.applications.newReceived[6]);
    expect(received?.current).toBe(now.applications.newReceived[6]);
    expect(received?.difference).toBe(
      (now.applications.newReceived[6] ?? 0) - (before.applications.newReceived[6] ?? 0),
    );
    const reconsideration = t4?.rows[4];
    expect(reconsideration?.label).toBe('行政复议 总计');
    expect(reconsideration?.current).toBe(now.appeals.reconsideration.total);
  });

  it('leaves every difference empty when there is no report of last year', () => {
    const tables = compareReports(load('valid-2023.json'), null);
    expect(tables.flatMap((t) => t.rows).every((r) => r.previous === null && r.difference === null)).toBe(
      true,
    );
  });
});
