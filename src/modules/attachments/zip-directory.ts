import { AppError } from '../../core/errors';

// DOCX, XLSX and OFD are ZIP archives. Before anything decompresses them (ASVS 5.2.3, security.md T7) the
// central directory is read by hand: the End Of Central Directory record, then every central file header.
// Only declared values are checked; nothing here inflates a byte. Zip64 and split archives are refused:
// office documents and OFD files within the 20 MB limit never need them.

export const ZIP_LIMITS = {
  maxEntries: 10_000,
  maxTotalUncompressed: 200 * 1_048_576,
  maxRatio: 100,
  // Entries smaller than this cannot hurt whatever their ratio; small XML parts legitimately exceed 100:1.
  ratioFloor: 1_048_576,
} as const;

const EOCD_SIGNATURE = 0x06054b50;
const EOCD_SIZE = 22;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_LOCATOR_SIZE = 20;
const CENTRAL_SIGNATURE = 0x02014b50;
const CENTRAL_HEADER_SIZE = 46;
const UNIX_HOST = 3;
const SYMLINK_MODE = 0o120000;

/** How many trailing bytes of a file can hold the EOCD record (22 bytes and a comment of ≤ 65,535). */
export const EOCD_SEARCH_LENGTH = EOCD_SIZE + 0xffff;

export interface EndOfCentralDirectory {
  entries: number;
  size: number;
  offset: number;
  /** File offset of the EOCD record itself. */
  position: number;
}

/** What the central directory declares about one entry. */
export interface ZipEntryRecord {
  name: string;
  method: number;
  compressed: number;
  uncompressed: number;
  /** File offset of the entry's local header. */
  localOffset: number;
}

export interface ZipSummary {
  names: string[];
  entries: ZipEntryRecord[];
  totalUncompressed: number;
}

const refuse = (reason: string): never => {
  throw new AppError('validation', reason);
};

/** Whether a file starts like a ZIP archive (a local file header or an empty archive). */
export function looksLikeZip(head: Buffer): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5);
}

/** Finds and checks the EOCD record in the last bytes of a file; tailStart is the file offset of tail[0]. */
export function readEndOfCentralDirectory(tail: Buffer, tailStart: number): EndOfCentralDirectory {
  for (let at = tail.length - EOCD_SIZE; at >= 0; at--) {
    if (tail.readUInt32LE(at) !== EOCD_SIGNATURE) continue;
    if (at + EOCD_SIZE + tail.readUInt16LE(at + 20) !== tail.length) continue; // a signature inside a comment
    const eocd = {
      disk: tail.readUInt16LE(at + 4),
      directoryDisk: tail.readUInt16LE(at + 6),
      entriesHere: tail.readUInt16LE(at + 8),
      entries: tail.readUInt16LE(at + 10),
      size: tail.readUInt32LE(at + 12),
      offset: tail.readUInt32LE(at + 16),
    };
    const locator = at - ZIP64_LOCATOR_SIZE;
    if (
      eocd.entries === 0xffff ||
      eocd.size === 0xffffffff ||
      eocd.offset === 0xffffffff ||
      (locator >= 0 && tail.readUInt32LE(locator) === ZIP64_LOCATOR_SIGNATURE)
    )
      refuse('不支持 Zip64 格式的压缩包');
    if (eocd.disk !== 0 || eocd.directoryDisk !== 0 || eocd.entriesHere !== eocd.entries)
      refuse('不支持分卷压缩包');
    if (eocd.entries > ZIP_LIMITS.maxEntries)
      refuse(`压缩包条目过多（${eocd.entries} 个，上限 ${ZIP_LIMITS.maxEntries} 个）`);
    const position = tailStart + at;
    if (eocd.offset + eocd.size > position) refuse('压缩包中央目录位置无效');
    return { entries: eocd.entries, size: eocd.size, offset: eocd.offset, position };
  }
  return refuse('不是有效的压缩包（找不到中央目录）');
}

// An entry name that would land outside the folder it is unpacked into, or hide what it is.
function entryNameProblem(name: string): string | null {
  if (name === '' || name.includes('\0')) return '压缩包含有空的或带控制字符的条目名';
  if (name.includes('\\')) return `压缩包条目名含有反斜杠：${name}`;
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return `压缩包条目使用了绝对路径：${name}`;
  if (name.split('/').includes('..')) return `压缩包条目含有上级目录（..）：${name}`;
  return null;
}

