import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../../core/errors';
import { checkArchive } from './archive-check';
import {
  type AttachmentType,
  type DetectedContent,
  decideType,
  imageDimensionsProblem,
} from './content-type';
import { readRange } from './storage';
import { looksLikeZip } from './zip-directory';

// What a received file really is, decided from its bytes: an archive passes THE archive check first
// (archive-check.ts: its directory, then every entry inflated within what it declared), then file-type's
// magic-byte detection, then per-type checks. Every route that keeps an uploaded file goes through here.

const OFD_ROOT = 'OFD.xml'; // GB/T 33190-2016: an OFD package is a ZIP with OFD.xml at its root

/** The type a received file is stored as; throws 415 or 400 naming the reason. */
export async function inspectBytes(bytes: Buffer, claimedExt: string): Promise<AttachmentType> {
  if (bytes.length === 0) throw new AppError('validation', '文件为空');
  let detected: DetectedContent | undefined;
  if (looksLikeZip(bytes)) {
    const names = await checkArchive(bytes);
    if (names.includes(OFD_ROOT)) detected = { ext: 'ofd', mime: 'application/ofd' };
  }
  // file-type reads at most a bounded part of the bytes (it caps ZIP entry inflation at 1 MB itself).
  detected ??= await fileTypeFromBuffer(bytes);
  const type = decideType(detected, claimedExt);
  const problem = imageDimensionsProblem(type.ext, bytes);
  if (problem) throw new AppError('validation', problem);
  return type;
}

/** The same for a received file on disk (within the upload size limit, so it is read whole). */
export async function inspectContent(
  file: string,
  size: number,
  claimedExt: string,
): Promise<AttachmentType> {
  if (size === 0) throw new AppError('validation', '文件为空');
  return inspectBytes(await readRange(file, 0, size), claimedExt);
}
