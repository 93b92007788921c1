import { describe, expect, it } from 'vitest';
import { documentInPeriod, tallyDisclosure } from './disclosure-rate';
import { agencyChart, agencyTable, cellText, totalRow } from './metric-table';
import { tallyPublished } from './publications';

// The pure tallies of the supervisor's view: pivots, rates, 合计 rows and what a chart leaves out.

describe('tallyPublished', () => {
  it('pivots column × month, busiest column first, ignoring months outside the period', () => {
    const t = tallyPublished(
      ['2026-01', '2026-02'],
      [
        { column: '通知公告', month: '2026-01' },
        { column: '工作动态', month: '2026-02' },
        { column: '工作动态', month: '2026-01' },
        { column: '工作动态', month: '2026-03' },
      ],
    );
    expect(t.rows).toEqual([
      { column: '工作动态', counts: [1, 1], total: 2 },
      { column: '通知公告', counts: [1, 0], total: 1 },
    ]);
    expect(t.monthTotals).toEqual([2, 1]);
    expect(t.total).toBe(3);
  });
});

describe('主动公开率', () => {
  const agencies = [
    { id: 'a', name: '甲局' },
    { id: 'b', name: '乙局' },
  ];
  const doc = (disclosure: string | null, basis: string | null = null) => ({
    agency_id: 'a',
    written_on: '2026-02-01',
    created_at: '2026-02-01T00:00:00.000Z',
    disclosure,
    disclosure_basis: basis,
  });

  it('divides 主动公开 by the documents whose status is set and counts the unset apart', () => {
    const [a, b] = tallyDisclosure(agencies, [
      doc('proactive'),
      doc('proactive'),
      doc('on_request', 'art16-process'),
      doc('withheld', 'art14-secret'),
      doc('withheld', 'art14-secret'),
      doc(null),
    ]);
    expect(a).toMatchObject({ documents: 6, proactive: 2, onRequest: 1, withheld: 2, unset: 1, rate: 40 });
    expect(a?.bases).toEqual({ 'art16-process': 1, 'art14-secret': 2 });
    expect(b).toMatchObject({ documents: 0, rate: null });
  });

  it.each([
    ['2026-01-31', '2026-03-01T00:00:00.000Z', false], // 成文日期 decides, not the entry date
    ['2026-02-01', '2025-01-01T00:00:00.000Z', true],
    [null, '2026-01-31T16:30:00.000Z', true], // no 成文日期: entered on 1 February in China
    [null, '2026-01-31T15:30:00.000Z', false],
  ])('a document written %s, entered %s, is in February: %s', (written, created, inside) => {
    expect(documentInPeriod({ written_on: written, created_at: created }, '2026-02-01', '2026-02-28')).toBe(
      inside,
    );
  });
});

describe('tables and charts', () => {
  const rows = [
    { id: 'a', name: '甲局', n: 2, m: 0 },
    { id: 'b', name: '乙局', n: 0, m: 0 },
  ];
  it('adds a 合计 row when there is more than one department', () => {
    const total = totalRow(rows, ['n', 'm'], () => ({}));
    const table = agencyTable(
      rows,
      [
        { header: '件数', cell: (r) => r.n },
        { header: '率', cell: () => ({ percent: null }) },
      ],
      total,
    );
    expect(table.total).toEqual(['合计', 2, { percent: null }]);
    expect(
      agencyTable(
        rows.slice(0, 1),
        [{ header: '件数', cell: (r) => r.n }],
        totalRow(rows.slice(0, 1), ['n'], () => ({})),
      ).total,
    ).toBeNull();
  });

  it('draws only departments with something to draw, and nothing when none has', () => {
    expect(agencyChart('图', rows, [{ name: '件数', value: (r) => r.n }])?.categories).toEqual(['甲局']);
    expect(agencyChart('图', rows, [{ name: '件数', value: (r) => r.m }])).toBeNull();
  });

  it.each([
    [null, '—'],
    [{ percent: null }, '—'],
    [{ percent: 66.7 }, '66.7%'],
    [0, '0'],
  ] as const)('prints %o as %s', (cell, text) => {
    expect(cellText(cell)).toBe(text);
  });
});
