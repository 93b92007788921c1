import type { Kysely } from 'kysely';
import type { Context } from '../../core/context';
import { openText } from '../../core/secrets';
import type { DB } from '../../db/schema';
import type { MailboxLetter } from '../../db/schema-mailbox';
import { enqueueMail } from '../mail';

// The writer hears of the outcome by e-mail when they gave an address (the tracking page shows it in any
// case). Queued in the step's transaction through the outbox, once per letter and outcome. The query
// code is never written into a mail.

/** Queues the reply (or the refusal) to the writer's e-mail address, if any. */
export async function notifyWriter(
  trx: Kysely<DB>,
  ctx: Context,
  letter: MailboxLetter,
  kind: 'rejected' | 'answered',
): Promise<void> {
  if (!letter.email_sealed) return;
  const to = openText(ctx.keys.secret, letter.email_sealed);
  const agency = await trx
    .selectFrom('agencies')
    .select('name')
    .where('id', '=', letter.answered_agency_id ?? letter.agency_id)
    .executeTakeFirstOrThrow();
  const body =
    kind === 'answered'
      ? [
          '您的来信已答复。',
          '',
          `答复单位：${agency.name}`,
          `答复日期：${letter.answered_on}`,
          '',
          letter.reply ?? '',
        ]
      : ['您的来信不予受理。', '', `理由：${letter.invalid_reason ?? ''}`];
  const text = [
    `信件编号：${letter.tracking_number}`,
    `标题：${letter.subject}`,
    '',
    ...body,
    '',
    `您可凭信件编号和查询码在“${ctx.config.site.name}”部门信箱查看办理情况${kind === 'answered' ? '并对答复作出评价' : ''}。`,
  ].join('\n');
  const subject = `【部门信箱】${letter.tracking_number} ${kind === 'answered' ? '已答复' : '不予受理'}`;
  await enqueueMail(
    trx,
    { to, subject, text, dedupeKey: `mailbox-writer:${letter.id}:${kind}` },
    ctx.clock.now().toISOString(),
  );
}
