import { z } from 'zod';
import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import { parseInput } from '../../core/validation';
import type { Principal } from '../accounts';
import type { Actor } from '../audit';
import { mayOnCase } from './case-access';
import { clockOf } from './case-clock';
import { caseCalendar, correctionLatest, dueReport, laterByWorkingDays } from './case-deadline';
import { asClockEvents, caseEvents } from './case-events';
import { chargeFor } from './case-fees';
import { issueCaseLetter } from './case-letters.service';
import { takeCaseStep } from './case-step';
import { consultationReplyDeadline, feePaymentDeadline } from './deadline';
import { issueReceipt } from './intake.service';
import { formatChineseDate } from './letters';

// The agency's steps on a case between receipt and decision (条例 Art. 30–35, 109号). Each validates its
// input, and the state machine in case-workflow.ts says when it may be taken.

const dateField = (label: string) => z.iso.date({ message: `请填写${label}（YYYY-MM-DD）` });
const notAfter = (day: string, today: string, field: string) => {
  if (day > today)
    throw new AppError('validation', '日期不能晚于今天', { fields: { [field]: '不能晚于今天' } });
};

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
  const { reason } = parseInput(z.object({ reason: z.string().trim().min(2, '请说明理由') }), raw);
  return takeCaseStep(ctx, principal, actor, id, 'dismiss', 'handle', async ({ today }) => ({
    status: 'rejected_spam',
    events: [{ kind: 'dismissed', onDate: today, note: reason }],
  }));
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
  const input = parseInput(correctionSchema, raw);
  return takeCaseStep(
    ctx,
    principal,
    actor,
    id,
    'requestCorrection',
    'handle',
    async ({ trx, app, today }) => {
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
  const { receivedOn } = parseInput(z.object({ receivedOn: dateField('收到补正之日') }), raw);
  return takeCaseStep(ctx, principal, actor, id, 'receiveCorrection', 'handle', async ({ today }) => {
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
  const { userId } = parseInput(z.object({ userId: z.string().min(1, '请选择承办人') }), raw);
  return takeCaseStep(ctx, principal, actor, id, 'assign', 'handle', async ({ trx, app, today }) => {
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

const consultationSchema = z.object({
  party: z.enum(['thirdParty', 'agency'], { message: '请选择征求意见对象类型' }),
  partyName: z.string().trim().min(2, '请填写征求意见对象名称').max(100),
  matter: z.string().trim().min(2, '请写明征求意见的事项').max(1000),
});

// 条例 Art. 32 (third party, 15 working days, silence is not consent) and Art. 34 (co-producing agency,
// 15 working days, silence is consent): the days the consultation takes are not counted (Art. 33).
/** Starts a consultation; the clock stands still until it ends. */
export async function startConsultation(
  ctx: Context,
  principal: Principal,
  actor: Actor,
  id: string,
  raw: unknown,
) {
  const input = parseInput(consultationSchema, raw);
  return takeCaseStep(
    ctx,
    principal,
    actor,
    id,
    'startConsultation',
    'handle',
    async ({ trx, app, today }) => {
      const answerBy = consultationReplyDeadline(today, (await caseCalendar(trx)).isWorkday);
      await issueCaseLetter(
        trx,
        ctx,
        actor,
        app,
        input.party === 'agency' ? 'agencyConsultation' : 'thirdPartyConsultation',
        {
          thirdPartyName: input.partyName,
          consultationDeadline: answerBy,
          outcomeNote: input.matter,
        },
      );
      return {
        status: 'paused',
        events: [
          {
            kind: 'consultation_started',
            onDate: today,
            data: { party: input.party, partyName: input.partyName, answerBy },
            note: input.matter,
          },
        ],
      };
    },
  );
}

/** Ends a consultation on the day the answer arrived (or the answer period ran out). */
export async function endConsultation(
  ctx: Context,
  principal: Principal,
  actor: Actor,
  id: string,
  raw: unknown,
) {
  const input = parseInput(
    z.object({
      endedOn: dateField('征求意见结束之日'),
      result: z.string().trim().min(2, '请记录对方意见或逾期未答复').max(1000),
    }),
    raw,
  );
  return takeCaseStep(ctx, principal, actor, id, 'endConsultation', 'handle', async ({ trx, today }) => {
    notAfter(input.endedOn, today, 'endedOn');
    const started = (await caseEvents(trx, id)).findLast((e) => e.kind === 'consultation_started');
    if (!started) throw new AppError('conflict', '该申请没有进行中的征求意见');
    if (input.endedOn < started.on_date)
      throw new AppError('validation', '结束之日不能早于征求意见之日', {
        fields: { endedOn: `不能早于 ${started.on_date}` },
      });
    return {
      status: 'processing',
      events: [{ kind: 'consultation_ended', onDate: input.endedOn, note: input.result }],
    };
  });
}

// 条例 Art. 33: one extension of at most 20 working days, approved by the head of the disclosure office,
// with a notice to the applicant.
/** Approves the one extension and notifies the applicant. */
export async function extendCase(ctx: Context, principal: Principal, actor: Actor, id: string, raw: unknown) {
  const input = parseInput(
    z.object({
      days: z.coerce
        .number()
        .int()
        .min(1, '延长期限至少 1 个工作日')
        .max(20, '延长期限最长不超过 20 个工作日（条例第三十三条）'),
      reason: z.string().trim().min(4, '请写明延期理由').max(500),
    }),
    raw,
  );
  return takeCaseStep(ctx, principal, actor, id, 'extend', 'approve', async ({ trx, app, today }) => {
    const events = asClockEvents(await caseEvents(trx, id));
    const clock = clockOf(events);
    if (clock.extensionDays > 0) throw new AppError('conflict', '答复期限只能延长一次（条例第三十三条）');
    const calendar = await caseCalendar(trx);
    const before = dueReport(clock, calendar).due;
    if (before && today > before) throw new AppError('conflict', `答复期限（${before}）已过，不能再延期`);
    const after = dueReport({ ...clock, extensionDays: input.days }, calendar).due;
    await issueCaseLetter(trx, ctx, actor, app, 'extension', {
      extensionDays: String(input.days),
      extendedDueOn: after ?? '',
      extensionReason: input.reason,
    });
    return { events: [{ kind: 'extended', onDate: today, data: { days: input.days }, note: input.reason }] };
  });
}

// The payment sentence of the default notice; an agency whose channel differs edits its template.
const DEFAULT_FEE_PAYMENT = '按本机关提供的非税收入缴款码缴纳，缴款码可凭申请编号向本机关索取';

/** Sends a fee notice under 109号; the clock stands still until the fee is paid. */
export async function noticeFee(ctx: Context, principal: Principal, actor: Actor, id: string, raw: unknown) {
  const input = parseInput(
    z.object({
      basis: z.enum(['perApplication', 'perPage'], { message: '请选择计费方式' }),
      pages: z.coerce.number().int().min(0).max(100_000).optional(),
    }),
    raw,
  );
  return takeCaseStep(ctx, principal, actor, id, 'noticeFee', 'approve', async ({ trx, app, today }) => {
    const charge = await chargeFor(trx, app, input);
    if (charge.yuan <= 0) throw new AppError('conflict', `无需收费：${charge.explanation}`);
    const payBy = feePaymentDeadline(today, (await caseCalendar(trx)).isWorkday);
    // The notice's {{feeDeadline}} reads "请您…按照以下方式缴纳" and {{payment}} says how (109号: the notice
    // states how to pay; an agency words its own way in its feeNotice template); both must be filled or the
    // letter cannot be issued.
    await issueCaseLetter(trx, ctx, actor, app, 'feeNotice', {
      feeAmount: String(charge.yuan),
      feeBasis: charge.explanation,
      feeDeadline: `自收到本通知书之日的次日起20个工作日内（即${formatChineseDate(payBy)}前）`,
      payment: DEFAULT_FEE_PAYMENT,
    });
    return {
      status: 'paused',
      events: [
        {
          kind: 'fee_noticed',
          onDate: today,
          data: { yuan: charge.yuan, basis: input.basis, payBy },
          note: charge.explanation,
        },
      ],
      details: { yuan: charge.yuan },
    };
  });
}

/** Records payment; the clock runs again. */
export async function payFee(ctx: Context, principal: Principal, actor: Actor, id: string, raw: unknown) {
  const { paidOn } = parseInput(z.object({ paidOn: dateField('缴费之日') }), raw);
  return takeCaseStep(ctx, principal, actor, id, 'payFee', 'handle', async ({ trx, today }) => {
    notAfter(paidOn, today, 'paidOn');
    const notice = (await caseEvents(trx, id)).findLast((e) => e.kind === 'fee_noticed');
    if (!notice) throw new AppError('conflict', '该申请没有待缴的费用');
    const yuan = Number(JSON.parse(notice.data).yuan);
    return { status: 'processing', events: [{ kind: 'fee_paid', onDate: paidOn, data: { yuan } }] };
  });
}

/** Fee unpaid within 20 working days: the application is deemed abandoned (其他处理 2). */
export async function lapseFee(ctx: Context, principal: Principal, actor: Actor, id: string) {
  return takeCaseStep(ctx, principal, actor, id, 'lapseFee', 'handle', async ({ trx, app, today }) => {
    const notice = (await caseEvents(trx, id)).findLast((e) => e.kind === 'fee_noticed');
    if (!notice) throw new AppError('conflict', '该申请没有收费通知');
    const payBy = String(JSON.parse(notice.data).payBy);
    if (today <= payBy) throw new AppError('conflict', `缴费期限至 ${payBy}，期满后方可按逾期未缴费处理`);
    const note = `缴费期限已于${formatChineseDate(payBy)}届满，本机关未收到您缴纳的信息处理费。`;
    await issueCaseLetter(trx, ctx, actor, app, 'reply:other.feeUnpaid', { outcomeNote: note });
    return {
      status: 'decided',
      patch: { outcome: 'other.feeUnpaid', outcome_note: note, decided_on: today },
      events: [{ kind: 'fee_lapsed', onDate: today, data: { outcome: 'other.feeUnpaid' } }],
    };
  });
}
