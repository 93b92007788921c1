import type { HTMLElement } from 'node-html-parser';
import { parseChineseNumeral } from './narrative-numbers';
import { cellValue, normalise, type Row } from './report-cell-text';
import { OUTCOME_GROUPS, OUTER_ROW_LABELS } from './report-labels';
import {
  type AnnualReport,
  APPEAL_BLOCKS,
  APPEAL_COLUMNS,
  TABLE3_ROWS,
  type Table3Row,
} from './report-schema';
import { blocksAddUp, rowAddsUp, splitByIdentity } from './report-text-dump';

// Reading tables 2–4 out of a published report's HTML, tolerating the deviations real reports show
// (law-and-formats.md §2.6 "Deviations a parser must tolerate"): rows are recognised by the words of their
// label, not by position; header words broken across lines or spaces ("商业 企业"); "规范性文件" for
// "行政规范性文件"; a year inside a header; the 2019 试行 table 2 columns; table 4 split into sub-tables;
// numbers run together with spaces in one cell; typos matched fuzzily. "/", "—", "空" and blank are null.

/** A table's rows split into label cells and trailing value cells (space-separated runs split). */
export function tableRows(table: HTMLElement): Row[] {
  return table.querySelectorAll('tr').map((tr) => {
    const labels: string[] = [];
    const tokens: string[] = [];
    for (const cell of tr.childNodes.filter((n) =>
      ['td', 'th'].includes((n as HTMLElement).rawTagName?.toLowerCase()),
    )) {
      const raw = cell.text;
      const words = raw.trim().split(/[\s\u00a0\u3000]+/);
      const runs =
        words.length > 1 && words.every((w) => cellValue(w) !== undefined && w !== '') ? words : [raw];
      for (const token of runs) {
        if (cellValue(token) === undefined) {
          labels.push(normalise(token));
          tokens.length = 0; // values count only after the last label
        } else tokens.push(normalise(token));
      }
    }
    return { labels, tokens, values: tokens.map((t) => cellValue(t) ?? null) };
  });
}

// Bigram Dice similarity, for labels with typos.
function similarity(a: string, b: string): number {
  const grams = (s: string) => Array.from({ length: Math.max(0, s.length - 1) }, (_, i) => s.slice(i, i + 2));
  const ga = grams(a);
  const gb = grams(b);
  if (ga.length === 0 || gb.length === 0) return 0;
  const pool = [...gb];
  let hits = 0;
  for (const g of ga) {
    const at = pool.indexOf(g);
    if (at >= 0) {
      hits++;
      pool.splice(at, 1);
    }
  }
  return (2 * hits) / (ga.length + gb.length);
}

const T3_RULES: [Table3Row, RegExp][] = [
  ['carriedForward', /结转下(一)?年/],
  ['newReceived', /新收/],
  ['carriedOver', /上(一)?年(度)?结转/],
  ['partiallyDisclosed', /部分公开/],
  ['disclosed', /予以公开/],
  ['withheld.stateSecret', /国家秘密/],
  ['withheld.prohibitedByLaw', /禁止公开/],
  ['withheld.securityStability', /三安全|一稳定|危及/],
  ['withheld.thirdPartyRights', /第三方/],
  ['withheld.internalAffairs', /内部事务/],
  ['withheld.processInformation', /过程性/],
  ['withheld.enforcementFiles', /执法案卷/],
  ['withheld.administrativeInquiry', /行政查询/],
  ['unable.notHeld', /不掌握/],
  ['unable.needsCreation', /另行制作|没有现成/],
  ['unable.stillUnclear', /仍不明确/],
  ['notProcessed.petition', /信访|举报|投诉/],
  ['notProcessed.excessive', /大量|反复申请/],
  ['notProcessed.repeated', /重复申请/],
  ['notProcessed.publications', /出版物/],
  ['notProcessed.confirmOrReissue', /确认或|重新出具/],
  ['other.noCorrection', /不补正/],
  ['other.feeUnpaid', /缴纳费用|收费通知|缴费/],
  ['total', /总计$/],
  ['other.other', /其他$/],
];

const OFFICIAL_LABELS: [Table3Row, string][] = [
  ['newReceived', normalise(OUTER_ROW_LABELS.newReceived)],
  ['carriedOver', normalise(OUTER_ROW_LABELS.carriedOver)],
  ['carriedForward', normalise(OUTER_ROW_LABELS.carriedForward)],
  ...OUTCOME_GROUPS.flatMap((g) => g.rows.map((r) => [r.row, normalise(r.label)] as [Table3Row, string])),
];

