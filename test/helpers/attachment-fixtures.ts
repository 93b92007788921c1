import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AttachmentScanner } from '../../src/modules/attachments';
import {
  buildZip,
  crc32,
  docxParts,
  minimalDocx,
  minimalOfd,
  minimalXlsx,
  type ZipEntry,
  zerosDeflated,
  zipWithDeclaredEntries,
} from './zip';

// Fixtures for the attachment tests (security.md T7), generated at run time: valid files of each
// accepted type, and the abuse cases with the status and message each must get.

// The EICAR test string is public; a file holding it must be treated as malware by any scanner.
export const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';
export const eicarScanner: AttachmentScanner = {
  scanFile: async (file) => (readFileSync(file).includes(EICAR) ? 'infected' : 'clean'),
};

export const pdf = (extra = '') =>
  Buffer.from(
    `%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n${extra}\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`,
  );
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
export function pngClaiming(width: number, height: number): Buffer {
  const png = Buffer.from(PNG);
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29); // a valid IHDR: only the claim is hostile
  return png;
}
export const JPEG = Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex');
export const OLE = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(1016)]);
export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

export interface Upload {
  filename: string;
  data: Buffer;
}
export const file = (filename: string, data: Buffer): Upload => ({ filename, data });
export type Part = { field: string; value: string } | Upload;

