import { constants, deflateRawSync, crc32 as zlibCrc32 } from 'node:zlib';

// A small ZIP writer for tests (APPNOTE 4.3): real archives for DOCX/XLSX/OFD fixtures, and hostile ones
// whose central directory declares what an attacker would — sizes, names, symlinks, entry counts.

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 as ZIP and PNG use it. */
export function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export interface ZipEntry {
  name: string;
  data?: Buffer | string;
  deflate?: boolean;
  /** What the central directory claims the entry inflates to (a lie, for zip bombs). */
  declaredSize?: number;
  symlink?: boolean;
  /** Data compressed beforehand (deflate), e.g. by zerosDeflated: stored as is, with its size and CRC. */
  deflated?: Deflated;
  /** A different name in the local header than in the central directory (a parser-confusion trick). */
  localName?: string;
}

export interface Deflated {
  data: Buffer;
  size: number;
  crc: number;
}

const MB = 1_048_576;

/**
 * `size` bytes of zeros (a multiple of 1 MB) as one raw deflate stream, built without ever holding them:
 * one 1 MB block compressed with a full flush (so it depends on nothing before it) repeated, then an
 * empty final block. 1 GB comes to about 1 MB; the CRC is computed over 1 MB at a time.
 */
export function zerosDeflated(size: number): Deflated {
  const zeros = Buffer.alloc(MB);
  const block = deflateRawSync(zeros, { finishFlush: constants.Z_FULL_FLUSH, level: 9 });
  const blocks = size / MB;
  let crc = 0;
  for (let i = 0; i < blocks; i++) crc = zlibCrc32(zeros, crc);
  const data = Buffer.concat([...Array<Buffer>(blocks).fill(block), deflateRawSync(Buffer.alloc(0))]);
  return { data, size, crc };
}

function localHeader(name: Buffer, method: number, crc: number, compressed: number, size: number): Buffer {
  const h = Buffer.alloc(30);
  h.writeUInt32LE(0x04034b50, 0);
  h.writeUInt16LE(20, 4);
  h.writeUInt16LE(0x800, 6); // names in UTF-8
  h.writeUInt16LE(method, 8);
  h.writeUInt32LE(crc, 14);
  h.writeUInt32LE(compressed, 18);
  h.writeUInt32LE(size, 22);
  h.writeUInt16LE(name.length, 26);
  return Buffer.concat([h, name]);
}

/** One central file header. */
export function centralHeader(
  name: string,
  fields: {
    method?: number;
    crc?: number;
    compressed?: number;
    size?: number;
    offset?: number;
    symlink?: boolean;
  },
): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  const h = Buffer.alloc(46);
  h.writeUInt32LE(0x02014b50, 0);
  h.writeUInt16LE(fields.symlink ? 0x031e : 20, 4); // made by: Unix for a symlink
  h.writeUInt16LE(20, 6);
  h.writeUInt16LE(0x800, 8);
  h.writeUInt16LE(fields.method ?? 0, 10);
  h.writeUInt32LE(fields.crc ?? 0, 16);
  h.writeUInt32LE(fields.compressed ?? 0, 20);
  h.writeUInt32LE(fields.size ?? 0, 24);
  h.writeUInt16LE(nameBytes.length, 28);
  h.writeUInt32LE(fields.symlink ? (0o120777 << 16) >>> 0 : 0, 38);
  h.writeUInt32LE(fields.offset ?? 0, 42);
  return Buffer.concat([h, nameBytes]);
}

/** The End Of Central Directory record. */
export function endOfCentralDirectory(entries: number, size: number, offset: number, comment = ''): Buffer {
  const c = Buffer.from(comment, 'latin1');
  const e = Buffer.alloc(22);
  e.writeUInt32LE(0x06054b50, 0);
  e.writeUInt16LE(Math.min(entries, 0xffff), 8);
  e.writeUInt16LE(Math.min(entries, 0xffff), 10);
  e.writeUInt32LE(size, 12);
  e.writeUInt32LE(offset, 16);
  e.writeUInt16LE(c.length, 20);
  return Buffer.concat([e, c]);
}

