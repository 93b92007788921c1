import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Context } from '../../core/context';
import { syncSearchIndex } from '../../search/item-indexer';
import { type Actor, auditedTransaction } from '../audit';
import { publishImportedRecord } from './import-record';
import { parseMetadataTsv } from './import-tsv';

// `gongkai import DIR`: an existing portal's content, one item per HTML or text file, described by
// metadata.json or metadata.tsv. Idempotent — an item already present (same agency, column, title and
// date) is skipped — and every skipped record is reported with its reason.

const recordSchema = z.object({
  file: z.string().min(1, '缺少 file'),
  agency: z.string().min(1, '缺少 agency（机构代码）'),
  column: z.string().min(1, '缺少 column（栏目代码）'),
  title: z.string().trim().min(2, '缺少标题').max(200, '标题过长'),
  publishedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}([T ][\d:.]+Z?)?$/, '发布日期格式应为 YYYY-MM-DD'),
  docNumber: z.string().max(50).optional(),
  source: z.string().max(60).optional(),
  url: z.string().max(500).optional(),
  genre: z.string().max(20).optional(),
  indexNumber: z.string().max(60).optional(),
});
export type ImportRecord = z.infer<typeof recordSchema>;

export interface ImportReport {
  imported: number;
  skipped: { record: string; reason: string }[];
  warnings: { record: string; message: string }[];
}

async function loadMetadata(dir: string): Promise<unknown[]> {
  const json = await readFile(path.join(dir, 'metadata.json'), 'utf8').catch(() => null);
  if (json !== null) {
    const parsed: unknown = JSON.parse(json);
    if (!Array.isArray(parsed)) throw new Error('metadata.json 须为数组');
    return parsed;
  }
  const tsv = await readFile(path.join(dir, 'metadata.tsv'), 'utf8').catch(() => null);
  if (tsv === null) throw new Error(`目录 ${dir} 中没有 metadata.json 或 metadata.tsv`);
  return parseMetadataTsv(tsv);
}

/** Imports every record of a directory; never throws for one bad record, only for an unreadable directory. */
export async function importDirectory(ctx: Context, actor: Actor, dir: string): Promise<ImportReport> {
  const report: ImportReport = { imported: 0, skipped: [], warnings: [] };
  const raw = await loadMetadata(dir);
  for (const [i, entry] of raw.entries()) {
    const label = `第 ${i + 1} 条`;
    const parsed = recordSchema.safeParse(entry);
    if (!parsed.success) {
      report.skipped.push({ record: label, reason: parsed.error.issues.map((x) => x.message).join('；') });
      continue;
    }
    const record = parsed.data;
    const name = `${label}（${record.title}）`;
    const file = path.resolve(dir, record.file);
    if (!file.startsWith(path.resolve(dir) + path.sep)) {
      report.skipped.push({ record: name, reason: `文件路径越出导入目录：${record.file}` });
      continue;
    }
    const content = await readFile(file, 'utf8').catch(() => null);
    if (content === null) {
      report.skipped.push({ record: name, reason: `找不到文件 ${record.file}` });
      continue;
    }
    const outcome = await auditedTransaction(ctx, actor, async (trx) => {
      const result = await publishImportedRecord(trx, ctx, record, content, path.extname(file).toLowerCase());
      if (result.status === 'imported') await syncSearchIndex(trx, result.itemId);
      const audit =
        result.status === 'imported'
          ? [
              {
                action: 'item.imported',
                objectType: 'item',
                objectId: result.itemId,
                details: { file: record.file },
              },
            ]
          : [];
      return { result, audit };
    });
    if (outcome.status === 'imported') report.imported++;
    else report.skipped.push({ record: name, reason: outcome.reason });
    for (const message of outcome.warnings) report.warnings.push({ record: name, message });
  }
  return report;
}
