import { createInflateRaw, inflateRawSync } from 'node:zlib';
import { AppError } from '../../core/errors';
import {
  EOCD_SEARCH_LENGTH,
  looksLikeZip,
  readCentralDirectory,
  readEndOfCentralDirectory,
  ZIP_LIMITS,
  type ZipEntryRecord,
} from './zip-directory';

// THE archive check of every upload route (security.md T7; ASVS 5.2.3): DOCX, XLSX and OFD files are ZIP
// archives, and whatever reads them later (file-type, ExcelJS, text extraction) inflates them. So:
//   1. the central directory's declarations are checked first (zip-directory.ts) — nothing inflated yet;
//   2. each entry is inflated once, bounded by the size it declared: an entry that lies is stopped one
//      zlib chunk past its declared size, so no entry ever costs more than the directory allowed, and
//      every later reader only meets honest sizes;
//   3. an archive inside the archive is refused, except an embedded Office package (a chart's workbook
//      in word/embeddings/), which gets the same check one level down and shares the same budget.

const LOCAL_SIGNATURE = 0x04034b50;
const LOCAL_HEADER_SIZE = 30;
// Entries up to this size are inflated in memory (nested packages need their bytes); larger ones stream.
const IN_MEMORY_ENTRY = 8 * 1_048_576;
const MAX_DEPTH = 1;
const EMBEDDED_PACKAGE = /(^|\/)embeddings\/[^/]+\.(docx|xlsx|pptx)$/i;

export interface ArchiveLimits {
  /** Bytes the whole archive, embedded packages included, may inflate to. */
  maxTotalUncompressed: number;
}

const DEFAULT_LIMITS: ArchiveLimits = { maxTotalUncompressed: ZIP_LIMITS.maxTotalUncompressed };

const refuse = (reason: string): never => {
  throw new AppError('validation', reason);
};

const bombError = (name: string) =>
  new AppError('validation', `压缩包条目实际解压后超过其声明的大小，疑似压缩炸弹：${name}`);

/** Checks a whole in-memory ZIP archive; returns its entry names, or throws 400 naming the problem. */
export async function checkArchive(bytes: Buffer, limits: ArchiveLimits = DEFAULT_LIMITS): Promise<string[]> {
  return checkLevel(bytes, limits, { left: limits.maxTotalUncompressed }, 0);
}

async function checkLevel(
  bytes: Buffer,
  limits: ArchiveLimits,
  budget: { left: number },
  depth: number,
): Promise<string[]> {
  const tailStart = Math.max(0, bytes.length - EOCD_SEARCH_LENGTH);
  const eocd = readEndOfCentralDirectory(bytes.subarray(tailStart), tailStart);
  const directory = bytes.subarray(eocd.offset, eocd.offset + eocd.size);
  const summary = readCentralDirectory(directory, eocd, bytes.length, limits.maxTotalUncompressed);
  for (const entry of summary.entries) {
    budget.left -= entry.uncompressed;
    if (budget.left < 0)
      refuse(
        `压缩包（含嵌入文件）解压后超过 ${Math.round(limits.maxTotalUncompressed / 1_048_576)} MB，疑似压缩炸弹`,
      );
    const inflated = await inflateEntry(entryData(bytes, entry, eocd.offset), entry);
    if (looksLikeZip(inflated.head)) {
      if (depth >= MAX_DEPTH || !EMBEDDED_PACKAGE.test(entry.name) || !inflated.whole)
        refuse(`压缩包内含有嵌套的压缩包：${entry.name}`);
      await checkLevel(inflated.whole as Buffer, limits, budget, depth + 1).catch((error: unknown) =>
        Promise.reject(
          error instanceof AppError
            ? new AppError(error.code, `嵌入文件 ${entry.name}：${error.message}`)
            : error,
        ),
      );
    }
  }
  return summary.names;
}

// The compressed bytes of an entry, found through its local header, which must agree with the directory.
function entryData(bytes: Buffer, entry: ZipEntryRecord, directoryStart: number): Buffer {
  const at = entry.localOffset;
  if (at + LOCAL_HEADER_SIZE > directoryStart || bytes.readUInt32LE(at) !== LOCAL_SIGNATURE)
    refuse(`压缩包条目的本地文件头无效：${entry.name}`);
  const flags = bytes.readUInt16LE(at + 6);
  const nameLength = bytes.readUInt16LE(at + 26);
  const start = at + LOCAL_HEADER_SIZE + nameLength + bytes.readUInt16LE(at + 28);
  const localName = bytes.toString(
    flags & 0x800 ? 'utf8' : 'latin1',
    at + LOCAL_HEADER_SIZE,
    at + 30 + nameLength,
  );
  // Two names for one entry is how an archive shows one file to the checker and another to the reader.
  if (localName !== entry.name) refuse(`压缩包条目名在本地文件头与中央目录中不一致：${entry.name}`);
  if (start + entry.compressed > directoryStart) refuse(`压缩包条目数据超出范围：${entry.name}`);
  return bytes.subarray(start, start + entry.compressed);
}

interface Inflated {
  /** The first bytes of the content (to recognise a nested archive). */
  head: Buffer;
  /** The whole content when it was inflated in memory. */
  whole: Buffer | null;
}

async function inflateEntry(data: Buffer, entry: ZipEntryRecord): Promise<Inflated> {
  if (entry.method === 0) {
    if (data.length !== entry.uncompressed) refuse(`压缩包条目大小与声明不符：${entry.name}`);
    return { head: data.subarray(0, 4), whole: data };
  }
  if (entry.uncompressed > IN_MEMORY_ENTRY) return { head: await inflateStreamed(data, entry), whole: null };
  let out: Buffer;
  try {
    out = inflateRawSync(data, { maxOutputLength: Math.max(entry.uncompressed, 1) });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw bombError(entry.name);
    return refuse(`压缩包条目已损坏，无法解压：${entry.name}`);
  }
  if (out.length !== entry.uncompressed) refuse(`压缩包条目大小与声明不符：${entry.name}`);
  return { head: out.subarray(0, 4), whole: out };
}

// A large entry: inflated chunk by chunk and counted, never held; stopped as soon as it passes its claim.
function inflateStreamed(data: Buffer, entry: ZipEntryRecord): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const inflater = createInflateRaw();
    let total = 0;
    let head = Buffer.alloc(0);
    const fail = (error: unknown) => {
      inflater.destroy();
      reject(error);
    };
    inflater.on('data', (chunk: Buffer) => {
      if (head.length < 4) head = Buffer.concat([head, chunk.subarray(0, 4)]).subarray(0, 4);
      total += chunk.length;
      if (total > entry.uncompressed) fail(bombError(entry.name));
    });
    inflater.on('error', () => fail(new AppError('validation', `压缩包条目已损坏，无法解压：${entry.name}`)));
    inflater.on('end', () => {
      if (total !== entry.uncompressed)
        reject(new AppError('validation', `压缩包条目大小与声明不符：${entry.name}`));
      else resolve(head);
    });
    inflater.end(data);
  });
}
