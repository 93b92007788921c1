import { mkdirSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { newId } from '../src/core/ids';
import { storageRoot, storedPath } from '../src/modules/attachments/storage';
import { type ContentCheck, itemFinding } from '../src/modules/inspections';
import { pdf, sha256 } from './helpers/attachment-fixtures';
import { makeAgency, makeColumn } from './helpers/factories';
import type { TestContext } from './helpers/test-context';

// A small site for the inspection tests (not a test file itself): one agency with a stale column, a
// blank column, an item linking to a missing item and to an attachment whose file is gone, an item
// without 索引号 and one with a serious wording error; another agency with an item without 来源.

const DAY_MS = 86_400_000;

/** Publishes an item directly (complete metadata unless told otherwise), `daysAgo` before the clock. */
export async function publishItem(
  ctx: TestContext,
  agencyId: string,
  columnId: string,
  options: { title: string; body?: string; daysAgo?: number; indexNumber?: string | null; source?: string },
) {
  const at = new Date(ctx.clock.now().getTime() - (options.daysAgo ?? 0) * DAY_MS).toISOString();
  const id = newId();
  await ctx.db
    .insertInto('items')
    .values({
      id,
      agency_id: agencyId,
      column_id: columnId,
      title: options.title,
      body_html: options.body ?? '<p>正文</p>',
      summary: '',
      keywords: '',
      source: options.source ?? '测试机构办公室',
      visibility: 'public',
      status: 'published',
      published_at: at,
      view_count: 0,
      created_by: null,
      created_at: at,
      updated_at: at,
      disclosure: 'proactive',
      index_number: options.indexNumber === undefined ? `TEST/2026-${id.slice(-5)}` : options.indexNumber,
    })
    .execute();
  return id;
}

/** Stores an attachment of an item: the file on disk and its row. Returns the id and the file's path. */
export async function storeAttachment(ctx: TestContext, itemId: string) {
  const id = newId();
  const storedName = `${id}.pdf`;
  const bytes = pdf('inspection');
  const file = storedPath(storageRoot(ctx.config), storedName);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, bytes);
  await ctx.db
    .insertInto('attachments')
    .values({
      id,
      item_id: itemId,
      original_name: '实施方案.pdf',
      stored_name: storedName,
      media_type: 'application/pdf',
      size: bytes.length,
      sha256: sha256(bytes),
      created_by: null,
      created_at: ctx.clock.now().toISOString(),
      deleted_at: null,
    })
    .execute();
  return { id, file, bytes };
}

/** A stand-in for the wording matcher: "中国入民" is a serious wording error (严重表述错误, a veto item). */
export const fakeWordingCheck: ContentCheck = (item) =>
  item.bodyText.includes('中国入民')
    ? [
        itemFinding(item.id, {
          kind: 'wording',
          indicator: 'veto.security',
          severity: 'veto',
          part: '中国入民',
          message: `「${item.title}」出现严重表述错误「中国入民」`,
        }),
      ]
    : [];

export async function buildSite(ctx: TestContext) {
  const district = await makeAgency(ctx, { kind: 'district', name: '区政府办公室' });
  const a = await makeAgency(ctx, { name: '区甲局' });
  const b = await makeAgency(ctx, { name: '区乙局' });
  const news = await makeColumn(ctx, a.id, 'news', '工作动态', 14);
  const notices = await makeColumn(ctx, a.id, 'notices', '通知公告', 30);
  const plans = await makeColumn(ctx, a.id, 'plans', '规划计划', 365);
  const bNews = await makeColumn(ctx, b.id, 'news', '工作动态', 14);
  const staleNews = await publishItem(ctx, a.id, news, { title: '旧动态', daysAgo: 20 });
  const noIndex = await publishItem(ctx, a.id, notices, {
    title: '缺索引号的通知',
    daysAgo: 1,
    indexNumber: null,
  });
  const missingItem = newId();
  const linker = await publishItem(ctx, a.id, notices, { title: '带链接的通知', daysAgo: 2 });
  const attachment = await storeAttachment(ctx, linker);
  unlinkSync(attachment.file); // the row stays, the file is gone
  const linkerBody = (target: string) =>
    `<p><a href="/items/${target}">相关通知</a> <a href="/attachments/${attachment.id}">附件</a> ` +
    `<a href="/agencies/${a.code}/columns/news">工作动态</a></p>`;
  await ctx.db
    .updateTable('items')
    .set({ body_html: linkerBody(missingItem) })
    .where('id', '=', linker)
    .execute();
  const wording = await publishItem(ctx, a.id, notices, {
    title: '表述错误的通知',
    daysAgo: 1,
    body: '<p>中国入民</p>',
  });
  const bItem = await publishItem(ctx, b.id, bNews, { title: '乙局动态', source: '' });
  return {
    district,
    a,
    b,
    news,
    notices,
    plans,
    staleNews,
    noIndex,
    missingItem,
    linker,
    linkerBody,
    attachment,
    wording,
    bItem,
  };
}
