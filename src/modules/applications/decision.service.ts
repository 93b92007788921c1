import { z } from 'zod';
import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import { parseInput } from '../../core/validation';
import type { Principal } from '../accounts';
import type { Actor } from '../audit';
import { issueCaseLetter } from './case-letters.service';
import { takeCaseStep } from './case-step';
import { isOutcomeCode, OUTCOME_CODES, outcomeOf } from './outcomes';

// The decision is exactly one of the 21 leaf outcomes of table 3 (law-and-formats.md §2.4), each tied to
// its article; the reply 告知书 is issued with it. 条例 Art. 37: a partial disclosure records what was
// withheld and why. Delivery (Art. 40) closes the case.

const decisionSchema = z.object({
  outcome: z.enum(OUTCOME_CODES, { message: '请选择答复结果（年报表三的一个具体情形）' }),
  note: z.string().trim().max(4000, '说明不能超过 4000 字').default(''),
});

// What the reply must state for these outcomes; every other outcome needs at least a short statement.
const NOTE_REQUIRED: Record<string, string> = {
  partiallyDisclosed: '部分公开须写明不予公开的部分及其理由（条例第三十七条）',
  'withheld.stateSecret': '不予公开须说明理由',
  'withheld.prohibitedByLaw': '请写明禁止公开的法律、行政法规名称及条款',
  'withheld.securityStability': '不予公开须说明理由',
  'withheld.thirdPartyRights': '请写明第三方意见及不予公开的理由',
  'withheld.internalAffairs': '不予公开须说明理由',
  'withheld.processInformation': '不予公开须说明理由',
  'withheld.enforcementFiles': '不予公开须说明理由',
  'withheld.administrativeInquiry': '请写明查询渠道',
  disclosed: '请写明提供信息的方式，或已公开信息的获取途径',
  'notProcessed.publications': '请写明公开出版物的名称及获取途径',
  'other.other': '请写明处理情况',
};

function parseDecision(raw: unknown) {
  const input = parseInput(decisionSchema, raw);
  if (!isOutcomeCode(input.outcome)) throw new AppError('validation', '答复结果无效');
  const required = NOTE_REQUIRED[input.outcome];
  if (required && input.note.length < 4)
    throw new AppError('validation', required, { fields: { note: required } });
  return { outcome: outcomeOf(input.outcome), note: input.note };
}

/** Decides the case with one outcome and issues the reply letter; only the disclosure office decides. */
export async function decideCase(ctx: Context, principal: Principal, actor: Actor, id: string, raw: unknown) {
  return takeCaseStep(ctx, principal, actor, id, 'decide', 'approve', async ({ trx, app, today }) => {
    const { outcome, ...input } = parseDecision(raw);
    await issueCaseLetter(trx, ctx, actor, app, `reply:${outcome.code}`, { outcomeNote: input.note });
    return {
      status: 'decided',
      patch: { outcome: outcome.code, outcome_note: input.note, decided_on: today },
      events: [{ kind: 'decided', onDate: today, data: { outcome: outcome.code }, note: input.note }],
      details: { outcome: outcome.code },
    };
  });
}

const deliveryMethods = {
  online: '网上送达（申请人凭查询码下载）',
  post: '邮寄',
  email: '电子邮件',
  pickup: '当面领取',
} as const;

const deliverySchema = z.object({
  deliveredOn: z.iso.date({ message: '请填写送达之日（YYYY-MM-DD）' }),
  method: z.enum(Object.keys(deliveryMethods) as [keyof typeof deliveryMethods], {
    message: '请选择送达方式',
  }),
});

/** Records delivery of the reply; the case is closed. */
export async function deliverCase(
  ctx: Context,
  principal: Principal,
  actor: Actor,
  id: string,
  raw: unknown,
) {
  return takeCaseStep(ctx, principal, actor, id, 'deliver', 'handle', async ({ app, today }) => {
    const input = parseInput(deliverySchema, raw);
    if (input.deliveredOn > today)
      throw new AppError('validation', '送达之日不能晚于今天', { fields: { deliveredOn: '不能晚于今天' } });
    if (app.decided_on && input.deliveredOn < app.decided_on)
      throw new AppError('validation', '送达之日不能早于决定之日', {
        fields: { deliveredOn: `不能早于 ${app.decided_on}` },
      });
    return {
      status: 'closed',
      patch: { closed_on: input.deliveredOn },
      events: [
        {
          kind: 'delivered',
          onDate: input.deliveredOn,
          data: { method: input.method },
          note: deliveryMethods[input.method],
        },
      ],
    };
  });
}

export { deliveryMethods };
