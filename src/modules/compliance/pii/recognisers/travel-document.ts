import { boosted, findContext } from '../context';
import type { Candidate, PiiType, Recogniser } from '../types';

// Passports and travel permits (compliance.md §2.6): the shapes are short and the libraries disagree, so a
// hit is reported only with a label (护照, 通行证 …) before it or in its column header.

interface DocumentPattern {
  type: Extract<PiiType, 'passport' | 'travel_permit'>;
  name: string;
  pattern: string;
  context: readonly string[];
}

const LETTER = 'A-HJ-NP-Z';
export const TRAVEL_DOCUMENT_PATTERNS: readonly DocumentPattern[] = [
  {
    type: 'passport',
    name: '护照',
    // E + 8 digits, E + letter + 7; PE/SE/DE + 7 (official); G + 8, 14/15 + 7 (older); K + 8 (HK); MA/MB + 7 (Macau)
    pattern: `E\\d{8}|E[${LETTER}]\\d{7}|[PSD]E\\d{7}|G\\d{8}|1[45]\\d{7}|K\\d{8}|M[AB]\\d{7}`,
    context: ['护照', 'passport', '证件号码'],
  },
  {
    type: 'travel_permit',
    name: '往来港澳通行证',
    pattern: `C\\d{8}|C[${LETTER}]\\d{7}`,
    context: ['通行证', '证件号码'],
  },
  {
    type: 'travel_permit',
    name: '港澳居民来往内地通行证',
    pattern: '[HM]\\d{8}(?:\\d{2})?',
    context: ['通行证', '回乡证', '证件号码'],
  },
  {
    type: 'travel_permit',
    name: '台湾居民来往大陆通行证',
    pattern: '\\d{8}',
    context: ['台胞证', '台湾居民'],
  },
];

const compiled = TRAVEL_DOCUMENT_PATTERNS.map((p) => ({
  ...p,
  regex: new RegExp(`(?<![0-9A-Za-z])(?:${p.pattern})(?![0-9A-Za-z])`, 'g'),
}));

export const travelDocumentRecogniser: Recogniser = {
  name: 'travel_document',
  recognise(doc) {
    const found: Candidate[] = [];
    for (const p of compiled) {
      for (const m of doc.text.matchAll(p.regex)) {
        const end = m.index + m[0].length;
        const word = findContext(doc, m.index, end, p.context);
        if (!word) continue;
        const reason = `${p.name}号码格式（上下文“${word}”）`;
        found.push({ type: p.type, start: m.index, end, text: m[0], score: boosted(0.1, 0.85), reason });
      }
    }
    return found;
  },
};
