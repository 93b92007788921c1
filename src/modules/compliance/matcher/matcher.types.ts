import type { Automaton } from './automaton';

/** How a term may be disguised in the text and still match (compliance.md §3.5 item 3). */
export interface TermOptions {
  /** Up to this many noise characters (punctuation, spaces, symbols) between term characters: 政*府. */
  skipNoise?: number;
  /** Runs of one repeated character count as one, in the term and the text alike: 政政府府. */
  foldRepeats?: boolean;
}

/** One dictionary line: a 错敏词 (or an allowed phrase) and the rule id reported with its hits. */
export interface DictionaryEntry {
  id: string;
  term: string;
  options?: TermOptions;
}

export interface CompileOptions {
  /** Width, case, traditional → simplified and zero-width folding (default true). */
  normalise?: boolean;
}

/** A hit, with its span as UTF-16 offsets in the ORIGINAL text ([start, end)). */
export interface WordingMatch {
  id: string;
  start: number;
  end: number;
  text: string;
}

/** Which scan a term needs: exact (the fast path), noise-skipping, or repeat-folding. */
export type StreamKind = 'exact' | 'noise' | 'fold';

export interface CompiledDictionary {
  normalise: boolean;
  entries: readonly DictionaryEntry[];
  /** Original unit → symbol id: 0 = in no term, SKIP = ignored (zero-width). */
  symbols: Uint16Array;
  /** Per entry: length of its key in scanned units. */
  keyLength: Int32Array;
  /** Per entry: the most noise characters allowed between two of its characters. */
  maxGap: Int32Array;
  /** Longest key of the noise and fold streams (sizes the scanners' position ring). */
  maxLenientKey: number;
  streams: Partial<Record<StreamKind, Automaton>>;
}
