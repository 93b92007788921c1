import { type DeadlineReading, readDeadline } from './deadline-text';

// The provincial 《政务公开重点工作清单》 as a table of text cells, turned into list items. Pure. Tolerates
// what such files really look like: a title row above the header, header variants (工作任务/重点工作,
// 具体要求/工作要求, 责任单位/牵头单位, 完成时限/时间节点), section rows (一、…) merged across the
// table, cells merged downwards (a continuation row repeats or leaves blank the task, unit and deadline),
// blank rows. Every row that is neither data nor layout is reported with its row number and reason.

export interface ParsedItem {
  row: number; // the 1-based row number the item starts on, as the spreadsheet shows it
  seq: string;
  category: string;
  title: string;
  requirement: string;
  leadUnits: string;
  deadlineText: string;
  deadline: DeadlineReading;
}

export interface SkippedRow {
  row: number;
  reason: string;
}

export interface ParsedList {
  year: number | null; // from a title row ("2026年…清单"), if any
  items: ParsedItem[];
  skipped: SkippedRow[];
}

type Field = 'seq' | 'title' | 'requirement' | 'units' | 'partners' | 'deadline';

const headerPatterns: [Field, RegExp][] = [
  ['seq', /^(序号|编号|No\.?)$/i],
  ['title', /工作任务|重点工作|重点任务|主要任务|任务名称|工作内容|^任务$|^事项$/],
  ['requirement', /具体要求|工作要求|任务要求|工作措施|具体内容|^要求$/],
  ['partners', /配合单位|协办单位/],
  ['units', /责任单位|牵头单位|责任部门|承办单位|^单位$/],
  ['deadline', /完成时限|完成时间|时间节点|时限|^时间$/],
];

const clean = (s: string | undefined) => (s ?? '').replace(/[\u00a0\u3000]/g, ' ').trim();
const squash = (s: string) => s.replace(/\s+/g, '');

/** The normalised task text that identifies an item within a year (whitespace does not count). */
export function textKeyOf(title: string): string {
  return squash(title).replace(/[。；;，,]+$/, '');
}

function findHeader(rows: readonly string[][]): { index: number; columns: Map<Field, number> } | null {
  for (let i = 0; i < Math.min(rows.length, 15); i++) {
    const columns = new Map<Field, number>();
    (rows[i] ?? []).forEach((cell, c) => {
      const text = squash(clean(cell));
      const hit = headerPatterns.find(([field, re]) => !columns.has(field) && re.test(text));
      if (hit) columns.set(hit[0], c);
    });
    if (columns.has('title') && (columns.has('deadline') || columns.has('units')))
      return { index: i, columns };
  }
  return null;
}

const SECTION = /^([一二三四五六七八九十]+[、.．]|（[一二三四五六七八九十]+）|第[一二三四五六七八九十]+部分)/;

// A section row: one text across the row (merged) or only in the first columns, shaped like a heading.
function sectionOf(cells: string[]): string | null {
  const texts = [...new Set(cells.filter(Boolean))];
  if (texts.length !== 1) return null;
  const text = texts[0] as string;
  return SECTION.test(text) || cells.filter(Boolean).length > 2 ? text : null;
}

interface Cursor {
  category: string;
  last: ParsedItem | null;
  seen: Map<string, number>;
}

function joinText(a: string, b: string): string {
  if (!b || a.includes(b)) return a;
  return a ? `${a}\n${b}` : b;
}

function cellsOf(row: string[], columns: Map<Field, number>) {
  const at = (f: Field) => {
    const c = columns.get(f);
    return c === undefined ? '' : clean(row[c]);
  };
  const partners = at('partners');
  const units = at('units');
  return {
    seq: at('seq'),
    title: at('title'),
    requirement: at('requirement'),
    units: partners ? `${units}（配合：${partners}）` : units,
    deadline: at('deadline'),
  };
}

function readRow(row: string[], n: number, columns: Map<Field, number>, year: number, cur: Cursor) {
  const c = cellsOf(row, columns);
  const last = cur.last;
  // A continuation row: the task merged down (blank, or repeated by the reader) adds its requirement.
  const sameTask =
    last && (c.title ? textKeyOf(c.title) === textKeyOf(last.title) : !c.seq || c.seq === last.seq);
  if (last && sameTask) {
    last.requirement = joinText(last.requirement, c.requirement);
    return null;
  }
  if (!c.title) return { row: n, reason: '缺少工作任务（重点工作）' };
  const key = textKeyOf(c.title);
  const dup = cur.seen.get(key);
  if (dup !== undefined) return { row: n, reason: `与第 ${dup} 行的工作任务重复` };
  // Unit and deadline merged down over the rows of one section arrive blank: they carry on.
  const units = c.units || (last?.category === cur.category ? last.leadUnits : '');
  const deadlineText = c.deadline || (last?.category === cur.category ? last.deadlineText : '');
  if (!deadlineText) return { row: n, reason: '缺少完成时限' };
  const deadline = readDeadline(deadlineText, year);
  if (!deadline) return { row: n, reason: `完成时限“${deadlineText}”无法识别` };
  const item: ParsedItem = {
    row: n,
    seq: c.seq || String(cur.seen.size + 1),
    category: cur.category,
    title: c.title,
    requirement: c.requirement,
    leadUnits: units,
    deadlineText,
    deadline,
  };
  cur.seen.set(key, n);
  cur.last = item;
  return item;
}

/** Parses the rows of a key-task list; `fallbackYear` applies when no title row names the year. */
export function parseKeyTaskRows(rows: readonly string[][], fallbackYear: number): ParsedList {
  const header = findHeader(rows);
  if (!header) return { year: null, items: [], skipped: [] };
  const titleText = rows.slice(0, header.index).flat().join(' ');
  const named = /(20\d{2})\s*年/.exec(titleText);
  const year = named ? Number(named[1]) : fallbackYear;
  const cur: Cursor = { category: '', last: null, seen: new Map() };
  const items: ParsedItem[] = [];
  const skipped: SkippedRow[] = [];
  for (let i = header.index + 1; i < rows.length; i++) {
    const cells = (rows[i] ?? []).map((c) => clean(c));
    if (cells.every((c) => !c)) continue; // a blank row is layout, not data
    const section = sectionOf(cells);
    if (section) {
      cur.category = section;
      cur.last = null;
      continue;
    }
    const r = readRow(cells, i + 1, header.columns, year, cur);
    if (r && 'reason' in r) skipped.push(r);
    else if (r) items.push(r);
  }
  return { year: named ? year : null, items, skipped };
}

/** Whether the rows have a recognisable header at all. */
export function hasKeyTaskHeader(rows: readonly string[][]): boolean {
  return findHeader(rows) !== null;
}
