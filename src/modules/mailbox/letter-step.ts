import type { Kysely, Updateable } from 'kysely';
import { z } from 'zod';
import { chinaDay } from '../../core/clock';
import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import { parseInput } from '../../core/validation';
import type { DB } from '../../db/schema';
import type { LetterStatus, MailboxLetter, MailboxLetterTable } from '../../db/schema-mailbox';
import type { Principal } from '../accounts';
import { type Actor, auditedTransaction } from '../audit';
import { type LetterNeed, letterFor } from './letter-access';
import { appendLetterEvent, type NewLetterEvent } from './letter-events';

// One step on a letter, the same way for every action (as applications/case-step.ts): check the role and
// the state, do the work, move the status guarded by the version read (two simultaneous steps give one
// transition), record the events with who and when, and audit — all in one transaction.

export type LetterPatch = Omit<
  Updateable<MailboxLetterTable>,
  'id' | 'version' | 'created_at' | 'updated_at'
>;

export interface LetterStepOutcome {
  status?: LetterStatus;
  patch?: LetterPatch;
  events: (NewLetterEvent & { agencyId?: string })[];
  details?: Record<string, unknown>;
  afterwards?: (trx: Kysely<DB>, updated: MailboxLetter) => Promise<void>;
}

export interface LetterStep {
  action: string; // audit action suffix
  label: string; // the Chinese name, for the conflict message
  need: LetterNeed;
  from: readonly LetterStatus[];
}

/** Runs one step on a letter for a signed-in member of staff. */
export async function takeLetterStep(
  ctx: Context,
  principal: Principal,
  actor: Actor,
  id: string,
  step: LetterStep,
  work: (trx: Kysely<DB>, letter: MailboxLetter, today: string) => Promise<LetterStepOutcome>,
): Promise<MailboxLetter> {
  return auditedTransaction(ctx, actor, async (trx) => {
    const letter = await letterFor(trx, principal, id, step.need);
    if (!step.from.includes(letter.status))
      throw new AppError('conflict', `当前状态下不能执行“${step.label}”，请刷新页面后重试`);
    const today = chinaDay(ctx.clock.now());
    const outcome = await work(trx, letter, today);
    const moved = await trx
      .updateTable('mailbox_letters')
      .set((eb) => ({
        ...outcome.patch,
        status: outcome.status ?? letter.status,
        updated_at: ctx.clock.now().toISOString(),
        version: eb('version', '+', 1),
      }))
      .where('id', '=', id)
      .where('version', '=', letter.version)
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1)
      throw new AppError('conflict', '该来信刚被他人办理，请刷新页面后重试');
    for (const e of outcome.events)
      await appendLetterEvent(trx, ctx, { id, agency_id: e.agencyId ?? letter.agency_id }, actor, e);
    const updated = await trx
      .selectFrom('mailbox_letters')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    await outcome.afterwards?.(trx, updated);
    return {
      result: updated,
      audit: {
        action: `mailbox.${step.action}`,
        objectType: 'mailbox_letter',
        objectId: id,
        agencyId: letter.agency_id,
        details: { trackingNumber: letter.tracking_number, ...outcome.details },
      },
    };
  });
}

/** The form of a step that asks for nothing (release, send). */
export const noInput = z.object({});

/** What a step's work knows besides the transaction: who takes it, on which letter, with what input. */
export interface LetterStepCall<I> {
  ctx: Context;
  p: Principal;
  actor: Actor;
  id: string;
  input: I;
}

/**
 * A letter step as the back office calls it, `(ctx, p, actor, id, form)`: once the letter is loaded and
 * the role checked (404 for another agency's, 403 for a role without the step), the form is parsed with
 * `schema` (400 naming the field), so a form says nothing to someone who may not use it; then `work`.
 */
export function letterStep<S extends z.ZodType>(
  step: LetterStep,
  schema: S,
  work: (
    call: LetterStepCall<z.output<S>>,
    trx: Kysely<DB>,
    letter: MailboxLetter,
    today: string,
  ) => Promise<LetterStepOutcome>,
) {
  // async: a form that fails to parse is a rejected promise, as every service call's errors are.
  return async (
    ctx: Context,
    p: Principal,
    actor: Actor,
    id: string,
    raw: Record<string, unknown> = {},
  ): Promise<MailboxLetter> => {
    return takeLetterStep(ctx, p, actor, id, step, (trx, letter, today) =>
      work({ ctx, p, actor, id, input: parseInput(schema, raw) }, trx, letter, today),
    );
  };
}
