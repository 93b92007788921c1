import { cellValue, normalise, type Row } from './report-cell-text';

// Reports published as text dumps, or with table cells run together (law-and-formats.md §2.6: "Text
// dumps in which cells run together; split them so that H3 and H4 hold"): value tokens are split into
// the number of cells a row needs, keeping only the one split under which the row's identity holds.

const LIMIT = 100_000; // splits tried per row, at most

// Every way to cut a digit string into `parts` numbers (no leading zeros but "0" itself).
function* cuts(digits: string, parts: number): Generator<number[]> {
  if (parts === 1) {
    if (digits.length === 1 || !digits.startsWith('0')) yield [Number(digits)];
    return;
  }
  for (let i = 1; i <= digits.length - parts + 1; i++) {
    const head = digits.slice(0, i);
    if (head.length > 1 && head.startsWith('0')) break;
    for (const rest of cuts(digits.slice(i), parts - 1)) yield [Number(head), ...rest];
  }
}

// Every way to read the tokens as exactly `count` values; only digit runs may be cut.
function* readings(tokens: readonly string[], count: number): Generator<(number | null)[]> {
  if (tokens.length === 0) {
    if (count === 0) yield [];
    return;
  }
  const [first = '', ...rest] = tokens;
  const maxParts = /^\d+$/.test(first) ? Math.min(first.length, count - rest.length) : 1;
  for (let parts = 1; parts <= maxParts; parts++) {
    const heads: (number | null)[][] = parts === 1 ? [[cellValue(first) ?? null]] : [...cuts(first, parts)];
    for (const head of heads) for (const tail of readings(rest, count - parts)) yield [...head, ...tail];
  }
}

/** The one reading of the tokens as `count` values under which `holds` is true; null if none or several. */
export function splitByIdentity(
  tokens: readonly string[],
  count: number,
  holds: (values: number[]) => boolean,
): number[] | null {
  let found: number[] | null = null;
  let tried = 0;
  for (const values of readings(tokens, count)) {
    if (++tried > LIMIT) return null;
    if (values.some((v) => v === null) || !holds(values as number[])) continue;
    if (found) return null; // ambiguous
    found = values as number[];
  }
  return found;
}

/** H3 on one row of table 3: the six applicant columns add up to 总计. */
export const rowAddsUp = (v: number[]): boolean => v.slice(0, 6).reduce((a, b) => a + b, 0) === v[6];

/** H4 on the 15 cells of table 4: in each block, 总计 = the four results. */
export const blocksAddUp = (v: number[]): boolean =>
  [0, 5, 10].every((at) => v.slice(at, at + 4).reduce((a, b) => a + b, 0) === v[at + 4]);

/** Rows read from lines of text: a label, then value tokens separated by spaces (the first may touch it). */
export function textRows(lines: readonly string[]): Row[] {
  return lines.map((line) => {
    const words = line.trim().split(/[\s\u00a0\u3000]+/);
    const tokens: string[] = [];
    while (words.length > 0 && cellValue(words.at(-1) ?? '') !== undefined && words.at(-1) !== '')
      tokens.unshift(normalise(words.pop() ?? ''));
    const last = normalise(words.pop() ?? '');
    const glued = /^(.*?\D)(\d[\d,.]*)$/.exec(last);
    if (glued?.[1] && glued[2]) tokens.unshift(glued[2]);
    const label = normalise([...words, glued?.[1] ?? last].join(''));
    return { labels: label ? [label] : [], tokens, values: tokens.map((t) => cellValue(t) ?? null) };
  });
}
