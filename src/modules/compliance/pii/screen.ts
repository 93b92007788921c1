import { maskAddress, maskEmail, maskIdNumber, maskPhone } from '../../../core/masking';
import { screenDocument } from './document';
import { addressRecogniser } from './recognisers/address';
import { bankCardRecogniser } from './recognisers/bank-card';
import { emailRecogniser } from './recognisers/email';
import { idCardRecogniser } from './recognisers/id-card';
import { landlineRecogniser } from './recognisers/landline';
import { mobileRecogniser } from './recognisers/mobile';
import { personNameRecogniser } from './recognisers/person-name';
import { travelDocumentRecogniser } from './recognisers/travel-document';
import { usccRecogniser } from './recognisers/uscc';
import { vehiclePlateRecogniser } from './recognisers/vehicle-plate';
import { type Candidate, DEFAULT_THRESHOLD, type PiiFinding, type Recogniser } from './types';

// The privacy screen (隐私排查, compliance.md §5.1): every recogniser runs over the text; overlapping hits
// are resolved as Presidio does (the higher score wins, a tie goes to the longer span); hits below the
// threshold are dropped; each finding carries a suggestion in the house masks of core/masking.ts.

export const RECOGNISERS: readonly Recogniser[] = [
  idCardRecogniser,
  usccRecogniser,
  mobileRecogniser,
  landlineRecogniser,
  bankCardRecogniser,
  travelDocumentRecogniser,
  vehiclePlateRecogniser,
  emailRecogniser,
  addressRecogniser,
  personNameRecogniser,
];

export interface ScreenOptions {
  /** Findings scoring below this are dropped (default 0.5). */
  threshold?: number;
  /** The day birth dates may not be after (tests inject it). */
  now?: Date;
}

const overlaps = (a: Candidate, b: Candidate) => a.start < b.end && b.start < a.end;

/** Keeps the best of overlapping candidates: higher score, then longer span, then earlier start. */
export function resolveOverlaps(candidates: Candidate[]): Candidate[] {
  const ranked = [...candidates].sort(
    (a, b) => b.score - a.score || b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  // Kept spans never overlap, so sorted by start they are sorted by end too: a binary search finds the
  // only two neighbours a candidate could overlap (a 名单 of thousands of names stays fast).
  const kept: Candidate[] = [];
  for (const c of ranked) {
    let lo = 0;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((kept[mid] as Candidate).start < c.start) lo = mid + 1;
      else hi = mid;
    }
    const prev = kept[lo - 1];
    const next = kept[lo];
    if ((prev && overlaps(prev, c)) || (next && overlaps(next, c))) continue;
    kept.splice(lo, 0, c);
  }
  return kept;
}

function suggestionFor(c: Candidate): string {
  const digits = c.text.replace(/[^0-9Xx]/g, '');
  const masked: Partial<Record<Candidate['type'], () => string>> = {
    id_card: () => maskIdNumber(digits.toUpperCase()),
    mobile: () => maskPhone(digits.slice(-11)),
    landline: () => maskPhone(digits),
    email: () => maskEmail(c.text),
    address: () => maskAddress(c.text),
  };
  const shown = c.masked ? undefined : masked[c.type]?.();
  return shown ? `去标识化后公开，如“${shown}”，或删除` : '删除或去标识化后公开';
}

/** Screens text for personal data; findings sorted by start offset. */
export function screenText(text: string, options: ScreenOptions = {}): PiiFinding[] {
  const doc = screenDocument(text, options.now);
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const candidates = RECOGNISERS.flatMap((r) => r.recognise(doc));
  return resolveOverlaps(candidates)
    .filter((c) => c.score >= threshold)
    .sort((a, b) => a.start - b.start || a.end - b.end)
    .map((c) => ({
      kind: 'pii',
      ...c,
      score: Math.round(c.score * 100) / 100,
      suggestion: suggestionFor(c),
    }));
}
