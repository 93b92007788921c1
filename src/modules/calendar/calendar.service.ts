import type { Kysely } from 'kysely';
import { z } from 'zod';
import { chinaDay } from '../../core/clock';
import type { Context } from '../../core/context';
import { parseInput } from '../../core/validation';
import type { DB } from '../../db/schema';
import { type Actor, auditedTransaction } from '../audit';
import { buildCalendar, type Calendar, type CalendarOverride, yearMissingOn } from './calendar';
import { isIsoDay } from './calendar-dates';

// The override table and its versions (architecture.md "Rules are data"). Every change is one audited
// transaction that bumps the version; callers pass `afterChange` to recompute what depends on the
// calendar (open cases' due dates) in that same transaction.

/** One day as changed by a version, with what it was before (for the version history). */
export interface CalendarDayChange extends CalendarOverride {
  before: { isWorkday: boolean; note: string } | null; // null: no override before
}

export interface CalendarVersion {
  version: number;
  changedAt: string;
  changedBy: string;
  summary: string;
  source: string;
  changes: CalendarDayChange[];
}

export interface CalendarOverrideRow extends CalendarOverride {
  source: string;
  version: number;
}

/** Runs inside the change's transaction with the new version and calendar; throwing rolls it all back. */
export type AfterCalendarChange = (trx: Kysely<DB>, version: number, calendar: Calendar) => Promise<void>;

const cache = new WeakMap<Kysely<DB>, Calendar>();

/** The latest calendar version number (0 before any override was entered). */
export async function currentCalendarVersion(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('calendar_versions')
    .select((eb) => eb.fn.max('version').as('version'))
    .executeTakeFirst();
  return Number(row?.version ?? 0);
}

/** The calendar at the current version: chinese-days with the overrides in front; cached per version. */
export async function loadCalendar(db: Kysely<DB>): Promise<Calendar> {
  const version = await currentCalendarVersion(db);
  const cached = cache.get(db);
  if (cached && cached.version === version) return cached;
  const rows = await db.selectFrom('calendar_days').select(['day', 'is_workday', 'note']).execute();
  const calendar = buildCalendar(
    rows.map((r) => ({ day: r.day, isWorkday: Number(r.is_workday) === 1, note: r.note })),
    version,
  );
  cache.set(db, calendar);
  return calendar;
}

/** The overrides entered for one year, by day. */
export async function listCalendarOverrides(db: Kysely<DB>, year: number): Promise<CalendarOverrideRow[]> {
  const rows = await db
    .selectFrom('calendar_days')
    .selectAll()
    .where('day', '>=', `${year}-01-01`)
    .where('day', '<=', `${year}-12-31`)
    .orderBy('day')
    .execute();
  return rows.map((r) => ({
    day: r.day,
    isWorkday: Number(r.is_workday) === 1,
    note: r.note,
    source: r.source,
    version: Number(r.version),
  }));
}

/** The version history, newest first. */
export async function listCalendarVersions(db: Kysely<DB>, limit = 50): Promise<CalendarVersion[]> {
  const rows = await db
    .selectFrom('calendar_versions')
    .selectAll()
    .orderBy('version', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    version: Number(r.version),
    changedAt: r.changed_at,
    changedBy: r.changed_by,
    summary: r.summary,
    source: r.source,
    changes: JSON.parse(r.changes) as CalendarDayChange[],
  }));
}

async function hasOverridesIn(db: Kysely<DB>, year: number): Promise<boolean> {
  return (await listCalendarOverrides(db, year)).length > 0;
}

/**
 * From 1 December (China time): the next year when neither chinese-days nor the override table has its
 * holiday notice, so an administrator must enter it; null when nothing is missing.
 */
export async function calendarYearMissing(ctx: Pick<Context, 'db' | 'clock'>): Promise<number | null> {
  const today = chinaDay(ctx.clock.now());
  const next = Number(today.slice(0, 4)) + 1;
  const overridden = today.slice(5) >= '12-01' && (await hasOverridesIn(ctx.db, next));
  return yearMissingOn(today, () => overridden);
}

const changeSchema = z.object({
  days: z
    .array(
      z.object({
        day: z.string().refine(isIsoDay, '日期应为 YYYY-MM-DD 格式的有效日期'),
        isWorkday: z.boolean({ error: '请选择工作日或休息日' }),
        note: z.string().trim().max(30, '名称/说明不超过 30 字'),
      }),
    )
    .min(1, '请至少填写一天')
    .max(400, '一次最多修改 400 天')
    .refine((days) => new Set(days.map((d) => d.day)).size === days.length, '同一日期出现了两次'),
  source: z
    .string()
    .trim()
    .min(1, '请填写依据文号，如 国办发明电〔2025〕7号')
    .max(100, '依据文号不超过 100 字'),
  summary: z.string().trim().min(1, '请填写修改说明').max(200, '修改说明不超过 200 字'),
});

export type CalendarChangeInput = z.input<typeof changeSchema>;

async function previousValues(trx: Kysely<DB>, days: string[]) {
  const rows = await trx.selectFrom('calendar_days').selectAll().where('day', 'in', days).execute();
  return new Map(rows.map((r) => [r.day, { isWorkday: Number(r.is_workday) === 1, note: r.note }]));
}

async function nextVersion(trx: Kysely<DB>): Promise<number> {
  return (await currentCalendarVersion(trx)) + 1;
}

/**
 * Writes overrides as one new calendar version, audited, and runs `afterChange` in the same transaction
 * (the applications module recomputes open cases' due dates there).
 */
export async function changeCalendarDays(
  ctx: Context,
  actor: Actor,
  raw: unknown,
  afterChange?: AfterCalendarChange,
): Promise<{ version: number }> {
  const input = parseInput(changeSchema, raw);
  return auditedTransaction(ctx, actor, async (trx) => {
    const before = await previousValues(
      trx,
      input.days.map((d) => d.day),
    );
    const changes: CalendarDayChange[] = input.days.map((d) => ({ ...d, before: before.get(d.day) ?? null }));
    const version = await nextVersion(trx);
    await trx
      .insertInto('calendar_versions')
      .values({
        version,
        changed_at: ctx.clock.now().toISOString(),
        changed_by: actor.name ?? actor.userId ?? 'system',
        summary: input.summary,
        source: input.source,
        changes: JSON.stringify(changes),
      })
      .execute();
    for (const d of input.days) {
      const values = { is_workday: d.isWorkday ? 1 : 0, note: d.note, source: input.source, version };
      await trx
        .insertInto('calendar_days')
        .values({ day: d.day, ...values })
        .onConflict((oc) => oc.column('day').doUpdateSet(values))
        .execute();
    }
    if (afterChange) await afterChange(trx, version, await loadCalendar(trx));
    return {
      result: { version },
      audit: {
        action: 'calendar.changed',
        objectType: 'calendar',
        objectId: String(version),
        details: {
          version,
          source: input.source,
          summary: input.summary,
          days: input.days.map((d) => `${d.day} ${d.isWorkday ? '班' : '休'} ${d.note}`.trim()),
        },
      },
    };
  });
}
