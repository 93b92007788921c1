import { boosted, findContext } from '../context';
import { judgeMaskedId, MASK_CHARS } from '../mask-policy';
import type { Candidate, Recogniser } from '../types';
import { isOldResidentIdNumber, isResidentIdNumber } from '../validators';

// 居民身份证号 (compliance.md §2.1): 18 characters (also grouped 6-8-4, lower-case x) validated by province,
// birth date and MOD 11-2; a failing one is dropped (§5.1.2 routes it to USCC and bank card). The 15-digit
// form has no check digit, so it needs a label to be reported. No \b: ASCII lookarounds only (§1.2).

const CONTEXT = ['身份证', '证件号', '身份号码', '证件号码'];
const ID18 = /(?<![0-9A-Za-z*＊●×])(\d{6})[ -]?(\d{8})[ -]?(\d{3}[0-9Xx])(?![0-9A-Za-z*＊●×])/g;
const ID15 = /(?<![0-9A-Za-z*＊●×])\d{15}(?![0-9A-Za-z*＊●×])/g;
const M = MASK_CHARS;
const MASKED = new RegExp(
  `(?<![0-9A-Za-z${M}])[0-9${M}]{14}(?:[0-9${M}]{3})?[0-9Xx${M}](?![0-9A-Za-z${M}])`,
  'g',
);

export const idCardRecogniser: Recogniser = {
  name: 'id_card',
  recognise(doc) {
    const found: Candidate[] = [];
    for (const m of doc.text.matchAll(ID18)) {
      const value = `${m[1]}${m[2]}${m[3]}`.toUpperCase();
      if (!isResidentIdNumber(value, doc.now)) continue;
      const end = m.index + m[0].length;
      found.push({
        type: 'id_card',
        start: m.index,
        end,
        text: m[0],
        score: 1,
        reason: '18位身份证号，校验位和出生日期有效',
      });
    }
    for (const m of doc.text.matchAll(ID15)) {
      if (!isOldResidentIdNumber(m[0])) continue;
      const end = m.index + m[0].length;
      const word = findContext(doc, m.index, end, CONTEXT);
      const score = word ? boosted(0.3, 0.85) : 0.3;
      const reason = word ? `15位旧身份证号（上下文“${word}”）` : '15位数字，省份和出生日期有效但无上下文';
      found.push({ type: 'id_card', start: m.index, end, text: m[0], score, reason });
    }
    for (const m of doc.text.matchAll(MASKED)) {
      const masked = [...m[0]].filter((c) => M.includes(c)).length;
      if (masked === 0 || masked === m[0].length) continue;
      const verdict = judgeMaskedId(m[0]);
      if (verdict.compliant) continue;
      const { score, reason } = verdict;
      found.push({
        type: 'id_card',
        start: m.index,
        end: m.index + m[0].length,
        text: m[0],
        score,
        reason,
        masked: true,
      });
    }
    return found;
  },
};
