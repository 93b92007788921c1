import { z } from 'zod';
import { AppError } from '../../core/errors';
import type { LetterType } from '../../db/schema-mailbox';
import { agencyHandlers } from '../applications';
import { deadlineRules } from './deadline-rules.service';
import { mayOnLetter } from './letter-access';
import { dueFor, OPEN_STATUSES, startClock } from './letter-clock';
import { restartOnForward } from './letter-deadline';
import { appendLetterEvent } from './letter-events';
import { LETTER_TYPES, letterTypeLabels } from './letter-input';
import { letterStep, noInput } from './letter-step';
import { notifyWriter } from './writer-mail';

// 受理、分办、转办、并单 (12345 意见: "接得更快、分得更准"; 2025 意见: "重复诉求事项原则上并单处理"). Each is one
// version-guarded step with its event and audit record.

const reason = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(2, `请填写${label}（至少 2 个字）`)
    .max(500, `${label}不超过 500 字`);

/** A held letter is a real letter after all: receive it today and start its clock. */
export const releaseLetter = letterStep(
  { action: 'release', label: '确认来信', need: 'handle', from: ['held'] },
  noInput,
  async ({ ctx, actor, id }, _trx, _l, today) => ({
    status: 'received',
    events: [{ kind: 'released', onDate: today }],
    afterwards: async (trx) => {
      await startClock(trx, ctx, id, today, actor);
    },
    details: { receivedOn: today },
  }),
);

/** A held submission that is not a letter (spam, abuse): kept, never deleted, out of the counts. */
export const setAsideLetter = letterStep(
  { action: 'set_aside', label: '搁置', need: 'handle', from: ['held'] },
  z.object({ reason: reason('搁置理由') }),
  async ({ input }, _t, _l, today) => ({
    status: 'set_aside',
    events: [{ kind: 'set_aside', onDate: today, note: input.reason }],
  }),
);

const acceptSchema = z.object({
  type: z.enum(LETTER_TYPES as [LetterType, ...LetterType[]], { error: '请选择来信类型' }).optional(),
});

/** Accepts a letter as valid; a corrected type takes its own deadline, still from the day of receipt. */
export const acceptLetter = letterStep(
  { action: 'accept', label: '受理', need: 'handle', from: ['received'] },
  acceptSchema,
  async ({ input }, trx, l, today) => {
    const type = input.type ?? l.type;
    if (type === l.type) return { status: 'accepted', events: [{ kind: 'accepted', onDate: today }] };
    const days = (await deadlineRules(trx))[type];
    const dueOn = await dueFor(trx, l.received_on as string, type, days);
    return {
      status: 'accepted',
      patch: { type, due_on: dueOn, deadline_days: days },
      events: [
        {
          kind: 'accepted',
          onDate: today,
          note: `类型由“${letterTypeLabels[l.type]}”改为“${letterTypeLabels[type]}”`,
          data: { type, dueOn },
        },
      ],
      details: { type },
    };
  },
);

/** Rejects a letter as invalid (不予受理) with the reason the writer will read. */
export const rejectLetter = letterStep(
  { action: 'reject', label: '不予受理', need: 'handle', from: ['received'] },
  z.object({ reason: reason('不予受理理由') }),
  async ({ ctx, input }, _t, _l, today) => ({
    status: 'invalid',
    patch: { invalid_reason: input.reason },
    events: [{ kind: 'rejected', onDate: today, note: input.reason }],
    afterwards: (trx, updated) => notifyWriter(trx, ctx, updated, 'rejected'),
  }),
);

