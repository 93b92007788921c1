import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import { newId } from '../../core/ids';
import { parseInput } from '../../core/validation';
import type { DB } from '../../db/schema';
import { type Actor, auditedTransaction } from '../audit';

export interface SubjectNode {
  id: string;
  name: string;
  children: { id: string; name: string }[];
}

/** The 主题分类 taxonomy as a two-level tree, in display order. */
export async function listSubjects(db: Kysely<DB>): Promise<SubjectNode[]> {
  const rows = await db.selectFrom('subjects').selectAll().orderBy('sort').execute();
  return rows
    .filter((r) => r.parent_id === null)
    .map((top) => ({
      id: top.id,
      name: top.name,
      children: rows.filter((r) => r.parent_id === top.id).map((r) => ({ id: r.id, name: r.name })),
    }));
}

/** "一级\二级" as portals print the subject of an item. */
export async function subjectLabel(db: Kysely<DB>, subjectId: string | null): Promise<string> {
  if (!subjectId) return '';
  const row = await db
    .selectFrom('subjects')
    .select(['name', 'parent_id'])
    .where('id', '=', subjectId)
    .executeTakeFirst();
  if (!row) return '';
  if (!row.parent_id) return row.name;
  const parent = await db
    .selectFrom('subjects')
    .select('name')
    .where('id', '=', row.parent_id)
    .executeTakeFirst();
  return `${parent?.name ?? ''}\\${row.name}`;
}

const subjectName = z.string().trim().min(1, '请填写分类名称').max(30, '分类名称不超过 30 字');

async function checkSiblingName(db: Kysely<DB>, parentId: string | null, name: string, exceptId?: string) {
  let q = db
    .selectFrom('subjects')
    .select('id')
    .where('name', '=', name)
    .where('id', '!=', exceptId ?? '');
  q = parentId ? q.where('parent_id', '=', parentId) : q.where('parent_id', 'is', null);
  if (await q.executeTakeFirst())
    throw new AppError('validation', '同一级下已有同名分类', { fields: { name: '同一级下已有同名分类' } });
}

/** Adds a first-level category, or a second-level one under `parentId` (the taxonomy is two levels). */
export async function addSubject(ctx: Context, actor: Actor, raw: unknown) {
  const input = parseInput(
    z.object({
      name: subjectName,
      parentId: z
        .string()
        .optional()
        .transform((v) => v || null),
    }),
    raw,
  );
  const parent = input.parentId
    ? await ctx.db.selectFrom('subjects').selectAll().where('id', '=', input.parentId).executeTakeFirst()
    : null;
  if (input.parentId && (!parent || parent.parent_id !== null))
    throw new AppError('validation', '上级分类须为一级分类', {
      fields: { parentId: '上级分类须为一级分类' },
    });
  await checkSiblingName(ctx.db, input.parentId, input.name);
  const siblings = await ctx.db
    .selectFrom('subjects')
    .select('id')
    .where((eb) => (input.parentId ? eb('parent_id', '=', input.parentId) : eb('parent_id', 'is', null)))
    .execute();
  const id = newId();
  await auditedTransaction(ctx, actor, async (trx) => {
    await trx
      .insertInto('subjects')
      .values({ id, parent_id: input.parentId, name: input.name, sort: siblings.length })
      .execute();
    return {
      result: undefined,
      audit: {
        action: 'subject.added',
        objectType: 'subject',
        objectId: id,
        details: { name: input.name, parentId: input.parentId },
      },
    };
  });
}

/** Renames a category; items keep their classification by id. */
export async function renameSubject(ctx: Context, actor: Actor, id: string, raw: unknown) {
  const input = parseInput(z.object({ name: subjectName }), raw);
  const subject = await ctx.db.selectFrom('subjects').selectAll().where('id', '=', id).executeTakeFirst();
  if (!subject) throw new AppError('not_found', '分类不存在');
  await checkSiblingName(ctx.db, subject.parent_id, input.name, id);
  await auditedTransaction(ctx, actor, async (trx) => {
    await trx.updateTable('subjects').set({ name: input.name }).where('id', '=', id).execute();
    return {
      result: undefined,
      audit: {
        action: 'subject.renamed',
        objectType: 'subject',
        objectId: id,
        details: { before: subject.name, after: input.name },
      },
    };
  });
}
