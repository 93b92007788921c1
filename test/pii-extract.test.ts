import { describe, expect, it } from 'vitest';
import { extractText, screenText } from '../src/modules/compliance';
import { buildZip } from './helpers/zip';

// Attachments are screened too (issue 5): real .docx/.xlsx archives built with the test ZIP writer, a
// hand-written PDF, and HTML, each extracted and screened with its table headers as context.

const NOW = new Date('2025-06-01T00:00:00Z');

const cell = (text: string) => `<w:tc><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:tc>`;
const row = (...cells: string[]) => `<w:tr>${cells.map(cell).join('')}</w:tr>`;

function docx(body: string): Buffer {
  const xml = `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`;
  return buildZip([
    { name: '[Content_Types].xml', data: '<Types/>', deflate: true },
    { name: 'word/document.xml', data: xml, deflate: true },
  ]);
}

function xlsx(rows: string[][]): Buffer {
  const strings = [...new Set(rows.flat())];
  const shared = `<sst>${strings.map((s) => `<si><t>${s}</t></si>`).join('')}</sst>`;
  const col = (i: number) => String.fromCharCode(65 + i);
  const sheet = `<worksheet><sheetData>${rows
    .map(
      (r, y) =>
        `<row r="${y + 1}">${r.map((v, x) => (v === '' ? '' : `<c r="${col(x)}${y + 1}" t="s"><v>${strings.indexOf(v)}</v></c>`)).join('')}</row>`,
    )
    .join('')}</sheetData></worksheet>`;
  return buildZip([
    { name: '[Content_Types].xml', data: '<Types/>', deflate: true },
    { name: 'xl/sharedStrings.xml', data: shared, deflate: true },
    { name: 'xl/worksheets/sheet1.xml', data: sheet, deflate: true },
  ]);
}

// A one-page PDF with Helvetica text lines, a line given as cells set 200 points apart as a table's
// columns are; offsets in the xref are computed, as a real writer does.
function pdf(lines: (string | string[])[]): Buffer {
  const placed = lines.flatMap((line, row) =>
    [line].flat().map((cell, column) => `1 0 0 1 ${72 + 200 * column} ${720 - 14 * row} Tm (${cell}) Tj`),
  );
  const stream = `BT /F1 12 Tf ${placed.join(' ')} ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

const typesAndTexts = (text: string) => screenText(text, { now: NOW }).map((f) => [f.type, f.text]);

describe('text extraction for the privacy screen', () => {
  it('reads a Word table as rows under its header row, and finds the names by their column', async () => {
    const body =
      '<w:p><w:r><w:t>低保对象公示</w:t></w:r></w:p>' +
      `<w:tbl>${row('户主姓名', '身份证号', '手机')}${row('赵德胜', '330106198503120415', '13867112345')}</w:tbl>` +
      '<w:p><w:r><w:t xml:space="preserve">监督电话：</w:t></w:r><w:r><w:t>0571-87012345</w:t></w:r></w:p>';
    const { text } = await extractText(docx(body), 'docx');
    expect(text).toBe(
      '低保对象公示\n户主姓名\t身份证号\t手机\n赵德胜\t330106198503120415\t13867112345\n监督电话：0571-87012345',
    );
    expect(typesAndTexts(text)).toEqual([
      ['person_name', '赵德胜'],
      ['id_card', '330106198503120415'],
      ['mobile', '13867112345'],
    ]);
  });

  it('reads an Excel sheet with shared strings, keeping empty cells under their headers', async () => {
    const book = xlsx([
      ['姓名', '备注', '银行卡号'],
      ['何建军', '', '6222021202001234567'],
    ]);
    const { text } = await extractText(book, 'xlsx');
    expect(text).toBe('姓名\t备注\t银行卡号\n何建军\t\t6222021202001234567');
    expect(typesAndTexts(text)).toEqual([
      ['person_name', '何建军'],
      ['bank_card', '6222021202001234567'],
    ]);
  });

  it('reads the text of a PDF page', async () => {
    const { text } = await extractText(pdf(['Contact: zhang.san@example.com', 'Mobile 13812345678']), 'pdf');
    expect(text).toContain('zhang.san@example.com');
    expect(typesAndTexts(text)).toEqual([
      ['email', 'zhang.san@example.com'],
      ['mobile', '13812345678'],
    ]);
  });

  it('strips HTML to text with table rows as tab-separated lines and entities decoded', async () => {
    const html =
      '<html><head><title>x</title><style>p{}</style></head><body><p>监督电话：0571&#8209;87012345</p>' +
      '<table><tr><th>姓名</th><th>联系电话</th></tr><tr><td>唐国华</td><td>136&nbsp;5678&nbsp;1234</td></tr></table></body></html>';
    const { text } = await extractText(Buffer.from(html), 'html');
    expect(text).toBe('监督电话：0571‑87012345\n姓名\t联系电话\n唐国华\t136 5678 1234');
    expect(typesAndTexts(text)).toEqual([
      ['person_name', '唐国华'],
      ['mobile', '136 5678 1234'],
    ]);
  });

  it('refuses files whose content does not match their type, and archives that look like zip bombs', async () => {
    await expect(extractText(Buffer.from('not a zip'), 'docx')).rejects.toThrow('不是 DOCX 格式');
    await expect(extractText(Buffer.from('<html>'), 'pdf')).rejects.toThrow('不是 PDF 格式');
  });

  it('reads a PDF table row by row with its columns apart, as in Word and Excel', async () => {
    const { text } = await extractText(
      pdf(['Household register', ['Name', 'Mobile'], ['Zhang San', '13812345678']]),
      'pdf',
    );
    expect(text).toBe('Household register\nName\tMobile\nZhang San\t13812345678');
    const bomb = buildZip([
      { name: 'word/document.xml', data: 'x', deflate: true, declaredSize: 300 * 1_048_576 },
    ]);
    await expect(extractText(bomb, 'docx')).rejects.toThrow(/压缩/);
    await expect(extractText(Buffer.from([0xff, 0xfe, 0x00]), 'text')).rejects.toThrow('UTF-8');
  });
});
