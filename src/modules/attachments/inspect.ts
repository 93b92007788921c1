import { fileTypeFromFile } from 'file-type';
import { AppError } from '../../core/errors';
import { type AttachmentType, type DetectedContent, decideType, pngDimensionsProblem } from './content-type';
import { readRange } from './storage';
import {
  EOCD_SEARCH_LENGTH,
  looksLikeZip,
  readCentralDirectory,
  readEndOfCentralDirectory,
} from './zip-directory';

// What a received file really is, decided from its bytes on disk: the ZIP central directory first (no
// decompression before it passes), then file-type's magic-byte detection, then per-type checks.

const OFD_ROOT = 'OFD.xml'; // GB/T 33190-2016: an OFD package is a ZIP with OFD.xml at its root

async function zipEntryNames(file: string, size: number): Promise<string[]> {
  const tailLength = Math.min(size, EOCD_SEARCH_LENGTH);
  const tail = await readRange(file, size - tailLength, tailLength);
  const eocd = readEndOfCentralDirectory(tail, size - tailLength);
  const directory = await readRange(file, eocd.offset, eocd.size);
  return readCentralDirectory(directory, eocd, size).names;
}

/** The type a received file is stored as; throws 415 or 400 naming the reason. */
export async function inspectContent(
  file: string,
  size: number,
  claimedExt: string,
): Promise<AttachmentType> {
  if (size === 0) throw new AppError('validation', '文件为空');
  const head = await readRange(file, 0, 64);
  let detected: DetectedContent | undefined;
  if (looksLikeZip(head)) {
    const names = await zipEntryNames(file, size);
    if (names.includes(OFD_ROOT)) detected = { ext: 'ofd', mime: 'application/ofd' };
  }
  // file-type reads at most a bounded part of the file (it caps ZIP entry inflation at 1 MB itself).
  detected ??= await fileTypeFromFile(file);
  const type = decideType(detected, claimedExt);
  if (type.ext === 'png') {
    const problem = pngDimensionsProblem(head);
    if (problem) throw new AppError('validation', problem);
  }
  return type;
}
