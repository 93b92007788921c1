import { z } from 'zod';
import { AppError } from '../../core/errors';

// The reporting period of the supervisor's view: a month, a quarter, a year or a range of days, always
// in China time (UTC+8), as inclusive days for date columns and a [from, to) UTC interval for timestamps.

export const periodKinds = ['month', 'quarter', 'year', 'range'] as const;
export type PeriodKind = (typeof periodKinds)[number];

export const periodKindLabels: Record<PeriodKind, string> = {
  month: '按月',
  quarter: '按季度',
  year: '按年度',
  range: '自定义日期',
};

export interface Period {
  kind: PeriodKind;
  label: string; // 2026年3月, 2026年第一季度, 2026年, 2026-01-05 至 2026-02-10
  fromDay: string; // YYYY-MM-DD, inclusive
  toDay: string; // YYYY-MM-DD, inclusive
  fromIso: string; // UTC instant of fromDay 00:00 in China, inclusive
  toIso: string; // UTC instant of the day after toDay 00:00 in China, exclusive
  months: string[]; // YYYY-MM of every month the period touches, in order
}

export interface PeriodInput {
  kind: PeriodKind;
  year: number;
  month?: number | undefined;
  quarter?: number | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

const CHINA_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
const MAX_RANGE_DAYS = 366 * 3; // a month axis stays readable
const quarterNames = ['第一季度', '第二季度', '第三季度', '第四季度'];
const day = z.iso.date();

const pad = (n: number) => String(n).padStart(2, '0');
const dayOf = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);

/** The UTC instant at which a China calendar day begins. */
export function chinaDayStart(dayText: string): string {
  return new Date(Date.parse(`${dayText}T00:00:00.000Z`) - CHINA_OFFSET_MS).toISOString();
}

/** YYYY-MM of an instant in China time: the month a reader sees printed on the portal. */
export function chinaMonthOf(iso: string): string {
  return new Date(new Date(iso).getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 7);
}

/** Every YYYY-MM from the month of `fromDay` to that of `toDay`. */
export function monthsBetween(fromDay: string, toDay: string): string[] {
  const out: string[] = [];
  let y = Number(fromDay.slice(0, 4));
  let m = Number(fromDay.slice(5, 7));
  const last = toDay.slice(0, 7);
  while (`${y}-${pad(m)}` <= last) {
    out.push(`${y}-${pad(m)}`);
    m = m === 12 ? 1 : m + 1;
    if (m === 1) y++;
  }
  return out;
}

function bounds(kind: PeriodKind, label: string, fromDay: string, toDay: string): Period {
  const next = new Date(Date.parse(`${toDay}T00:00:00.000Z`) + DAY_MS).toISOString().slice(0, 10);
  return {
    kind,
    label,
    fromDay,
    toDay,
    fromIso: chinaDayStart(fromDay),
    toIso: chinaDayStart(next),
    months: monthsBetween(fromDay, toDay),
  };
}

function rangePeriod(from: string | undefined, to: string | undefined): Period {
  if (!from || !day.safeParse(from).success)
    throw new AppError('validation', '输入有误：起始日期须为 YYYY-MM-DD', {
      fields: { from: '请填写起始日期' },
    });
  if (!to || !day.safeParse(to).success)
    throw new AppError('validation', '输入有误：截止日期须为 YYYY-MM-DD', {
      fields: { to: '请填写截止日期' },
    });
  if (to < from)
    throw new AppError('validation', '输入有误：截止日期不能早于起始日期', {
      fields: { to: '截止日期早于起始日期' },
    });
  if ((Date.parse(to) - Date.parse(from)) / DAY_MS >= MAX_RANGE_DAYS)
    throw new AppError('validation', '输入有误：自定义期间不能超过三年', { fields: { to: '期间过长' } });
  return bounds('range', `${from} 至 ${to}`, from, to);
}

/** The period a filter asks for; a month or quarter defaults to the first of the year. */
export function periodOf(input: PeriodInput): Period {
  const y = input.year;
  if (input.kind === 'month') {
    const m = input.month ?? 1;
    return bounds('month', `${y}年${m}月`, dayOf(y, m, 1), dayOf(y, m + 1, 0));
  }
  if (input.kind === 'quarter') {
    const q = input.quarter ?? 1;
    return bounds('quarter', `${y}年${quarterNames[q - 1]}`, dayOf(y, q * 3 - 2, 1), dayOf(y, q * 3 + 1, 0));
  }
  if (input.kind === 'year') return bounds('year', `${y}年`, dayOf(y, 1, 1), dayOf(y, 12, 31));
  return rangePeriod(input.from, input.to);
}

/** "2026-03" → "2026年3月", the label of a month column. */
export function monthLabel(month: string): string {
  return `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
}
