import { isOfficialMailbox } from '../exemptions';
import type { Candidate, Recogniser } from '../types';

// E-mail (compliance.md §2.8): ASCII classes with explicit lookarounds, never \w or \b, which swallow the
// Chinese around an address. Masked local parts (z***@…) contain no allowed character and never match.
// Official mailboxes (.gov.cn) are an agency's, not a person's.

const EMAIL =
  /(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![A-Za-z0-9-])/g;

export const emailRecogniser: Recogniser = {
  name: 'email',
  recognise(doc) {
    const found: Candidate[] = [];
    for (const m of doc.text.matchAll(EMAIL)) {
      if (isOfficialMailbox(m[0])) continue;
      const end = m.index + m[0].length;
      found.push({ type: 'email', start: m.index, end, text: m[0], score: 0.9, reason: '电子邮箱地址' });
    }
    return found;
  },
};
