import { describe, expect, it } from 'vitest';
import { compileDictionary } from './compile';
import { findAll } from './find-all';
import type { DictionaryEntry } from './matcher.types';
import { applyTable, isAstralNoise, noiseClassTable, normalisationTable, SKIP } from './normalise-table';

// The automaton against a naive reference written from the definitions alone: every term is
// tried at every position of the text, one character at a time, with no automaton, no key
// derivation and no ring. Random texts over a tiny alphabet make overlaps, folding look-alikes
// (A/a, 國/国), zero-width units, noise and emoji dense.

const ALPHABET = ['a', 'b', 'A', '国', '國', '\u200b', ' ', '*', '😀', '𠀀'];
const TERM_ALPHABET = ['a', 'b', 'A', '国', '國', '*', '𠀀'];

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return state / 2 ** 32;
  };
}

const fold = normalisationTable();
const noiseTable = noiseClassTable();
type Unit = { at: number; end: number; unit: number; noise: boolean };

// The text as a list of characters after SKIP removal: astral emoji become one noise character.
function units(text: string): Unit[] {
  const out: Unit[] = [];
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i);
    if (fold[u] === SKIP) continue;
    if (i + 1 < text.length && isAstralNoise(u, text.charCodeAt(i + 1))) {
      out.push({ at: i, end: i + 2, unit: -1, noise: true });
      i++;
    } else out.push({ at: i, end: i + 1, unit: fold[u]!, noise: noiseTable[u] === 1 });
  }
  return out;
}

function termUnits(term: string, lenient: boolean, foldRepeats: boolean): number[] {
  const core = units(term)
    .filter((u) => !lenient || !u.noise)
    .map((u) => u.unit);
  return foldRepeats ? core.filter((u, i) => i === 0 || core[i - 1] !== u) : core;
}

// Tries term at character p; returns the end offset or -1.
function matchAt(text: Unit[], p: number, entry: DictionaryEntry): number {
  const gap = entry.options?.skipNoise ?? 0;
  const foldRepeats = entry.options?.foldRepeats ?? false;
  const term = termUnits(entry.term, gap > 0 || foldRepeats, foldRepeats);
  let q = p;
  for (let j = 0; j < term.length; j++) {
    if (j > 0 && (gap > 0 || foldRepeats)) {
      let skipped = 0;
      for (; q < text.length && text[q]!.noise; q++) skipped++;
      if (skipped > gap) return -1;
    }
    if (q >= text.length || text[q]!.unit !== term[j] || ((gap > 0 || foldRepeats) && text[q]!.noise))
      return -1;
    q++;
    if (foldRepeats) while (q < text.length && text[q]!.unit === term[j] && !text[q]!.noise) q++;
  }
  return text[q - 1]!.end;
}

function reference(entries: DictionaryEntry[], text: string): [string, number, number][] {
  const chars = units(text);
  const out: [string, number, number][] = [];
  chars.forEach((char, p) => {
    entries.forEach((entry) => {
      const lenient = (entry.options?.skipNoise ?? 0) > 0 || entry.options?.foldRepeats;
      if (lenient && char.noise) return; // a lenient term never starts on noise
      // A folded match starts at the first character of a run, never inside one.
      const previous = chars[p - 1];
      if (entry.options?.foldRepeats && previous && previous.unit === char.unit) return;
      const end = matchAt(chars, p, entry);
      if (end >= 0) out.push([entry.id, char.at, end]);
    });
  });
  return out.sort((a, b) => a[1] - b[1] || a[2] - b[2] || Number(a[0].slice(1)) - Number(b[0].slice(1)));
}

function randomString(next: () => number, alphabet: string[], length: number): string {
  return Array.from({ length }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
}

function randomEntries(next: () => number, mode: 'exact' | 'mixed'): DictionaryEntry[] {
  return Array.from({ length: 12 }, (_, i) => {
    let term = randomString(next, TERM_ALPHABET, 1 + Math.floor(next() * 4));
    while (applyTable(fold, term).replace(/\*/g, '') === '') term = randomString(next, TERM_ALPHABET, 2);
    if (mode === 'exact') return { id: `t${i}`, term };
    const roll = next();
    const options =
      roll < 0.33 ? {} : roll < 0.66 ? { skipNoise: 1 + Math.floor(next() * 2) } : { foldRepeats: true };
    if (roll > 0.85) Object.assign(options, { skipNoise: Math.floor(next() * 3) });
    return { id: `t${i}`, term, options };
  });
}

describe('findAll agrees with a naive every-term-at-every-position reference', () => {
  it.each([
    { mode: 'exact' as const, seed: 1 },
    { mode: 'mixed' as const, seed: 2 },
  ])('$mode terms on 300 random texts', ({ mode, seed }) => {
    const next = random(seed);
    for (let round = 0; round < 300; round++) {
      const entries = randomEntries(next, mode);
      const text = randomString(next, ALPHABET, 1 + Math.floor(next() * 40));
      const got = findAll(compileDictionary(entries), text).map((m) => [m.id, m.start, m.end]);
      got.sort(
        (a, b) =>
          (a[1] as number) - (b[1] as number) ||
          (a[2] as number) - (b[2] as number) ||
          Number(String(a[0]).slice(1)) - Number(String(b[0]).slice(1)),
      );
      expect(got, JSON.stringify({ entries, text })).toEqual(reference(entries, text));
    }
  });
});
