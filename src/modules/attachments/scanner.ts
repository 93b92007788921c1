import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import { type Actor, recordAuditAlone } from '../audit';
import { removeFiles } from './storage';

// 等保 8.1.4.5 and ASVS 5.4.3: every upload passes a malware scan hook before it is kept, and an infected
// file is deleted and its refusal audited with its hash. ClamAV (clamd) is the intended production
// scanner; it cannot update its signatures offline, so tests use a stub.

export type ScanVerdict = 'clean' | 'infected';

/** A malware scanner that looks at one file on disk. */
export interface AttachmentScanner {
  scanFile(path: string): Promise<ScanVerdict>;
}

/** The default where no scanner is installed: it passes everything. */
export const passingScanner: AttachmentScanner = { scanFile: async () => 'clean' };

// Keyed by context, so each server (and each test app) has its own scanner and nothing is shared.
const scanners = new WeakMap<Context, AttachmentScanner>();

/** Installs the scanner the uploads of this context go through. */
export function useAttachmentScanner(ctx: Context, scanner: AttachmentScanner): void {
  scanners.set(ctx, scanner);
}

/** The scanner of a context: the installed one, or the passing default. */
export function scannerFor(ctx: Context): AttachmentScanner {
  return scanners.get(ctx) ?? passingScanner;
}

/** Who uploads a file, for which record: named in the audit record of a refused infected file. */
export interface UploadTarget {
  actor: Actor;
  objectType: string;
  objectId: string;
  agencyId: string;
}

/** Scans a received file; an infected one is deleted, its refusal audited, and the upload refused. */
export async function refuseIfInfected(
  ctx: Context,
  path: string,
  file: { name: string; sha256: string },
  target: UploadTarget,
): Promise<void> {
  if ((await scannerFor(ctx).scanFile(path)) === 'clean') return;
  await removeFiles([path]);
  const { actor, ...object } = target;
  await recordAuditAlone(ctx, actor, {
    action: 'attachment.infected',
    ...object,
    outcome: 'failure',
    details: { name: file.name, sha256: file.sha256 },
  });
  throw new AppError('validation', '未通过病毒扫描，已拒绝上传');
}
