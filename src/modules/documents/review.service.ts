import type { Kysely } from 'kysely';
import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import { newId } from '../../core/ids';
import type { DB, Item } from '../../db/schema';
import type { Principal } from '../accounts';
import { type Actor, type AuditEvent, auditedTransaction } from '../audit';
import {
  INTERPRETATION_GENRE,
  interpretationOf,
  interpretationsOfPolicy,
  isPolicyItem,
} from '../interpretations';
import { NORMATIVE_GENRE } from '../normative';
import { type GateOverrule, passComplianceGate } from './compliance-gate';
import { checkDisclosure } from './disclosure';
import { notifyItemStatus } from './item-status-listeners';
import { policyIsOut, publishApproved } from './publish.service';
import { chainForItem, defaultReviewChain, type ReviewStep } from './review-chain';
import { decideReview, type ReviewSubject } from './review-machine';
import { runSignOffChecks } from './sign-off-checks';

// Running the review (三审) on one item: submit, approve or return at the current step, with every
// opinion kept (the 审查单). The decision is pure (review-machine.ts); here it is applied with a
// conditional update on (status, step, round), so of two simultaneous approvals exactly one wins.

/** The agency's configured chain, or the default three levels. */
export async function agencyReviewChain(db: Kysely<DB>, agencyId: string): Promise<ReviewStep[]> {
  const row = await db
    .selectFrom('review_chains')
    .select('steps')
    .where('agency_id', '=', agencyId)
    .executeTakeFirst();
  return row ? (JSON.parse(row.steps) as ReviewStep[]) : defaultReviewChain;
}

/** Everything the state machine needs to decide about an item. */
export async function reviewSubjectOf(db: Kysely<DB>, item: Item): Promise<ReviewSubject> {
  const chain = chainForItem(await agencyReviewChain(db, item.agency_id), item);
  const acted = await db
    .selectFrom('review_actions')
    .select(['actor_id', 'step'])
    .where('item_id', '=', item.id)
    .where('round', '=', item.review_round)
    .where('action', '=', 'approve')
    .execute();
  return {
    status: item.status,
    step: item.review_step,
    chain,
    createdBy: item.created_by,
    actedThisRound: acted.map((a) => ({ actorId: a.actor_id ?? '', step: Number(a.step) })),
  };
}

const rolesIn = (p: Principal, agencyId: string) =>
  p.grants.filter((g) => g.agencyId === agencyId).map((g) => g.role);

async function recordOpinion(
  trx: Kysely<DB>,
  ctx: Context,
  p: Principal,
  item: Item,
  step: number | null,
  label: string,
  action: 'submit' | 'approve' | 'return',
  opinion: string,
  secrecy = false,
) {
  await trx
    .insertInto('review_actions')
    .values({
      id: newId(),
      item_id: item.id,
      round: item.review_round,
      step,
      step_label: label,
      action,
      actor_id: p.userId,
      actor_name: p.displayName,
      opinion,
      secrecy_checked: secrecy ? 1 : 0,
      at: ctx.clock.now().toISOString(),
    })
    .execute();
}

/** 报审: the draft goes to the first step once its disclosure status and content are complete. */
export async function submitForReview(ctx: Context, p: Principal, actor: Actor, item: Item): Promise<void> {
  const subject = await reviewSubjectOf(ctx.db, item);
  const decision = decideReview(subject, { userId: p.userId, roles: rolesIn(p, item.agency_id) }, 'submit');
  if (!decision.ok) throw new AppError(decision.code, decision.reason);
  const fields = checkDisclosure({
    disclosure: item.disclosure,
    basis: item.disclosure_basis,
    reason: item.disclosure_reason,
  });
  if (!item.body_html.trim()) fields.bodyHtml = '正文不能为空';
  if (item.genre === NORMATIVE_GENRE) {
    if (!item.registration_number) fields.registrationNumber = '规范性文件须填写登记号';
    if (!item.effective_from) fields.effectiveFrom = '规范性文件须填写施行日期';
  }
  if (
    item.genre === INTERPRETATION_GENRE &&
    !item.correction_of &&
    !(await interpretationOf(ctx.db, item.id))
  ) {
    fields.policyItemId = '政策解读须关联所解读的政策';
  }
  if (Object.keys(fields).length > 0)
    throw new AppError('validation', Object.values(fields).join('；'), { fields });
  await auditedTransaction(ctx, actor, async (trx) => {
    const now = ctx.clock.now().toISOString();
    const r = await trx
      .updateTable('items')
      .set({ status: 'in_review', review_step: 0, disclosure_proposed_by: p.userId, updated_at: now })
      .where('id', '=', item.id)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('conflict', '该信息已报审');
    await notifyItemStatus(trx, ctx, item, 'in_review');
    await recordOpinion(trx, ctx, p, item, null, '报审', 'submit', '');
    return {
      result: undefined,
      audit: {
        action: 'item.submitted',
        objectType: 'item',
        objectId: item.id,
        agencyId: item.agency_id,
        details: { before: 'draft', after: 'in_review:0' },
      },
    };
  });
}

export interface StepInput {
  opinion: string;
  secrecyChecked: boolean;
  overruleReason?: string; // 终审: why veto-level compliance findings are signed anyway
}

