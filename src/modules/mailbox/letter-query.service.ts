import type { Context } from '../../core/context';
import type { LetterStatus, MailboxEvent, MailboxLetter } from '../../db/schema-mailbox';
import type { Principal } from '../accounts';
import { agencyHandlers, workingDaysLeft } from '../applications';
import { loadCalendar } from '../calendar';
import { type LetterNeed, letterFor, mayOnLetter, visibleAgencies } from './letter-access';
import { OPEN_STATUSES } from './letter-clock';
import { redLineOf } from './letter-deadline';
import { letterEvents, publicHistory } from './letter-events';
import { type PublicationTexts, publicationProposal } from './publication.service';

// What the back office and the writer see of letters. Staff see the writer's data masked only; the
// writer's page shows the public history (no staff names) and the reply.

export type LetterAction =
  | 'release'
  | 'set-aside'
  | 'accept'
  | 'reject'
  | 'assign'
  | 'forward'
  | 'merge'
  | 'draft'
  | 'review'
  | 'send'
  | 'publish'
  | 'unpublish';

const byStatus: Partial<Record<LetterStatus, LetterAction[]>> = {
  held: ['release', 'set-aside'],
  received: ['accept', 'reject', 'assign', 'forward', 'merge'],
  accepted: ['draft', 'assign', 'forward', 'merge'],
  review: ['review'],
  approved: ['send'],
  answered: ['publish', 'unpublish'],
};

/** The steps the principal may take on the letter now. */
export function letterActions(p: Principal, l: MailboxLetter): LetterAction[] {
  return (byStatus[l.status] ?? []).filter((a) => {
    const need: LetterNeed = a === 'review' ? 'review' : 'handle';
    if (!mayOnLetter(p, l.agency_id, need)) return false;
    if (a === 'review') return l.drafted_by !== p.userId;
    if (a === 'publish') return l.consent === 1 && l.published === 0;
    if (a === 'unpublish') return l.published === 1;
    return true;
  });
}

export interface QueueRow {
  letter: MailboxLetter;
  agencyName: string;
  daysLeft: number | null;
  redLineNear: boolean;
}

/** The queue: letters of the agencies the principal may see, the most urgent first. */
export async function letterQueue(
  ctx: Context,
  p: Principal,
  filter: { status?: string; agencyId?: string; today: string },
): Promise<QueueRow[]> {
  const agencies = visibleAgencies(p);
  let q = ctx.db
    .selectFrom('mailbox_letters as l')
    .innerJoin('agencies as a', 'a.id', 'l.agency_id')
    .selectAll('l')
    .select('a.name as agency_name');
  if (agencies !== 'all') q = q.where('l.agency_id', 'in', agencies.length ? agencies : ['-']);
  if (filter.agencyId) q = q.where('l.agency_id', '=', filter.agencyId);
  if (filter.status === 'open') q = q.where('l.status', 'in', ['held', ...OPEN_STATUSES]);
  else if (filter.status) q = q.where('l.status', '=', filter.status as LetterStatus);
  const rows = await q.orderBy('l.created_at', 'desc').limit(500).execute();
  const calendar = await loadCalendar(ctx.db);
  const open = (s: LetterStatus) => (OPEN_STATUSES as readonly string[]).includes(s);
  const out = rows.map(({ agency_name, ...letter }) => ({
    letter,
    agencyName: agency_name,
    daysLeft:
      open(letter.status) && letter.due_on ? workingDaysLeft(filter.today, letter.due_on, calendar) : null,
    redLineNear:
      open(letter.status) &&
      letter.received_on !== null &&
      filter.today >= redLineOf(letter.received_on).alarmOn,
  }));
  return out.sort((a, b) => (a.daysLeft ?? 9999) - (b.daysLeft ?? 9999));
}

export interface LetterView {
  letter: MailboxLetter;
  events: MailboxEvent[];
  agencyName: string;
  firstAgencyName: string;
  assignee: string | null;
  primaryTracking: string | null;
  duplicates: string[];
  actions: LetterAction[];
  handlers: { id: string; name: string }[];
  agencies: { id: string; name: string }[];
  proposal: PublicationTexts | null;
  redLine: { alarmOn: string; redLineOn: string } | null;
  canUnmask: boolean;
}

/** A letter with everything its case page shows; 404 for a letter of an agency the user cannot see. */
export async function letterView(ctx: Context, p: Principal, id: string): Promise<LetterView> {
  const letter = await letterFor(ctx.db, p, id, 'view');
  const name = async (agencyId: string) =>
    (await ctx.db.selectFrom('agencies').select('name').where('id', '=', agencyId).executeTakeFirstOrThrow())
      .name;
  const assignee = letter.assigned_to
    ? await ctx.db
        .selectFrom('users')
        .select('display_name')
        .where('id', '=', letter.assigned_to)
        .executeTakeFirst()
    : undefined;
  const primary = letter.primary_id
    ? await ctx.db
        .selectFrom('mailbox_letters')
        .select('tracking_number')
        .where('id', '=', letter.primary_id)
        .executeTakeFirst()
    : undefined;
  const duplicates = await ctx.db
    .selectFrom('mailbox_letters')
    .select('tracking_number')
    .where('primary_id', '=', id)
    .execute();
  const handlers = await agencyHandlers(ctx.db, letter.agency_id);
  const agencies = await ctx.db
    .selectFrom('agencies')
    .select(['id', 'name'])
    .where('enabled', '=', 1)
    .where('id', '!=', letter.agency_id)
    .orderBy('code')
    .execute();
  const actions = letterActions(p, letter);
  return {
    letter,
    events: await letterEvents(ctx.db, id),
    agencyName: await name(letter.agency_id),
    firstAgencyName: await name(letter.first_agency_id),
    assignee: assignee?.display_name ?? null,
    primaryTracking: primary?.tracking_number ?? null,
    duplicates: duplicates.map((d) => d.tracking_number),
    actions,
    handlers,
    agencies,
    proposal: actions.includes('publish') ? await publicationProposal(ctx, p, id) : null,
    redLine: letter.received_on ? redLineOf(letter.received_on) : null,
    canUnmask: mayOnLetter(p, letter.agency_id, 'handle'),
  };
}

export interface WriterView {
  letter: MailboxLetter;
  agencyName: string;
  answeredAgencyName: string | null;
  history: { onDate: string; label: string }[];
  canRate: boolean;
}

/** What the writer sees with the tracking number and query code. */
export async function writerView(ctx: Context, letter: MailboxLetter): Promise<WriterView> {
  const name = async (id: string | null) =>
    id
      ? ((await ctx.db.selectFrom('agencies').select('name').where('id', '=', id).executeTakeFirst())?.name ??
        null)
      : null;
  return {
    letter,
    agencyName: (await name(letter.first_agency_id)) ?? '',
    answeredAgencyName: await name(letter.answered_agency_id),
    history: publicHistory(await letterEvents(ctx.db, letter.id)),
    canRate: letter.status === 'answered' && letter.rating === null,
  };
}
