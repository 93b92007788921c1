import { z } from 'zod';
import { chinaDay } from '../../core/clock';
import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import { parseInput } from '../../core/validation';
import { type PeriodKind, periodKinds, periodOf } from './period';
import { type AgencyName, agenciesInScope, type OversightScope } from './scope';

// The filter of the supervisor's view as it arrives in the query string (a GET form, so a view can be
// bookmarked and shared): department (empty = all), kind of period, year, month, quarter, from–to days.

const optionalInt = (min: number, max: number, message: string) =>
  z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.coerce.number().int(message).min(min, message).max(max, message).optional(),
  );
const optionalText = z.preprocess((v) => (v === '' ? undefined : v), z.string().max(40).optional());

export const oversightQuerySchema = z.object({
  agency: optionalText,
  kind: z.preprocess((v) => (v === '' ? undefined : v), z.enum(periodKinds, '请选择统计周期').optional()),
  year: optionalInt(2000, 2100, '年度须为 2000–2100 的整数'),
  month: optionalInt(1, 12, '月份须为 1–12'),
  quarter: optionalInt(1, 4, '季度须为 1–4'),
  from: optionalText,
  to: optionalText,
});

export interface OversightFilter {
  agency: string; // '' for all departments
  kind: PeriodKind;
  year: number;
  month: number;
  quarter: number;
  from: string;
  to: string;
}

export interface ResolvedFilter {
  filter: OversightFilter;
  scope: OversightScope;
  agencies: AgencyName[]; // every department, for the select
  agencyLabel: string;
}

/** Validates the query and turns it into a scope; defaults to this year and every department. */
export async function resolveOversightFilter(ctx: Context, raw: unknown): Promise<ResolvedFilter> {
  const q = parseInput(oversightQuerySchema, raw ?? {});
  const today = chinaDay(ctx.clock.now());
  const filter: OversightFilter = {
    agency: q.agency ?? '',
    kind: q.kind ?? 'year',
    year: q.year ?? Number(today.slice(0, 4)),
    month: q.month ?? Number(today.slice(5, 7)),
    quarter: q.quarter ?? Math.ceil(Number(today.slice(5, 7)) / 3),
    from: q.from ?? `${today.slice(0, 4)}-01-01`,
    to: q.to ?? today,
  };
  const agencies = await agenciesInScope(ctx, 'all');
  const chosen = filter.agency ? agencies.find((a) => a.id === filter.agency) : undefined;
  if (filter.agency && !chosen)
    throw new AppError('validation', '输入有误：agency: 单位不存在', { fields: { agency: '单位不存在' } });
  const period = periodOf(filter);
  return {
    filter,
    scope: { agencyIds: chosen ? [chosen.id] : 'all', period },
    agencies,
    agencyLabel: chosen?.name ?? '全部单位',
  };
}

/** The query string of a filter, for the export link and bookmarks. */
export function filterQuery(f: OversightFilter): string {
  const params = new URLSearchParams({ agency: f.agency, kind: f.kind, year: String(f.year) });
  if (f.kind === 'month') params.set('month', String(f.month));
  if (f.kind === 'quarter') params.set('quarter', String(f.quarter));
  if (f.kind === 'range') {
    params.set('from', f.from);
    params.set('to', f.to);
  }
  return params.toString();
}
