import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import { newId } from '../../core/ids';
import { parseInput } from '../../core/validation';
import type { DisclosureStaff } from '../../db/schema-tasks';
import { type Principal, visibleAgencyIds } from '../accounts';
import { type Actor, auditedTransaction } from '../audit';
import { mayKeepRoster } from './task-access';
import { readTaskFile, removeTaskFile, storeTaskFile } from './task-files';
import { meetingSchema, staffSchema, trainingSchema } from './task-input';

// The roster of dedicated disclosure staff (专职工作人员) per agency with their training records, and
// the minutes of the information officers' regular meetings (信息员例会). Staff of an agency keep their
// own; the district supervisor sees and keeps all.

const scopeOf = (p: Principal) => visibleAgencyIds(p);

function requireRoster(p: Principal, agencyId: string): void {
  if (!mayKeepRoster(p, agencyId))
    throw new AppError('validation', '只能登记本单位的人员和会议', {
      fields: { agencyId: '只能登记本单位的人员和会议' },
    });
}

/** The roster the principal sees, with each person's training hours this year. */
export async function listStaff(ctx: Context, p: Principal) {
  const scope = scopeOf(p);
  let q = ctx.db
    .selectFrom('disclosure_staff')
    .innerJoin('agencies', 'agencies.id', 'disclosure_staff.agency_id')
    .selectAll('disclosure_staff')
    .select('agencies.name as agency_name');
  if (scope !== 'all') q = q.where('disclosure_staff.agency_id', 'in', scope.length ? scope : ['-']);
  return q.orderBy('agencies.name').orderBy('disclosure_staff.name').execute();
}

/** Adds one person to an agency's roster. */
export async function addStaff(
  ctx: Context,
  p: Principal,
  actor: Actor,
  raw: unknown,
): Promise<DisclosureStaff> {
  const input = parseInput(staffSchema, raw);
  requireRoster(p, input.agencyId);
  const at = ctx.clock.now().toISOString();
  const row: DisclosureStaff = {
    id: newId(),
    agency_id: input.agencyId,
    name: input.name,
    position: input.position,
    phone: input.phone,
    email: input.email,
    full_time: input.fullTime,
    since: input.since,
    left_on: null,
    created_at: at,
    updated_at: at,
  };
  return auditedTransaction(ctx, actor, async (trx) => {
    await trx.insertInto('disclosure_staff').values(row).execute();
    return {
      result: row,
      audit: {
        action: 'staff.added',
        objectType: 'disclosure_staff',
        objectId: row.id,
        agencyId: row.agency_id,
      },
    };
  });
}

/** One person of the roster the principal may see (404 otherwise), with their training. */
export async function getStaff(ctx: Context, p: Principal, id: string) {
  const person = await ctx.db
    .selectFrom('disclosure_staff')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!person || !mayKeepRoster(p, person.agency_id)) throw new AppError('not_found', '人员不存在');
  const trainings = await ctx.db
    .selectFrom('staff_trainings')
    .selectAll()
    .where('staff_id', '=', id)
    .orderBy('held_on', 'desc')
    .execute();
  return { person, trainings };
}

/** Records one training a person attended. */
export async function addTraining(ctx: Context, p: Principal, actor: Actor, staffId: string, raw: unknown) {
  const { person } = await getStaff(ctx, p, staffId);
  const input = parseInput(trainingSchema, raw);
  const row = {
    id: newId(),
    staff_id: person.id,
    held_on: input.heldOn,
    title: input.title,
    organizer: input.organizer,
    hours: input.hours,
    created_at: ctx.clock.now().toISOString(),
  };
  return auditedTransaction(ctx, actor, async (trx) => {
    await trx.insertInto('staff_trainings').values(row).execute();
    return {
      result: row,
      audit: {
        action: 'staff.training_added',
        objectType: 'disclosure_staff',
        objectId: person.id,
        agencyId: person.agency_id,
        details: { title: row.title, hours: row.hours },
      },
    };
  });
}

