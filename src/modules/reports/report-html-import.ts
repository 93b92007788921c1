import { type HTMLElement, parse } from 'node-html-parser';
import { AppError } from '../../core/errors';
import type { Row } from './report-cell-text';
import {
  readTable2,
  readTable3,
  readTable4,
  table3RowOf,
  table4FromText,
  tableRows,
} from './report-html-tables';
import { type AnnualReport, annualReportSchema } from './report-schema';
import { textRows } from './report-text-dump';

// A published annual report's HTML (the national layout, with the deviations of law-and-formats.md
// §2.6) read back into the interchange format: the title gives agency and year, the tables are told
// apart by their words, the narrative is the paragraphs under the headings 一, 五 and 六.

const BLOCK_TAGS = new Set([
  'pre',
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'div',
  'section',
  'article',
  'td',
  'blockquote',
]);
const LAYOUT_TAGS = new Set(['table', 'tbody', 'thead', 'tr']);
const TITLE = /^(.*?)(\d{4})年度?政府信息公开(?:工作)?(?:年度)?报告/;

// The text blocks outside tables, in document order: a block is an element with no block children.
function textBlocks(root: HTMLElement): string[] {
  const blocks: string[] = [];
  const walk = (el: HTMLElement) => {
    const tag = el.rawTagName?.toLowerCase() ?? '';
    if (['script', 'style', 'head'].includes(tag)) return;
    if (tag === 'table' && el.querySelector('table') === null) return; // a data table; layout tables are read through
    const children = el.childNodes.filter((n): n is HTMLElement => n.nodeType === 1);
    const isBlock = (c: HTMLElement) =>
      BLOCK_TAGS.has(c.rawTagName?.toLowerCase() ?? '') || LAYOUT_TAGS.has(c.rawTagName?.toLowerCase() ?? '');
    if (tag && BLOCK_TAGS.has(tag) && !children.some(isBlock)) {
      // Source line breaks are spaces between Chinese words (dropped); <br> and <pre> lines are lines.
      const text = tag === 'pre' ? el.text : el.text.replace(/[ \t\r\f]*\n[ \t\r\f]*/g, '');
      for (const line of text.split(/[\n\u2028]/)) if (line.trim()) blocks.push(line.trim());
      return;
    }
    for (const c of children) walk(c);
  };
  walk(root);
  return blocks;
}

const HEADINGS: [number, RegExp][] = [
  [1, /^一[、.．]?\s*总体情况/],
  [2, /^二[、.．]?\s*主动公开政府信息(?:情况)?/],
  [3, /^三[、.．]?\s*收到和处理政府信息公开申请(?:情况)?/],
  [4, /^四[、.．]?\s*政府信息公开行政复议[、和]?行政诉讼(?:情况)?/],
  [5, /^五[、.．]?\s*存在的?主要问题(?:及其?改进情况)?/],
  [6, /^六[、.．]?\s*其他需要报告的?事项/],
];

// Page furniture after the report on a portal page: where the last section ends.
const PAGE_FURNITURE = /主办[:：]|承办[:：]|版权所有|ICP备|网站标识码|打印本页|关闭窗口|【打印】|扫一扫/;

/** The paragraphs under each of the six headings (a heading sharing its block with text keeps the text). */
function sections(blocks: readonly string[]): Map<number, string[]> {
  const found = new Map<number, string[]>();
  let current = 0;
  for (const block of blocks) {
    if (PAGE_FURNITURE.test(block)) break;
    const heading = HEADINGS.find(([, re]) => re.test(block));
    if (heading) {
      current = heading[0];
      found.set(current, []);
      const rest = block
        .replace(heading[1], '')
        .replace(/^[\s:：。]+/, '')
        .trim();
      if (rest) found.get(current)?.push(rest);
    } else if (current) found.get(current)?.push(block);
  }
  return found;
}

type TableKind = 't2' | 't3' | 't4';

function kindOf(rows: readonly Row[]): TableKind | null {
  const text = rows.map((r) => r.labels.join('')).join('');
  if (/申请人|本年新收|勾稽关系|本年度办理结果/.test(text)) return 't3';
  if (/结果维持|直接起诉|复议后起诉|尚未审结/.test(text)) return 't4';
  if (/第二十条|信息内容|规范性文件|行政许可|行政处罚/.test(text)) return 't2';
  return null;
}

function titleOf(root: HTMLElement, blocks: readonly string[]): { agency?: string; year?: number } {
  const candidates = [root.querySelector('h1')?.text, root.querySelector('title')?.text, ...blocks];
  for (const c of candidates) {
    const m = c ? TITLE.exec(c.replace(/[\s\u00a0\u3000]+/g, '')) : null;
    if (m) return { agency: m[1] || undefined, year: Number(m[2]) };
  }
  return {};
}

// The rows of tables 2–4: from the report's tables, or — a text dump without tables — from the lines
// under headings 二, 三 and 四.
function tablesOrText(root: HTMLElement, parts: Map<number, string[]>): (kind: TableKind) => Row[] {
  const innermost = root.querySelectorAll('table').filter((t) => t.querySelector('table') === null);
  const tables = innermost.map((t) => tableRows(t)).map((rows) => ({ rows, kind: kindOf(rows) }));
  if (tables.some((t) => t.kind === 't3'))
    return (kind) => tables.filter((t) => t.kind === kind).flatMap((t) => t.rows);
  const dump = {
    t2: textRows(parts.get(2) ?? []),
    t3: textRows(parts.get(3) ?? []),
    t4: textRows(parts.get(4) ?? []),
  };
  const named = new Set(dump.t3.filter((r) => r.tokens.length > 0).map((r) => table3RowOf(r.labels)));
  if (named.has('newReceived') && named.has('total')) return (kind) => dump[kind];
  throw new AppError(
    'validation',
    '未找到表三（收到和处理政府信息公开申请情况），无法识别为政府信息公开工作年度报告',
  );
}

/** Reads a published report's HTML into the interchange format; `hints` supply agency or year it lacks. */
export function importAnnualReportHtml(
  html: string,
  hints: { agency?: string; year?: number } = {},
): AnnualReport {
  const root = parse(html.replace(/<br\s*\/?>/gi, '\u2028'), { comment: false });
  const blocks = textBlocks(root);
  const parts = sections(blocks);
  const rowsOf = tablesOrText(root, parts);
  const title = titleOf(root, blocks);
  const agency = hints.agency ?? title.agency;
  const year = hints.year ?? title.year;
  if (!agency || !year)
    throw new AppError(
      'validation',
      '无法从标题识别机构名称和年度（应形如“某某局2023年政府信息公开工作年度报告”），请另行指定',
    );
  const join = (n: number) => (parts.get(n) ?? []).join('\n');
  return annualReportSchema.parse({
    agency,
    year,
    proactive: readTable2(rowsOf('t2')),
    applications: readTable3(rowsOf('t3')),
    appeals: readTable4(rowsOf('t4')) ?? table4FromText([join(4), join(1)].join('\n')),
    narrative: { overview: join(1), problems: join(5), other: join(6) },
  });
}
