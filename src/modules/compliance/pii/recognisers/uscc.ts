import type { Candidate, Recogniser } from '../types';
import { isIndividualBusinessCode, isResidentIdNumber, isUnifiedSocialCreditCode } from '../validators';

// 统一社会信用代码 (compliance.md §2.2): an organisation's code is public; a 个体工商户 code (92…) identifies
// a natural person's business and is reported. An 18-digit run that is a valid ID number is the ID's.

const USCC = /(?<![0-9A-Za-z])[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}(?![0-9A-Za-z])/g;
const ORGANISATION_SCORE = 0.2; // reported only below the default threshold: usually fine to publish

export const usccRecogniser: Recogniser = {
  name: 'uscc',
  recognise(doc) {
    const found: Candidate[] = [];
    for (const m of doc.text.matchAll(USCC)) {
      const value = m[0];
      if (!isUnifiedSocialCreditCode(value) || isResidentIdNumber(value, doc.now)) continue;
      const individual = isIndividualBusinessCode(value);
      found.push({
        type: 'uscc',
        start: m.index,
        end: m.index + value.length,
        text: value,
        score: individual ? 0.9 : ORGANISATION_SCORE,
        reason: individual
          ? '个体工商户的统一社会信用代码，可识别经营者本人'
          : '机构的统一社会信用代码，通常可以公开',
      });
    }
    return found;
  },
};
