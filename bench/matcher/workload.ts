import type { DictionaryEntry } from '../../src/modules/compliance/matcher';
import { generateCorpus, seededRandom } from '../search/corpus';
import { genericPhrases, topicPhrases } from '../search/vocabulary';

// The matcher benchmark's inputs, deterministic: a government-style corpus (the search
// benchmark's generator: titles and bodies of notices, reports and measures) with the typical
// errors of compliance.md §4.2 planted about once per 5,000 characters, and a 50,000-term
// dictionary: those errors, a few phrases that do occur (nested ones included: 人民 inside
// 人民政府), and absent terms built from the corpus's own characters, so they share prefixes
// with the text and exercise the failure links. Absent terms are 3–6 characters: random pairs of
// the corpus's characters would be common bigrams and every other character would be a hit.

/** Generated documents joined into one text of at least `bytes` UTF-8 bytes. */
export function generateText(bytes: number, seed = 20240601): string {
  const parts: string[] = [];
  let size = 0;
  let batch = 0;
  let docs = 0;
  while (size < bytes) {
    for (const doc of generateCorpus(500, { seed: seed + batch++ })) {
      const at = Math.floor(doc.text.length / 2);
      const error =
        docs++ % 3 === 0 ? (plantedErrors[((docs / 3) % plantedErrors.length) | 0] as string) : '';
      const piece = `${doc.title}\n${doc.text.slice(0, at)}${error}${doc.text.slice(at)}\n`;
      parts.push(piece);
      size += Buffer.byteLength(piece);
      if (size >= bytes) break;
    }
  }
  return parts.join('');
}

const OCCURRING = 12;

/** Errors found on real government sites (compliance.md §4.2), planted into the corpus. */
export const plantedErrors = [
  '攻府',
  '中华人民共合国',
  '齐齐哈市',
  '秸杆',
  '扫黑险恶',
  '领导小姐',
  '扶贪',
  '检查院',
];

// Substrings of the corpus phrases: terms that occur, with every nesting the phrases give.
function occurringTerms(rnd: () => number): string[] {
  const phrases = [...genericPhrases, ...topicPhrases.flat()];
  const terms = new Set<string>();
  while (terms.size < OCCURRING) {
    const phrase = phrases[Math.floor(rnd() * phrases.length)] as string;
    const length = 4 + Math.floor(rnd() * 3);
    const start = Math.floor(rnd() * Math.max(1, phrase.length - length));
    const term = phrase.slice(start, start + length);
    if (term.length >= 2 && !/[，、。；]/.test(term)) terms.add(term);
  }
  return [...terms];
}

/** `count` entries `w00001`…, OCCURRING of them taken from the corpus phrases. */
export function generateDictionary(count: number, seed = 7): DictionaryEntry[] {
  const rnd = seededRandom(seed);
  const pool = [...new Set([...genericPhrases, ...topicPhrases.flat()].join('').replace(/[，、。；]/g, ''))];
  const terms = new Set([...plantedErrors, '人民', ...occurringTerms(rnd)]);
  while (terms.size < count) {
    const length = 3 + Math.floor(rnd() * 4);
    let term = '';
    for (let i = 0; i < length; i++) term += pool[Math.floor(rnd() * pool.length)];
    terms.add(term);
  }
  return [...terms].map((term, i) => ({ id: `w${String(i + 1).padStart(5, '0')}`, term }));
}
