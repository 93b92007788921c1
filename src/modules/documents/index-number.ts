// 索引号 (law-and-formats.md §3.2): no national format, so each agency has a template such as
// `{uscc}/{yyyy}-{seq:5}` or `{uscc}/{yyyymm}-{seq:5}`. One sequence per agency and period (the
// period is set by the template's date fields); a number, once issued, is never issued again.

export const DEFAULT_INDEX_TEMPLATE = '{uscc}/{yyyy}-{seq:5}';

const TOKEN = /\{([a-z]+)(?::(\d))?\}/g;
const KNOWN = new Set(['uscc', 'code', 'yyyy', 'yyyymm', 'yy', 'mm', 'seq']);

/** The Chinese message naming what is wrong with a template, or null when it can be used. */
export function checkIndexTemplate(template: string): string | null {
  if (template.length === 0 || template.length > 80) return '索引号模板长度应为 1–80 个字符';
  const tokens = [...template.matchAll(TOKEN)];
  const unknown = tokens.find((t) => !KNOWN.has(t[1] ?? ''));
  if (unknown) return `索引号模板含未知字段 ${unknown[0]}`;
  const seqs = tokens.filter((t) => t[1] === 'seq');
  if (seqs.length !== 1) return '索引号模板须含且只含一个序号字段 {seq:N}';
  const width = Number(seqs[0]?.[2] ?? 0);
  if (width < 1 || width > 9) return '序号位数 N 须为 1–9，如 {seq:5}';
  if (/[{}]/.test(template.replace(TOKEN, ''))) return '索引号模板的花括号不成对';
  return null;
}

/** China (UTC+8) calendar fields of an instant. */
function chinaDate(at: Date): { yyyy: string; mm: string } {
  const local = new Date(at.getTime() + 8 * 3_600_000).toISOString();
  return { yyyy: local.slice(0, 4), mm: local.slice(5, 7) };
}

/** The sequence period a number issued at `at` belongs to: monthly, yearly or one for all time. */
export function indexPeriod(template: string, at: Date): string {
  const { yyyy, mm } = chinaDate(at);
  if (/\{(yyyymm|mm)\}/.test(template)) return `${yyyy}-${mm}`;
  if (/\{(yyyy|yy)\}/.test(template)) return yyyy;
  return 'all';
}

export interface IndexNumberParts {
  uscc: string | null;
  agencyCode: string;
  at: Date;
  seq: number;
}

/** Formats one index number; an agency without a 统一社会信用代码 uses its code in `{uscc}`. */
export function formatIndexNumber(template: string, parts: IndexNumberParts): string {
  const { yyyy, mm } = chinaDate(parts.at);
  return template.replace(TOKEN, (_all, name: string, width?: string) => {
    switch (name) {
      case 'uscc':
        return parts.uscc ?? parts.agencyCode.toUpperCase();
      case 'code':
        return parts.agencyCode;
      case 'yyyy':
        return yyyy;
      case 'yy':
        return yyyy.slice(2);
      case 'mm':
        return mm;
      case 'yyyymm':
        return `${yyyy}${mm}`;
      default:
        return String(parts.seq).padStart(Number(width ?? 1), '0');
    }
  });
}
