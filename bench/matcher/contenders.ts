import { Mint } from 'mint-filter';
import FastAhoCorasick from 'modern-ahocorasick/fast';
import {
  type CompiledDictionary,
  compileDictionary,
  type DictionaryEntry,
  findAll,
} from '../../src/modules/compliance/matcher';

// Every implementation the benchmark times, behind one shape: build once, then scan a text and
// return its hits as "term@start" keys (or, for mint-filter, which gives no offsets, "term@?").

export interface Contender {
  name: string;
  /** How the throughput figure is obtained (full corpus, or a slice extrapolated). */
  build: (entries: readonly DictionaryEntry[]) => (text: string) => string[];
}

function key(term: string, start: number): string {
  return `${term}@${start}`;
}

export const ours = (normalise: boolean): Contender => ({
  name: normalise ? 'ours, normalisation on' : 'ours, normalisation off',
  build: (entries) => {
    const compiled: CompiledDictionary = compileDictionary(entries, { normalise });
    const terms = entries.map((e) => e.term);
    const termOf = new Map(entries.map((e, i) => [e.id, terms[i] as string]));
    return (text) => findAll(compiled, text).map((m) => key(termOf.get(m.id) as string, m.start));
  },
});

// modern-ahocorasick grows super-linearly on long strings (compliance.md §3.4), so it scans the
// text in 2,000-character documents, as pages would be fed to it; hits across a cut are lost.
export const modernAhoCorasick: Contender = {
  name: 'modern-ahocorasick/fast (2,000-char chunks)',
  build: (entries) => {
    const matcher = new FastAhoCorasick(entries.map((e) => e.term));
    return (text) => {
      const out: string[] = [];
      for (let at = 0; at < text.length; at += 2000) {
        for (const m of matcher.search(text.slice(at, at + 2000), { strategy: 'all' }))
          out.push(key(m.pattern, at + m.start));
      }
      return out;
    };
  },
};

export const mintFilter: Contender = {
  name: 'mint-filter',
  build: (entries) => {
    const mint = new Mint(entries.map((e) => e.term));
    return (text) => mint.filter(text, { replace: false }).words.map((w) => key(w, -1));
  },
};

export const indexOfLoop: Contender = {
  name: 'indexOf loop (every term)',
  build: (entries) => (text) => {
    const out: string[] = [];
    for (const { term } of entries)
      for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + 1)) out.push(key(term, at));
    return out;
  },
};

/** The floor: one charCodeAt per unit and nothing else. */
export function charCodeAtPass(text: string): number {
  let sum = 0;
  for (let i = 0; i < text.length; i++) sum = (sum + text.charCodeAt(i)) | 0;
  return sum;
}
