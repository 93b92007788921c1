// The text of table cells: normalised for matching, read as numbers, "/" and the like read as missing.

/** Text for matching: NFKC (full-width → ASCII), all whitespace removed. */
export const normalise = (s: string): string => s.normalize('NFKC').replace(/[\s\u00a0\u3000]+/g, '');

const NULL_MARKS = new Set(['', '/', '—', '——', '-', '--', '－', '空', '无', '\\']);

/** A cell's value: a number, null for a missing mark, undefined when it is a label. */
export function cellValue(text: string): number | null | undefined {
  const t = normalise(text);
  if (NULL_MARKS.has(t)) return null;
  if (/^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/.test(t)) return Number(t.replaceAll(',', ''));
  return undefined;
}

export interface Row {
  labels: string[]; // normalised label cells, in order
  tokens: string[]; // the value cells after the last label, normalised, as written
  values: (number | null)[]; // their values
}