/** Marks a person as having left the post (kept on record). */
export async function staffLeft(ctx: Context, p: Principal, actor: Actor, staffId: string) {
  const { person } = await getStaff(ctx, p, staffId);
  if (person.left_on) throw new AppError('conflict', '该人员已登记离岗');
  const at = ctx.clock.now().toISOString();
  await auditedTransaction(ctx, actor, async (trx) => {
    await trx
      .updateTable('disclosure_staff')
      .set({ left_on: at.slice(0, 10), updated_at: at })
      .where('id', '=', person.id)
      .execute();
    return {
      result: null,
      audit: {
        action: 'staff.left',
        objectType: 'disclosure_staff',
        objectId: person.id,
        agencyId: person.agency_id,
      },
    };
  });
}

/** The meetings the principal sees, newest first. */
export async function listMeetings(ctx: Context, p: Principal) {
  const scope = scopeOf(p);
  let q = ctx.db
    .selectFrom('officer_meetings')
    .innerJoin('agencies', 'agencies.id', 'officer_meetings.agency_id')
    .selectAll('officer_meetings')
    .select('agencies.name as agency_name');
  if (scope !== 'all') q = q.where('officer_meetings.agency_id', 'in', scope.length ? scope : ['-']);
  return q.orderBy('officer_meetings.held_on', 'desc').limit(200).execute();
}

/** Records the minutes of one meeting, with an optional file (the signed minutes, a photo). */
export async function addMeeting(
  ctx: Context,
  p: Principal,
  actor: Actor,
  raw: unknown,
  file?: { name: string; bytes: Buffer },
) {
  const input = parseInput(meetingSchema, raw);
  requireRoster(p, input.agencyId);
  const id = newId();
  const stored = file
    ? await storeTaskFile(ctx, file, {
        actor,
        objectType: 'officer_meeting',
        objectId: id,
        agencyId: input.agencyId,
      })
    : null;
  const row = {
    id,
    agency_id: input.agencyId,
    held_on: input.heldOn,
    attendees: input.attendees,
    topics: input.topics,
    decisions: input.decisions,
    original_name: stored?.original_name ?? null,
    stored_name: stored?.stored_name ?? null,
    media_type: stored?.media_type ?? null,
    size: stored?.size ?? null,
    sha256: stored?.sha256 ?? null,
    created_by: p.userId,
    created_at: ctx.clock.now().toISOString(),
  };
  try {
    return await auditedTransaction(ctx, actor, async (trx) => {
      await trx.insertInto('officer_meetings').values(row).execute();
      return {
        result: row,
        audit: {
          action: 'meeting.recorded',
          objectType: 'officer_meeting',
          objectId: row.id,
          agencyId: row.agency_id,
          details: { heldOn: row.held_on, file: row.original_name },
        },
      };
    });
  } catch (error) {
    if (stored) await removeTaskFile(ctx, stored.stored_name);
    throw error;
  }
}

/** The file of a meeting the principal may see. */
export async function openMeetingFile(ctx: Context, p: Principal, meetingId: string) {
  const m = await ctx.db
    .selectFrom('officer_meetings')
    .selectAll()
    .where('id', '=', meetingId)
    .executeTakeFirst();
  if (!m || !mayKeepRoster(p, m.agency_id) || !m.stored_name || !m.sha256)
    throw new AppError('not_found', '文件不存在');
  const body = await readTaskFile(ctx, { stored_name: m.stored_name, sha256: m.sha256 });
  return { body, name: m.original_name ?? 'file', type: m.media_type ?? 'application/octet-stream' };
}

/** The e-mail addresses of an agency's staff on the roster (still in post). */
export async function rosterEmails(ctx: Context, agencyId: string): Promise<string[]> {
  const rows = await ctx.db
    .selectFrom('disclosure_staff')
    .select('email')
    .where('agency_id', '=', agencyId)
    .where('left_on', 'is', null)
    .where('email', 'is not', null)
    .execute();
  return rows.map((r) => r.email).filter((e): e is string => Boolean(e));
}
