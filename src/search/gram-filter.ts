import { encodeToken, shortGramTokens, trigramPhrase, trigramTokens } from './fts5-tokens';
import { charLength } from './ngrams';

// A Bloom filter of a document version's 1-, 2- and 3-character grams: what the index's change log
// keeps instead of the text (index-generation.ts). The log outlives the version it describes, and a
// version is often the one a correction replaced because it leaked an identity number (compliance.md):
// the log must not be a second copy of it. The filter holds no text, but it is not secret: a guessed
// string tests present or absent, so a patient guesser could narrow down a number it held. The log
// therefore keeps public versions only, for an hour and 500 generations at most (index-generation.ts).
// Characters are encoded as the FTS5 index encodes them (fts5-tokens.ts), where an ASCII symbol and
// its private-use stand-in are one token, so the filter never rules out what the index would find.
// Sized at 10 bits a gram with 3 probes: about 1.7 % of absent grams test present, which costs the
// result cache a refill it did not need; a gram present always tests present.

const BITS_PER_GRAM = 10;
const PROBES = 3;
const MIN_BITS = 256;

// FNV-1a over UTF-16 units, with a seed: two independent hashes for double hashing.
function fnv1a(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function positions(gram: string, bits: number): number[] {
  const a = fnv1a(gram, 0);
  const b = fnv1a(gram, 0x5bd1e995) | 1;
  const out: number[] = [];
  for (let i = 0; i < PROBES; i++) out.push(((a + Math.imul(i, b)) >>> 0) % bits);
  return out;
}

// The grams exactly as the index tokens them (fts5-tokens.ts): a term of up to three characters is one
// gram, a longer one its trigram phrase. (A text's run breaks go into the filter too: harmless.)
function gramsOfTerm(term: string): string[] {
  return charLength(term) <= 3 ? [encodeToken(term)] : trigramPhrase(term).split(' ');
}

/** The filter of folded texts (title and body), base64. */
export function buildGramFilter(...folded: string[]): string {
  const grams = new Set<string>();
  for (const text of folded) {
    for (const gram of shortGramTokens(text).split(' ')) grams.add(gram);
    for (const gram of trigramTokens(text).split(' ')) grams.add(gram);
  }
  const bits = Math.max(MIN_BITS, Math.ceil((grams.size * BITS_PER_GRAM) / 8) * 8);
  const bytes = new Uint8Array(bits / 8);
  for (const gram of grams)
    for (const p of positions(gram, bits)) bytes[p >> 3] = (bytes[p >> 3] as number) | (1 << (p & 7));
  return Buffer.from(bytes).toString('base64');
}

/** A filter read back, to test terms: false means no text it was built from holds the term. */
export function gramFilterTester(filter: string): (term: string) => boolean {
  const bytes = Buffer.from(filter, 'base64');
  const bits = bytes.length * 8;
  const has = (gram: string) =>
    positions(gram, bits).every((p) => ((bytes[p >> 3] as number) >> (p & 7)) & 1);
  return (term) => gramsOfTerm(term).every(has);
}