/** A complete archive: local headers and data, then the central directory and the EOCD record. */
export function buildZip(
  entries: ZipEntry[],
  comment = '',
  /** The entry count the EOCD record states (default: the real count, capped at 0xFFFF). */
  declaredEntries?: number,
): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const raw = Buffer.from(entry.data ?? '');
    const method = entry.deflate || entry.deflated ? 8 : 0;
    const stored = entry.deflated?.data ?? (entry.deflate ? deflateRawSync(raw) : raw);
    const crc = entry.deflated?.crc ?? crc32(raw);
    const rawSize = entry.deflated?.size ?? raw.length;
    const localName = Buffer.from(entry.localName ?? entry.name, 'utf8');
    const local = Buffer.concat([localHeader(localName, method, crc, stored.length, rawSize), stored]);
    const size = entry.declaredSize ?? rawSize;
    centrals.push(
      centralHeader(entry.name, {
        method,
        crc,
        compressed: stored.length,
        size,
        offset,
        symlink: entry.symlink,
      }),
    );
    locals.push(local);
    offset += local.length;
  }
  const directory = Buffer.concat(centrals);
  return Buffer.concat([
    ...locals,
    directory,
    endOfCentralDirectory(declaredEntries ?? entries.length, directory.length, offset, comment),
  ]);
}

/**
 * An archive with one real entry and then a central directory of `count` records (of empty files): enough to test entry-count limits without writing the entries. Past 65,535 records the count
 * only fits Zip64, so the EOCD says 0xFFFF and a Zip64 locator precedes it, as real tools write.
 */
export function zipWithDeclaredEntries(count: number): Buffer {
  const first = localHeader(Buffer.from('a.txt'), 0, crc32(Buffer.from('a')), 1, 1);
  const data = Buffer.concat([first, Buffer.from('a')]);
  const record = (i: number) => centralHeader(`f${i}.txt`, {}); // empty files: no overlapping data
  const directory = Buffer.concat(Array.from({ length: count }, (_, i) => record(i)));
  if (count <= 0xffff)
    return Buffer.concat([data, directory, endOfCentralDirectory(count, directory.length, data.length)]);
  const zip64Locator = Buffer.alloc(20);
  zip64Locator.writeUInt32LE(0x07064b50, 0);
  const eocd = endOfCentralDirectory(0xffff, 0xffffffff, 0xffffffff);
  return Buffer.concat([data, directory, zip64Locator, eocd]);
}

const contentTypes = (main: string, part: string) =>
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  `<Override PartName="/${part}" ContentType="application/vnd.openxmlformats-officedocument.${main}.main+xml"/>` +
  '</Types>';

/** The parts of the smallest DOCX that file-type recognises: content types, relationships, the document. */
export function docxParts(body = '<w:p>通知</w:p>'): ZipEntry[] {
  return [
    {
      name: '[Content_Types].xml',
      data: contentTypes('wordprocessingml.document', 'word/document.xml'),
      deflate: true,
    },
    { name: '_rels/.rels', data: '<Relationships/>' },
    {
      name: 'word/document.xml',
      data: `<w:document><w:body>${body}</w:body></w:document>`,
      deflate: true,
    },
  ];
}

/** The parts of the smallest XLSX that file-type recognises. */
export function xlsxParts(): ZipEntry[] {
  return [
    {
      name: '[Content_Types].xml',
      data: contentTypes('spreadsheetml.sheet', 'xl/workbook.xml'),
      deflate: true,
    },
    { name: '_rels/.rels', data: '<Relationships/>' },
    { name: 'xl/workbook.xml', data: '<workbook/>' },
  ];
}

/** The smallest DOCX that file-type recognises, with any extra entries after its parts. */
export function minimalDocx(extra: ZipEntry[] = [], body = '<w:p>通知</w:p>'): Buffer {
  return buildZip([...docxParts(body), ...extra]);
}

/** The smallest XLSX that file-type recognises, with any extra entries after its parts. */
export function minimalXlsx(extra: ZipEntry[] = []): Buffer {
  return buildZip([...xlsxParts(), ...extra]);
}

/** An OFD package (GB/T 33190): a ZIP with OFD.xml at its root. */
export function minimalOfd(): Buffer {
  return buildZip([
    {
      name: 'OFD.xml',
      data: '<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0"/>',
      deflate: true,
    },
    { name: 'Doc_0/Document.xml', data: '<ofd:Document/>' },
  ]);
}
