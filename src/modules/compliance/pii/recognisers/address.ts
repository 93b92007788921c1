import { boosted, findContext, windowBefore } from '../context';
import { OFFICE_ADDRESS_LABELS } from '../exemptions';
import type { Candidate, Recogniser } from '../types';

// Addresses below township level (compliance.md §2.9): a personal address may be published down to the
// 乡镇/街道 only. A hit is anchored on a house-number tail (12号, 3幢2单元401室, 五组), extended left over
// the address to a delimiter or a label, and needs a road, village or estate marker. A personal label
// (住址, 家住 …) makes it a finding; an agency's address (办公地址 …) is not one.

const TAIL =
  /(?:[0-9０-９一二三四五六七八九十百]+(?:号楼|号院|号|栋|幢|单元|室|房|组|层|楼)|[-－][0-9０-９]+)+/g;
const ADDRESS_CHAR = /[\u4e00-\u9fa5A-Za-z0-9０-９·\-－()（）]/;
const MARKER = /路|街|巷|弄|道|胡同|里|村|社区|小区|苑|园|大厦|公寓|新村|花园/;
const STOP_LABELS = [
  '住址',
  '地址',
  '住所',
  '场所',
  '住在',
  '居住于',
  '居住在',
  '住于',
  '家住',
  '现住',
  '寄至',
  '位于',
  '住',
];
const CONTEXT = ['住址', '地址', '住所', '场所', '家住', '住在', '现住', '居住', '户籍', '住'];
const MAX_LENGTH = 40;

function startOf(text: string, tailStart: number): number {
  let start = tailStart;
  while (
    start > 0 &&
    tailStart - start < MAX_LENGTH &&
    ADDRESS_CHAR.test(text[start - 1] ?? '') &&
    !STOP_LABELS.some((l) => text.slice(Math.max(0, start - l.length), start) === l)
  )
    start--;
  return start;
}

export const addressRecogniser: Recogniser = {
  name: 'address',
  recognise(doc) {
    const found: Candidate[] = [];
    for (const m of doc.text.matchAll(TAIL)) {
      const start = startOf(doc.text, m.index);
      const end = m.index + m[0].length;
      const head = doc.text.slice(start, m.index);
      if (!MARKER.test(head) || head.length < 3) continue;
      const office = OFFICE_ADDRESS_LABELS.find((l) => windowBefore(doc, start).includes(l));
      if (office) continue;
      const word = findContext(doc, start, end, CONTEXT);
      const score = word ? boosted(0.45, 0.85) : 0.45;
      const reason = word
        ? `乡镇街道以下的详细地址（上下文“${word}”）`
        : '乡镇街道以下的详细地址，无个人住址标签';
      found.push({ type: 'address', start, end, text: doc.text.slice(start, end), score, reason });
    }
    return found;
  },
};
