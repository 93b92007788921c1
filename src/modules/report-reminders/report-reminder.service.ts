import type { Kysely } from 'kysely';
import { chinaDay } from '../../core/clock';
import type { Context } from '../../core/context';
import type { Agency, DB } from '../../db/schema';
import { loadCalendar } from '../calendar';
import { enqueueMail } from '../mail';
import { editorsAndReviewersOf } from '../normative';
import {
  type ReminderFacts,
  reminderStage,
  reminderText,
  reportDeadline,
  reportYearOn,
  workingDaysLeft,
} from './reminder-schedule';

// Annual-report reminders (条例 Art. 49) through the outbox: to each agency whose report for last year
// is not yet published, at the stage reminder-schedule.ts says today is. The dedupe key is agency,
// report year, stage and person, so every stage goes out once, a re-run sends nothing new, and a person
// whose address is added later still gets the current stage.
//
// "Published" is either of two records: the stored report of src/modules/reports (annual_reports,
// migration 0013) with status `published` for the year, or an item published in the agency's
// 政府信息公开年报 column (standard slug `annual-reports`, section `reports`) whose title names the year
// ("…2023年…") — a report published by hand or imported from the old site counts too.

const REPORT_COLUMN_SLUG = 'annual-reports';
const REPORT_COLUMN_NAME = '政府信息公开年报';

/** Agencies with their report for `year` published (stored report or 年报 column item). */
export async function agenciesWithPublishedReport(db: Kysely<DB>, year: number): Promise<Set<string>> {
  const stored = await db
    .selectFrom('annual_reports')
    .select('agency_id')
    .where('year', '=', year)
    .where('status', '=', 'published')
    .execute();
  const rows = await db
    .selectFrom('items')
    .innerJoin('columns', 'columns.id', 'items.column_id')
    .select('items.agency_id')
    .where((eb) =>
      eb.or([eb('columns.slug', '=', REPORT_COLUMN_SLUG), eb('columns.name', '=', REPORT_COLUMN_NAME)]),
    )
    .where('items.status', '=', 'published')
    .where('items.title', 'like', `%${year}年%`)
    .distinct()
    .execute();
  return new Set([...stored, ...rows].map((r) => r.agency_id));
}

/** The facts of today's reminder for one agency, or null when it needs none. */
export function reminderFactsFor(
  agency: Agency,
  today: string,
  isWorkday: (day: string) => boolean,
  published: Set<string>,
  departments: Agency[],
): ReminderFacts | null {
  const reportYear = reportYearOn(today);
  if (published.has(agency.id)) return null;
  const deadline = reportDeadline(agency.kind, reportYear);
  const stage = reminderStage(today, deadline, isWorkday);
  if (!stage) return null;
  return {
    agencyName: agency.name,
    kind: agency.kind,
    reportYear,
    deadline,
    stage,
    daysLeft: workingDaysLeft(today, deadline, isWorkday),
    missingDepartments:
      agency.kind === 'district' ? departments.filter((d) => !published.has(d.id)).map((d) => d.name) : [],
  };
}

/** Queues today's annual-report reminders for every enabled agency; returns how many mails were queued. */
export async function sendReportReminders(ctx: Context): Promise<number> {
  const today = chinaDay(ctx.clock.now());
  const now = ctx.clock.now().toISOString();
  const { isWorkday } = await loadCalendar(ctx.db);
  const published = await agenciesWithPublishedReport(ctx.db, reportYearOn(today));
  const agencies = await ctx.db
    .selectFrom('agencies')
    .selectAll()
    .where('enabled', '=', 1)
    .orderBy('code')
    .execute();
  const departments = agencies.filter((a) => a.kind === 'department');
  let queued = 0;
  for (const agency of agencies) {
    const facts = reminderFactsFor(agency, today, isWorkday, published, departments);
    if (!facts) continue;
    // Who prepares, reviews and signs the report: the agency's editors and reviewers.
    for (const person of await editorsAndReviewersOf(ctx.db, agency.id)) {
      const dedupeKey = `annual-report-remind:${agency.id}:${facts.reportYear}:${facts.stage}:${person.id}`;
      const mail = { to: person.email, dedupeKey, ...reminderText(facts, person.display_name) };
      if (await enqueueMail(ctx.db, mail, now)) queued++;
    }
  }
  return queued;
}
