import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

// Segmentation ranks, it never filters: a match that is a whole word (自建 in 自建房屋) is worth
// more than one that straddles words (各自建立 → 各自 | 建立), but both are found.

let jieba: Jieba | undefined;

/** The shared segmenter; loading the dictionary takes ~250 ms, so it happens on first use. */
export function segmenter(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

const CONTEXT_CHARS = 12;

/**
 * How well text[start, end) lines up with word boundaries of the text around it: 1 when it starts
 * and ends on a boundary, 0.5 for one side, 0 for neither.
 */
export function boundaryAlignment(text: string, start: number, end: number): number {
  // The window's own edges count as boundaries; they can only coincide with the match where the
  // text itself begins or ends, which are real boundaries.
  const from = Math.max(0, start - CONTEXT_CHARS);
  const to = Math.min(text.length, end + CONTEXT_CHARS);
  const boundaries = new Set<number>([from]);
  let at = from;
  for (const word of segmenter().cut(text.slice(from, to), false)) {
    at += word.length;
    boundaries.add(at);
  }
  return (boundaries.has(start) ? 0.5 : 0) + (boundaries.has(end) ? 0.5 : 0);
}
