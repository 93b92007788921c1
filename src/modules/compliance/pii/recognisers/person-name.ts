import { officialNameReason } from '../exemptions';
import type { Candidate, Recogniser, ScreenDocument } from '../types';
import { repeatedNames, unlabelledNames } from './person-name-unlabelled';
import { surnameLength } from './surnames';

// Personal names (compliance.md §2.10): in this domain most names are structural — after a label (姓名,
// 户主, 申请人, 联系人 …), in a table column headed by one, or as the salutation of a reply. A candidate
// starts with a known surname and has 2–4 Han characters (a · for minority names). Officials named with
// their title, and the contact person of a public service beside an office phone, are not flagged.

export const NAME_LABELS = [
  '被处罚人',
  '被申请人',
  '法定代表人',
  '姓名',
  '户主',
  '申请人',
  '信访人',
  '来信人',
  '当事人',
  '经营者',
  '联系人',
  '监护人',
  '举报人',
  '投诉人',
  '收款人',
  '持卡人',
  '委托人',
  '代理人',
  '受助人',
] as const;

const LABEL = new RegExp(`(?:${NAME_LABELS.join('|')})[：: \\u3000]*(?=([\\u4e00-\\u9fa5·]{1,8}))`, 'g');
const STOP = /[于在因的是与和及等为向对从被将把已了同家户男女之诉称系现原]/;
const SALUTATION = /^([\u4e00-\u9fa5]{2,4})[：:][ \u3000]*$/gm;
const NOT_A_NAME = /某|先生|女士|同志|老师|师傅/;
const CELL_NAME = /^(?:[\u4e00-\u9fa5]{2,4}|[\u4e00-\u9fa5]{1,6}·[\u4e00-\u9fa5]{1,6})$/;

/** The name at the start of a Han run, cut at the first word that cannot be part of it, or null. */
export function nameAtStart(run: string): string | null {
  const surname = surnameLength(run);
  if (surname === 0 || NOT_A_NAME.test(run.slice(0, 4))) return null;
  if (run.includes('·')) return CELL_NAME.test(run) ? run : null;
  let length = Math.min(run.length, surname + 2);
  for (let i = surname + 1; i < length; i++) if (STOP.test(run[i] ?? '')) length = i;
  return length >= 2 ? run.slice(0, length) : null;
}

function candidate(doc: ScreenDocument, start: number, name: string, score: number, reason: string) {
  const end = start + name.length;
  if (officialNameReason(doc, start, end)) return null;
  return { type: 'person_name', start, end, text: name, score, reason } satisfies Candidate;
}

function fromLabels(doc: ScreenDocument): Candidate[] {
  const found: Candidate[] = [];
  for (const m of doc.text.matchAll(LABEL)) {
    const run = m[1] ?? '';
    const name = nameAtStart(run);
    if (!name) continue;
    const start = m.index + m[0].length;
    const hit = candidate(doc, start, name, 0.85, `标签“${m[0].replace(/[：:\s]+$/, '')}”后的姓名`);
    if (hit) found.push(hit);
  }
  return found;
}

function fromTables(doc: ScreenDocument): Candidate[] {
  const found: Candidate[] = [];
  for (const m of doc.text.matchAll(/[\u4e00-\u9fa5·]{2,13}/g)) {
    const cell = doc.cellAt(m.index);
    if (!cell || !NAME_LABELS.some((l) => cell.header.includes(l))) continue;
    if (doc.text.slice(cell.start, cell.end).trim() !== m[0] || !CELL_NAME.test(m[0])) continue;
    if (surnameLength(m[0]) === 0 || NOT_A_NAME.test(m[0])) continue;
    const hit = candidate(doc, m.index, m[0], 0.9, `表格“${cell.header}”列中的姓名`);
    if (hit) found.push(hit);
  }
  return found;
}

function fromSalutations(doc: ScreenDocument): Candidate[] {
  const found: Candidate[] = [];
  for (const m of doc.text.matchAll(SALUTATION)) {
    const name = m[1] ?? '';
    if (nameAtStart(name) !== name) continue;
    const hit = candidate(doc, m.index, name, 0.6, '答复书称谓中的姓名');
    if (hit) found.push(hit);
  }
  return found;
}

export const personNameRecogniser: Recogniser = {
  name: 'person_name',
  recognise: (doc) => {
    const found = [...fromLabels(doc), ...fromTables(doc), ...fromSalutations(doc), ...unlabelledNames(doc)];
    return [...found, ...repeatedNames(doc, found)];
  },
};