export function multipart(parts: Part[]) {
  const boundary = `----gk${randomUUID()}`;
  const chunks = parts.flatMap((p) => {
    const head =
      'filename' in p
        ? `name="files"; filename="${p.filename}"\r\nContent-Type: application/octet-stream`
        : `name="${p.field}"`;
    const body = 'filename' in p ? p.data : Buffer.from(p.value);
    return [
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; ${head}\r\n\r\n`),
      body,
      Buffer.from('\r\n'),
    ];
  });
  return {
    payload: Buffer.concat([...chunks, Buffer.from(`--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

export const CHINESE_NAME = '关于开展安全生产检查的通知（附件1）.pdf';
export const accepted: [Upload, string, string][] = [
  [file(CHINESE_NAME, pdf()), 'application/pdf', 'pdf'],
  [file('照片.png', PNG), 'image/png', 'png'],
  [file('现场.JPEG', JPEG), 'image/jpeg', 'jpg'],
  [
    file('方案.docx', minimalDocx()),
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'docx',
  ],
  [
    file('预算.xlsx', minimalXlsx()),
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'xlsx',
  ],
  [file('批复.ofd', minimalOfd()), 'application/ofd', 'ofd'],
  [file('旧文件.doc', OLE), 'application/msword', 'doc'],
  [file('旧表格.xls', OLE), 'application/vnd.ms-excel', 'xls'],
];

export const bigPdf = Buffer.concat([pdf(), Buffer.alloc(21 * 1_048_576)]);
export const abuse: [string, Upload[], number, string][] = [
  [
    'content that disagrees with its extension',
    [file('a.pdf', PNG)],
    415,
    '扩展名 .pdf与内容（PNG 图片）不符',
  ],
  ['a.pdf.exe', [file('a.pdf.exe', pdf())], 415, '扩展名 .exe'],
  ['a Windows program', [file('setup.pdf', Buffer.from('MZ\x90\x00\x03\x00\x00\x00'))], 415, 'EXE'],
  [
    'HTML renamed .jpg',
    [file('x.jpg', Buffer.from('<!doctype html><script>alert(1)</script>'))],
    415,
    '无法识别',
  ],
  [
    'SVG renamed .png',
    [file('x.png', Buffer.from('<?xml version="1.0"?><svg onload="alert(1)"/>'))],
    415,
    'XML',
  ],
  ['a GIF+JS polyglot', [file('x.jpg', Buffer.from('GIF89a/*\x01\x00\x01\x00*/=alert(1)//'))], 415, 'GIF'],
  ['an OLE file claiming .pdf', [file('x.pdf', OLE)], 415, 'cfb'],
  ['a PNG claiming 50,000 × 50,000', [file('huge.png', pngClaiming(50_000, 50_000))], 400, '50000 × 50000'],
  [
    'a DOCX with a ../ entry',
    [file('x.docx', minimalDocx([{ name: '../evil.sh', data: 'x' }]))],
    400,
    '上级目录',
  ],
  [
    'a DOCX with a symlink',
    [file('x.docx', minimalDocx([{ name: 'l', data: '/etc', symlink: true }]))],
    400,
    '符号链接',
  ],
  ['a zip of 10,001 entries', [file('x.xlsx', zipWithDeclaredEntries(10_001))], 400, '条目过多'],
  ['a zip of 100,001 entries', [file('x.docx', zipWithDeclaredEntries(100_001))], 400, 'Zip64'],
  [
    'a zip bomb declaring 1 GB',
    [file('x.docx', minimalDocx([{ name: 'z', declaredSize: 2 ** 30 }]))],
    400,
    '压缩炸弹',
  ],
  ['a name with ../', [file('../../etc/passwd.pdf', pdf())], 400, '路径'],
  ['a name with ..\\', [file('..\\..\\boot.pdf', pdf())], 400, '路径'],
  ['a name with %2e%2e%2f', [file('%2e%2e%2fpasswd.pdf', pdf())], 400, '编码'],
  ['a double-encoded name', [file('%252e%252e%252fpasswd.pdf', pdf())], 400, '编码'],
  ['a name with NUL', [file('a\u0000.pdf', pdf())], 400, '控制字符'],
  ['a name with U+202E', [file('report\u202Efdp.pdf', pdf())], 400, 'U+202E'],
  ['a name of 300 characters', [file(`${'长'.repeat(296)}.pdf`, pdf())], 400, '200'],
  ['the name CON', [file('CON', pdf())], 400, '保留名'],
  ['the name NUL.pdf', [file('NUL.pdf', pdf())], 400, '保留名'],
  ['EICAR', [file('eicar.pdf', pdf(EICAR))], 400, '病毒扫描'],
  ['an empty file', [file('empty.pdf', Buffer.alloc(0))], 400, '文件为空'],
  ['no file chosen', [file('', Buffer.alloc(0))], 400, '请选择要上传的文件'],
  [
    'one bad file among good ones',
    [file('a.pdf', pdf()), file('b.png', PNG), file('c.pdf', PNG)],
    415,
    'c.pdf',
  ],
  ['a 21 MB file', [file('big.pdf', bigPdf)], 413, '20 MB'],
  ['11 files', Array.from({ length: 11 }, (_, i) => file(`f${i}.pdf`, pdf())), 413, '10 个文件'],
];

// Hostile archives built for real (security.md T7, "zip bombs inside .docx/.xlsx"): the bytes an attacker
// would send, not just a directory that claims things. Built once per test file, on first use.

const GB = 2 ** 30;
let zerosGb: ReturnType<typeof zerosDeflated> | undefined;
/** 1 GB of zeros as one deflate stream of about 1 MB. */
export const oneGbOfZeros = () => {
  zerosGb ??= zerosDeflated(GB);
  return zerosGb;
};

/** An entry of 1 GB of zeros that says so (refused on its ratio) or claims 4 KB (caught inflating it). */
export const zerosEntry = (name: string, lying = false): ZipEntry => ({
  name,
  deflated: oneGbOfZeros(),
  ...(lying ? { declaredSize: 4096 } : {}),
});

/** A DOCX with `count` real entries: the EOCD count is cut to 16 bits, as careless writers do past 65,535. */
export function docxWithEntries(count: number): Buffer {
  const parts = docxParts();
  const extra = Array.from({ length: count - parts.length }, (_, i): ZipEntry => ({ name: `p/${i}` }));
  return buildZip([...parts, ...extra], '', count & 0xffff);
}

/** A DOCX whose chart workbook (word/embeddings/…xlsx) carries the given entries. */
export const docxEmbedding = (workbook: Buffer, name = 'word/embeddings/Microsoft_Excel_Worksheet.xlsx') =>
  minimalDocx([{ name, data: workbook }]);

/** A baseline JPEG header (SOI, APP0, SOF0) declaring width × height. */
export function jpegClaiming(width: number, height: number): Buffer {
  const sof = Buffer.from('ffc00011080000000003012200021101031101', 'hex');
  sof.writeUInt16BE(height, 5);
  sof.writeUInt16BE(width, 7);
  return Buffer.concat([JPEG.subarray(0, 20), sof, Buffer.from('ffd9', 'hex')]);
}
