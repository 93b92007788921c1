import { foldText } from './char-fold';

// A query is data, never syntax: it is folded like documents, split at spaces into terms (AND),
// and each term is later matched as a literal substring. Limits bound the work a request can cause.

export const MAX_QUERY_CHARS = 100;
export const MAX_TERMS = 8;

export interface NormalisedQuery {
  /** Distinct terms, none contained in another (AND makes such a term redundant). */
  terms: string[];
  /** The terms joined by one space: the query actually run. */
  text: string;
}

// Only the head of a huge input is read, so a 10 MB query costs what a 400-character one does.
const READ_LIMIT = MAX_QUERY_CHARS * 4;

function capChars(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, max).join('');
}

function dropRedundant(terms: string[]): string[] {
  const distinct = [...new Set(terms)];
  return distinct.filter((t) => !distinct.some((other) => other !== t && other.includes(t)));
}

/** Folds, trims, collapses spaces, caps at MAX_QUERY_CHARS and splits into AND terms. */
export function normaliseQuery(raw: string): NormalisedQuery {
  // A double quote is what people type around a phrase; every term is a phrase already.
  const folded = foldText(raw.slice(0, READ_LIMIT)).replaceAll('"', ' ');
  const collapsed = folded.split(' ').filter(Boolean).join(' ');
  const capped = capChars(collapsed, MAX_QUERY_CHARS).trim();
  const terms = dropRedundant(capped.split(' ').filter(Boolean)).slice(0, MAX_TERMS);
  return { terms, text: terms.join(' ') };
}
