import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Context } from '../../core/context';
import { newId } from '../../core/ids';
import { parseInput } from '../../core/validation';
import type { DB } from '../../db/schema';
import { emailAddressSchema } from './mail-address';

// The outbox (architecture.md "mail"): a mail is written in the transaction that decides to send it, so
// it goes out if and only if that decision commits; the worker delivers it later (outbox-delivery.ts).

const outgoingMailSchema = z.object({
  to: emailAddressSchema,
  subject: z.string().trim().min(1, '邮件须有主题').max(200, '邮件主题不超过 200 字'),
  text: z.string().min(1, '邮件须有正文'),
  dedupeKey: z.string().min(1).max(200),
});

export type OutgoingMail = z.input<typeof outgoingMailSchema>;

/**
 * Queues one mail in the caller's transaction (or directly on `db`). Returns false, changing nothing, when
 * a mail with the same dedupe key was ever queued: a repeated job run never sends twice. ON CONFLICT DO
 * NOTHING, unlike a caught unique violation, leaves a PostgreSQL transaction usable.
 */
export async function enqueueMail(db: Kysely<DB>, mail: OutgoingMail, now: string): Promise<boolean> {
  const input = parseInput(outgoingMailSchema, mail);
  const result = await db
    .insertInto('outbox')
    .values({
      id: newId(),
      to_address: input.to,
      subject: input.subject,
      body_text: input.text,
      dedupe_key: input.dedupeKey,
      status: 'pending',
      attempts: 0,
      next_attempt_at: now,
      last_error: null,
      created_at: now,
      sent_at: null,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export interface OutboxSummary {
  pending: number;
  sent: number;
  failed: number;
  /** false: GONGKAI_SMTP_URL is unset and mail only accumulates */
  smtpConfigured: boolean;
  /** the newest give-up, for the back office to name */
  lastError: string | null;
}

/** Counts by status for the back office, with whether delivery is configured at all. */
export async function summariseOutbox(ctx: Pick<Context, 'db' | 'config'>): Promise<OutboxSummary> {
  const rows = await ctx.db
    .selectFrom('outbox')
    .select(['status', (eb) => eb.fn.countAll().as('n')])
    .groupBy('status')
    .execute();
  const count = (status: string) => Number(rows.find((r) => r.status === status)?.n ?? 0);
  const lastFailure = await ctx.db
    .selectFrom('outbox')
    .select('last_error')
    .where('status', '=', 'failed')
    .orderBy('next_attempt_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return {
    pending: count('pending'),
    sent: count('sent'),
    failed: count('failed'),
    smtpConfigured: Boolean(ctx.config.mail.smtpUrl),
    lastError: lastFailure?.last_error ?? null,
  };
}
