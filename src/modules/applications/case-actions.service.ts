import { z } from 'zod';
import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import { parseInput } from '../../core/validation';
import type { Principal } from '../accounts';
import type { Actor } from '../audit';
import { mayOnCase } from './case-access';
import { clockOf } from './case-clock';
import { caseCalendar, correctionLatest, laterByWorkingDays } from './case-deadline';
import { asClockEvents, caseEvents } from './case-events';
import { dateField, notAfter } from './case-input';
import { issueCaseLetter } from './case-letters.service';
import { takeCaseStep } from './case-step';
import { issueReceipt } from './intake.service';
import { formatChineseDate } from './letters';

// The agency's first steps on a case (条例 Art. 30–31): the holding queue, the one correction request,
// assignment. Each validates its input, and the state machine in case-workflow.ts says when it may be
// taken. Consultations and extensions are in consultation-actions.service.ts, fees in fee-actions.service.ts.

/** Confirms an application from the holding queue: for an online application, today is the receipt day. */
export async function releaseHeld(ctx: Context, principal: Principal, actor: Actor, id: string) {
  return takeCaseStep(ctx, principal, actor, id, 'release', 'handle', async ({ today }) => ({
    status: 'received',
    patch: { received_on: today },
    events: [
      { kind: 'released', onDate: today },
      { kind: 'received', onDate: today },
    ],
    afterwards: (trx) => issueReceipt(trx, ctx, actor, id),
  }));
}

/** Marks a held submission as not an application (spam); it is kept with the reason, never deleted. */
export async function dismissHeld(
  ctx: Context,
  principal: Principal,
  actor: Actor,
  id: string,
  raw: unknown,
) {
  return takeCaseStep(ctx, principal, actor, id, 'dismiss', 'handle', async ({ today }) => {
    const { reason } = parseInput(z.object({ reason: z.string().trim().min(2, '请说明理由') }), raw);
    return { status: 'rejected_spam', events: [{ kind: 'dismissed', onDate: today, note: reason }] };
  });
}

const correctionSchema = z.object({
  items: z.string().trim().min(5, '请逐项写明需要补正的事项').max(2000),
  days: z.coerce.number().int().min(5, '补正期限至少 5 个工作日').max(30, '补正期限不超过 30 个工作日'),
});

// 条例 Art. 30: one notice, within 7 working days of receipt, stating what to correct and by when.
/** Sends the one correction request (补正告知) the regulation allows. */
export async function requestCorrection(
  ctx: Context,
  principal: Principal,
  actor: Actor,
  id: string,
  raw: unknown,
) {
  return takeCaseStep(
    ctx,
    principal,
    actor,
    id,
    'requestCorrection',
    'handle',
    async ({ trx, app, today }) => {
      const input = parseInput(correctionSchema, raw);
      const clock = clockOf(asClockEvents(await caseEvents(trx, id)));
      if (clock.correctionRequestedOn) throw new AppError('conflict', '补正告知只能发出一次（条例第三十条）');
      const calendar = await caseCalendar(trx);
      const latest = correctionLatest(clock, calendar);
      if (latest && today > latest)
        throw new AppError('conflict', `补正告知须在收到申请之日起 7 个工作日内发出（最迟 ${latest}）`);
      const deadline = laterByWorkingDays(today, input.days, calendar);
      await issueCaseLetter(trx, ctx, actor, app, 'correction', {
        correctionItems: input.items,
        correctionDeadline: deadline,
      });
      return {
        status: 'correction',
        events: [{ kind: 'correction_requested', onDate: today, data: { deadline }, note: input.items }],
      };
    },
  );
}

/** Records the corrected application; the reply period starts again from this day. */
export async function receiveCorrection(
  ctx: Context,
  principal: Principal,
  actor: Actor,
  id: string,
  raw: unknown,
) {
  return takeCaseStep(ctx, principal, actor, id, 'receiveCorrection', 'handle', async ({ today }) => {
    const { receivedOn } = parseInput(z.object({ receivedOn: dateField('收到补正之日') }), raw);
    notAfter(receivedOn, today, 'receivedOn');
    return { status: 'processing', events: [{ kind: 'correction_received', onDate: receivedOn }] };
  });
}

/** No correction by the stated deadline: the application is deemed abandoned (其他处理 1). */
export async function lapseCorrection(ctx: Context, principal: Principal, actor: Actor, id: string) {
  return takeCaseStep(ctx, principal, actor, id, 'lapseCorrection', 'handle', async ({ trx, app, today }) => {
    const requested = (await caseEvents(trx, id)).findLast((e) => e.kind === 'correction_requested');
    const deadline = requested ? String(JSON.parse(requested.data).deadline) : today;
    if (today <= deadline)
      throw new AppError('conflict', `补正期限至 ${deadline}，期满后方可按逾期未补正处理`);
    // The reply template states the case's facts in {{outcomeNote}}; without a value it cannot be issued.
    const note = `补正期限已于${formatChineseDate(deadline)}届满，本机关未收到您补正后的申请。`;
    await issueCaseLetter(trx, ctx, actor, app, 'reply:other.noCorrection', { outcomeNote: note });
    return {
      status: 'decided',
      patch: { outcome: 'other.noCorrection', outcome_note: note, decided_on: today },
      events: [{ kind: 'correction_lapsed', onDate: today, data: { outcome: 'other.noCorrection' } }],
    };
  });
}

/** Assigns the case to an officer of the agency who may handle it. */
export async function assignCase(ctx: Context, principal: Principal, actor: Actor, id: string, raw: unknown) {
  return takeCaseStep(ctx, principal, actor, id, 'assign', 'handle', async ({ trx, app, today }) => {
    const { userId } = parseInput(z.object({ userId: z.string().min(1, '请选择承办人') }), raw);
    const grants = await trx
      .selectFrom('user_roles')
      .select(['agency_id', 'role'])
      .where('user_id', '=', userId)
      .execute();
    const user = await trx
      .selectFrom('users')
      .select(['display_name', 'disabled'])
      .where('id', '=', userId)
      .executeTakeFirst();
    const handler = { grants: grants.map((g) => ({ agencyId: g.agency_id, role: g.role })) } as Principal;
    if (!user || user.disabled || !mayOnCase(handler, app.agency_id, 'handle'))
      throw new AppError('validation', '承办人须为本机关的信息员或公开办人员', {
        fields: { userId: '请选择本机关承办人' },
      });
    return {
      status: app.status === 'received' ? 'processing' : app.status,
      patch: { assigned_to: userId },
      events: [{ kind: 'assigned', onDate: today, data: { userId, name: user.display_name } }],
    };
  });
}
