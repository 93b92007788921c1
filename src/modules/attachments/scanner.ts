import type { Context } from '../../core/context';

// 等保 8.1.4.5 and ASVS 5.4.3: every upload passes a malware scan hook before it is kept. ClamAV (clamd)
// is the intended production scanner; it cannot update its signatures offline, so tests use a stub.

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
