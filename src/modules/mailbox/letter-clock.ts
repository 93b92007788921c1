import type { Kysely } from 'kysely';
import type { Context } from '../../core/context';
import type { DB } from '../../db/schema';
import type { LetterType } from '../../db/schema-mailbox';
import type { Actor } from '../audit';
import { loadCalendar } from '../calendar';
import { deadlineRules } from './deadline-rules.service';
import { letterDueOn } from './letter-deadline';
import { appendLetterEvent } from './letter-events';

// Starting and keeping the clock of a letter. The rule of the letter's type in force on the day of receipt
// is stored on the letter; the due day is derived from it on the current calendar (a calendar change is
// picked up by the next `mailbox-remind` run, which rewrites due_on for every open letter).

export const OPEN_STATUSES = ['received', 'accepted', 'review', 'approved'] as const;

/** Receives a letter on `day`: fixes its rule, derives its due day and records the receipt. */
export async function startClock(
  trx: Kysely<DB>,
  ctx: Pick<Context, 'clock'>,
  id: string,
  day: string,
  actor: Actor | null,
): Promise<string> {
  const letter = await trx
    .selectFrom('mailbox_letters')
    .select(['id', 'agency_id', 'type'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  const days = (await deadlineRules(trx))[letter.type];
  const dueOn = letterDueOn(day, days, (await loadCalendar(trx)).isWorkday);
  await trx
    .updateTable('mailbox_letters')
    .set({ status: 'received', received_on: day, deadline_days: days, due_on: dueOn })
    .where('id', '=', id)
    .execute();
  await appendLetterEvent(trx, ctx, letter, actor, { kind: 'received', onDate: day, data: { dueOn, days } });
  return dueOn;
}

/** The due day of a letter of a type received on a day, under a rule, on the current calendar. */
export async function dueFor(
  db: Kysely<DB>,
  receivedOn: string,
  type: LetterType,
  days?: number,
): Promise<string> {
  const rule = days ?? (await deadlineRules(db))[type];
  return letterDueOn(receivedOn, rule, (await loadCalendar(db)).isWorkday);
}

/** Rewrites due_on of every open letter from its receipt day and rule (after calendar changes). */
export async function recomputeOpenDue(db: Kysely<DB>): Promise<number> {
  const calendar = await loadCalendar(db);
  const open = await db
    .selectFrom('mailbox_letters')
    .select(['id', 'received_on', 'deadline_days', 'due_on'])
    .where('status', 'in', [...OPEN_STATUSES])
    .where('received_on', 'is not', null)
    .execute();
  let changed = 0;
  for (const l of open) {
    const due = letterDueOn(l.received_on as string, Number(l.deadline_days), calendar.isWorkday);
    if (due === l.due_on) continue;
    await db.updateTable('mailbox_letters').set({ due_on: due }).where('id', '=', l.id).execute();
    changed++;
  }
  return changed;
}
