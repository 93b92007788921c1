import * as OpenCC from 'opencc-js/t2cn';

// Normalisation is one lookup per UTF-16 unit, built once from OpenCC's character tables. It is
// context-free on purpose: phrase-level conversion could turn a substring of a document into
// something that is no longer a substring of the converted document, and recall would suffer.
// It also keeps every string's length, so positions found in normalised text are valid in the
// original (snippets highlight the original text).

let table: Uint16Array | undefined;
// Decoding keeps valid surrogate pairs and turns a lone surrogate into U+FFFD: one unit either way.
const utf16 = new TextDecoder('utf-16le', { ignoreBOM: true });

const CJK_RANGES: Array<[number, number]> = [
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xf900, 0xfaff],
];

function isSpace(u: number): boolean {
  return (
    u <= 0x20 ||
    (u >= 0x7f && u <= 0xa0) ||
    u === 0x1680 ||
    (u >= 0x2000 && u <= 0x200b) ||
    u === 0x2028 ||
    u === 0x2029 ||
    u === 0x202f ||
    u === 0x205f ||
    u === 0x3000 ||
    u === 0xfeff
  );
}

// Width and case folding for one unit; 0x20 for every kind of space and control character.
function foldWidthAndCase(u: number): number {
  if (isSpace(u)) return 0x20;
  const half = u >= 0xff01 && u <= 0xff5e ? u - 0xfee0 : u;
  if (half < 0x80) return half >= 0x41 && half <= 0x5a ? half + 0x20 : half;
  if (half >= 0xd800 && half <= 0xdfff) return half;
  const lower = String.fromCharCode(half).toLowerCase();
  return lower.length === 1 ? lower.charCodeAt(0) : half;
}

// Converts every CJK character on its own (separated by newlines, so no phrase rule applies).
function addTraditionalToSimplified(fold: Uint16Array): void {
  const convert = OpenCC.Converter({ from: 'tw', to: 'cn' });
  const sources: string[] = [];
  for (const [from, to] of CJK_RANGES) for (let u = from; u <= to; u++) sources.push(String.fromCharCode(u));
  const converted = convert(sources.join('\n')).split('\n');
  if (converted.length !== sources.length) return; // defensive: keep width/case folding only
  for (let i = 0; i < sources.length; i++) {
    const target = converted[i] as string;
    if (target.length === 1 && target !== sources[i])
      fold[(sources[i] as string).charCodeAt(0)] = target.charCodeAt(0);
  }
}

/** The unit-to-unit folding table (built on first use, ~100 ms). */
export function foldTable(): Uint16Array {
  if (table) return table;
  const fold = new Uint16Array(0x10000);
  for (let u = 0; u < 0x10000; u++) fold[u] = foldWidthAndCase(u);
  addTraditionalToSimplified(fold);
  table = fold;
  return fold;
}

/**
 * Search normalisation of documents and queries alike: full-width → half-width, lower case,
 * traditional → simplified, every space or control character → ' '. Same length as the input.
 */
export function foldText(text: string): string {
  const fold = foldTable();
  const out = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = fold[text.charCodeAt(i)] as number;
  return utf16.decode(out);
}
