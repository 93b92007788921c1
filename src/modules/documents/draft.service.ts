import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import { newId } from '../../core/ids';
import { parseInput } from '../../core/validation';
import type { DB, Item } from '../../db/schema';
import type { Principal } from '../accounts';
import { type Actor, auditedTransaction } from '../audit';
import {
  INTERPRETATION_GENRE,
  isPolicyItem,
  linkInterpretation,
  unlinkInterpretation,
} from '../interpretations';
import { NORMATIVE_GENRE } from '../normative';
import { disclosureBases, disclosureStatuses } from './disclosure';
import { genres } from './genres';
import { decideReview } from './review-machine';
import { sanitizeBody } from './sanitize';
import { cleanText } from './text-cleaner';

// Drafting (信息员): an item is written in a column of the editor's agency with its catalogue metadata
// (law-and-formats.md §3.1) and its proposed disclosure status, which may stay open until it is submitted.

const optional = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label}不超过 ${max} 字`)
    .optional()
    .transform((v) => v || null);

const isoDay = z
  .string()
  .trim()
  .optional()
  .refine(
    (v) => !v || (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v))),
    '日期格式应为 YYYY-MM-DD',
  )
  .transform((v) => v || null);

export const draftSchema = z.object({
  columnId: z.string().min(1, '请选择栏目'),
  title: z.string().trim().min(2, '请填写标题').max(200, '标题不超过 200 字'),
  bodyHtml: z.string().max(500_000, '正文过长').default(''),
  docNumber: optional(50, '文号'),
  issuer: optional(60, '发文机关'),
  writtenOn: isoDay,
  subjectId: optional(20, '主题分类'),
  genre: z
    .string()
    .optional()
    .transform((v) => v || null)
    .refine((v) => v === null || genres.includes(v), '请选择列表中的体裁'),
  keywords: optional(100, '关键词').transform((v) => v ?? ''),
  summary: optional(300, '内容概述').transform((v) => v ?? ''),
  visibility: z.enum(['public', 'internal', 'agency'], { message: '请选择公开范围' }).default('public'),
  disclosure: z
    .enum(disclosureStatuses, { message: '请选择公开属性' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  disclosureBasis: z
    .string()
    .optional()
    .transform((v) => v || null)
    .refine((v) => v === null || v in disclosureBases, '请选择列表中的法律依据'),
  disclosureReason: optional(500, '理由'),
  isPolicy: z
    .union([z.literal('1'), z.literal('on'), z.literal(true)])
    .optional()
    .transform((v) => (v ? 1 : 0)),
  registrationNumber: optional(40, '登记号'),
  effectiveFrom: isoDay,
  policyItemId: optional(40, '所解读的政策'),
  interpretationForm: z
    .enum(['text', 'qa', 'graphic', 'video', 'interview', 'press'], { message: '请选择解读形式' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  scheduledAt: z
    .string()
    .trim()
    .optional()
    .refine((v) => !v || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(v), '定时发布时间格式应为 YYYY-MM-DDTHH:mm')
    .transform((v) => (v ? new Date(`${v}:00+08:00`).toISOString() : null)),
});
export type DraftInput = z.input<typeof draftSchema>;

async function editorColumn(ctx: Context, principal: Principal, columnId: string) {
  const column = await ctx.db.selectFrom('columns').selectAll().where('id', '=', columnId).executeTakeFirst();
  const editorOf = principal.grants.filter((g) => g.role === 'editor').map((g) => g.agencyId);
  if (!column || !editorOf.includes(column.agency_id)) {
    throw new AppError('validation', '只能在本单位的栏目中起草信息', {
      fields: { columnId: '只能在本单位的栏目中起草信息' },
    });
  }
  return column;
}

async function checkSubject(ctx: Context, subjectId: string | null) {
  if (!subjectId) return;
  const found = await ctx.db
    .selectFrom('subjects')
    .select('id')
    .where('id', '=', subjectId)
    .executeTakeFirst();
  if (!found) throw new AppError('validation', '主题分类不存在', { fields: { subjectId: '主题分类不存在' } });
}

function fieldsOf(input: z.output<typeof draftSchema>) {
  return {
    column_id: input.columnId,
    // Pasted text is cleaned as imports are: flattened pinyin annotations out, whitespace tidied.
    title: cleanText(input.title).text.trim(),
    body_html: sanitizeBody(cleanText(input.bodyHtml).text),
    doc_number: input.docNumber,
    issuer: input.issuer,
    written_on: input.writtenOn,
    subject_id: input.subjectId,
    genre: input.genre,
    keywords: input.keywords,
    summary: input.summary,
    visibility: input.visibility,
    disclosure: input.disclosure ?? null,
    disclosure_basis: input.disclosure === 'proactive' ? null : input.disclosureBasis,
    disclosure_reason: input.disclosure === 'proactive' ? null : input.disclosureReason,
    is_policy: input.isPolicy,
    scheduled_at: input.scheduledAt,
    registration_number: input.genre === NORMATIVE_GENRE ? input.registrationNumber : null,
    effective_from: input.genre === NORMATIVE_GENRE ? input.effectiveFrom : null,
  };
}

// An interpretation draft names its policy (an item of the same agency that needs one) and its form.
async function checkPolicyLink(ctx: Context, agencyId: string, input: z.output<typeof draftSchema>) {
  if (input.genre !== INTERPRETATION_GENRE || !input.policyItemId) return;
  const policy = await ctx.db
    .selectFrom('items')
    .select(['agency_id', 'genre', 'is_policy', 'status'])
    .where('id', '=', input.policyItemId)
    .executeTakeFirst();
  if (!policy || policy.agency_id !== agencyId || !isPolicyItem(policy) || policy.status === 'withdrawn') {
    throw new AppError('validation', '请选择本单位的政策文件', {
      fields: { policyItemId: '请选择本单位的政策文件' },
    });
  }
}

async function saveLink(trx: Kysely<DB>, itemId: string, input: z.output<typeof draftSchema>, now: string) {
  if (input.genre === INTERPRETATION_GENRE && input.policyItemId) {
    await linkInterpretation(trx, itemId, input.policyItemId, input.interpretationForm ?? 'text', now);
  } else {
    await unlinkInterpretation(trx, itemId);
  }
}

/** Creates a draft in one of the editor's columns. */
export async function createDraft(
  ctx: Context,
  principal: Principal,
  actor: Actor,
  raw: unknown,
): Promise<Item> {
  const input = parseInput(draftSchema, raw);
  const column = await editorColumn(ctx, principal, input.columnId);
  await checkSubject(ctx, input.subjectId);
  await checkPolicyLink(ctx, column.agency_id, input);
  const agency = await ctx.db
    .selectFrom('agencies')
    .select('name')
    .where('id', '=', column.agency_id)
    .executeTakeFirstOrThrow();
  const now = ctx.clock.now().toISOString();
  const fields = fieldsOf(input);
  return auditedTransaction(ctx, actor, async (trx) => {
    const item = await trx
      .insertInto('items')
      .values({
        ...fields,
        id: newId(),
        agency_id: column.agency_id,
        issuer: fields.issuer ?? agency.name,
        source: agency.name,
        status: 'draft',
        published_at: null,
        view_count: 0,
        created_by: principal.userId,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await saveLink(trx, item.id, input, now);
    return {
      result: item,
      audit: { action: 'item.drafted', objectType: 'item', objectId: item.id, agencyId: item.agency_id },
    };
  });
}

/** Saves changes to a draft (or a returned item) of the editor's agency. */
export async function updateDraft(
  ctx: Context,
  principal: Principal,
  actor: Actor,
  item: Item,
  raw: unknown,
): Promise<void> {
  const decision = decideReview(
    {
      status: item.status,
      step: item.review_step,
      chain: [],
      createdBy: item.created_by,
      actedThisRound: [],
    },
    {
      userId: principal.userId,
      roles: principal.grants.filter((g) => g.agencyId === item.agency_id).map((g) => g.role),
    },
    'edit',
  );
  if (!decision.ok) throw new AppError(decision.code, decision.reason);
  const input = parseInput(draftSchema, raw);
  const column = await editorColumn(ctx, principal, input.columnId);
  if (column.agency_id !== item.agency_id)
    throw new AppError('validation', '不能移到其他单位的栏目', {
      fields: { columnId: '不能移到其他单位的栏目' },
    });
  await checkSubject(ctx, input.subjectId);
  await checkPolicyLink(ctx, item.agency_id, input);
  await auditedTransaction(ctx, actor, async (trx) => {
    const result = await trx
      .updateTable('items')
      .set({ ...fieldsOf(input), updated_at: ctx.clock.now().toISOString() })
      .where('id', '=', item.id)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new AppError('conflict', '该信息已被报审，不能再修改');
    await saveLink(trx, item.id, input, ctx.clock.now().toISOString());
    return {
      result: undefined,
      audit: { action: 'item.edited', objectType: 'item', objectId: item.id, agencyId: item.agency_id },
    };
  });
}
