import { z } from 'zod';
import { AppError } from '../../core/errors';
import { appendLetterEvent } from './letter-events';
import { letterStep, noInput } from './letter-step';
import { notifyWriter } from './writer-mail';

// 办理、回复: the handler drafts the reply, a reviewer of the agency other than the drafter approves or
// returns it (four eyes), and the approved reply is sent: the writer sees it on the tracking page and by
// e-mail; every duplicate merged into the letter is answered with the same reply.

const draftSchema = z.object({
  reply: z
    .string({ error: '请填写答复内容' })
    .trim()
    .min(10, '答复内容至少 10 个字')
    .max(5000, '答复内容不超过 5000 字'),
});

/** Drafts (or redrafts after a return) the reply and sends it to review. */
export const draftReply = letterStep(
  { action: 'draft', label: '拟写答复', need: 'handle', from: ['accepted'] },
  draftSchema,
  async ({ p, input }, _t, _l, today) => ({
    status: 'review',
    patch: { reply_draft: input.reply, drafted_by: p.userId },
    events: [{ kind: 'drafted', onDate: today }],
  }),
);

const reviewSchema = z
  .object({
    decision: z.enum(['approve', 'return'], { error: '请选择审核意见' }),
    opinion: z.string().trim().max(500, '审核意见不超过 500 字').optional().default(''),
  })
  .refine((v) => v.decision === 'approve' || v.opinion.length >= 2, {
    path: ['opinion'],
    message: '退回时请写明修改意见',
  });

/** A reviewer other than the drafter approves the draft or returns it with an opinion. */
export const reviewReply = letterStep(
  { action: 'review', label: '审核答复', need: 'review', from: ['review'] },
  reviewSchema,
  async ({ p, input }, _t, l, today) => {
    if (l.drafted_by === p.userId) throw new AppError('forbidden', '答复须由拟稿人以外的审核人员审核');
    const approved = input.decision === 'approve';
    return {
      status: approved ? 'approved' : 'accepted',
      events: [
        { kind: approved ? 'review_approved' : 'review_returned', onDate: today, note: input.opinion },
      ],
      details: { decision: input.decision },
    };
  },
);

/** Sends the approved reply to the writer and to the writers of every merged duplicate. */
export const sendReply = letterStep(
  { action: 'send', label: '发送答复', need: 'handle', from: ['approved'] },
  noInput,
  async ({ ctx, actor, id }, _t, l, today) => ({
    status: 'answered',
    patch: { reply: l.reply_draft, answered_on: today, answered_agency_id: l.agency_id },
    events: [{ kind: 'sent', onDate: today }],
    afterwards: async (trx, updated) => {
      await notifyWriter(trx, ctx, updated, 'answered');
      const duplicates = await trx
        .selectFrom('mailbox_letters')
        .selectAll()
        .where('primary_id', '=', id)
        .where('status', '=', 'merged')
        .execute();
      for (const d of duplicates) {
        await trx
          .updateTable('mailbox_letters')
          .set((eb) => ({
            status: 'answered' as const,
            reply: updated.reply,
            answered_on: today,
            answered_agency_id: updated.agency_id,
            updated_at: ctx.clock.now().toISOString(),
            version: eb('version', '+', 1),
          }))
          .where('id', '=', d.id)
          .execute();
        await appendLetterEvent(trx, ctx, d, actor, {
          kind: 'sent',
          onDate: today,
          data: { with: updated.tracking_number },
        });
        await notifyWriter(
          trx,
          ctx,
          { ...d, reply: updated.reply, answered_on: today, answered_agency_id: updated.agency_id },
          'answered',
        );
      }
    },
  }),
);
