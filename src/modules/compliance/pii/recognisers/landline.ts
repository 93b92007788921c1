import { boosted, findContext } from '../context';
import { officePhoneReason } from '../exemptions';
import type { Candidate, Recogniser } from '../types';
import { isLandlineNumber } from '../validators';

// Landlines with an area code (compliance.md §2.4): 010-12345678, (0755)1234567, （0571）85123456, with an
// optional extension. 400/800 numbers, 95xxx and 12345 lack the area code and never match. An agency's
// published number (咨询电话, 监督电话, or its name on the same line) is not personal information.

const CONTEXT = ['电话', '联系方式', 'tel', '座机', '号码'];
const LANDLINE =
  /(?<![0-9A-Za-z])(?:[(（](0\d{2,3})[)）] ?|(0\d{2,3})[-－—‑ ]?)([2-9]\d{6,7})(?:[-－转]\d{1,6})?(?![0-9A-Za-z])/g;

export const landlineRecogniser: Recogniser = {
  name: 'landline',
  recognise(doc) {
    const found: Candidate[] = [];
    for (const m of doc.text.matchAll(LANDLINE)) {
      if (!isLandlineNumber(`${m[1] ?? m[2]}-${m[3]}`) || officePhoneReason(doc, m.index, true)) continue;
      const end = m.index + m[0].length;
      const word = findContext(doc, m.index, end, CONTEXT);
      const score = word ? boosted(0.6) : 0.6;
      const reason = word ? `带区号的固定电话（上下文“${word}”）` : '带区号的固定电话';
      found.push({ type: 'landline', start: m.index, end, text: m[0], score, reason });
    }
    return found;
  },
};