/** Approves or returns the item at its current step; returns the new status. */
export async function reviewStep(
  ctx: Context,
  p: Principal,
  actor: Actor,
  item: Item,
  action: 'approve' | 'return',
  input: StepInput,
) {
  const subject = await reviewSubjectOf(ctx.db, item);
  const decision = decideReview(subject, { userId: p.userId, roles: rolesIn(p, item.agency_id) }, action);
  if (!decision.ok) throw new AppError(decision.code, decision.reason);
  const step = subject.chain[item.review_step ?? 0] as ReviewStep;
  const opinion = input.opinion.trim();
  if (opinion.length > 1000)
    throw new AppError('validation', '审核意见不超过 1000 字', {
      fields: { opinion: '审核意见不超过 1000 字' },
    });
  if (action === 'return' && opinion.length < 2)
    throw new AppError('validation', '退回须填写意见', { fields: { opinion: '退回须填写意见' } });
  if (action === 'approve' && step.secrecyReview && !input.secrecyChecked) {
    throw new AppError('validation', '复审须确认已完成保密审查', {
      fields: { secrecyChecked: '请确认已完成保密审查' },
    });
  }
  let overruled: GateOverrule | null = null;
  if (action === 'approve' && decision.status === 'approved') {
    await checkSignOff(ctx, item);
    await runSignOffChecks(ctx, item); // checks other modules add (the annual report's H1–H5)
    overruled = await passComplianceGate(ctx, item, input.overruleReason);
  }
  return auditedTransaction(ctx, actor, async (trx) => {
    const now = ctx.clock.now().toISOString();
    const signed = decision.status === 'approved';
    const r = await trx
      .updateTable('items')
      .set({
        status: decision.status,
        review_step: decision.step,
        review_round: action === 'return' ? item.review_round + 1 : item.review_round,
        ...(signed ? { disclosure_approved_by: p.userId } : {}),
        updated_at: now,
      })
      .where('id', '=', item.id)
      .where('status', '=', 'in_review')
      .where('review_step', '=', item.review_step)
      .where('review_round', '=', item.review_round)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('conflict', '该环节已由他人处理，请刷新后查看');
    await notifyItemStatus(trx, ctx, item, decision.status);
    await recordOpinion(
      trx,
      ctx,
      p,
      item,
      item.review_step,
      step.label,
      action,
      opinion || '同意',
      Boolean(step.secrecyReview && input.secrecyChecked),
    );
    const events: AuditEvent[] = [
      {
        action: `item.${action === 'approve' ? 'approved' : 'returned'}`,
        objectType: 'item',
        objectId: item.id,
        agencyId: item.agency_id,
        details: {
          step: step.label,
          before: `in_review:${item.review_step}`,
          after: decision.step === null ? decision.status : `in_review:${decision.step}`,
        },
      },
    ];
    if (overruled)
      events.push({
        action: 'item.compliance_overruled',
        objectType: 'item',
        objectId: item.id,
        agencyId: item.agency_id,
        details: { vetoes: overruled.vetoes, reason: overruled.reason },
      });
    const due = (!item.scheduled_at || item.scheduled_at <= now) && (await policyIsOut(trx, item.id));
    if (signed && item.disclosure === 'proactive' && due) {
      await publishApproved(trx, ctx, item);
      events.push({
        action: 'item.published',
        objectType: 'item',
        objectId: item.id,
        agencyId: item.agency_id,
      });
    }
    return { result: decision.status, audit: events };
  });
}

// 三同步 (80号 §二): a policy is signed off only with its interpretation already signed, so the two
// publish together; an interpretation signed first waits for its policy.
async function checkSignOff(ctx: Context, item: Item) {
  // A correction keeps the interpretation its policy already has.
  // With a configured lag the interpretation may follow within that many working days (listed as due).
  if (!isPolicyItem(item) || item.disclosure !== 'proactive' || item.correction_of) return;
  if (ctx.config.interpretationLagDays > 0) return;
  const interpretations = await interpretationsOfPolicy(ctx.db, item.id);
  if (!interpretations.some((i) => i.status === 'approved' || i.status === 'published')) {
    const message = '三同步：该政策的解读尚未签发，不能终审签发。请先完成政策解读的审核。';
    throw new AppError('validation', message, { fields: { interpretation: message } });
  }
}

/** Every opinion on an item, oldest first: the 审查单. */
export function reviewHistory(db: Kysely<DB>, itemId: string) {
  return db
    .selectFrom('review_actions')
    .selectAll()
    .where('item_id', '=', itemId)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

/** Items waiting at a step the principal can act on, across their agencies. */
export async function pendingReviewsFor(ctx: Context, p: Principal): Promise<Item[]> {
  const agencies = [...new Set(p.grants.filter((g) => g.role.startsWith('reviewer')).map((g) => g.agencyId))];
  if (agencies.length === 0) return [];
  const items = await ctx.db
    .selectFrom('items')
    .selectAll()
    .where('status', '=', 'in_review')
    .where('agency_id', 'in', agencies)
    .orderBy('updated_at')
    .execute();
  const waiting: Item[] = [];
  const chains = new Map<string, ReviewStep[]>(); // one read per agency, not per waiting item
  for (const item of items) {
    if (!chains.has(item.agency_id))
      chains.set(item.agency_id, await agencyReviewChain(ctx.db, item.agency_id));
    const chain = chainForItem(chains.get(item.agency_id) ?? [], item);
    const role = chain[item.review_step ?? 0]?.role;
    if (role && rolesIn(p, item.agency_id).includes(role) && item.created_by !== p.userId) waiting.push(item);
  }
  return waiting;
}