/** Gives the letter to a handler of the agency (accepting it if it was only received). */
export const assignLetter = letterStep(
  { action: 'assign', label: '分办', need: 'handle', from: ['received', 'accepted'] },
  z.object({ assigneeId: z.string({ error: '请选择承办人' }).trim().min(1, '请选择承办人') }),
  async ({ input }, trx, l, today) => {
    const user = (await agencyHandlers(trx, l.agency_id)).find((u) => u.id === input.assigneeId);
    if (!user)
      throw new AppError('validation', '承办人须是本单位信息员或公开办人员', {
        fields: { assigneeId: '请选择本单位的承办人' },
      });
    const events = [{ kind: 'assigned', onDate: today, data: { to: user.name } }];
    if (l.status === 'received') events.unshift({ kind: 'accepted', onDate: today, data: { to: '' } });
    return {
      status: 'accepted',
      patch: { assigned_to: user.id },
      events,
      details: { assignee: user.name },
    };
  },
);

const forwardSchema = z.object({
  toAgencyId: z.string({ error: '请选择承办单位' }).trim().min(1, '请选择承办单位'),
  note: reason('转办说明'),
});

/** 转办: the responsible agency gets the letter with its whole history; the clock keeps running. */
export const forwardLetter = letterStep(
  { action: 'forward', label: '转办', need: 'handle', from: ['received', 'accepted'] },
  forwardSchema,
  async ({ id, input }, trx, l, today) => {
    const to = await trx
      .selectFrom('agencies')
      .select(['id', 'name'])
      .where('id', '=', input.toAgencyId)
      .where('enabled', '=', 1)
      .executeTakeFirst();
    if (!to || to.id === l.agency_id)
      throw new AppError('validation', '请选择另一个承办单位', {
        fields: { toAgencyId: '请选择另一个承办单位' },
      });
    const from = await trx
      .selectFrom('agencies')
      .select('name')
      .where('id', '=', l.agency_id)
      .executeTakeFirstOrThrow();
    const patch = {
      agency_id: to.id,
      assigned_to: null,
      ...(restartOnForward ? { received_on: today, due_on: await dueFor(trx, today, l.type) } : {}),
    };
    return {
      status: 'received',
      patch,
      events: [
        { kind: 'forwarded', onDate: today, note: input.note, data: { toId: to.id, toName: to.name } },
        {
          kind: 'forwarded_in',
          onDate: today,
          note: input.note,
          data: { fromName: from.name },
          agencyId: to.id,
        },
      ],
      details: { to: to.name },
      // Duplicates merged into this letter go with it, to be answered with it.
      afterwards: async (t) => {
        await t
          .updateTable('mailbox_letters')
          .set({ agency_id: to.id })
          .where('primary_id', '=', id)
          .where('status', '=', 'merged')
          .execute();
      },
    };
  },
);

/** 并单: a duplicate points to its primary letter and is answered with it; both writers get the reply. */
export const mergeLetter = letterStep(
  { action: 'merge', label: '合并重复来信', need: 'handle', from: ['received', 'accepted'] },
  z.object({ primary: z.string({ error: '请填写主信件编号' }).trim().min(1, '请填写主信件编号').max(40) }),
  async ({ ctx, p, actor, input }, trx, l, today) => {
    const primary = await trx
      .selectFrom('mailbox_letters')
      .selectAll()
      .where('tracking_number', '=', input.primary.toUpperCase())
      .executeTakeFirst();
    const bad = (m: string) => new AppError('validation', m, { fields: { primary: m } });
    if (!primary || !mayOnLetter(p, primary.agency_id, 'view') || primary.agency_id !== l.agency_id)
      throw bad('主信件须是本单位的另一件来信');
    if (primary.id === l.id) throw bad('不能与自身合并');
    if (!(OPEN_STATUSES as readonly string[]).includes(primary.status)) throw bad('主信件须尚未答复');
    return {
      status: 'merged',
      patch: { primary_id: primary.id },
      events: [{ kind: 'merged', onDate: today, data: { primary: primary.tracking_number } }],
      details: { primary: primary.tracking_number },
      afterwards: async (t) => {
        await appendLetterEvent(t, ctx, primary, actor, {
          kind: 'duplicate_added',
          onDate: today,
          data: { duplicate: l.tracking_number },
        });
      },
    };
  },
);
