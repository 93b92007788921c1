import * as OpenCC from 'opencc-js/t2cn';

// The matcher's normalisation (compliance.md §3.5 item 1) is one lookup per UTF-16 unit in a
// 65,536-entry table built once: NFKC width and compatibility folding (full-width → half-width,
// ① → 1, 　 → space), lower case, then traditional → simplified with OpenCC's single-character
// `cn` table. A unit maps to exactly one unit or to SKIP (zero-width and decoration characters),
// never to two, so every normalised position has one original offset and spans can be reported
// in the original text. Context-free on purpose: a phrase-aware conversion could map a substring
// of a page to something that is no longer a substring of the converted page.
// Surrogate units map to themselves, so astral characters (emoji, CJK extension B) stay two
// units on both sides and offsets stay exact.

/** Table value for a unit the scanner ignores entirely (zero-width, bidi, variation selectors). */
export const SKIP = 0xffff;

let foldTable: Uint16Array | undefined;
let noiseTable: Uint8Array | undefined;

// Zero-width, bidi controls, soft hyphen, variation selectors, combining marks used to decorate
// (政̶府): invisible or cosmetic, so a term must match across them (houbb/ToolGood do the same).
const SKIP_RANGES: readonly (readonly [number, number])[] = [
  [0x00ad, 0x00ad],
  [0x0300, 0x036f],
  [0x034f, 0x034f],
  [0x180b, 0x180e],
  [0x200b, 0x200f],
  [0x202a, 0x202e],
  [0x2060, 0x206f],
  [0x20d0, 0x20ff],
  [0xfe00, 0xfe0f],
  [0xfe20, 0xfe2f],
  [0xfeff, 0xfeff],
];

const NOISE = /^[\p{P}\p{S}\p{Z}\p{Cc}]$/u;

function isSurrogate(u: number): boolean {
  return u >= 0xd800 && u <= 0xdfff;
}

// Width, compatibility and case folding for one unit; only one-unit results are kept.
function foldCompatibilityAndCase(u: number): number {
  if (isSurrogate(u)) return u;
  const nfkc = String.fromCharCode(u).normalize('NFKC');
  const base = nfkc.length === 1 ? nfkc : String.fromCharCode(u);
  const lower = base.toLowerCase();
  return (lower.length === 1 ? lower : base).charCodeAt(0);
}

// OpenCC's `cn` group holds a phrase dictionary and a character dictionary ("後 后|乾 干|…");
// only one-unit → one-unit character entries fit a per-unit table (the first candidate wins).
function addTraditionalToSimplified(fold: Uint16Array): void {
  const simplified = new Uint16Array(0x10000);
  for (let u = 0; u < 0x10000; u++) simplified[u] = u;
  for (const group of OpenCC.Locale.to.cn ?? []) {
    for (const dict of group) {
      const lines = typeof dict === 'string' ? dict.split('|').map((l) => l.split(' ')) : dict;
      for (const [from = '', to = ''] of lines) {
        if (from.length !== 1 || to.length !== 1 || isSurrogate(from.charCodeAt(0))) continue;
        const source = from.charCodeAt(0);
        if (simplified[source] === source) simplified[source] = to.charCodeAt(0);
      }
    }
  }
  // Applied twice so a target that is itself listed as traditional still lands on simplified.
  for (let u = 0; u < 0x10000; u++) fold[u] = simplified[simplified[fold[u] as number] as number] as number;
}

function buildFoldTable(): Uint16Array {
  const fold = new Uint16Array(0x10000);
  for (let u = 0; u < 0x10000; u++) fold[u] = foldCompatibilityAndCase(u);
  addTraditionalToSimplified(fold);
  for (const [from, to] of SKIP_RANGES) for (let u = from; u <= to; u++) fold[u] = SKIP;
  return fold;
}

/** Unit → normalised unit, or SKIP (built on first use, cached for the process). */
export function normalisationTable(): Uint16Array {
  foldTable ??= buildFoldTable();
  return foldTable;
}

/** The identity table used when a dictionary is compiled with normalisation off. */
export function identityTable(): Uint16Array {
  const table = new Uint16Array(0x10000);
  for (let u = 0; u < 0x10000; u++) table[u] = u;
  return table;
}

/**
 * Noise units (punctuation, symbols, spaces, controls — judged after normalisation) that a term
 * with `skipNoise` may have between its characters (ToolGood 跳词, houbb charIgnore).
 */
export function noiseClassTable(): Uint8Array {
  if (noiseTable) return noiseTable;
  const fold = normalisationTable();
  const noise = new Uint8Array(0x10000);
  for (let u = 0; u < 0x10000; u++) {
    const f = fold[u] as number;
    if (f !== SKIP && !isSurrogate(f) && NOISE.test(String.fromCharCode(f))) noise[u] = 1;
  }
  noiseTable = noise;
  return noise;
}

/** Astral emoji and pictographs (U+1F000–U+1FAFF) count as one noise character, like ★. */
export function isAstralNoise(high: number, low: number): boolean {
  const codePoint = ((high - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
  return codePoint >= 0x1f000 && codePoint <= 0x1faff;
}

/** Text through a table with SKIP units dropped: how terms are keyed. */
export function applyTable(table: Uint16Array, text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const f = table[text.charCodeAt(i)] as number;
    if (f !== SKIP) out += String.fromCharCode(f);
  }
  return out;
}