/** Walks every central file header and checks names, sizes and ratios; returns the entry names. */
export function readCentralDirectory(
  directory: Buffer,
  eocd: EndOfCentralDirectory,
  fileSize: number,
  maxTotalUncompressed: number = ZIP_LIMITS.maxTotalUncompressed,
): ZipSummary {
  const entries: ZipEntryRecord[] = [];
  const seen = new Set<string>();
  let at = 0;
  let totalUncompressed = 0;
  let totalCompressed = 0;
  for (let i = 0; i < eocd.entries; i++) {
    if (at + CENTRAL_HEADER_SIZE > directory.length || directory.readUInt32LE(at) !== CENTRAL_SIGNATURE)
      refuse('压缩包中央目录已损坏');
    const entry = centralEntry(directory, at);
    const problem = entryNameProblem(entry.name);
    if (problem) refuse(problem);
    // Two entries of one name: one reader takes the first, another the last — the checker sees neither.
    if (seen.has(entry.name)) refuse(`压缩包含有重复的条目名：${entry.name}`);
    seen.add(entry.name);
    if (
      entry.uncompressed > ZIP_LIMITS.ratioFloor &&
      entry.uncompressed > entry.compressed * ZIP_LIMITS.maxRatio
    )
      refuse(`压缩包条目压缩比过高（超过 ${ZIP_LIMITS.maxRatio}:1），疑似压缩炸弹：${entry.name}`);
    const { next, ...record } = entry;
    entries.push(record);
    totalUncompressed += entry.uncompressed;
    totalCompressed += entry.compressed;
    at = next;
  }
  if (at !== directory.length) refuse('压缩包条目数与中央目录不符');
  // Entries of a real archive never share bytes; overlapping ones are how non-recursive zip bombs multiply.
  if (totalCompressed > eocd.offset) refuse('压缩包声明的压缩数据超出文件大小（条目重叠）');
  if (totalUncompressed > maxTotalUncompressed)
    refuse(`压缩包解压后超过 ${Math.round(maxTotalUncompressed / 1_048_576)} MB，疑似压缩炸弹`);
  if (totalUncompressed > ZIP_LIMITS.ratioFloor && totalUncompressed > fileSize * ZIP_LIMITS.maxRatio)
    refuse(`压缩包整体压缩比超过 ${ZIP_LIMITS.maxRatio}:1，疑似压缩炸弹`);
  return { names: entries.map((e) => e.name), entries, totalUncompressed };
}

// One central file header (APPNOTE 4.3.12); refuses encryption, Zip64 sizes, unusual methods and symlinks.
function centralEntry(directory: Buffer, at: number) {
  const madeBy = directory.readUInt16LE(at + 4);
  const flags = directory.readUInt16LE(at + 8);
  const method = directory.readUInt16LE(at + 10);
  const compressed = directory.readUInt32LE(at + 20);
  const uncompressed = directory.readUInt32LE(at + 24);
  const nameLength = directory.readUInt16LE(at + 28);
  const extraLength = directory.readUInt16LE(at + 30);
  const commentLength = directory.readUInt16LE(at + 32);
  const externalAttributes = directory.readUInt32LE(at + 38);
  const localOffset = directory.readUInt32LE(at + 42);
  const next = at + CENTRAL_HEADER_SIZE + nameLength + extraLength + commentLength;
  if (next > directory.length) refuse('压缩包中央目录已损坏');
  const nameBytes = directory.subarray(at + CENTRAL_HEADER_SIZE, at + CENTRAL_HEADER_SIZE + nameLength);
  const name = nameBytes.toString(flags & 0x800 ? 'utf8' : 'latin1');
  if (compressed === 0xffffffff || uncompressed === 0xffffffff || localOffset === 0xffffffff)
    refuse('不支持 Zip64 格式的压缩包');
  if (flags & 0x1) refuse('压缩包含有加密条目，无法检查');
  if (method !== 0 && method !== 8) refuse(`压缩包使用了不支持的压缩方式（${method}）`);
  if (madeBy >> 8 === UNIX_HOST && ((externalAttributes >>> 16) & 0o170000) === SYMLINK_MODE)
    refuse(`压缩包含有符号链接：${name}`);
  return { name, method, compressed, uncompressed, localOffset, next };
}
