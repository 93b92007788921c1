import type { Kysely } from 'kysely';
import { z } from 'zod';
import { chinaDay } from '../../core/clock';
import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import { newId } from '../../core/ids';
import { newQueryCode, queryCodeHash } from '../../core/query-code';
import { parseInput } from '../../core/validation';
import type { DB } from '../../db/schema';
import type { Application, ApplicationChannel } from '../../db/schema-applications';
import { type Actor, auditedTransaction } from '../audit';
import { sealApplicant } from './applicant-record';
import { type ApplicationInput, parseApplication, parseRegistration } from './application-input';
import { refreshDue } from './case-deadline';
import { appendCaseEvent } from './case-events';
import { issueCaseLetter } from './case-letters.service';
import {
  holdCheck,
  issueTrackingNumber,
  openAgency,
  openedByQueryCode,
  storedTrackingNumber,
} from './public-intake';

// Intake of applications: online from the public (条例 Art. 29, 31: online receipt is the day both sides
// confirm — the platform confirms at once with the tracking number), and registration by staff of those
// received in person, by post or by fax. No third-party CAPTCHA: an IP over its hourly allowance, or a
// submission that looks like spam, lands in a holding queue that a person reviews — never dropped.

export interface Receipt {
  trackingNumber: string;
  queryCode: string; // shown once; only its digest is stored
  held: boolean;
}

async function holdReason(ctx: Context, input: ApplicationInput, ip: string): Promise<string | null> {
  const perHour = ctx.config.applications.holdPerHour;
  const now = ctx.clock.now();
  const hold = await holdCheck(ctx.db, 'applications', { ip, now, perHour, text: input.description });
  if (hold === 'too_many') return `同一地址一小时内提交超过 ${perHour} 件`;
  if (hold === 'links') return '描述中含有大量链接';
  return null;
}

/** The public online form: stores the application and answers with its tracking number and query code. */
export async function submitApplication(
  ctx: Context,
  agencyId: string,
  raw: Record<string, unknown>,
  ip: string,
): Promise<Receipt> {
  const input = parseApplication(raw);
  await openAgency(ctx.db, agencyId, '受理机关不存在');
  const held = await holdReason(ctx, input, ip);
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    const day = chinaDay(now);
    const receipt = await insertApplication(trx, ctx, agencyId, input, {
      channel: 'online',
      receivedOn: held ? null : day,
      ip,
      heldReason: held,
    });
    await appendCaseEvent(trx, ctx, receipt.id, null, {
      kind: 'submitted',
      onDate: day,
      data: { channel: 'online' },
    });
    if (held) {
      await appendCaseEvent(trx, ctx, receipt.id, null, { kind: 'held', onDate: day, note: held });
    } else {
      await appendCaseEvent(trx, ctx, receipt.id, null, { kind: 'received', onDate: day });
      await refreshDue(trx, ctx, receipt.id);
      await issueReceipt(trx, ctx, null, receipt.id);
    }
    return { trackingNumber: receipt.trackingNumber, queryCode: receipt.queryCode, held: held !== null };
  });
}

/** Staff register an application received in person, by post or by fax, with the receipt day of Art. 31. */
export async function registerApplication(
  ctx: Context,
  actor: Actor,
  agencyId: string,
  raw: Record<string, unknown>,
): Promise<Receipt & { id: string }> {
  const input = parseRegistration(raw);
  const today = chinaDay(ctx.clock.now());
  if (input.receivedOn > today)
    throw new AppError('validation', '收到申请之日不能晚于今天', { fields: { receivedOn: '不能晚于今天' } });
  await openAgency(ctx.db, agencyId, '受理机关不存在');
  return auditedTransaction(ctx, actor, async (trx) => {
    const receipt = await insertApplication(trx, ctx, agencyId, input, {
      channel: input.channel,
      receivedOn: input.receivedOn,
      ip: null,
      heldReason: null,
    });
    await appendCaseEvent(trx, ctx, receipt.id, actor, {
      kind: 'registered',
      onDate: today,
      data: { channel: input.channel },
    });
    await appendCaseEvent(trx, ctx, receipt.id, actor, { kind: 'received', onDate: input.receivedOn });
    await refreshDue(trx, ctx, receipt.id);
    await issueReceipt(trx, ctx, actor, receipt.id);
    return {
      result: { ...receipt, held: false },
      audit: {
        action: 'application.registered',
        objectType: 'application',
        objectId: receipt.id,
        agencyId,
        details: { trackingNumber: receipt.trackingNumber, channel: input.channel },
      },
    };
  });
}

