import ExcelJS from 'exceljs';
import { AppError } from '../../core/errors';

// A received key-task list file as rows of text cells: CSV (UTF-8 with or without BOM, or GB18030 as
// Excel in Chinese Windows saves it) or .xlsx (first worksheet; a merged cell reads as its master's
// value on every row it covers; dates become YYYY-MM-DD). Decided from the bytes, not the name.

const MAX_ROWS = 2000;

function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\ufeff/, '');
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** RFC 4180 CSV: quoted fields with doubled quotes and line breaks inside quotes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

const pad = (n: number) => String(n).padStart(2, '0');

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date)
    return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    return '';
  }
  return String(value);
}

async function readXlsx(bytes: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (cause) {
    throw new AppError('validation', '无法读取该 Excel 文件，请另存为 .xlsx 或 CSV 后重试', {
      cause,
      fields: { file: '无法读取该 Excel 文件' },
    });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: string[][] = [];
  const width = Math.min(sheet.columnCount, 30);
  for (let r = 1; r <= Math.min(sheet.rowCount, MAX_ROWS); r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c).value));
    rows.push(cells);
  }
  return rows;
}

const isZip = (b: Buffer) => b.length > 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const isOle = (b: Buffer) => b.length > 8 && b.readUInt32BE(0) === 0xd0cf11e0;

/** The rows of a received list file; refuses old .xls and anything that is not text or .xlsx. */
export async function readListFile(bytes: Buffer): Promise<string[][]> {
  if (bytes.length === 0) throw new AppError('validation', '文件为空', { fields: { file: '文件为空' } });
  if (isZip(bytes)) return readXlsx(bytes);
  if (isOle(bytes))
    throw new AppError('unsupported_media_type', '不支持 Excel 97-2003（.xls）格式，请另存为 .xlsx 或 CSV', {
      fields: { file: '请另存为 .xlsx 或 CSV' },
    });
  const text = decodeText(bytes);
  if (text.includes('\u0000'))
    throw new AppError('unsupported_media_type', '文件不是 CSV 或 Excel（.xlsx）表格', {
      fields: { file: '请上传 CSV 或 .xlsx 文件' },
    });
  return parseCsv(text).slice(0, MAX_ROWS);
}
