import type { Kysely } from 'kysely';
import type { Context } from '../../core/context';
import { newId } from '../../core/ids';
import type { DB } from '../../db/schema';
import type { ImportRecord } from './import.service';
import { issueIndexNumber } from './publish.service';
import { sanitizeBody } from './sanitize';
import { cleanText } from './text-cleaner';

export type RecordOutcome =
  | { status: 'imported'; itemId: string; warnings: string[] }
  | { status: 'skipped'; reason: string; warnings: string[] };

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The body of an imported file: HTML sanitised, plain text split into paragraphs. */
function bodyOf(content: string, extension: string): string {
  if (extension === '.html' || extension === '.htm') {
    const body = /<body[^>]*>([\s\S]*)<\/body>/i.exec(content)?.[1] ?? content;
    return sanitizeBody(body);
  }
  return content
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br />')}</p>`)
    .join('');
}

/** Cleans, checks and publishes one record inside the caller's transaction (already-present → skipped). */
export async function publishImportedRecord(
  trx: Kysely<DB>,
  ctx: Context,
  record: ImportRecord,
  content: string,
  extension: string,
): Promise<RecordOutcome> {
  const agency = await trx
    .selectFrom('agencies')
    .select(['id', 'name'])
    .where('code', '=', record.agency)
    .executeTakeFirst();
  if (!agency) return { status: 'skipped', reason: `机构代码 ${record.agency} 不存在`, warnings: [] };
  const column = await trx
    .selectFrom('columns')
    .select('id')
    .where('agency_id', '=', agency.id)
    .where('slug', '=', record.column)
    .executeTakeFirst();
  if (!column) return { status: 'skipped', reason: `栏目 ${record.column} 不存在`, warnings: [] };

  const title = cleanText(record.title).text.trim();
  const cleaned = cleanText(content);
  const warnings = cleaned.traditional.length
    ? [
        `含繁体字 ${cleaned.traditional.length} 个（未修改）：${[...new Set(cleaned.traditional.map((t) => t.char))].slice(0, 10).join('')}`,
      ]
    : [];
  const publishedAt = new Date(
    record.publishedAt.length === 10 ? `${record.publishedAt}T00:00:00+08:00` : record.publishedAt,
  );
  if (Number.isNaN(publishedAt.getTime())) return { status: 'skipped', reason: '发布日期无效', warnings };
  const existing = await trx
    .selectFrom('items')
    .select('id')
    .where('agency_id', '=', agency.id)
    .where('column_id', '=', column.id)
    .where('title', '=', title)
    .where('published_at', '=', publishedAt.toISOString())
    .executeTakeFirst();
  if (existing)
    return { status: 'skipped', reason: '已导入（机构、栏目、标题和发布日期相同）', warnings: [] };
  const body = bodyOf(cleaned.text, extension);
  if (!body) return { status: 'skipped', reason: '正文为空', warnings };

  const id = newId();
  const now = ctx.clock.now().toISOString();
  await trx
    .insertInto('items')
    .values({
      id,
      agency_id: agency.id,
      column_id: column.id,
      title,
      body_html: body,
      summary: '',
      keywords: '',
      source: record.source ?? agency.name,
      visibility: 'public',
      status: 'published',
      published_at: publishedAt.toISOString(),
      view_count: 0,
      created_by: null,
      created_at: now,
      updated_at: now,
      doc_number: record.docNumber ?? null,
      issuer: agency.name,
      written_on: null,
      genre: record.genre ?? null,
      disclosure: 'proactive',
      index_number: record.indexNumber ?? (await issueIndexNumber(trx, agency.id, publishedAt)),
    })
    .execute();
  return { status: 'imported', itemId: id, warnings };
}
