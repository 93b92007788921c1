import type { Kysely } from 'kysely';
import { isoPlusMinutes } from '../../core/clock';
import type { Context } from '../../core/context';
import type { DB, OutboxTable } from '../../db/schema';
import { createMailTransport, type MailTransport } from './mail-transport';
import { afterFailedAttempt } from './retry-backoff';

// The worker side of the outbox: claim due mails, send them, record the outcome. A claim moves the
// mail's due time one lease ahead and counts the attempt, under a compare-and-set on the values just
// read, so overlapping runs (two timers, two instances) never send the same mail twice; a worker that
// dies mid-send leaves the mail due again once the lease is over.

const CLAIM_LEASE_MINUTES = 15; // longer than nodemailer's 10-minute socket timeout
const BATCH_SIZE = 50;
const MAX_ERROR_LENGTH = 500;

export interface DeliveryReport {
  sent: number;
  retrying: number;
  failed: number;
}

type OutboxRow = OutboxTable;

/** Sends every due mail once; with no transport given, uses the configured SMTP server (none: no-op). */
export async function deliverOutbox(
  ctx: Pick<Context, 'db' | 'config' | 'clock'>,
  transport?: MailTransport,
): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retrying: 0, failed: 0 };
  const own = transport ? null : createMailTransport(ctx.config);
  const sender = transport ?? own;
  if (!sender) return report;
  try {
    for (const mail of await claimDueMails(ctx.db, ctx.clock.now())) {
      const outcome = await sendOne(ctx, sender, mail);
      report[outcome]++;
    }
  } finally {
    own?.close?.();
  }
  return report;
}

async function claimDueMails(db: Kysely<DB>, now: Date): Promise<OutboxRow[]> {
  const due = await db
    .selectFrom('outbox')
    .selectAll()
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now.toISOString())
    .orderBy('next_attempt_at')
    .limit(BATCH_SIZE)
    .execute();
  const claimed: OutboxRow[] = [];
  for (const row of due) {
    const attempts = Number(row.attempts) + 1;
    const result = await db
      .updateTable('outbox')
      .set({ attempts, next_attempt_at: isoPlusMinutes(now, CLAIM_LEASE_MINUTES) })
      .where('id', '=', row.id)
      .where('status', '=', 'pending')
      .where('attempts', '=', row.attempts)
      .where('next_attempt_at', '=', row.next_attempt_at)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 1) claimed.push({ ...row, attempts });
  }
  return claimed;
}

async function sendOne(
  ctx: Pick<Context, 'db' | 'config' | 'clock'>,
  transport: MailTransport,
  mail: OutboxRow,
): Promise<keyof DeliveryReport> {
  try {
    await transport.sendMail({
      from: ctx.config.mail.from,
      to: mail.to_address,
      subject: mail.subject,
      text: mail.body_text,
      // A stable Message-ID: should a lease run out mid-send, receivers can still tell a repeat.
      messageId: `<${mail.id}@outbox.gongkai>`,
    });
  } catch (error) {
    return recordFailure(ctx, mail, error);
  }
  await ctx.db
    .updateTable('outbox')
    .set({ status: 'sent', sent_at: ctx.clock.now().toISOString(), last_error: null })
    .where('id', '=', mail.id)
    .execute();
  return 'sent';
}

async function recordFailure(
  ctx: Pick<Context, 'db' | 'clock'>,
  mail: OutboxRow,
  error: unknown,
): Promise<'retrying' | 'failed'> {
  const message = (error instanceof Error ? error.message : String(error)).slice(0, MAX_ERROR_LENGTH);
  const next = afterFailedAttempt(mail.attempts);
  const now = ctx.clock.now();
  await ctx.db
    .updateTable('outbox')
    .set(
      next.giveUp
        ? { status: 'failed', last_error: message, next_attempt_at: now.toISOString() }
        : { last_error: message, next_attempt_at: isoPlusMinutes(now, next.retryInMinutes) },
    )
    .where('id', '=', mail.id)
    .execute();
  return next.giveUp ? 'failed' : 'retrying';
}
