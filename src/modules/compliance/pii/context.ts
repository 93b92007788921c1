import type { ScreenDocument } from './types';

// Context from raw substrings, not lemmas (compliance.md §1.2, §5.1.3): Chinese labels are compounds, so a
// label counts when it occurs in the window before the value in the same clause (a comma or semicolon ends
// it, so 台胞证 12345678；编号 87654321 labels only the first), or in its column header.

const CLAUSE_END = /[，,；;。\n]/;

export const CONTEXT_BEFORE = 16;
export const CONTEXT_AFTER = 6;
/** Presidio's enhancer: score + 0.35, at least 0.4 (a recogniser may ask for a higher floor). */
export const CONTEXT_BOOST = 0.35;

/** The text on the same line within `before` characters ahead of `start`. */
export function windowBefore(doc: ScreenDocument, start: number, before = CONTEXT_BEFORE): string {
  const from = Math.max(0, start - before);
  const slice = doc.text.slice(from, start);
  const nl = slice.lastIndexOf('\n');
  return nl === -1 ? slice : slice.slice(nl + 1);
}

/** The clause ahead of `start`: the same line, back to the last comma, semicolon or full stop. */
export function clauseBefore(doc: ScreenDocument, start: number, before = CONTEXT_BEFORE): string {
  const slice = windowBefore(doc, start, before);
  const cut = Math.max(...[...slice].map((ch, i) => (CLAUSE_END.test(ch) ? i : -1)));
  return slice.slice(cut + 1);
}

/** The clause behind `end`, up to `after` characters. */
export function clauseAfter(doc: ScreenDocument, end: number, after = CONTEXT_AFTER): string {
  const slice = doc.text.slice(end, end + after);
  const cut = slice.search(CLAUSE_END);
  return cut === -1 ? slice : slice.slice(0, cut);
}

/** The first context word found around the span (header first), or null. */
export function findContext(
  doc: ScreenDocument,
  start: number,
  end: number,
  words: readonly string[],
): string | null {
  const header = doc.headerAt(start);
  const around = [header ?? '', clauseBefore(doc, start), clauseAfter(doc, end)];
  for (const place of around) {
    const word = words.find((w) => place.toLowerCase().includes(w.toLowerCase()));
    if (word) return word;
  }
  return null;
}

/** The score after a context word was found. */
export function boosted(score: number, floor = 0.4): number {
  return Math.min(1, Math.max(score + CONTEXT_BOOST, floor));
}
