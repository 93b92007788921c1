import {
  countChangedCharacters,
  findTraditionalCharacters,
  type TraditionalCharacter,
  toSimplified,
} from './chinese-script';
import { findPinyinAnnotations, hasPinyinArtefact, removePinyinAnnotations } from './pinyin-annotations';
import { normaliseWhitespace } from './whitespace';

export interface CleanResult {
  text: string;
  /** Pinyin annotations removed (`區(qū)` → `區`); 0 unless the artefact was detected. */
  annotationsRemoved: number;
  /** True when the artefact was detected and the whole text was converted to simplified. */
  convertedToSimplified: boolean;
  /** Characters changed by that conversion. */
  charactersConverted: number;
  /** Traditional characters left in `text`, for the editor to decide; indexes point into `text`. */
  traditional: TraditionalCharacter[];
  /** Whitespace places fixed (line ends, invisible characters, indents, blank lines). */
  whitespaceFixes: number;
}

/**
 * Cleans imported or pasted text. A document showing flattened pinyin annotations was produced
 * by a simplified → traditional converter, so it is returned whole to simplified; any other
 * document keeps its characters and only gets a report, because the traditional form may be
 * intended (a quotation, a name).
 */
export function cleanText(input: string): CleanResult {
  const whitespace = normaliseWhitespace(input);
  const annotations = findPinyinAnnotations(whitespace.text);
  if (!hasPinyinArtefact(whitespace.text, annotations)) {
    return {
      text: whitespace.text,
      annotationsRemoved: 0,
      convertedToSimplified: false,
      charactersConverted: 0,
      traditional: findTraditionalCharacters(whitespace.text),
      whitespaceFixes: whitespace.fixes,
    };
  }
  const stripped = removePinyinAnnotations(whitespace.text);
  const text = toSimplified(stripped.text);
  return {
    text,
    annotationsRemoved: stripped.removed,
    convertedToSimplified: true,
    charactersConverted: countChangedCharacters(stripped.text, text),
    traditional: findTraditionalCharacters(text),
    whitespaceFixes: whitespace.fixes,
  };
}
