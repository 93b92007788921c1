import type { Kysely } from 'kysely';
import { chinaDay } from '../../core/clock';
import type { Context } from '../../core/context';
import type { DB } from '../../db/schema';
import { addWorkingDays, type Calendar, loadCalendar } from '../calendar';
import { type CaseClock, clockOf } from './case-clock';
import { appendCaseEvent, asClockEvents, caseEvents } from './case-events';
import { OPEN_STATUSES } from './case-workflow';
import { computeDeadline, correctionRequestLatest } from './deadline';

// The bridge between a stored case and the pure deadline engine: the calendar as the administrators
// keep it, the clock as the events say. `due_on` on the case row is only a copy for sorting the queue,
// rewritten from the events after every step and every calendar change.

/** The working-day calendar with the override table applied. */
export async function caseCalendar(db: Kysely<DB>): Promise<Calendar> {
  return loadCalendar(db);
}

export interface DueReport {
  due: string | null; // null before receipt and while the clock stands still
  steps: string[]; // the plain-Chinese explanation shown on the case page
}

/** The reply due date of a clock, explained step by step. */
export function dueReport(clock: CaseClock, calendar: Calendar): DueReport {
  if (!clock.receivedOn) return { due: null, steps: ['尚未受理，期限未开始计算。'] };
  const result = computeDeadline(
    {
      receivedOn: clock.receivedOn,
      correctionRequestedOn: clock.correctionRequestedOn,
      correctionReceivedOn: clock.correctionReceivedOn,
      correctionDeadline: clock.correctionDeadline,
      pauses: clock.pauses,
      extensionDays: clock.extensionDays || undefined,
    },
    calendar,
  );
  return { due: result.due, steps: result.steps };
}

/** The last day on which the one correction request may be sent (条例 Art. 30). */
export function correctionLatest(clock: CaseClock, calendar: Calendar): string | null {
  return clock.receivedOn ? correctionRequestLatest(clock.receivedOn, calendar.isWorkday) : null;
}

/** The n-th working day after `day` (a stated deadline for the applicant or a consulted party). */
export function laterByWorkingDays(day: string, n: number, calendar: Calendar): string {
  return addWorkingDays(day, n, calendar.isWorkday);
}

async function dueOfCase(trx: Kysely<DB>, id: string, calendar: Calendar): Promise<string | null> {
  return dueReport(clockOf(asClockEvents(await caseEvents(trx, id))), calendar).due;
}

/** Rewrites the sortable copy of a case's due date from its events. */
export async function refreshDue(trx: Kysely<DB>, _ctx: Pick<Context, 'clock'>, id: string): Promise<void> {
  const due = await dueOfCase(trx, id, await caseCalendar(trx));
  await trx.updateTable('applications').set({ due_on: due }).where('id', '=', id).execute();
}

/**
 * After a calendar change (inside its transaction): every open case's due date is recomputed, and a
 * case whose date moved gets an event in its history saying from what to what and why.
 */
export async function recomputeOpenCases(
  trx: Kysely<DB>,
  ctx: Pick<Context, 'clock'>,
  version: number,
): Promise<number> {
  const calendar = await caseCalendar(trx);
  const open = await trx
    .selectFrom('applications')
    .select(['id', 'due_on'])
    .where('status', 'in', [...OPEN_STATUSES])
    .execute();
  let moved = 0;
  for (const c of open) {
    const due = await dueOfCase(trx, c.id, calendar);
    if (due === c.due_on) continue;
    moved++;
    await trx.updateTable('applications').set({ due_on: due }).where('id', '=', c.id).execute();
    await appendCaseEvent(
      trx,
      ctx,
      c.id,
      { userId: null, name: '系统', role: 'system', ip: null, requestId: null },
      {
        kind: 'calendar_changed',
        onDate: chinaDay(ctx.clock.now()),
        data: { version, from: c.due_on, to: due },
        note: `工作日历第 ${version} 版调整，答复期限由 ${c.due_on ?? '—'} 变为 ${due ?? '—'}`,
      },
    );
  }
  return moved;
}
