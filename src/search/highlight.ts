import { foldText } from './char-fold';

// Highlighting works on folded text (so 資源 in a document lights up for the query 资源) and
// writes the original text, which folding keeps position-for-position.

export const SNIPPET_CHARS = 160;
const LEAD_CHARS = 30;

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made safe for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] as string);
}

export type Range = [start: number, end: number];

/** Every occurrence of every term in folded text, sorted, overlaps merged. */
export function findMatches(folded: string, terms: string[]): Range[] {
  const found: Range[] = [];
  for (const term of terms) {
    if (!term) continue;
    for (let at = folded.indexOf(term); at >= 0; at = folded.indexOf(term, at + 1))
      found.push([at, at + term.length]);
  }
  found.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: Range[] = [];
  for (const r of found) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/** Escaped text[from, to) with <mark> around the parts of the ranges inside it. */
export function markRanges(text: string, ranges: Range[], from = 0, to = text.length): string {
  let html = '';
  let at = from;
  for (const [start, end] of ranges) {
    const s = Math.max(start, from);
    const e = Math.min(end, to);
    if (e <= s) continue;
    html += `${escapeHtml(text.slice(at, s))}<mark>${escapeHtml(text.slice(s, e))}</mark>`;
    at = e;
  }
  return html + escapeHtml(text.slice(at, to));
}

/** The whole title, escaped, with the terms marked. */
export function highlightTitle(title: string, terms: string[]): string {
  return markRanges(title, findMatches(foldText(title), terms));
}

// Never cut a surrogate pair in half.
function safeCut(text: string, at: number): number {
  const code = text.charCodeAt(at);
  return code >= 0xdc00 && code <= 0xdfff ? at - 1 : at;
}

/** About SNIPPET_CHARS of the text around its first match, escaped, terms marked, '…' where cut. */
export function buildSnippet(text: string, terms: string[], size = SNIPPET_CHARS): string {
  const ranges = findMatches(foldText(text), terms);
  const first = ranges[0]?.[0] ?? 0;
  const start = Math.max(0, safeCut(text, Math.max(0, Math.min(first - LEAD_CHARS, text.length - size))));
  const end = Math.min(text.length, safeCut(text, start + size));
  const body = markRanges(text, ranges, start, end).replace(/\s+/g, ' ');
  return `${start > 0 ? '…' : ''}${body}${end < text.length ? '…' : ''}`;
}
