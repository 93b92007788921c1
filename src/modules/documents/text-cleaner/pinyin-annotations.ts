import { findTraditionalCharacters, isTraditionalCharacter } from './chinese-script';
import { parsePinyinSyllable } from './pinyin-syllables';

// A ruby annotation flattened by a scraper: a Han character immediately followed by its pinyin in
// ASCII or full-width brackets, either kind on either side: 區(qū), 發（fā）, 區(qu1), 的(de).
// Up to 8 letters: the longest syllable (zhuang) plus combining marks of decomposed input.
// Combining marks are an alternation, not a class member, so they cannot join the letter before.
const ANNOTATION =
  /(\p{Script=Han})[(（]((?:[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]|\u0300|\u0301|\u0304|\u030C|\u0308){1,8}[1-5]?)[)）]/gu;

export interface PinyinAnnotation {
  /** UTF-16 offset of the opening bracket. */
  index: number;
  /** The annotated character. */
  host: string;
  toneMarked: boolean;
}

/** Lists the bracketed legal pinyin syllables that follow a Han character. */
export function findPinyinAnnotations(text: string): PinyinAnnotation[] {
  const found: PinyinAnnotation[] = [];
  for (const match of text.matchAll(ANNOTATION)) {
    const [, host = '', raw = ''] = match;
    const syllable = parsePinyinSyllable(raw);
    if (syllable) found.push({ index: match.index + host.length, host, toneMarked: syllable.toneMarked });
  }
  return found;
}

/**
 * Decides whether a text carries the scraper artefact. Pinyin after a character is also a real
 * gloss (亳(bó)州), so one annotation alone is not enough. The artefact comes from a
 * simplified → traditional converter, so the evidence is a tone-marked annotation on a
 * traditional character, or at least two tone-marked annotations in a text that has traditional
 * characters. Unmarked syllables (de, an, men) never count: they are also English words.
 */
export function hasPinyinArtefact(text: string, annotations: readonly PinyinAnnotation[]): boolean {
  const marked = annotations.filter((annotation) => annotation.toneMarked);
  if (marked.length === 0) return false;
  if (marked.some((annotation) => isTraditionalCharacter(annotation.host))) return true;
  return marked.length >= 2 && findTraditionalCharacters(text).length > 0;
}

export interface AnnotationRemoval {
  text: string;
  removed: number;
}

/**
 * Removes every annotation, marked or not, from a text already judged to carry the artefact.
 * Repeats because removing `(qū)` from `區(qū)(qū)` brings the second one next to the character.
 */
export function removePinyinAnnotations(input: string): AnnotationRemoval {
  let text = input;
  let removed = 0;
  for (;;) {
    let removedThisPass = 0;
    text = text.replace(ANNOTATION, (whole, host: string, raw: string) => {
      if (!parsePinyinSyllable(raw)) return whole;
      removedThisPass++;
      return host;
    });
    if (removedThisPass === 0) return { text, removed };
    removed += removedThisPass;
  }
}
