import type { DictGroup, DictLike } from 'opencc-js/core';
import * as OpenCC from 'opencc-js/t2cn';

// Traditional → simplified with OpenCC's standard tables (`t` → `cn`, phrase-aware). Not `tw`:
// its Taiwan-variant step rewrites simplified text that is already correct (显著 → 显着,
// 专著 → 专着, 么 → 幺), so converting a mixed document would damage it.
// Only the t2cn bundle is loaded (~110 kB instead of 1.2 MB for the full one).

type Convert = (text: string) => string;
let convertWithOpenCC: Convert | undefined;

// Variants OpenCC's standard tables leave alone or only half-convert (薴 → 苧 → 苎).
const EXTRA_VARIANTS: readonly [string, string][] = [
  ['薴', '苎'],
  ['苧', '苎'],
  ['痺', '痹'],
  ['睪', '睾'],
  ['簷', '檐'],
  ['敍', '叙'],
  ['枱', '台'],
  ['粧', '妆'],
  ['糭', '粽'],
  ['衞', '卫'],
  ['衹', '只'],
];

function dictEntries(dict: DictLike): readonly (readonly [string, string])[] {
  if (typeof dict !== 'string') return dict;
  return dict.split('|').map((line) => {
    const [source = '', target = ''] = line.split(' ');
    return [source, target] as const;
  });
}

/**
 * OpenCC's phrase tables are keyed on traditional text: 乾縣 → 乾县, but 乾县 itself falls back to
 * the character table and becomes 干县. Mapping each phrase's own output to itself makes the
 * conversion idempotent, which matters because annotated documents mix in simplified text.
 */
function protectPhraseOutputs(groups: readonly DictGroup[], plain: Convert): [string, string][] {
  return groups
    .flat()
    .flatMap(dictEntries)
    .filter(([, target]) => Array.from(target).length > 1 && plain(target) !== target)
    .map(([, target]) => [target, target]);
}

function buildConverter(): Convert {
  const groups = OpenCC.Locale.to.cn ?? [];
  const tries = groups.map((group) => {
    const trie = new OpenCC.Trie();
    trie.loadDictGroup(group);
    return trie;
  });
  const convert: Convert = (text) => tries.reduce((result, trie) => trie.convert(result), text);
  const overrides = [...protectPhraseOutputs(groups, convert), ...EXTRA_VARIANTS];
  // A word added later replaces OpenCC's entry for the same source.
  tries[0]?.loadDict(overrides);
  return convert;
}

/**
 * Characters that are correct in simplified text (通用规范汉字表) although OpenCC maps them
 * when it has no phrase for the context, so they are never reported to the editor:
 * 乾 qián (乾隆, 乾安, 乾德), 薹 (蒜薹), 吒 (哪吒), 袷 qiā, 麴 the surname,
 * 榘 in names. 於 and 徵 are not listed: their simplified uses (a surname, the note zhǐ) are
 * rare, while 關於 and 徵求 are the commonest traditional slips.
 */
const SIMPLIFIED_ALLOW_LIST: ReadonlySet<string> = new Set([...'乾薹吒袷麴榘']);

export interface TraditionalCharacter {
  /** UTF-16 offset in the cleaned text, as used by String#slice and textarea selections. */
  index: number;
  char: string;
  simplified: string;
}

/** Converts traditional characters to simplified; the OpenCC tables are built on first use. */
export function toSimplified(text: string): string {
  convertWithOpenCC ??= buildConverter();
  return convertWithOpenCC(text);
}

/** True when the single character would change on conversion and is not a valid simplified form. */
export function isTraditionalCharacter(char: string): boolean {
  return !SIMPLIFIED_ALLOW_LIST.has(char) && toSimplified(char) !== char;
}

/**
 * Lists the traditional characters of a text without changing it, so the editor decides.
 * The whole text is converted at once so OpenCC's phrase tables see the context (乾隆 stays).
 */
export function findTraditionalCharacters(text: string): TraditionalCharacter[] {
  return listChangedCharacters(text, toSimplified(text)).filter(
    ({ char }) => !SIMPLIFIED_ALLOW_LIST.has(char),
  );
}

/** Pairs each character of `source` with its counterpart in `converted` and keeps the changed ones. */
export function listChangedCharacters(source: string, converted: string): TraditionalCharacter[] {
  const changed: TraditionalCharacter[] = [];
  walkCharacterPairs(source, converted, (index, char, simplified) => {
    changed.push({ index, char, simplified });
  });
  return changed;
}

/** Counts what listChangedCharacters would list, without building the list. */
export function countChangedCharacters(source: string, converted: string): number {
  let count = 0;
  walkCharacterPairs(source, converted, () => {
    count++;
  });
  return count;
}

type ChangeVisitor = (index: number, char: string, simplified: string) => void;

// Walks both strings by code point without copying them: a 1 MB document has ~350k characters.
function walkCharacterPairs(source: string, converted: string, visit: ChangeVisitor): void {
  if (converted === source) return;
  if (countCodePoints(source) !== countCodePoints(converted)) {
    // OpenCC maps one character to one character; if a table ever breaks that, go one by one.
    walkCharacterPairsSlowly(source, visit);
    return;
  }
  for (let i = 0, j = 0; i < source.length; ) {
    const char = String.fromCodePoint(source.codePointAt(i) ?? 0);
    const simplified = String.fromCodePoint(converted.codePointAt(j) ?? 0);
    if (char !== simplified) visit(i, char, simplified);
    i += char.length;
    j += simplified.length;
  }
}

function walkCharacterPairsSlowly(source: string, visit: ChangeVisitor): void {
  let index = 0;
  for (const char of source) {
    const simplified = toSimplified(char);
    if (simplified !== char) visit(index, char, simplified);
    index += char.length;
  }
}

function countCodePoints(text: string): number {
  let surrogatePairs = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) surrogatePairs++;
  }
  return text.length - surrogatePairs;
}
