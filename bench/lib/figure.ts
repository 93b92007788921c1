// One measured figure of `npm run bench`: what, how much, in what unit, and how it stands against its target.

export interface Target {
  /** The target as written, e.g. "≥ 20 M chars/s per core (compliance.md §5.2)". */
  text: string;
  /** Whether this run met it; null when the figure cannot be judged against it. */
  met: boolean | null;
}

export interface Figure {
  bench: string;
  name: string;
  value: number;
  unit: string;
  digits?: number;
  target?: Target;
  note?: string;
  /** Its short label in the one-line trend summary; figures without one are left out of the trend. */
  trend?: string;
}

/** A target met when `value` is at least `floor`. */
export const atLeast = (value: number, floor: number, text: string): Target => ({
  text,
  met: value >= floor,
});

/** A target met when `value` is at most `ceiling`. */
export const atMost = (value: number, ceiling: number, text: string): Target => ({
  text,
  met: value <= ceiling,
});

/** The figure's value as a table cell, grouped in thousands. */
export function formatValue(f: Figure): string {
  const digits = f.digits ?? (Math.abs(f.value) >= 100 ? 0 : 1);
  return Number.isFinite(f.value)
    ? f.value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
    : '–';
}

/** Milliseconds since `start` (a performance.now() reading). */
export const since = (start: number) => performance.now() - start;

/** Median of a list of numbers. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Progress to stderr, so stdout stays the table. */
export const log = (line: string) => process.stderr.write(`${line}\n`);