/** The 受理回执 (Art. 31, 33): issued once the receipt day is fixed. */
export async function issueReceipt(
  trx: Kysely<DB>,
  ctx: Context,
  actor: Actor | null,
  id: string,
): Promise<void> {
  const app = await trx.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  await issueCaseLetter(trx, ctx, actor, app, 'receipt', {});
}

async function insertApplication(
  trx: Kysely<DB>,
  ctx: Context,
  agencyId: string,
  input: ApplicationInput,
  how: {
    channel: ApplicationChannel;
    receivedOn: string | null;
    ip: string | null;
    heldReason: string | null;
  },
) {
  const now = ctx.clock.now();
  const id = newId();
  const trackingNumber = await issueTrackingNumber(trx, agencyId, chinaDay(now), {
    name: 'application',
    prefix: '',
  });
  const queryCode = newQueryCode();
  await trx
    .insertInto('applications')
    .values({
      id,
      agency_id: agencyId,
      tracking_number: trackingNumber,
      query_code_hash: queryCodeHash(queryCode),
      channel: how.channel,
      ...sealApplicant(ctx.keys, input),
      description: input.description,
      delivery_form: input.deliveryForm,
      delivery_channel: input.deliveryChannel,
      status: how.heldReason ? 'held' : 'received',
      held_reason: how.heldReason,
      submitted_ip: how.ip,
      received_on: how.receivedOn,
      assigned_to: null,
      due_on: null,
      outcome: null,
      outcome_note: null,
      decided_on: null,
      closed_on: null,
      purged_at: null,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    })
    .execute();
  return { id, trackingNumber, queryCode };
}

const correctionTextSchema = z.object({
  correction: z.string().trim().min(5, '请填写补正内容（至少 5 个字）').max(4000, '补正内容不能超过 4000 字'),
});

// 条例 Art. 30: the reply period runs again from the day the corrected application is received; online
// that is the day the platform confirms it, i.e. today.
/** The applicant's corrected application, sent online from their case page. */
export async function submitCorrection(ctx: Context, app: Application, raw: unknown): Promise<void> {
  const { correction } = parseInput(correctionTextSchema, raw);
  await ctx.db.transaction().execute(async (trx) => {
    const moved = await trx
      .updateTable('applications')
      .set((eb) => ({
        status: 'processing' as const,
        updated_at: ctx.clock.now().toISOString(),
        version: eb('version', '+', 1),
      }))
      .where('id', '=', app.id)
      .where('status', '=', 'correction')
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1) throw new AppError('conflict', '该申请当前不需要补正');
    await appendCaseEvent(trx, ctx, app.id, null, {
      kind: 'correction_received',
      onDate: chinaDay(ctx.clock.now()),
      data: { channel: 'online' },
      note: correction,
    });
    await refreshDue(trx, ctx, app.id);
  });
}

/** The case a tracking number and query code open for the applicant; one message for every mismatch. */
export async function findByTracking(
  ctx: Context,
  trackingNumber: string,
  queryCode: string,
): Promise<Application> {
  const row = await ctx.db
    .selectFrom('applications')
    .selectAll()
    .where('tracking_number', '=', storedTrackingNumber(trackingNumber))
    .executeTakeFirst();
  return openedByQueryCode(row, queryCode, '申请编号或查询码不正确，请核对后重试');
}
