import type { Kysely } from 'kysely';
import { AppError } from '../../core/errors';
import { queryCodeMatches } from '../../core/query-code';
import type { DB } from '../../db/schema';
import { nextSequence } from '../../db/sequences';

// What every public submission with a tracking number shares (依申请公开 here; 部门信箱 imports it): the
// holding queue's test for suspected abuse, the per-agency yearly tracking number, and the check that a
// tracking number and query code open the row. No submission is silently dropped: a suspect one is held.

/** The tables that take public submissions (each has submitted_ip and created_at). */
export type PublicIntakeTable = 'applications' | 'mailbox_letters';

/** Links in a text at which a submission looks like spam and waits for a person. */
const SPAM_LINKS = 3;

/**
 * Why a public submission should wait in the holding queue: `too_many` when its IP already sent `perHour`
 * in the last hour, `links` when its text carries many links, null when it can be received at once.
 */
export async function holdCheck(
  db: Kysely<DB>,
  table: PublicIntakeTable,
  submission: { ip: string; now: Date; perHour: number; text: string },
): Promise<'too_many' | 'links' | null> {
  const since = new Date(submission.now.getTime() - 3_600_000).toISOString();
  const recent = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('submitted_ip', '=', submission.ip)
    .where('created_at', '>=', since)
    .executeTakeFirstOrThrow();
  if (Number(recent.n) >= submission.perHour) return 'too_many';
  if ((submission.text.match(/https?:\/\//g)?.length ?? 0) >= SPAM_LINKS) return 'links';
  return null;
}

/** The next tracking number of an agency's yearly series: `${prefix}CODE-YYYY-00001`, gapless. */
export async function issueTrackingNumber(
  trx: Kysely<DB>,
  agencyId: string,
  day: string,
  series: { name: string; prefix: string },
): Promise<string> {
  const agency = await trx
    .selectFrom('agencies')
    .select('code')
    .where('id', '=', agencyId)
    .executeTakeFirstOrThrow();
  const year = day.slice(0, 4);
  const seq = await nextSequence(trx, agencyId, `${series.name}:${year}`);
  return `${series.prefix}${agency.code.toUpperCase()}-${year}-${String(seq).padStart(5, '0')}`;
}

/** The tracking number as stored (typed numbers are trimmed and upper-cased). */
export const storedTrackingNumber = (typed: string) => typed.trim().toUpperCase();

/** The row a tracking number found, if the query code matches; one message for every kind of mismatch. */
export function openedByQueryCode<R extends { query_code_hash: string }>(
  row: R | undefined,
  queryCode: string,
  mismatch: string,
): R {
  if (!row || !queryCodeMatches(queryCode, row.query_code_hash)) throw new AppError('not_found', mismatch);
  return row;
}

/** The enabled agency a submission is addressed to; `missing` is the 404's message. */
export async function openAgency(db: Kysely<DB>, agencyId: string, missing: string) {
  const agency = await db
    .selectFrom('agencies')
    .select(['id', 'name'])
    .where('id', '=', agencyId)
    .where('enabled', '=', 1)
    .executeTakeFirst();
  if (!agency) throw new AppError('not_found', missing);
  return agency;
}
