import { chinaDay } from '../../core/clock';
import type { Context } from '../../core/context';
import { newId } from '../../core/ids';
import { maskEmail, maskPhone } from '../../core/masking';
import { newQueryCode, queryCodeHash } from '../../core/query-code';
import { sealText } from '../../core/secrets';
import type { MailboxLetter } from '../../db/schema-mailbox';
import {
  holdCheck,
  issueTrackingNumber,
  openAgency,
  openedByQueryCode,
  storedTrackingNumber,
} from '../applications';
import { startClock } from './letter-clock';
import { appendLetterEvent } from './letter-events';
import { type LetterInput, parseLetter } from './letter-input';

// A letter from the public form (portal-standards.md §8.2: 编号 and 查询密码; a rate limit; no letter is
// silently dropped). An IP over its hourly allowance, or a letter that looks like spam, waits in a holding
// queue for a person; everything else is received at once and its clock starts today.

export interface LetterReceipt {
  id: string;
  trackingNumber: string;
  queryCode: string; // shown once; only its digest is stored
  held: boolean;
  dueOn: string | null;
}

async function holdReason(ctx: Context, input: LetterInput, ip: string): Promise<string | null> {
  const perHour = ctx.config.mailbox.holdPerHour;
  const now = ctx.clock.now();
  const hold = await holdCheck(ctx.db, 'mailbox_letters', { ip, now, perHour, text: input.content });
  if (hold === 'too_many') return `同一地址一小时内来信超过 ${perHour} 件`;
  if (hold === 'links') return '来信内容含有大量链接';
  return null;
}

/** The public form: stores the letter and answers with its tracking number and query code. */
export async function submitLetter(
  ctx: Context,
  agencyId: string,
  raw: Record<string, unknown>,
  ip: string,
): Promise<LetterReceipt> {
  const input = parseLetter(raw);
  await openAgency(ctx.db, agencyId, '收信单位不存在');
  const held = await holdReason(ctx, input, ip);
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    const day = chinaDay(now);
    const id = newId();
    const trackingNumber = await issueTrackingNumber(trx, agencyId, day, { name: 'mailbox', prefix: 'XX-' });
    const queryCode = newQueryCode();
    await trx
      .insertInto('mailbox_letters')
      .values({
        ...letterRow(ctx, input),
        id,
        agency_id: agencyId,
        first_agency_id: agencyId,
        tracking_number: trackingNumber,
        query_code_hash: queryCodeHash(queryCode),
        status: held ? 'held' : 'received',
        held_reason: held,
        submitted_ip: ip,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      })
      .execute();
    const letter = { id, agency_id: agencyId };
    await appendLetterEvent(trx, ctx, letter, null, { kind: 'submitted', onDate: day });
    let dueOn: string | null = null;
    if (held) await appendLetterEvent(trx, ctx, letter, null, { kind: 'held', onDate: day, note: held });
    else dueOn = await startClock(trx, ctx, id, day, null);
    return { id, trackingNumber, queryCode, held: held !== null, dueOn };
  });
}

function letterRow(ctx: Context, input: LetterInput) {
  const seal = (v: string) => sealText(ctx.keys.secret, v);
  return {
    type: input.type,
    subject: input.subject,
    content: input.content,
    writer_name_sealed: seal(input.name),
    writer_name_masked: `${[...input.name][0] ?? ''}**`,
    phone_sealed: seal(input.phone),
    phone_masked: maskPhone(input.phone.replace(/\D/g, '')),
    email_sealed: input.email ? seal(input.email) : null,
    email_masked: input.email ? maskEmail(input.email) : '',
    consent: input.consent === 'yes' ? 1 : 0,
  };
}

/** The letter a tracking number and query code open for its writer; one message for every mismatch. */
export async function findLetterByTracking(
  ctx: Context,
  trackingNumber: string,
  queryCode: string,
): Promise<MailboxLetter> {
  const row = await ctx.db
    .selectFrom('mailbox_letters')
    .selectAll()
    .where('tracking_number', '=', storedTrackingNumber(trackingNumber))
    .executeTakeFirst();
  return openedByQueryCode(row, queryCode, '信件编号或查询码不正确，请核对后重试');
}
