import { HitBuffer } from './hit-buffer';
import type { CompiledDictionary, WordingMatch } from './matcher.types';
import { noiseClassTable } from './normalise-table';
import { scanExact, scanLenient } from './scan';

export interface FindOptions {
  /** Allowed phrases: a hit inside the span of an allowed phrase is dropped (§3.5 item 4). */
  allow?: CompiledDictionary;
}

function scanAll(compiled: CompiledDictionary, text: string): HitBuffer {
  const hits = new HitBuffer();
  const { streams, symbols, keyLength, maxGap } = compiled;
  if (streams.exact) scanExact(streams.exact, symbols, keyLength, text, hits);
  const lenient = { symbols, noise: noiseClassTable(), keyLength, maxGap, maxKey: compiled.maxLenientKey };
  if (streams.noise) scanLenient({ ...lenient, automaton: streams.noise, foldRepeats: false }, text, hits);
  if (streams.fold) scanLenient({ ...lenient, automaton: streams.fold, foldRepeats: true }, text, hits);
  return hits;
}

// Sweep over hits and allowed spans, both sorted by start: a hit is covered when some allowed
// span starting at or before it reaches at least its end.
function dropAllowed(matches: WordingMatch[], allowed: readonly WordingMatch[]): WordingMatch[] {
  let a = 0;
  let reach = -1;
  return matches.filter((match) => {
    while (a < allowed.length && allowed[a]!.start <= match.start) reach = Math.max(reach, allowed[a++]!.end);
    return reach < match.end;
  });
}

/**
 * Every hit of the dictionary in text — overlapping ones and terms ending inside longer terms
 * included — with spans in the original text, sorted by start, then end.
 */
export function findAll(
  compiled: CompiledDictionary,
  text: string,
  options: FindOptions = {},
): WordingMatch[] {
  const hits = scanAll(compiled, text);
  const d = hits.data;
  const matches = Array.from(hits.sortedOrder(), (h) => {
    const start = d[3 * h + 1]!;
    const end = d[3 * h + 2]!;
    return { id: compiled.entries[d[3 * h]!]!.id, start, end, text: text.slice(start, end) };
  });
  return options.allow ? dropAllowed(matches, findAll(options.allow, text)) : matches;
}

/** Number of hits without building them: for counting and benchmarks. */
export function countAll(compiled: CompiledDictionary, text: string): number {
  return scanAll(compiled, text).count;
}
