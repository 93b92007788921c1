import { inflateRawSync } from 'node:zlib';
import { AppError } from '../../../core/errors';
// The attachments module's ZIP guard (ASVS 5.2.3) is reused as is; it is not part of that module's index
// because nothing else unpacks archives.
import {
  EOCD_SEARCH_LENGTH,
  looksLikeZip,
  readCentralDirectory,
  readEndOfCentralDirectory,
} from '../../attachments/zip-directory';

// Reads named entries of an office document (DOCX/XLSX are ZIP archives). The central directory is checked
// for zip-bomb shapes first; each wanted entry is then inflated with a hard cap on its output.

/** No XML part of a document the screen reads may inflate past this. */
export const MAX_ENTRY_BYTES = 32 * 1_048_576;

interface EntryLocation {
  method: number;
  compressed: number;
  localOffset: number;
}

// Central file headers (APPNOTE 4.3.12) by name; readCentralDirectory has already vetted them.
function locateEntries(directory: Buffer): Map<string, EntryLocation> {
  const entries = new Map<string, EntryLocation>();
  for (let at = 0; at + 46 <= directory.length; ) {
    const nameLength = directory.readUInt16LE(at + 28);
    const next = at + 46 + nameLength + directory.readUInt16LE(at + 30) + directory.readUInt16LE(at + 32);
    const utf8 = (directory.readUInt16LE(at + 8) & 0x800) !== 0;
    const name = directory.subarray(at + 46, at + 46 + nameLength).toString(utf8 ? 'utf8' : 'latin1');
    entries.set(name, {
      method: directory.readUInt16LE(at + 10),
      compressed: directory.readUInt32LE(at + 20),
      localOffset: directory.readUInt32LE(at + 42),
    });
    at = next;
  }
  return entries;
}

function entryData(zip: Buffer, entry: EntryLocation, name: string): Buffer {
  const at = entry.localOffset;
  if (at + 30 > zip.length || zip.readUInt32LE(at) !== 0x04034b50)
    throw new AppError('validation', `压缩包条目已损坏：${name}`);
  const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
  const raw = zip.subarray(start, start + entry.compressed);
  if (entry.method === 0) return raw;
  try {
    return inflateRawSync(raw, { maxOutputLength: MAX_ENTRY_BYTES });
  } catch {
    throw new AppError('validation', `压缩包条目无法解压或超过 ${MAX_ENTRY_BYTES / 1_048_576} MB：${name}`);
  }
}

/** The UTF-8 text of every entry whose name passes `wanted`, keyed by name. */
export function readZipEntries(zip: Buffer, wanted: (name: string) => boolean): Map<string, string> {
  if (!looksLikeZip(zip)) throw new AppError('validation', '不是有效的 Office 文档（ZIP 格式）');
  const tailStart = Math.max(0, zip.length - EOCD_SEARCH_LENGTH);
  const eocd = readEndOfCentralDirectory(zip.subarray(tailStart), tailStart);
  const directory = zip.subarray(eocd.offset, eocd.offset + eocd.size);
  readCentralDirectory(directory, eocd, zip.length);
  const texts = new Map<string, string>();
  for (const [name, entry] of locateEntries(directory))
    if (wanted(name)) texts.set(name, entryData(zip, entry, name).toString('utf8'));
  return texts;
}
