import { runsOf, shortGrams } from './ngrams';

// Tokens for FTS5's `ascii` tokenizer, which splits only at ASCII characters other than letters and
// digits. We build every token ourselves (n-grams and tags), so an ASCII symbol inside an n-gram is
// moved to a private-use plane (U+F0000 + code) where the tokenizer keeps it, and a query can never
// carry FTS5 syntax: after encoding, a phrase holds only letters, digits, non-ASCII characters and
// spaces.

const SYMBOL_PLANE = 0xf0000;
/** Ends a run in a trigram column, so a phrase never matches across a space. */
const RUN_BREAK = '0';

/** One character made safe for the ascii tokenizer. */
export function encodeChar(ch: string): string {
  const cp = ch.codePointAt(0) as number;
  if (cp >= 0x80) return ch;
  const alnum = (cp >= 0x30 && cp <= 0x39) || (cp >= 0x61 && cp <= 0x7a) || (cp >= 0x41 && cp <= 0x5a);
  return alnum ? ch : String.fromCodePoint(SYMBOL_PLANE + cp);
}

/** A normalised string (no spaces) as one token. */
export function encodeToken(text: string): string {
  let out = '';
  for (const ch of text) out += encodeChar(ch);
  return out;
}

/** Every trigram of the text, in order, as tokens; runs shorter than three add only a break. */
export function trigramTokens(text: string): string {
  const out: string[] = [];
  for (const run of runsOf(text)) {
    const enc = run.map(encodeChar);
    for (let i = 0; i + 2 < enc.length; i++) out.push(`${enc[i]}${enc[i + 1]}${enc[i + 2]}`);
    out.push(RUN_BREAK);
  }
  return out.join(' ');
}

/** The distinct 1- and 2-character tokens of the text. */
export function shortGramTokens(text: string): string {
  const out: string[] = [];
  for (const gram of shortGrams(text)) out.push(encodeToken(gram));
  return out.join(' ');
}

/** The trigram phrase that finds a term of three or more characters. */
export function trigramPhrase(term: string): string {
  return trigramTokens(term).slice(0, -RUN_BREAK.length).trim();
}
