import type { Kysely } from 'kysely';
import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import { newId } from '../../core/ids';
import type { DB, Item } from '../../db/schema';
import { nextSequence } from '../../db/sequences';
import { syncSearchIndex } from '../../search/item-indexer';
import type { Principal } from '../accounts';
import { type Actor, auditedTransaction, systemActor } from '../audit';
import { interpretationOf, interpretationsOfPolicy, isPolicyItem } from '../interpretations';
import { NORMATIVE_GENRE, registerNormative } from '../normative';
import { mergeCorrection } from './correction.service';
import { formatIndexNumber, indexPeriod } from './index-number';
import { notifyItemStatus } from './item-status-listeners';
import { decideReview } from './review-machine';

// Publishing a signed 主动公开 item: at once or at its scheduled time, with an index number from the
// agency's template. The publish time is fixed once set; withdrawal keeps the record and its reason.

/** Issues the next index number of an agency inside the caller's transaction; numbers are never reused. */
export async function issueIndexNumber(trx: Kysely<DB>, agencyId: string, at: Date): Promise<string> {
  const agency = await trx
    .selectFrom('agencies')
    .select(['code', 'uscc', 'index_template'])
    .where('id', '=', agencyId)
    .executeTakeFirstOrThrow();
  const seq = await nextSequence(trx, agencyId, indexPeriod(agency.index_template, at));
  return formatIndexNumber(agency.index_template, {
    uscc: agency.uscc,
    agencyCode: agency.code,
    at,
    seq,
  });
}

/** Publishes an approved proactive item now, inside the caller's transaction; false if it was not due. */
export async function publishApproved(
  trx: Kysely<DB>,
  ctx: Context,
  item: Pick<Item, 'id' | 'agency_id'>,
): Promise<boolean> {
  const candidate = await trx
    .selectFrom('items')
    .select(['correction_of', 'status'])
    .where('id', '=', item.id)
    .executeTakeFirst();
  if (candidate?.correction_of && candidate.status === 'approved') {
    await mergeCorrection(
      trx,
      ctx,
      await trx.selectFrom('items').selectAll().where('id', '=', item.id).executeTakeFirstOrThrow(),
    );
    return true;
  }
  const now = ctx.clock.now();
  const indexNumber = await issueIndexNumber(trx, item.agency_id, now);
  const published = await trx
    .updateTable('items')
    .set({
      status: 'published',
      published_at: now.toISOString(),
      index_number: indexNumber,
      updated_at: now.toISOString(),
    })
    .where('id', '=', item.id)
    .where('status', '=', 'approved')
    .where('disclosure', '=', 'proactive')
    .returningAll()
    .executeTakeFirst();
  if (!published) throw new AppError('conflict', '该信息已发布或状态已变化');
  await notifyItemStatus(trx, ctx, published, 'published');
  if (published.genre === NORMATIVE_GENRE) await registerNormative(trx, ctx, published);
  await syncSearchIndex(trx, published.id);
  await trx
    .insertInto('review_actions')
    .values({
      id: newId(),
      item_id: item.id,
      round: 0,
      step: null,
      step_label: '发布',
      action: 'publish',
      actor_id: null,
      actor_name: '系统',
      opinion: `索引号 ${indexNumber}`,
      secrecy_checked: 0,
      at: now.toISOString(),
    })
    .execute();
  // 三同步: interpretations signed before their policy go out with it.
  if (isPolicyItem(published)) {
    for (const i of await interpretationsOfPolicy(trx, published.id)) {
      if (i.status === 'approved')
        await publishApproved(trx, ctx, { id: i.id, agency_id: published.agency_id });
    }
  }
  return true;
}

/** False while an interpretation's policy is not yet published (the interpretation waits for it). */
export async function policyIsOut(db: Kysely<DB>, itemId: string): Promise<boolean> {
  const link = await interpretationOf(db, itemId);
  if (!link) return true;
  const policy = await db
    .selectFrom('items')
    .select('status')
    .where('id', '=', link.policy_item_id)
    .executeTakeFirst();
  return policy?.status === 'published';
}

/** Publishes every approved proactive item whose scheduled time has come (run by the scheduler). */
export async function publishDueItems(ctx: Context): Promise<number> {
  const now = ctx.clock.now().toISOString();
  const due = await ctx.db
    .selectFrom('items')
    .select(['id', 'agency_id'])
    .where('status', '=', 'approved')
    .where('disclosure', '=', 'proactive')
    .where((eb) => eb.or([eb('scheduled_at', 'is', null), eb('scheduled_at', '<=', now)]))
    .execute();
  let published = 0;
  for (const item of due) {
    if (!(await policyIsOut(ctx.db, item.id))) continue;
    await auditedTransaction(ctx, systemActor('scheduler'), async (trx) => {
      await publishApproved(trx, ctx, item);
      return {
        result: undefined,
        audit: {
          action: 'item.published',
          objectType: 'item',
          objectId: item.id,
          agencyId: item.agency_id,
          details: { scheduled: true },
        },
      };
    }).then(
      () => published++,
      (error: unknown) => {
        if (!(error instanceof AppError && error.code === 'conflict')) throw error;
      },
    );
  }
  return published;
}

/** Withdraws a published item (复审/终审): it leaves the portal, its record and index number stay. */
export async function withdrawItem(
  ctx: Context,
  principal: Principal,
  actor: Actor,
  item: Item,
  reason: string,
) {
  const roles = principal.grants.filter((g) => g.agencyId === item.agency_id).map((g) => g.role);
  const decision = decideReview(
    { status: item.status, step: null, chain: [], createdBy: item.created_by, actedThisRound: [] },
    { userId: principal.userId, roles },
    'withdraw',
  );
  if (!decision.ok) throw new AppError(decision.code, decision.reason);
  const text = reason.trim();
  if (text.length < 4 || text.length > 300)
    throw new AppError('validation', '请写明撤下原因（4–300 字）', {
      fields: { reason: '请写明撤下原因（4–300 字）' },
    });
  await auditedTransaction(ctx, actor, async (trx) => {
    const now = ctx.clock.now().toISOString();
    const result = await trx
      .updateTable('items')
      .set({ status: 'withdrawn', withdrawn_at: now, withdrawn_reason: text, updated_at: now })
      .where('id', '=', item.id)
      .where('status', '=', 'published')
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new AppError('conflict', '该信息已被撤下');
    await notifyItemStatus(trx, ctx, item, 'withdrawn');
    await trx
      .insertInto('review_actions')
      .values({
        id: newId(),
        item_id: item.id,
        round: item.review_round,
        step: null,
        step_label: '撤下',
        action: 'withdraw',
        actor_id: principal.userId,
        actor_name: principal.displayName,
        opinion: text,
        secrecy_checked: 0,
        at: now,
      })
      .execute();
    await syncSearchIndex(trx, item.id);
    return {
      result: undefined,
      audit: {
        action: 'item.withdrawn',
        objectType: 'item',
        objectId: item.id,
        agencyId: item.agency_id,
        details: { reason: text },
      },
    };
  });
}