/** The table 3 row a label names, by its words, else by the closest official label (typos). */
export function table3RowOf(labels: readonly string[]): Table3Row | null {
  const last = labels.at(-1) ?? '';
  const all = labels.join('');
  for (const text of [last, all]) for (const [row, re] of T3_RULES) if (re.test(text)) return row;
  let best: [Table3Row | null, number] = [null, 0.6];
  for (const [row, official] of OFFICIAL_LABELS) {
    const s = similarity(
      last.replace(/^[(（]?[一二三四五六七\d][)）.、]?/, ''),
      official.replace(/^[(（]?[一二三四五六七\d][)）.、]?/, ''),
    );
    if (s > best[1]) best = [row, s];
  }
  return best[0];
}

/** Table 3 from its rows (cells run together split by H3); rows not found are all null (missing, S5). */
export function readTable3(rows: readonly Row[]): AnnualReport['applications'] {
  const found = new Map<Table3Row, (number | null)[]>();
  for (const row of rows) {
    if (row.tokens.length === 0 || row.labels.length === 0) continue;
    const key = table3RowOf(row.labels);
    if (!key || found.has(key)) continue;
    const values = row.values.length >= 7 ? row.values.slice(-7) : splitByIdentity(row.tokens, 7, rowAddsUp);
    if (values) found.set(key, values);
  }
  return Object.fromEntries(
    TABLE3_ROWS.map((r) => [r, found.get(r) ?? Array(7).fill(null)]),
  ) as AnnualReport['applications'];
}

/** Table 2 from its rows, the 2019 试行 columns (新制作 / 新公开 / 对外公开总数) included. */
export function readTable2(rows: readonly Row[]): AnnualReport['proactive'] {
  const p: AnnualReport['proactive'] = {
    rules: { issued: null, repealed: null, inForce: null },
    normativeDocuments: { issued: null, repealed: null, inForce: null },
    licensing: null,
    penalty: null,
    enforcement: null,
    feesTenThousandYuan: null,
  };
  let trial = false;
  for (const row of rows) {
    const label = row.labels.join('');
    if (row.values.length === 0) {
      if (/新制作|新公开/.test(label)) trial = true;
      else if (/制发|废止|现行有效/.test(label)) trial = false;
      continue;
    }
    const v = row.values;
    const last = v.at(-1) ?? null;
    const counts = () =>
      trial
        ? { issued: v[0] ?? null, repealed: null, inForce: v[2] ?? null }
        : { issued: v[0] ?? null, repealed: v[1] ?? null, inForce: v[2] ?? null };
    if (/规章/.test(label)) p.rules = counts();
    else if (/规范性文件/.test(label)) p.normativeDocuments = counts();
    else if (/许可/.test(label)) p.licensing = last;
    else if (/处罚/.test(label)) p.penalty = last;
    else if (/强制/.test(label)) p.enforcement = last;
    else if (/收费/.test(label)) p.feesTenThousandYuan = last;
  }
  return p;
}

/** Table 4 from the value cells of its table(s) in order: 15 values, 3 blocks of 5 (cells run together split by H4); else null. */
export function readTable4(rows: readonly Row[]): AnnualReport['appeals'] | null {
  const withValues = rows.filter((r) => r.values.length >= 5);
  const read = withValues.flatMap((r) => r.values);
  const values =
    read.length === 15
      ? read
      : splitByIdentity(
          rows.flatMap((r) => r.tokens),
          15,
          blocksAddUp,
        );
  if (!values) return null;
  return Object.fromEntries(
    APPEAL_BLOCKS.map((b, i) => [
      b,
      Object.fromEntries(APPEAL_COLUMNS.map((c, j) => [c, values[i * 5 + j] ?? null])),
    ]),
  ) as AnnualReport['appeals'];
}

/** Table 4 when a report gives it only in words ("行政复议28件"): the reconsideration total, the rest null. */
export function table4FromText(text: string): AnnualReport['appeals'] {
  const blank = () => ({ upheld: null, corrected: null, other: null, pending: null, total: null });
  const m = /行政复议(?:案件)?(?:共)?(\d+|[零〇一二两三四五六七八九十百千]+)件/.exec(text);
  const n = m?.[1] ? (/^\d+$/.test(m[1]) ? Number(m[1]) : parseChineseNumeral(m[1])) : null;
  return {
    reconsideration: { ...blank(), total: n },
    litigationDirect: blank(),
    litigationAfterReconsideration: blank(),
  };
}
