import { z } from 'zod';
import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import { parseInput } from '../../core/validation';
import type { Actor } from '../audit';
import { type AfterCalendarChange, changeCalendarDays } from './calendar.service';
import { isIsoDay } from './calendar-dates';
import { parseHolidayNotice } from './holiday-notice';

// The two back-office forms of the calendar (system administrator): one day, or a whole year's State
// Council notice. Field names are the form's, so each message lands beside its field.

const sourceField = z
  .string({ error: '请填写依据文号' })
  .trim()
  .min(1, '请填写依据文号，如 国办发明电〔2025〕7号')
  .max(100, '依据文号不超过 100 字');

const dayForm = z.object({
  day: z
    .string({ error: '请填写日期' })
    .trim()
    .refine(isIsoDay, '日期应为 YYYY-MM-DD 格式的有效日期，如 2027-01-01'),
  workday: z.enum(['1', '0'], { error: '请选择工作日或休息日' }),
  note: z.string().trim().max(30, '名称/说明不超过 30 字').default(''),
  source: sourceField,
});

/** Sets one day to working or rest day (an override in front of chinese-days), as a new version. */
export async function setCalendarDay(
  ctx: Context,
  actor: Actor,
  raw: unknown,
  afterChange?: AfterCalendarChange,
): Promise<{ version: number }> {
  const form = parseInput(dayForm, raw);
  const isWorkday = form.workday === '1';
  if (!isWorkday && !form.note)
    throw new AppError('validation', '休息日须写明名称，如“春节”或“地方节假日”', {
      fields: { note: '休息日须写明名称，如“春节”或“地方节假日”' },
    });
  const kind = isWorkday ? '工作日' : '休息日';
  return changeCalendarDays(
    ctx,
    actor,
    {
      days: [{ day: form.day, isWorkday, note: form.note }],
      source: form.source,
      summary: `${form.day} 设为${kind}${form.note ? `（${form.note}）` : ''}`,
    },
    afterChange,
  );
}

const noticeForm = z.object({
  year: z.coerce
    .number({ error: '请填写年份' })
    .int('年份应为四位数字')
    .min(2000, '年份应在 2000 至 2100 之间')
    .max(2100, '年份应在 2000 至 2100 之间'),
  noticeSource: sourceField,
  lines: z.string({ error: '请填写节假日安排' }).min(1, '请填写节假日安排').max(20_000, '内容过长'),
});

/** Enters a whole year's holiday notice (lines "2027-01-01 休 元旦", "2027-02-07 班 春节调休") as one version. */
export async function enterHolidayNotice(
  ctx: Context,
  actor: Actor,
  raw: unknown,
  afterChange?: AfterCalendarChange,
): Promise<{ version: number; days: number }> {
  const form = parseInput(noticeForm, raw);
  const parsed = parseHolidayNotice(form.lines, form.year);
  if (!parsed.ok) {
    const message = parsed.errors.join('；');
    throw new AppError('validation', `节假日安排有误：${message}`, { fields: { lines: message } });
  }
  const { version } = await changeCalendarDays(
    ctx,
    actor,
    {
      days: parsed.days,
      source: form.noticeSource,
      summary: `录入 ${form.year} 年节假日安排（${parsed.days.length} 天）`,
    },
    afterChange,
  );
  return { version, days: parsed.days.length };
}
