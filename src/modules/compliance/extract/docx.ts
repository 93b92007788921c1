import { tableRowLine, xmlTokens } from './xml-text';
import { readZipEntries } from './zip-entries';

// Word (.docx): the text of word/document.xml. Paragraphs become lines; each table row becomes one line of
// tab-separated cells, so the screen reads the first row as the column headers (compliance.md §5.1.3).

interface TableState {
  rows: string[][];
  row: string[] | null;
  cell: string[] | null;
}

/** The text of a DOCX file. */
export function extractDocx(bytes: Buffer): string {
  const xml = readZipEntries(bytes, (n) => n === 'word/document.xml').get('word/document.xml');
  if (xml === undefined) throw new Error('DOCX 缺少 word/document.xml');
  return documentXmlText(xml);
}

/** The text of a WordprocessingML body. */
export function documentXmlText(xml: string): string {
  const lines: string[] = [];
  const tables: TableState[] = [];
  let paragraph = '';
  let inText = false;
  const emit = (line: string) => {
    const table = tables.at(-1);
    if (table?.cell) table.cell.push(line);
    else lines.push(line);
  };
  for (const t of xmlTokens(xml)) {
    const table = tables.at(-1);
    if (t.tag === null) {
      if (inText) paragraph += t.value;
    } else if (t.tag === 'w:t') inText = !t.closing && !t.selfClosing;
    else if (t.tag === 'w:tab' && !t.closing) paragraph += '\t';
    else if ((t.tag === 'w:br' || t.tag === 'w:cr') && !t.closing) paragraph += '\n';
    else if (t.tag === 'w:p' && (t.closing || t.selfClosing)) {
      emit(paragraph);
      paragraph = '';
    } else if (t.tag === 'w:tbl' && !t.closing) tables.push({ rows: [], row: null, cell: null });
    else if (t.tag === 'w:tbl' && t.closing && table) {
      tables.pop();
      for (const row of table.rows) emit(tableRowLine(row));
    } else if (t.tag === 'w:tr' && table) {
      if (!t.closing) table.row = [];
      else if (table.row) table.rows.push(table.row);
    } else if (t.tag === 'w:tc' && table) {
      if (!t.closing) table.cell = [];
      else if (table.cell) table.row?.push(table.cell.join(' '));
      if (t.closing) table.cell = null;
    }
  }
  if (paragraph) lines.push(paragraph);
  return lines.join('\n');
}
