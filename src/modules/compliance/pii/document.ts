import type { ScreenDocument } from './types';

// Tables are read with their headers as context (compliance.md §5.1.3). Extraction writes every table row
// as one line of tab-separated cells, header row first; plain-text tables use tabs or runs of spaces. So one
// rule finds the columns in every format: consecutive lines with the same number of cells form a table.

interface Cell {
  start: number;
  end: number;
  header: string;
}

const CELL_SEPARATOR = /\t| {2,}|\u3000+/g;

function splitCells(line: string, offset: number): Cell[] {
  const cells: Cell[] = [];
  let from = 0;
  for (const m of line.matchAll(CELL_SEPARATOR)) {
    cells.push({ start: offset + from, end: offset + m.index, header: '' });
    from = m.index + m[0].length;
  }
  cells.push({ start: offset + from, end: offset + line.length, header: '' });
  return cells;
}

/** Every body cell of every table in the text, each with its column header. */
export function tableCells(text: string): Cell[] {
  const result: Cell[] = [];
  let header: { texts: string[] } | null = null;
  let offset = 0;
  for (const line of text.split('\n')) {
    const cells = splitCells(line, offset);
    const texts = cells.map((c) => text.slice(c.start, c.end).trim());
    if (cells.length < 2) header = null;
    else if (header === null || header.texts.length !== cells.length) header = { texts };
    else for (const [i, c] of cells.entries()) result.push({ ...c, header: header.texts[i] ?? '' });
    offset += line.length + 1;
  }
  return result;
}

/** Wraps text for the recognisers; table headers are computed once. */
export function screenDocument(text: string, now: Date = new Date()): ScreenDocument {
  const cells = tableCells(text);
  const cellAt = (offset: number) => cells.find((c) => offset >= c.start && offset < c.end);
  return { text, now, cellAt, headerAt: (offset) => cellAt(offset)?.header };
}
