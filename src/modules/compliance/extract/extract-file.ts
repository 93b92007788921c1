import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { AppError } from '../../../core/errors';
import { extractDocx } from './docx';
import { extractHtml } from './html';
import { extractPdf } from './pdf';
import { extractXlsx } from './xlsx';

// Text extraction for the screen: attachments are the main leak vector (compliance.md §2.11), so Word,
// Excel and PDF are read as well as text and HTML. The format comes from the file name and must agree with
// the file's first bytes; anything else is refused with a message naming the file.

export type SourceFormat = 'text' | 'html' | 'docx' | 'xlsx' | 'pdf';

export interface ExtractedText {
  text: string;
  format: SourceFormat;
}

const BY_EXTENSION: Record<string, SourceFormat> = {
  '.txt': 'text',
  '.text': 'text',
  '.md': 'text',
  '.csv': 'text',
  '.tsv': 'text',
  '.html': 'html',
  '.htm': 'html',
  '.docx': 'docx',
  '.xlsx': 'xlsx',
  '.pdf': 'pdf',
};

/** The format of a file by its name, or null when the screen cannot read it. */
export function sourceFormatOf(fileName: string): SourceFormat | null {
  return BY_EXTENSION[extname(fileName).toLowerCase()] ?? null;
}

function decodeUtf8(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new AppError('validation', '文本不是有效的 UTF-8 编码');
  }
}

/** The text of a document in a known format. */
export async function extractText(bytes: Buffer, format: SourceFormat): Promise<ExtractedText> {
  const isZip = bytes.subarray(0, 2).toString('latin1') === 'PK';
  if ((format === 'docx' || format === 'xlsx') && !isZip)
    throw new AppError('validation', `文件内容不是 ${format.toUpperCase()} 格式`);
  if (format === 'pdf' && bytes.subarray(0, 5).toString('latin1') !== '%PDF-')
    throw new AppError('validation', '文件内容不是 PDF 格式');
  if (format === 'docx') return { format, text: extractDocx(bytes) };
  if (format === 'xlsx') return { format, text: extractXlsx(bytes) };
  if (format === 'pdf') return { format, text: await extractPdf(bytes) };
  const text = decodeUtf8(bytes);
  return { format, text: format === 'html' ? extractHtml(text) : text.replace(/\r\n?/g, '\n') };
}

/** Reads and extracts one file; the format is chosen by its extension. */
export async function extractFile(path: string): Promise<ExtractedText> {
  const format = sourceFormatOf(path);
  if (!format) throw new AppError('validation', '不支持的文件类型（可检查 txt、html、docx、xlsx、pdf）');
  return extractText(await readFile(path), format);
}
