import { AppError } from '../../core/errors';

// The allowlist of security.md T7 and the product issue: what may be attached, decided by the content
// (magic bytes, via file-type) and then required to agree with the extension the name claims (ASVS 5.2.2).

export interface AttachmentType {
  /** Extension of the stored file. */
  ext: string;
  mediaType: string;
  label: string;
  /** Extensions a name may claim for this content. */
  claimed: readonly string[];
}

const types: Record<string, AttachmentType> = {
  pdf: { ext: 'pdf', mediaType: 'application/pdf', label: 'PDF 文档', claimed: ['pdf'] },
  ofd: { ext: 'ofd', mediaType: 'application/ofd', label: 'OFD 版式文档', claimed: ['ofd'] },
  docx: {
    ext: 'docx',
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    label: 'Word 文档',
    claimed: ['docx'],
  },
  xlsx: {
    ext: 'xlsx',
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    label: 'Excel 表格',
    claimed: ['xlsx'],
  },
  doc: { ext: 'doc', mediaType: 'application/msword', label: 'Word 97-2003 文档', claimed: ['doc'] },
  xls: { ext: 'xls', mediaType: 'application/vnd.ms-excel', label: 'Excel 97-2003 表格', claimed: ['xls'] },
  jpg: { ext: 'jpg', mediaType: 'image/jpeg', label: 'JPEG 图片', claimed: ['jpg', 'jpeg'] },
  png: { ext: 'png', mediaType: 'image/png', label: 'PNG 图片', claimed: ['png'] },
};

/** The `accept` list of the upload form: a convenience for people, never a check. */
export const ACCEPTED_EXTENSIONS = '.pdf,.ofd,.doc,.docx,.xls,.xlsx,.jpg,.jpeg,.png';

/** Every media type that may be stored (for the presenter and the download route). */
export const storedMediaTypes: ReadonlySet<string> = new Set(Object.values(types).map((t) => t.mediaType));

/** The label of a stored media type. */
export function typeLabelOf(mediaType: string): string {
  return Object.values(types).find((t) => t.mediaType === mediaType)?.label ?? mediaType;
}

export interface DetectedContent {
  ext: string;
  mime: string;
}

const unsupported = (message: string): never => {
  throw new AppError('unsupported_media_type', message);
};

/** The type to store: the detected content must be allowed and agree with the claimed extension. */
export function decideType(detected: DetectedContent | undefined, claimedExt: string): AttachmentType {
  if (!detected) return unsupported('无法识别文件类型（HTML、SVG、文本等文件不能作为附件）');
  let key = detected.ext;
  // Old Office files are OLE compound files ('cfb'); which one it is, only the extension says.
  if (key === 'cfb') {
    if (claimedExt !== 'doc' && claimedExt !== 'xls')
      unsupported('内容是 OLE 复合文档（cfb），只接受扩展名为 .doc 或 .xls 的旧版 Office 文件');
    key = claimedExt;
  }
  const type = types[key];
  if (!type) return unsupported(`不支持的文件类型：${detected.ext.toUpperCase()}（${detected.mime}）`);
  if (!type.claimed.includes(claimedExt)) {
    const claim = claimedExt ? `扩展名 .${claimedExt}` : '没有扩展名';
    unsupported(`${claim}与内容（${type.label}）不符`);
  }
  return type;
}

// Pixel limits for images (T7: "a PNG claiming 50,000 × 50,000"): what a viewer would have to allocate.
export const PNG_LIMITS = { maxSide: 20_000, maxPixels: 100_000_000 } as const;

/** Why a PNG's declared size is refused, or null; reads the IHDR chunk that must follow the signature. */
export function pngDimensionsProblem(head: Buffer): string | null {
  if (head.length < 24 || head.toString('latin1', 12, 16) !== 'IHDR') return '无效的 PNG 图片（缺少 IHDR）';
  const width = head.readUInt32BE(16);
  const height = head.readUInt32BE(20);
  if (width === 0 || height === 0) return '无效的 PNG 图片（尺寸为 0）';
  return sizeProblem(width, height);
}

const SOF_MARKERS = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/** The size a JPEG declares in its first SOF segment, found by walking the segments; null if none. */
export function jpegDimensions(bytes: Buffer): { width: number; height: number } | null {
  let at = 2; // after SOI
  while (at + 9 <= bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1] ?? 0;
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    if (SOF_MARKERS.has(marker))
      return { height: bytes.readUInt16BE(at + 5), width: bytes.readUInt16BE(at + 7) };
    if (marker === 0xda || marker === 0xd9) return null; // image data or end before any frame header
    at += 2 + bytes.readUInt16BE(at + 2);
  }
  return null;
}

const sizeProblem = (width: number, height: number): string | null =>
  width > PNG_LIMITS.maxSide || height > PNG_LIMITS.maxSide || width * height > PNG_LIMITS.maxPixels
    ? `图片尺寸过大（${width} × ${height}，每边不超过 ${PNG_LIMITS.maxSide} 像素、总计不超过 1 亿像素）`
    : null;

/** Why an image's declared size is refused (PNG and JPEG), or null; other types pass. */
export function imageDimensionsProblem(ext: string, bytes: Buffer): string | null {
  if (ext === 'png') return pngDimensionsProblem(bytes.subarray(0, 64));
  if (ext !== 'jpg') return null;
  const size = jpegDimensions(bytes);
  return size ? sizeProblem(size.width, size.height) : null;
}
