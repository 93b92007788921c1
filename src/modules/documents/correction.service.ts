import type { Kysely } from 'kysely';
import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import { newId } from '../../core/ids';
import type { DB, Item } from '../../db/schema';
import { syncSearchIndex } from '../../search/item-indexer';
import type { Principal } from '../accounts';
import { type Actor, auditedTransaction } from '../audit';

// Correcting a published item (更正): an editor opens a correction draft — a copy of the item — which
// goes through the same review. When it is published, the item takes the corrected content as its next
// version; its id, index number and first publication time stay; the version it replaced is kept.

/** Opens a correction draft of a published item, with the reason for the correction. */
export async function startCorrection(
  ctx: Context,
  p: Principal,
  actor: Actor,
  item: Item,
  reason: string,
): Promise<Item> {
  const isEditor = p.grants.some((g) => g.agencyId === item.agency_id && g.role === 'editor');
  if (!isEditor) throw new AppError('forbidden', '只有本单位信息员可以发起更正');
  if (item.status !== 'published') throw new AppError('conflict', '只有已发布的信息可以更正');
  const text = reason.trim();
  if (text.length < 4 || text.length > 300) {
    throw new AppError('validation', '请写明更正原因（4–300 字）', {
      fields: { reason: '请写明更正原因（4–300 字）' },
    });
  }
  const open = await ctx.db
    .selectFrom('items')
    .select('id')
    .where('correction_of', '=', item.id)
    .where('status', 'in', ['draft', 'in_review', 'approved'])
    .executeTakeFirst();
  if (open) throw new AppError('conflict', '该信息已有一份进行中的更正，请先完成或撤回它');
  const now = ctx.clock.now().toISOString();
  const { id: _id, index_number: _n, published_at: _p, view_count: _v, version: _ver, ...content } = item;
  return auditedTransaction(ctx, actor, async (trx) => {
    const draft = await trx
      .insertInto('items')
      .values({
        ...content,
        id: newId(),
        status: 'draft',
        review_step: null,
        review_round: 0,
        published_at: null,
        index_number: null,
        view_count: 0,
        correction_of: item.id,
        correction_reason: text,
        created_by: p.userId,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return {
      result: draft,
      audit: {
        action: 'item.correction_started',
        objectType: 'item',
        objectId: item.id,
        agencyId: item.agency_id,
        details: { draft: draft.id, reason: text },
      },
    };
  });
}

/**
 * Publishes a signed correction into the item it corrects, inside the publishing transaction: the
 * current content becomes a kept version, the item takes the corrected content and the next version
 * number, and the correction draft is closed (never public on its own).
 */
export async function mergeCorrection(trx: Kysely<DB>, ctx: Context, correction: Item): Promise<void> {
  const original = await trx
    .selectFrom('items')
    .selectAll()
    .where('id', '=', correction.correction_of ?? '')
    .executeTakeFirst();
  if (original?.status !== 'published') throw new AppError('conflict', '被更正的信息已不在发布状态');
  const now = ctx.clock.now().toISOString();
  const lastVersion = await trx
    .selectFrom('item_versions')
    .select('replaced_at')
    .where('item_id', '=', original.id)
    .orderBy('version', 'desc')
    .executeTakeFirst();
  await trx
    .insertInto('item_versions')
    .values({
      id: newId(),
      item_id: original.id,
      version: original.version,
      title: original.title,
      body_html: original.body_html,
      doc_number: original.doc_number,
      summary: original.summary,
      valid_from: lastVersion?.replaced_at ?? original.published_at ?? original.created_at,
      replaced_at: now,
      reason: correction.correction_reason ?? '',
    })
    .execute();
  await trx
    .updateTable('items')
    .set({
      title: correction.title,
      body_html: correction.body_html,
      summary: correction.summary,
      keywords: correction.keywords,
      doc_number: correction.doc_number,
      issuer: correction.issuer,
      written_on: correction.written_on,
      subject_id: correction.subject_id,
      genre: correction.genre,
      version: original.version + 1,
      updated_at: now,
    })
    .where('id', '=', original.id)
    .execute();
  await trx
    .updateTable('items')
    .set({
      status: 'withdrawn',
      visibility: 'agency',
      withdrawn_at: now,
      withdrawn_reason: `已作为第 ${original.version + 1} 版并入原信息`,
      updated_at: now,
    })
    .where('id', '=', correction.id)
    .execute();
  await trx
    .insertInto('review_actions')
    .values({
      id: newId(),
      item_id: original.id,
      round: 0,
      step: null,
      step_label: '更正发布',
      action: 'publish',
      actor_id: null,
      actor_name: '系统',
      opinion: `第 ${original.version + 1} 版：${correction.correction_reason ?? ''}`,
      secrecy_checked: 0,
      at: now,
    })
    .execute();
  await syncSearchIndex(trx, original.id);
  await syncSearchIndex(trx, correction.id);
}

/** The kept versions of an item, oldest first. */
export function itemVersions(db: Kysely<DB>, itemId: string) {
  return db
    .selectFrom('item_versions')
    .selectAll()
    .where('item_id', '=', itemId)
    .orderBy('version')
    .execute();
}
