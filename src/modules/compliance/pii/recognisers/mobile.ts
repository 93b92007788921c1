import { boosted, findContext } from '../context';
import { officePhoneReason } from '../exemptions';
import { judgeMaskedMobile, MASK_CHARS } from '../mask-policy';
import type { Candidate, Recogniser } from '../types';
import { isMobileNumber } from '../validators';

// Mobile numbers (compliance.md §2.3): 11 digits in an allocated MIIT range, optionally +86 and grouped
// 3-4-4; an unallocated range is dropped. Numbers an agency publishes as its office phone are not flagged.

const CONTEXT = ['电话', '手机', '联系方式', '联系', 'tel', '号码'];
const MOBILE = /(?<![0-9A-Za-z])(?:(?:\+86|0086)[- ]?)?(1\d{2})([- ]?)(\d{4})\2(\d{4})(?![0-9A-Za-z])/g;
const M = MASK_CHARS;
const MASKED = new RegExp(`(?<![0-9A-Za-z${M}])1[3-9][0-9${M}]{9}(?![0-9A-Za-z${M}])`, 'g');

export const mobileRecogniser: Recogniser = {
  name: 'mobile',
  recognise(doc) {
    const found: Candidate[] = [];
    for (const m of doc.text.matchAll(MOBILE)) {
      if (!isMobileNumber(`${m[1]}${m[3]}${m[4]}`) || officePhoneReason(doc, m.index, false)) continue;
      const end = m.index + m[0].length;
      const word = findContext(doc, m.index, end, CONTEXT);
      const score = word ? boosted(0.75) : 0.75;
      const reason = word ? `已分配的手机号段（上下文“${word}”）` : '已分配的手机号段';
      found.push({ type: 'mobile', start: m.index, end, text: m[0], score, reason });
    }
    for (const m of doc.text.matchAll(MASKED)) {
      if (![...m[0]].some((c) => M.includes(c))) continue;
      const verdict = judgeMaskedMobile(m[0]);
      if (verdict.compliant) continue;
      const { score, reason } = verdict;
      found.push({
        type: 'mobile',
        start: m.index,
        end: m.index + 11,
        text: m[0],
        score,
        reason,
        masked: true,
      });
    }
    return found;
  },
};
