import { chinaDay } from '../../core/clock';
import type { Context } from '../../core/context';
import type {
  Application,
  ApplicationAppeal,
  ApplicationEvent,
  ApplicationLetter,
} from '../../db/schema-applications';
import type { Principal } from '../accounts';
import { visibleAgencyIds } from '../accounts';
import { type Actor, auditedTransaction } from '../audit';
import { agencyHandlers } from './agency-handlers';
import { type UnmaskedApplicant, unsealApplicant } from './applicant-record';
import { caseFor, mayOnCase } from './case-access';
import { clockOf, isPaused } from './case-clock';
import { caseCalendar, correctionLatest, type DueReport, dueReport } from './case-deadline';
import { appendCaseEvent, asClockEvents, caseEvents } from './case-events';
import { caseLetters } from './case-letters.service';
import { workingDaysLeft } from './case-reminders';

// Reading cases: the agency's queue sorted by due date with warnings, one case with its history and the
// explained due date, the applicant's own view by tracking number, and audited unmasking.

export interface QueueRow {
  app: Application;
  daysLeft: number | null; // working days until the due date; negative when overdue
  warn: 'overdue' | 'soon' | null;
}

/** The open cases of the agencies a member of staff may see, soonest due first. */
export async function caseQueue(
  ctx: Context,
  principal: Principal,
  filter: { status?: string | undefined; agencyId?: string | undefined } = {},
): Promise<QueueRow[]> {
  const agencies = visibleAgencyIds(principal);
  let q = ctx.db.selectFrom('applications').selectAll();
  if (agencies !== 'all') q = q.where('agency_id', 'in', agencies.length ? agencies : ['-']);
  if (filter.agencyId) q = q.where('agency_id', '=', filter.agencyId);
  q = filter.status
    ? q.where('status', '=', filter.status as Application['status'])
    : q.where('status', 'not in', ['closed', 'rejected_spam']);
  const rows = await q.orderBy('due_on').orderBy('created_at').limit(500).execute();
  const calendar = await caseCalendar(ctx.db);
  const today = chinaDay(ctx.clock.now());
  const soon = Math.max(...ctx.config.applications.warnDays, 0);
  return rows.map((app) => {
    const daysLeft = app.due_on ? workingDaysLeft(today, app.due_on, calendar) : null;
    const warn = daysLeft === null ? null : daysLeft < 0 ? 'overdue' : daysLeft <= soon ? 'soon' : null;
    return { app, daysLeft, warn };
  });
}

export interface CaseView {
  app: Application;
  events: ApplicationEvent[];
  letters: ApplicationLetter[];
  appeals: ApplicationAppeal[];
  due: DueReport;
  paused: boolean;
  correctionLatest: string | null;
  mayHandle: boolean;
  mayApprove: boolean;
  handlers: { id: string; name: string }[];
}

async function appealsOf(ctx: Context, id: string) {
  return ctx.db
    .selectFrom('application_appeals')
    .selectAll()
    .where('application_id', '=', id)
    .orderBy('filed_on')
    .execute();
}

/** One case for the back office, with everything the case page shows. */
export async function caseView(ctx: Context, principal: Principal, id: string): Promise<CaseView> {
  const app = await caseFor(ctx.db, principal, id, 'view');
  const events = await caseEvents(ctx.db, id);
  const clock = clockOf(asClockEvents(events));
  const calendar = await caseCalendar(ctx.db);
  const handlers = await agencyHandlers(ctx.db, app.agency_id);
  return {
    app,
    events,
    letters: await caseLetters(ctx.db, id, false),
    appeals: await appealsOf(ctx, id),
    due: dueReport(clock, calendar),
    paused: isPaused(clock),
    correctionLatest: clock.correctionRequestedOn ? null : correctionLatest(clock, calendar),
    mayHandle: mayOnCase(principal, app.agency_id, 'handle'),
    mayApprove: mayOnCase(principal, app.agency_id, 'approve'),
    handlers,
  };
}

/** The applicant's personal data in clear, for the disclosure office only; every unmasking is audited. */
export async function unmaskApplicant(
  ctx: Context,
  principal: Principal,
  actor: Actor,
  id: string,
): Promise<UnmaskedApplicant> {
  return auditedTransaction(ctx, actor, async (trx) => {
    const app = await caseFor(trx, principal, id, 'approve');
    await appendCaseEvent(trx, ctx, id, actor, { kind: 'unmasked', onDate: chinaDay(ctx.clock.now()) });
    return {
      result: unsealApplicant(ctx.keys, app),
      audit: {
        action: 'application.unmasked',
        objectType: 'application',
        objectId: id,
        agencyId: app.agency_id,
        details: { trackingNumber: app.tracking_number },
      },
    };
  });
}

// What the applicant sees: the steps (not who took them inside the agency), the due date and the letters.
const PUBLIC_EVENT_KINDS = new Set([
  'submitted',
  'registered',
  'held',
  'released',
  'received',
  'correction_requested',
  'correction_received',
  'consultation_started',
  'consultation_ended',
  'extended',
  'fee_noticed',
  'fee_paid',
  'decided',
  'delivered',
  'calendar_changed',
]);

/** The applicant's view of their case (after the tracking number and query code matched). */
export async function applicantView(ctx: Context, app: Application) {
  const events = await caseEvents(ctx.db, app.id);
  const calendar = await caseCalendar(ctx.db);
  const agency = await ctx.db
    .selectFrom('agencies')
    .select('name')
    .where('id', '=', app.agency_id)
    .executeTakeFirstOrThrow();
  return {
    app,
    agencyName: agency.name,
    events: events.filter((e) => PUBLIC_EVENT_KINDS.has(e.kind)),
    letters: await caseLetters(ctx.db, app.id, true),
    due: dueReport(clockOf(asClockEvents(events)), calendar),
  };
}
