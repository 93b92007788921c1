import type { Automaton } from './automaton';
import type { HitBuffer } from './hit-buffer';
import { isAstralNoise, SKIP } from './normalise-table';

// The scanners. Both read the text once, one UTF-16 unit at a time, through the symbol table
// (normalisation + alphabet in one lookup) and never build a normalised copy of the text.
//
// Exact scan: SKIP units are ignored, everything else is a symbol (0 = in no term: back to the
// root at once). The normalised view is the text minus SKIP units, so a key of length L ending
// at original unit i starts L units earlier unless a SKIP unit fell inside; only then do we walk
// back (rare: zero-width characters).
//
// Lenient scans (noise-skipping and repeat-folding terms): the scanned stream is the text minus
// SKIP units, minus noise characters, and — for the fold scan — minus a unit equal to the
// previous kept unit with no noise between (a run counts once). Lenient keys are compiled the
// same way, so every way a term can appear with noise or repeats is an ordinary occurrence of
// its key in that stream; each hit is then checked against its own bound: for every pair of
// consecutive key units, the noise characters dropped between them (kept in a ring of the last
// keys' worth of stream units) must not exceed the entry's skipNoise. A term without skipNoise
// therefore only matches with no noise inside. Noise is counted in characters: an astral emoji
// is one. Why a separate stream per kind and not one flag on output: an exact term must see its
// own punctuation (GB/T), and a noise term with a doubled character (谢谢) must not be folded.

/** Runs the exact automaton over text, pushing every hit (all overlaps, all suffixes). */
export function scanExact(
  automaton: Automaton,
  symbols: Uint16Array,
  keyLength: Int32Array,
  text: string,
  hits: HitBuffer,
): void {
  const { base, check, fail, outOff, outList } = automaton;
  let s = 0;
  let lastSkip = -1;
  for (let i = 0, n = text.length; i < n; i++) {
    const c = symbols[text.charCodeAt(i)]!;
    if (c === 0) {
      s = 0;
      continue;
    }
    if (c === SKIP) {
      lastSkip = i;
      continue;
    }
    for (;;) {
      const t = base[s]! + c;
      if (check[t] === s) {
        s = t;
        break;
      }
      if (s === 0) break;
      s = fail[s]!;
    }
    const first = outOff[s]!;
    const last = outOff[s + 1]!;
    for (let o = first; o < last; o++) {
      const entry = outList[o]!;
      const length = keyLength[entry]!;
      const start = lastSkip <= i - length ? i + 1 - length : startBehindSkips(symbols, text, i, length);
      hits.push(entry, start, i + 1);
    }
  }
}

// The offset of the length-th non-SKIP unit counting back from i.
function startBehindSkips(symbols: Uint16Array, text: string, i: number, length: number): number {
  let left = length;
  for (let j = i; ; j--) if (symbols[text.charCodeAt(j)] !== SKIP && --left === 0) return j;
}

export interface LenientScan {
  automaton: Automaton;
  symbols: Uint16Array;
  noise: Uint8Array;
  keyLength: Int32Array;
  maxGap: Int32Array;
  /** Longest lenient key: sizes the ring of recent stream units. */
  maxKey: number;
  foldRepeats: boolean;
}

function ringSize(maxKey: number): number {
  let size = 8;
  while (size <= maxKey) size *= 2;
  return size;
}

/** Runs a noise-skipping or repeat-folding automaton over text (see the header for the stream). */
export function scanLenient(scan: LenientScan, text: string, hits: HitBuffer): void {
  const { base, check, fail, outOff, outList } = scan.automaton;
  const { symbols, noise, keyLength, maxGap, foldRepeats } = scan;
  const mask = ringSize(scan.maxKey) - 1;
  const ringStart = new Int32Array(mask + 1);
  const ringGap = new Int32Array(mask + 1);
  let s = 0;
  let k = 0;
  let noiseRun = 0;
  let previous = -1;
  let pendingFrom = 0;
  for (let i = 0, n = text.length; i < n; i++) {
    const u = text.charCodeAt(i);
    const c = symbols[u]!;
    if (c === SKIP) continue;
    if (noise[u] === 1) {
      noiseRun++;
      continue;
    }
    if (u >= 0xd800 && u <= 0xdbff && i + 1 < n && isAstralNoise(u, text.charCodeAt(i + 1))) {
      noiseRun++;
      i++;
      continue;
    }
    if (foldRepeats && c === previous && noiseRun === 0) {
      hits.extendEnds(pendingFrom, i + 1);
      continue;
    }
    ringStart[k & mask] = i;
    ringGap[k & mask] = noiseRun;
    noiseRun = 0;
    previous = c;
    k++;
    pendingFrom = hits.count;
    if (c === 0) {
      s = 0;
      continue;
    }
    for (;;) {
      const t = base[s]! + c;
      if (check[t] === s) {
        s = t;
        break;
      }
      if (s === 0) break;
      s = fail[s]!;
    }
    for (let o = outOff[s]!, last = outOff[s + 1]!; o < last; o++) {
      const entry = outList[o]!;
      const length = keyLength[entry]!;
      if (gapsWithin(ringGap, mask, k - length + 1, k, maxGap[entry]!))
        hits.push(entry, ringStart[(k - length) & mask]!, i + 1);
    }
  }
}

// True when every stream unit in [from, to) was preceded by at most maxGap noise characters.
function gapsWithin(ringGap: Int32Array, mask: number, from: number, to: number, maxGap: number): boolean {
  for (let j = from; j < to; j++) if (ringGap[j & mask]! > maxGap) return false;
  return true;
}
