import { z } from 'zod';
import { chinaDay } from '../../core/clock';
import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import { newId } from '../../core/ids';
import { parseInput } from '../../core/validation';
import type { Principal } from '../accounts';
import { type Actor, auditedTransaction } from '../audit';
import { caseFor } from './case-access';
import { appendCaseEvent } from './case-events';

// 条例 Art. 51: an applicant may seek 行政复议 or sue (directly, or after reconsideration). Each is
// recorded on its case with its result; table 4 of the annual report counts them.

export const appealKindLabels = {
  reconsideration: '行政复议',
  litigationDirect: '行政诉讼（未经复议直接起诉）',
  litigationAfterReconsideration: '行政诉讼（复议后起诉）',
} as const;

export const appealResultLabels = {
  upheld: '结果维持',
  corrected: '结果纠正',
  other: '其他结果',
  pending: '尚未审结',
} as const;

const appealSchema = z.object({
  kind: z.enum(Object.keys(appealKindLabels) as [keyof typeof appealKindLabels], { message: '请选择类型' }),
  filedOn: z.iso.date({ message: '请填写申请或起诉之日（YYYY-MM-DD）' }),
  result: z.enum(Object.keys(appealResultLabels) as [keyof typeof appealResultLabels], {
    message: '请选择结果',
  }),
  concludedOn: z.union([z.literal(''), z.iso.date({ message: '审结之日格式为 YYYY-MM-DD' })]).default(''),
  note: z.string().trim().max(1000).default(''),
});

function checkDates(input: z.output<typeof appealSchema>, today: string): void {
  if (input.filedOn > today)
    throw new AppError('validation', '申请或起诉之日不能晚于今天', { fields: { filedOn: '不能晚于今天' } });
  if (input.result !== 'pending' && !input.concludedOn)
    throw new AppError('validation', '已审结的请填写审结之日', { fields: { concludedOn: '请填写审结之日' } });
  if (input.result === 'pending' && input.concludedOn)
    throw new AppError('validation', '尚未审结的不应填写审结之日', {
      fields: { concludedOn: '尚未审结时请留空' },
    });
  if (input.concludedOn && input.concludedOn < input.filedOn)
    throw new AppError('validation', '审结之日不能早于申请或起诉之日', {
      fields: { concludedOn: '不能早于申请之日' },
    });
}

/** Records a reconsideration or lawsuit on a case (new when `appealId` is absent, else its update). */
export async function recordAppeal(
  ctx: Context,
  principal: Principal,
  actor: Actor,
  applicationId: string,
  raw: unknown,
  appealId?: string,
): Promise<void> {
  const today = chinaDay(ctx.clock.now());
  await auditedTransaction(ctx, actor, async (trx) => {
    const app = await caseFor(trx, principal, applicationId, 'handle');
    const input = parseInput(appealSchema, raw);
    checkDates(input, today);
    const now = ctx.clock.now().toISOString();
    const values = {
      kind: input.kind,
      filed_on: input.filedOn,
      result: input.result,
      concluded_on: input.concludedOn || null,
      note: input.note,
      updated_at: now,
    };
    if (appealId) {
      const updated = await trx
        .updateTable('application_appeals')
        .set(values)
        .where('id', '=', appealId)
        .where('application_id', '=', applicationId)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) throw new AppError('not_found', '复议或诉讼记录不存在');
    } else {
      await trx
        .insertInto('application_appeals')
        .values({ id: newId(), application_id: applicationId, created_at: now, ...values })
        .execute();
    }
    await appendCaseEvent(trx, ctx, applicationId, actor, {
      kind: appealId ? 'appeal_updated' : 'appeal_recorded',
      onDate: today,
      note: `${appealKindLabels[input.kind]}：${appealResultLabels[input.result]}`,
    });
    return {
      result: undefined,
      audit: {
        action: 'application.appeal',
        objectType: 'application',
        objectId: applicationId,
        agencyId: app.agency_id,
        details: { kind: input.kind, result: input.result },
      },
    };
  });
}
