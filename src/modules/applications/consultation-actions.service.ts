import { z } from 'zod';
import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import { parseInput } from '../../core/validation';
import type { Principal } from '../accounts';
import type { Actor } from '../audit';
import { clockOf } from './case-clock';
import { caseCalendar, dueReport } from './case-deadline';
import { asClockEvents, caseEvents } from './case-events';
import { dateField, notAfter } from './case-input';
import { issueCaseLetter } from './case-letters.service';
import { takeCaseStep } from './case-step';
import { consultationReplyDeadline } from './deadline';

// Consultations (条例 Art. 32, 34) and the one extension (Art. 33): the steps that stop or move the clock.

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
  return takeCaseStep(
    ctx,
    principal,
    actor,
    id,
    'startConsultation',
    'handle',
    async ({ trx, app, today }) => {
      const input = parseInput(consultationSchema, raw);
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

const endConsultationSchema = z.object({
  endedOn: dateField('征求意见结束之日'),
  result: z.string().trim().min(2, '请记录对方意见或逾期未答复').max(1000),
});

/** Ends a consultation on the day the answer arrived (or the answer period ran out). */
export async function endConsultation(
  ctx: Context,
  principal: Principal,
  actor: Actor,
  id: string,
  raw: unknown,
) {
  return takeCaseStep(ctx, principal, actor, id, 'endConsultation', 'handle', async ({ trx, today }) => {
    const input = parseInput(endConsultationSchema, raw);
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

const extensionSchema = z.object({
  days: z.coerce
    .number()
    .int()
    .min(1, '延长期限至少 1 个工作日')
    .max(20, '延长期限最长不超过 20 个工作日（条例第三十三条）'),
  reason: z.string().trim().min(4, '请写明延期理由').max(500),
});

// 条例 Art. 33: one extension of at most 20 working days, approved by the head of the disclosure office,
// with a notice to the applicant.
/** Approves the one extension and notifies the applicant. */
export async function extendCase(ctx: Context, principal: Principal, actor: Actor, id: string, raw: unknown) {
  return takeCaseStep(ctx, principal, actor, id, 'extend', 'approve', async ({ trx, app, today }) => {
    const input = parseInput(extensionSchema, raw);
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
