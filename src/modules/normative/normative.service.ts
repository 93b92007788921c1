import type { Kysely } from 'kysely';
import { z } from 'zod';
import { chinaDay } from '../../core/clock';
import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import { newId } from '../../core/ids';
import { parseInput } from '../../core/validation';
import type { DB, Item } from '../../db/schema';
import { syncSearchIndex } from '../../search/item-indexer';
import type { Principal } from '../accounts';
import { type Actor, auditedTransaction, systemActor } from '../audit';
import {
  canChangeNormativeStatus,
  isTrialTitle,
  type NormativeStatus,
  normativeStatusLabels,
  validUntil,
} from './normative-lifecycle';

// The 规范性文件 registry: a document is registered when it is published, its status changes are
// events with date and instrument, and expiry is applied by a daily job.

export const NORMATIVE_GENRE = '规范性文件';

/** Registers a just-published normative document inside the publishing transaction. */
export async function registerNormative(
  trx: Kysely<DB>,
  ctx: Context,
  item: {
    id: string;
    agency_id: string;
    title: string;
    registration_number: string | null;
    effective_from: string | null;
  },
): Promise<void> {
  if (!item.registration_number || !item.effective_from) {
    throw new AppError('validation', '规范性文件须有登记号和施行日期');
  }
  const trial = isTrialTitle(item.title);
  const now = ctx.clock.now().toISOString();
  await trx
    .insertInto('normative_documents')
    .values({
      item_id: item.id,
      agency_id: item.agency_id,
      registration_number: item.registration_number,
      effective_from: item.effective_from,
      valid_until: validUntil(item.effective_from, trial, ctx.config.normativeValidity),
      trial: trial ? 1 : 0,
      status: 'in_force',
      status_date: item.effective_from,
      status_instrument: '',
      successor_item_id: null,
      registered_at: now,
    })
    .execute();
  await trx
    .insertInto('normative_events')
    .values({
      id: newId(),
      item_id: item.id,
      status: 'in_force',
      effective_on: item.effective_from,
      instrument: '登记发布',
      actor_name: '系统',
      at: now,
    })
    .execute();
}

const statusChangeSchema = z.object({
  status: z.enum(['expired', 'repealed', 'amended', 'partly_expired'], { message: '请选择新的有效性状态' }),
  effectiveOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD'),
  instrument: z
    .string()
    .trim()
    .min(2, '请填写引起变化的文件（如 示政发〔2027〕1号）')
    .max(120, '不超过 120 字'),
  successorItemId: z
    .string()
    .optional()
    .transform((v) => v || null),
});

/**
 * Records a status change (废止, 已修订 with its successor, 部分失效, 失效) by the disclosure office or leader;
 * the role is checked before the form is read, so the form says nothing to someone who may not use it.
 */
export async function changeNormativeStatus(
  ctx: Context,
  p: Principal,
  actor: Actor,
  item: Pick<Item, 'id' | 'agency_id'>,
  raw: unknown,
) {
  const roles = p.grants.filter((g) => g.agencyId === item.agency_id).map((g) => g.role);
  if (!roles.some((r) => r === 'reviewer2' || r === 'reviewer3'))
    throw new AppError('forbidden', '只有复审或终审人员可以变更文件有效性');
  const input = parseInput(statusChangeSchema, raw);
  const itemId = item.id;
  const entry = await ctx.db
    .selectFrom('normative_documents')
    .selectAll()
    .where('item_id', '=', itemId)
    .executeTakeFirst();
  if (!entry) throw new AppError('not_found', '该信息不在规范性文件库中');
  if (!canChangeNormativeStatus(entry.status, input.status)) {
    throw new AppError(
      'conflict',
      `“${normativeStatusLabels[entry.status]}”的文件不能变为“${normativeStatusLabels[input.status]}”`,
    );
  }
  if (input.status === 'amended')
    await checkSuccessor(ctx.db, entry.agency_id, itemId, input.successorItemId);
  await auditedTransaction(ctx, actor, async (trx) => {
    const now = ctx.clock.now().toISOString();
    const r = await trx
      .updateTable('normative_documents')
      .set({
        status: input.status,
        status_date: input.effectiveOn,
        status_instrument: input.instrument,
        successor_item_id: input.status === 'amended' ? input.successorItemId : null,
      })
      .where('item_id', '=', itemId)
      .where('status', '=', entry.status)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('conflict', '文件状态已被他人变更，请刷新');
    await syncSearchIndex(trx, itemId); // 有效性 is a search filter
    await trx
      .insertInto('normative_events')
      .values({
        id: newId(),
        item_id: itemId,
        status: input.status,
        effective_on: input.effectiveOn,
        instrument: input.instrument,
        actor_name: p.displayName,
        at: now,
      })
      .execute();
    return {
      result: undefined,
      audit: {
        action: 'normative.status_changed',
        objectType: 'item',
        objectId: itemId,
        agencyId: entry.agency_id,
        details: { before: entry.status, after: input.status, instrument: input.instrument },
      },
    };
  });
}

async function checkSuccessor(db: Kysely<DB>, agencyId: string, itemId: string, successorId: string | null) {
  const message = '已修订的文件须关联修订后的新文件（本单位已发布的规范性文件）';
  if (!successorId || successorId === itemId)
    throw new AppError('validation', message, { fields: { successorItemId: message } });
  const successor = await db
    .selectFrom('normative_documents')
    .select(['agency_id'])
    .where('item_id', '=', successorId)
    .executeTakeFirst();
  if (!successor || successor.agency_id !== agencyId)
    throw new AppError('validation', message, { fields: { successorItemId: message } });
}

/** The daily job: documents past their validity lapse automatically (§3.5). Returns how many lapsed. */
export async function lapseExpiredNormatives(ctx: Context): Promise<number> {
  const today = chinaDay(ctx.clock.now());
  const due = await ctx.db
    .selectFrom('normative_documents')
    .select(['item_id', 'agency_id', 'status', 'valid_until'])
    .where('status', 'in', ['in_force', 'partly_expired'])
    .where('valid_until', '<', today)
    .execute();
  for (const doc of due) {
    await auditedTransaction(ctx, systemActor('normative-expiry'), async (trx) => {
      const lapsedOn = nextDay(doc.valid_until);
      await trx
        .updateTable('normative_documents')
        .set({ status: 'expired', status_date: lapsedOn, status_instrument: '有效期届满' })
        .where('item_id', '=', doc.item_id)
        .where('status', '=', doc.status)
        .execute();
      await trx
        .insertInto('normative_events')
        .values({
          id: newId(),
          item_id: doc.item_id,
          status: 'expired',
          effective_on: lapsedOn,
          instrument: '有效期届满',
          actor_name: '系统',
          at: ctx.clock.now().toISOString(),
        })
        .execute();
      await syncSearchIndex(trx, doc.item_id);
      return {
        result: undefined,
        audit: {
          action: 'normative.expired',
          objectType: 'item',
          objectId: doc.item_id,
          agencyId: doc.agency_id,
        },
      };
    });
  }
  return due.length;
}

function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export type { NormativeStatus };
