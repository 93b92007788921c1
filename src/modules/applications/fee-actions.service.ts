import { z } from 'zod';
import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import { parseInput } from '../../core/validation';
import type { Principal } from '../accounts';
import type { Actor } from '../audit';
import { caseCalendar } from './case-deadline';
import { caseEvents } from './case-events';
import { chargeFor } from './case-fees';
import { dateField, notAfter } from './case-input';
import { issueCaseLetter } from './case-letters.service';
import { takeCaseStep } from './case-step';
import { feePaymentDeadline } from './deadline';
import { formatChineseDate } from './letters';

// Fees under 国办函〔2020〕109号: the notice stops the clock until payment; unpaid in 20 working days the
// application is deemed abandoned (其他处理 2).

// The payment sentence of the default notice; an agency whose channel differs edits its template.
const DEFAULT_FEE_PAYMENT = '按本机关提供的非税收入缴款码缴纳，缴款码可凭申请编号向本机关索取';

const feeNoticeSchema = z.object({
  basis: z.enum(['perApplication', 'perPage'], { message: '请选择计费方式' }),
  pages: z.coerce.number().int().min(0).max(100_000).optional(),
});

/** Sends a fee notice under 109号; the clock stands still until the fee is paid. */
export async function noticeFee(ctx: Context, principal: Principal, actor: Actor, id: string, raw: unknown) {
  return takeCaseStep(ctx, principal, actor, id, 'noticeFee', 'approve', async ({ trx, app, today }) => {
    const input = parseInput(feeNoticeSchema, raw);
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
  return takeCaseStep(ctx, principal, actor, id, 'payFee', 'handle', async ({ trx, today }) => {
    const { paidOn } = parseInput(z.object({ paidOn: dateField('缴费之日') }), raw);
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
