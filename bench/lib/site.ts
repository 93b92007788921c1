import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { loadDemoContent } from '../../src/app/demo-content';
import { newId } from '../../src/core/ids';
import type { DB } from '../../src/db/schema';
import { storageRoot, storedPath } from '../../src/modules/attachments/storage';
import { createTestContext, type TestContext } from '../../test/helpers/test-context';
import { generateCorpus } from '../search/corpus';

// A bench site: the demo district (agencies, columns, accounts, a few cases) in a fresh SQLite data folder,
// plus N published items written straight into the items table in batches (the publishing workflow would
// take hours for 100,000; the inspection only reads what is stored). Items carry the catalogue metadata, with
// realistic faults: 1 in 100 lacks its 索引号, 1 in 50 links another item and 1 in 500 a missing one, and 1
// in 20 has an attachment (Word, Excel or PDF files from bench/import, when given), 1 in 200 of them
// missing on disk. The load bench seeds its data folder with the same items (bench/load/demo-folder.ts).

export interface AttachmentSample {
  ext: 'docx' | 'xlsx' | 'pdf';
  mediaType: string;
  bytes: Buffer;
}

export interface SeededSite {
  ctx: TestContext;
  items: number;
  attachments: number;
  seedSeconds: number;
}

const BATCH = 500;

function bodyHtml(text: string, links: string[]): string {
  const paragraphs = text.split('\n').filter((p) => p.length > 0);
  const linked = links.map((href) => `<p>附件及相关文件见<a href="${href}">此处</a>。</p>`);
  return [...paragraphs.map((p) => `<p>${p}</p>`), ...linked].join('');
}

/** Seeds a site of `count` published items; `samples` are the attachment files to cycle through. */
export async function seedSite(count: number, samples: readonly AttachmentSample[]): Promise<SeededSite> {
  const start = performance.now();
  const ctx = await createTestContext('sqlite');
  await loadDemoContent(ctx);
  const attachments = await seedPublishedItems(
    ctx.db,
    storageRoot(ctx.config),
    count,
    samples,
    ctx.clock.now(),
  );
  return { ctx, items: count, attachments, seedSeconds: (performance.now() - start) / 1000 };
}

/**
 * Writes `count` published items, spread over every column but the mailbox's and over the three years
 * before `clockNow`, straight into the items table (with their attachments' files under `root`); returns
 * the number of attachments.
 */
export async function seedPublishedItems(
  db: Kysely<DB>,
  root: string,
  count: number,
  samples: readonly AttachmentSample[],
  clockNow: Date,
): Promise<number> {
  const columns = await db
    .selectFrom('columns')
    .innerJoin('agencies', 'agencies.id', 'columns.agency_id')
    .select(['columns.id', 'columns.agency_id', 'agencies.name', 'agencies.uscc'])
    .where('columns.slug', '!=', 'mailbox')
    .execute();
  const now = clockNow.getTime();
  const ids: string[] = [];
  let attachments = 0;
  for (let from = 0; from < count; from += BATCH) {
    const docs = generateCorpus(Math.min(BATCH, count - from), { seed: 9000 + from / BATCH });
    const rows = docs.map((d, j) => {
      const n = from + j;
      const column = columns[n % columns.length] as (typeof columns)[number];
      const id = newId();
      ids.push(id);
      const at = new Date(now - ((n * 7919) % (3 * 365)) * 86_400_000 - (n % 86_400) * 1000).toISOString();
      const links: string[] = [];
      if (n % 50 === 1 && ids.length > 1) links.push(`/items/${ids[(n * 31) % (ids.length - 1)]}`);
      if (n % 500 === 7) links.push(`/items/${newId()}`);
      return {
        id,
        agency_id: column.agency_id,
        column_id: column.id,
        title: d.title,
        body_html: bodyHtml(d.text, links),
        summary: d.text.slice(0, 120),
        keywords: '',
        source: column.name,
        visibility: 'public' as const,
        status: 'published' as const,
        published_at: at,
        view_count: 0,
        created_by: null,
        created_at: at,
        updated_at: at,
        doc_number: n % 3 === 0 ? `示政发〔${at.slice(0, 4)}〕${(n % 900) + 1}号` : null,
        issuer: column.name,
        written_on: at.slice(0, 10),
        genre: d.genre,
        subject_id: null,
        disclosure: 'proactive' as const,
        index_number:
          n % 100 === 3 ? null : `${column.uscc ?? 'BENCH'}/${at.slice(0, 4)}-${String(n).padStart(7, '0')}`,
        registration_number: null,
        effective_from: null,
      };
    });
    const files = rows.flatMap((r, j) => {
      const n = from + j;
      if (n % 20 !== 5 || samples.length === 0) return [];
      const sample = samples[((n / 20) % samples.length) | 0] as AttachmentSample;
      const attachmentId = newId();
      return [{ row: r, sample, id: attachmentId, missing: (n / 20) % 200 === 9 }];
    });
    const attachmentRows = files.map((f) => {
      const storedName = `${f.id}.${f.sample.ext}`;
      if (!f.missing) {
        const file = storedPath(root, storedName);
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, f.sample.bytes);
      }
      return {
        id: f.id,
        item_id: f.row.id,
        original_name: `${f.row.title.slice(0, 40)}.${f.sample.ext}`,
        stored_name: storedName,
        media_type: f.sample.mediaType,
        size: f.sample.bytes.length,
        sha256: createHash('sha256').update(f.sample.bytes).digest('hex'),
        created_by: null,
        created_at: f.row.created_at,
        deleted_at: null,
      };
    });
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('items').values(rows).execute();
      if (attachmentRows.length) await trx.insertInto('attachments').values(attachmentRows).execute();
    });
    attachments += attachmentRows.length;
  }
  return attachments;
}
