import { z } from 'zod';
import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import { newId } from '../../core/ids';
import { parseInput } from '../../core/validation';
import type { Agency } from '../../db/schema';
import { type Actor, auditedTransaction } from '../audit';

export const agencyInputSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9-]{1,39}$/, '机构代码须为 2–40 位小写字母、数字或连字符，以字母开头'),
  name: z.string().trim().min(2, '请填写机构全称').max(60, '机构全称不超过 60 字'),
  shortName: z.string().trim().min(2, '请填写机构简称').max(20, '机构简称不超过 20 字'),
  kind: z.enum(['district', 'department'], { message: '请选择机构类型' }),
  uscc: z
    .string()
    .trim()
    .regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/, '统一社会信用代码须为 18 位')
    .or(z.literal(''))
    .optional(),
  contact: z.string().trim().max(60, '联系方式不超过 60 字').optional(),
});
export type AgencyInput = z.input<typeof agencyInputSchema>;

/** All agencies, district first, then departments by name. */
export function listAgencies(ctx: Context, options: { enabledOnly?: boolean } = {}) {
  let q = ctx.db.selectFrom('agencies').selectAll();
  if (options.enabledOnly) q = q.where('enabled', '=', 1);
  return q.orderBy('kind', 'desc').orderBy('code').execute();
}

/** One agency by id, or 404. */
export async function getAgency(ctx: Context, id: string): Promise<Agency> {
  const row = await ctx.db.selectFrom('agencies').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('not_found', '机构不存在');
  return row;
}

/** One enabled agency by its public code, or 404. */
export async function getAgencyByCode(ctx: Context, code: string): Promise<Agency> {
  const row = await ctx.db
    .selectFrom('agencies')
    .selectAll()
    .where('code', '=', code)
    .where('enabled', '=', 1)
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', '机构不存在');
  return row;
}

async function ensureUnique(ctx: Context, input: { code: string; name: string }, exceptId?: string) {
  const clash = await ctx.db
    .selectFrom('agencies')
    .select(['code', 'name'])
    .where((eb) => eb.or([eb('code', '=', input.code), eb('name', '=', input.name)]))
    .where('id', '!=', exceptId ?? '')
    .executeTakeFirst();
  if (clash?.code === input.code)
    throw new AppError('validation', '机构代码已被使用', { fields: { code: '机构代码已被使用' } });
  if (clash) throw new AppError('validation', '机构名称已存在', { fields: { name: '机构名称已存在' } });
}

/** Creates an agency (系统管理员). A district has no parent; a department hangs under the district. */
export async function createAgency(ctx: Context, actor: Actor, raw: unknown): Promise<Agency> {
  const input = parseInput(agencyInputSchema, raw);
  await ensureUnique(ctx, input);
  const district = await ctx.db
    .selectFrom('agencies')
    .select('id')
    .where('kind', '=', 'district')
    .executeTakeFirst();
  if (input.kind === 'district' && district) {
    throw new AppError('validation', '本平台已有一个区级机构', {
      fields: { kind: '本平台已有一个区级机构' },
    });
  }
  const now = ctx.clock.now().toISOString();
  const row = {
    id: newId(),
    code: input.code,
    name: input.name,
    short_name: input.shortName,
    kind: input.kind,
    parent_id: input.kind === 'department' ? (district?.id ?? null) : null,
    uscc: input.uscc || null,
    contact: input.contact || null,
    enabled: 1,
    created_at: now,
    updated_at: now,
  };
  return auditedTransaction(ctx, actor, async (trx) => {
    // The index-number template takes the column default; publishing settings change it later.
    const created = await trx.insertInto('agencies').values(row).returningAll().executeTakeFirstOrThrow();
    return {
      result: created,
      audit: {
        action: 'agency.created',
        objectType: 'agency',
        objectId: row.id,
        agencyId: row.id,
        details: { code: row.code },
      },
    };
  });
}

/** Updates an agency's names, code and contact (系统管理员). */
export async function updateAgency(ctx: Context, actor: Actor, id: string, raw: unknown): Promise<void> {
  const before = await getAgency(ctx, id);
  const input = parseInput(agencyInputSchema.omit({ kind: true }), raw);
  await ensureUnique(ctx, input, id);
  await auditedTransaction(ctx, actor, async (trx) => {
    await trx
      .updateTable('agencies')
      .set({
        code: input.code,
        name: input.name,
        short_name: input.shortName,
        uscc: input.uscc || null,
        contact: input.contact || null,
        updated_at: ctx.clock.now().toISOString(),
      })
      .where('id', '=', id)
      .execute();
    return {
      result: undefined,
      audit: {
        action: 'agency.updated',
        objectType: 'agency',
        objectId: id,
        agencyId: id,
        details: {
          before: { code: before.code, name: before.name },
          after: { code: input.code, name: input.name },
        },
      },
    };
  });
}
