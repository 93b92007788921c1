import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';

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
