import { describe, expect, it } from 'vitest';
import { isAppError } from '../../core/errors';
import { chinaMonthOf, monthsBetween, periodOf } from './period';

describe('periodOf', () => {
  it.each([
    [
      { kind: 'month', year: 2026, month: 2 },
      '2026年2月',
      '2026-02-01',
      '2026-02-28',
      '2026-01-31T16:00:00.000Z',
      '2026-02-28T16:00:00.000Z',
      ['2026-02'],
    ],
    [
      { kind: 'month', year: 2024, month: 2 },
      '2024年2月',
      '2024-02-01',
      '2024-02-29',
      '2024-01-31T16:00:00.000Z',
      '2024-02-29T16:00:00.000Z',
      ['2024-02'],
    ],
    [
      { kind: 'month', year: 2026, month: 12 },
      '2026年12月',
      '2026-12-01',
      '2026-12-31',
      '2026-11-30T16:00:00.000Z',
      '2026-12-31T16:00:00.000Z',
      ['2026-12'],
    ],
    [
      { kind: 'quarter', year: 2026, quarter: 1 },
      '2026年第一季度',
      '2026-01-01',
      '2026-03-31',
      '2025-12-31T16:00:00.000Z',
      '2026-03-31T16:00:00.000Z',
      ['2026-01', '2026-02', '2026-03'],
    ],
    [
      { kind: 'quarter', year: 2026, quarter: 4 },
      '2026年第四季度',
      '2026-10-01',
      '2026-12-31',
      '2026-09-30T16:00:00.000Z',
      '2026-12-31T16:00:00.000Z',
      ['2026-10', '2026-11', '2026-12'],
    ],
    [
      { kind: 'year', year: 2026 },
      '2026年',
      '2026-01-01',
      '2026-12-31',
      '2025-12-31T16:00:00.000Z',
      '2026-12-31T16:00:00.000Z',
      monthsBetween('2026-01-01', '2026-12-31'),
    ],
    [
      { kind: 'range', year: 2026, from: '2025-12-20', to: '2026-01-05' },
      '2025-12-20 至 2026-01-05',
      '2025-12-20',
      '2026-01-05',
      '2025-12-19T16:00:00.000Z',
      '2026-01-05T16:00:00.000Z',
      ['2025-12', '2026-01'],
    ],
  ] as const)('%o is %s', (input, label, fromDay, toDay, fromIso, toIso, months) => {
    expect(periodOf(input)).toEqual({
      kind: input.kind,
      label,
      fromDay,
      toDay,
      fromIso,
      toIso,
      months: [...months],
    });
  });

  it.each([
    [{ kind: 'range', year: 2026, from: '2026-03-01', to: '2026-02-01' }, 'to', '截止日期不能早于起始日期'],
    [{ kind: 'range', year: 2026, from: '2026-02-30', to: '2026-03-01' }, 'from', '起始日期须为 YYYY-MM-DD'],
    [{ kind: 'range', year: 2026, from: '2020-01-01', to: '2026-01-01' }, 'to', '不能超过三年'],
    [{ kind: 'range', year: 2026, from: undefined, to: '2026-01-01' }, 'from', '起始日期'],
  ] as const)('refuses %o naming the field %s', (input, field, message) => {
    try {
      periodOf(input);
      expect.unreachable();
    } catch (e) {
      expect(isAppError(e) && e.code === 'validation' && Object.keys(e.fields ?? {})).toEqual([field]);
      expect((e as Error).message).toContain(message);
    }
  });
});

describe('chinaMonthOf', () => {
  it.each([
    ['2025-12-31T15:59:59.999Z', '2025-12'],
    ['2025-12-31T16:00:00.000Z', '2026-01'],
    ['2026-03-31T17:00:00.000Z', '2026-04'],
  ])('%s is in %s in China', (iso, month) => {
    expect(chinaMonthOf(iso)).toBe(month);
  });

  it('lists months across a year end', () => {
    expect(monthsBetween('2025-11-15', '2026-02-01')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });
});
