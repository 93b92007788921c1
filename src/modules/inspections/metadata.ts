import { fingerprintOf, type InspectionFinding } from './finding';

// Catalogue metadata of a published item (国办公开办函〔2019〕61号 目录要素, portal-standards.md §1.4):
// 索引号, 发布日期, 来源 and 公开属性 always; 发文机关 and 成文日期 as well for a document with a 文号.

export interface ItemMetadata {
  id: string;
  title: string;
  index_number: string | null;
  published_at: string | null;
  source: string;
  disclosure: string | null;
  doc_number: string | null;
  issuer: string | null;
  written_on: string | null;
}

const blank = (v: string | null) => v === null || v.trim() === '';

/** The labels of the missing fields, in catalogue order. */
export function missingMetadata(item: ItemMetadata): string[] {
  const missing: string[] = [];
  if (blank(item.index_number)) missing.push('索引号');
  if (blank(item.published_at)) missing.push('发布日期');
  if (blank(item.source)) missing.push('来源');
  if (blank(item.disclosure)) missing.push('公开属性');
  if (!blank(item.doc_number)) {
    if (blank(item.issuer)) missing.push('发文机关');
    if (blank(item.written_on)) missing.push('成文日期');
  }
  return missing;
}

/** One finding per item listing every missing field (one task per item, whatever is missing). */
export function checkMetadata(item: ItemMetadata): InspectionFinding | null {
  const missing = missingMetadata(item);
  if (missing.length === 0) return null;
  return {
    kind: 'metadata',
    indicator: 'deduct.metadata',
    severity: 'deduct',
    objectType: 'item',
    objectId: item.id,
    fingerprint: fingerprintOf('metadata', 'item', item.id),
    message: `「${item.title}」缺少目录要素：${missing.join('、')}`,
    detail: { missing, title: item.title },
  };
}
