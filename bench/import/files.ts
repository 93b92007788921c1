import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import ExcelJS from 'exceljs';

// Real files for the import benchmark, written by the libraries offices' own tools stand in for: Word files
// by `docx` (paragraphs and a table), workbooks by ExcelJS (a 名单 of rows under a header), and PDFs with a
// CID font (Identity-H) and a ToUnicode map, as Word and WPS export Chinese text, one line per text run.

export interface Roster {
  header: string[];
  rows: string[][];
}

/** A .docx of the paragraphs followed by the table. */
export function makeDocx(title: string, paragraphs: string[], table: Roster): Promise<Buffer> {
  const cells = (texts: string[]) => texts.map((t) => new TableCell({ children: [new Paragraph(t)] }));
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph(title),
          ...paragraphs.map((p) => new Paragraph(p)),
          new Table({
            rows: [table.header, ...table.rows].map((r) => new TableRow({ children: cells(r) })),
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** An .xlsx with one worksheet: the header row then the rows. */
export async function makeXlsx(table: Roster): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('名单');
  sheet.addRow(table.header);
  for (const r of table.rows) sheet.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer());
}

const hex = (text: string) =>
  [...text].map((ch) => (ch.codePointAt(0) ?? 32).toString(16).padStart(4, '0')).join('');

// ToUnicode: CID = the character's UTF-16 code unit, in 256 ranges that each stay within one high byte.
function toUnicodeCMap(): string {
  const ranges = Array.from({ length: 256 }, (_, hi) => {
    const h = hi.toString(16).padStart(2, '0');
    return `<${h}00> <${h}ff> <${h}00>`;
  });
  const blocks: string[] = [];
  for (let i = 0; i < ranges.length; i += 100) {
    const chunk = ranges.slice(i, i + 100);
    blocks.push(`${chunk.length} beginbfrange\n${chunk.join('\n')}\nendbfrange`);
  }
  return [
    '/CIDInit /ProcSet findresource begin 12 dict begin begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def /CMapType 2 def',
    '1 begincodespacerange <0000> <ffff> endcodespacerange',
    ...blocks,
    'endcmap CMapName currentdict /CMap defineresource pop end end',
  ].join('\n');
}

const LINE_CHARS = 38;
const LINES_PER_PAGE = 48;

function wrap(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += LINE_CHARS) out.push(text.slice(i, i + LINE_CHARS));
  return out;
}

// A page's content stream: each line a text object at its own position; table cells 130 points apart.
function pageStream(lines: string[][]): string {
  const ops = lines.map((cells, n) => {
    const y = 800 - n * 16;
    return cells.map((c, i) => `BT /F1 12 Tf ${50 + i * 130} ${y} Td <${hex(c)}> Tj ET`).join('\n');
  });
  return ops.join('\n');
}

/** A PDF of the paragraphs then the table, A4 pages of 48 lines. */
export function makePdf(title: string, paragraphs: string[], table: Roster): Buffer {
  const lines: string[][] = [[title], ...paragraphs.flatMap(wrap).map((l) => [l])];
  for (const r of [table.header, ...table.rows]) lines.push(r);
  const pages: string[][][] = [];
  for (let i = 0; i < lines.length; i += LINES_PER_PAGE) pages.push(lines.slice(i, i + LINES_PER_PAGE));
  // Objects: 1 catalog, 2 pages, 3 font, 4 descendant font, 5 ToUnicode, 6 font descriptor (no embedded
  // glyphs: text extraction needs only the ToUnicode map), then a page and its content each.
  const cmap = toUnicodeCMap();
  const kids = pages.map((_, i) => `${7 + 2 * i} 0 R`).join(' ');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${kids}] /Count ${pages.length} >>`,
    '<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [4 0 R] /ToUnicode 5 0 R >>',
    '<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 6 0 R /DW 1000 >>',
    `<< /Length ${Buffer.byteLength(cmap)} >>\nstream\n${cmap}\nendstream`,
    '<< /Type /FontDescriptor /FontName /SimSun /Flags 6 /FontBBox [0 -141 1000 859] /ItalicAngle 0 /Ascent 859 /Descent -141 /CapHeight 683 /StemV 80 >>',
  ];
  for (const [i, page] of pages.entries()) {
    const stream = pageStream(page);
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents ${8 + 2 * i} 0 R /Resources << /Font << /F1 3 0 R >> >> >>`,
      `<< /Length ${Buffer.byteLength(stream)} >>\nstream\n${stream}\nendstream`,
    );
  }
  let out = '%PDF-1.7\n';
  const offsets: number[] = [];
  for (const [i, o] of objects.entries()) {
    offsets.push(Buffer.byteLength(out));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  }
  const xref = Buffer.byteLength(out);
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'utf8');
}
