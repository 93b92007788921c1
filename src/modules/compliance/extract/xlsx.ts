import { attributeOf, tableRowLine, xmlTokens } from './xml-text';
import { readZipEntries } from './zip-entries';

// Excel (.xlsx): shared strings plus every xl/worksheets/sheet*.xml. Each row becomes one line of
// tab-separated cells, gaps kept as empty cells so columns stay under their header (the first row).

/** The strings of xl/sharedStrings.xml, in index order (rich-text runs joined). */
export function sharedStrings(xml: string): string[] {
  const strings: string[] = [];
  let current: string | null = null;
  let inText = false;
  let inPhonetic = false; // <rPh> holds reading aids, not cell text
  for (const t of xmlTokens(xml)) {
    if (t.tag === 'si') {
      if (t.selfClosing) strings.push('');
      else if (!t.closing) current = '';
      else {
        strings.push(current ?? '');
        current = null;
      }
    } else if (t.tag === 'rPh') inPhonetic = !t.closing && !t.selfClosing;
    else if (t.tag === 't') inText = !t.closing && !t.selfClosing;
    else if (t.tag === null && inText && !inPhonetic && current !== null) current += t.value;
  }
  return strings;
}

function columnIndex(ref: string | undefined, fallback: number): number {
  const letters = /^[A-Z]+/.exec(ref ?? '')?.[0];
  if (!letters) return fallback;
  return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
}

/** The rows of one worksheet as lines. */
export function sheetLines(xml: string, strings: readonly string[]): string[] {
  const lines: string[] = [];
  let row: string[] | null = null;
  let cell: { column: number; type: string; value: string } | null = null;
  let inValue = false;
  for (const t of xmlTokens(xml)) {
    if (t.tag === 'row') {
      if (!t.closing) row = [];
      if ((t.closing || t.selfClosing) && row) lines.push(tableRowLine(row));
      if (t.closing || t.selfClosing) row = null;
    } else if (t.tag === 'c' && row) {
      if (!t.closing)
        cell = {
          column: columnIndex(attributeOf(t.value, 'r'), row.length),
          type: attributeOf(t.value, 't') ?? 'n',
          value: '',
        };
      if ((t.closing || t.selfClosing) && cell) {
        const text = cell.type === 's' ? (strings[Number(cell.value)] ?? '') : cell.value;
        while (row.length < cell.column) row.push('');
        row[cell.column] = text;
        cell = null;
      }
    } else if (t.tag === 'v' || t.tag === 't') inValue = !t.closing && !t.selfClosing;
    else if (t.tag === null && inValue && cell) cell.value += t.value;
  }
  return lines;
}

const SHEET = /^xl\/worksheets\/sheet(\d+)\.xml$/;

/** The text of an XLSX file: every sheet in order, separated by a blank line. */
export function extractXlsx(bytes: Buffer): string {
  const parts = readZipEntries(bytes, (n) => n === 'xl/sharedStrings.xml' || SHEET.test(n));
  const strings = sharedStrings(parts.get('xl/sharedStrings.xml') ?? '');
  const sheets = [...parts.keys()]
    .filter((n) => SHEET.test(n))
    .sort((a, b) => Number(SHEET.exec(a)?.[1]) - Number(SHEET.exec(b)?.[1]));
  return sheets.map((n) => sheetLines(parts.get(n) ?? '', strings).join('\n')).join('\n\n');
}
