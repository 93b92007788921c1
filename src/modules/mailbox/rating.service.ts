import { z } from 'zod';
import { chinaDay } from '../../core/clock';
import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import { parseInput } from '../../core/validation';
import type { MailboxLetter } from '../../db/schema-mailbox';
import { appendLetterEvent } from './letter-events';

// 满意度测评 (12345 意见): the writer rates the reply once, with the tracking number and query code; the
// guarded update makes a second rating (or two at once) fail instead of overwriting the first.

const ratingSchema = z.object({
  rating: z.enum(['satisfied', 'basic', 'dissatisfied'], { error: '请选择满意、基本满意或不满意' }),
});

/** Records the writer's one rating of an answered letter. */
export async function rateLetter(ctx: Context, letter: MailboxLetter, raw: unknown): Promise<void> {
  const { rating } = parseInput(ratingSchema, raw);
  if (letter.status !== 'answered') throw new AppError('conflict', '来信答复后才能评价');
  await ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    const moved = await trx
      .updateTable('mailbox_letters')
      .set((eb) => ({ rating, rated_at: now.toISOString(), version: eb('version', '+', 1) }))
      .where('id', '=', letter.id)
      .where('status', '=', 'answered')
      .where('rating', 'is', null)
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1)
      throw new AppError('conflict', '您已评价过这封来信，每封来信只能评价一次');
    await appendLetterEvent(trx, ctx, letter, null, {
      kind: 'rated',
      onDate: chinaDay(now),
      data: { rating },
    });
  });
}
