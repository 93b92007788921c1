// Original file names are metadata shown to people, never a path (ASVS 5.3.2, security.md T7): a name that
// tries to be a path or to disguise itself is refused; an acceptable one is kept, tidied, as text.

export const MAX_NAME_LENGTH = 200;

// Windows device names, with or without an extension, open devices instead of files on download.
const DEVICE_NAME = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\.|$)/i;
// Percent-encoded dot, slash, backslash, NUL or percent: traversal that a later decode would revive.
const ENCODED_PATH = /%(2e|2f|5c|00|25)/i;
const CONTROL = /\p{Cc}/u;
// Format characters: bidi overrides (U+202E makes "gpj.exe" read as "exe.jpg"), zero-width marks, BOM.
const FORMAT = /[\p{Cf}\u2028\u2029]/u;
const CONTROL_OR_FORMAT = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;
const RESERVED_CHARS = /[<>:"|?*]/g;

/** Why a submitted file name is refused, in Chinese; null when it is acceptable. */
export function fileNameProblem(raw: string): string | null {
  const name = raw.normalize('NFC');
  if (name.trim() === '') return '文件名为空';
  if (/[/\\]/.test(name)) return '文件名不能包含路径（/ 或 \\）';
  if (ENCODED_PATH.test(name)) return '文件名不能包含编码后的路径字符（如 %2e、%2f）';
  if (CONTROL.test(name)) return '文件名不能包含控制字符';
  if (FORMAT.test(name)) return '文件名不能包含不可见的格式字符（如 U+202E 方向控制符）';
  if (/^[.\s]|[.\s]$/.test(name)) return '文件名不能以点或空格开头或结尾';
  if (DEVICE_NAME.test(name)) return '文件名不能是系统保留名（如 CON、NUL）';
  if ([...name].length > MAX_NAME_LENGTH) return `文件名不超过 ${MAX_NAME_LENGTH} 个字符`;
  return null;
}

/** A name safe to store and show: no path, no control or bidi characters, ≤ 200 characters, Chinese kept. */
export function sanitizeFileName(raw: string): string {
  const base = raw.normalize('NFC').split(/[/\\]/).pop() ?? '';
  let name = base
    .replace(CONTROL_OR_FORMAT, '')
    .replace(/\p{Zs}/gu, ' ')
    .replace(RESERVED_CHARS, '_')
    .replace(/^[.\s]+|[.\s]+$/g, '');
  if (DEVICE_NAME.test(name)) name = `_${name}`;
  const chars = [...name];
  if (chars.length > MAX_NAME_LENGTH) {
    const ext = extensionOf(name);
    const keep = MAX_NAME_LENGTH - (ext ? ext.length + 1 : 0);
    name = chars.slice(0, keep).join('') + (ext ? `.${ext}` : '');
  }
  return name || 'attachment';
}

/** The extension a name claims, lower case, without the dot ('' for none). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

// RFC 5987 attr-char leaves only ALPHA / DIGIT / "!#$&+-.^_`|~" unescaped; encodeURIComponent also keeps '()*.
const encodeRfc5987 = (s: string) =>
  encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** An ASCII stand-in for clients that ignore filename*: non-ASCII and quoting characters become '_'. */
export function asciiFallback(name: string): string {
  const ext = extensionOf(name);
  const stem = ext ? name.slice(0, -(ext.length + 1)) : name;
  const ascii = stem.replace(/[^\x20-\x7e]|["\\%;]/g, '_').replace(/_+/g, '_');
  const safeStem = /[A-Za-z0-9]/.test(ascii) ? ascii : 'attachment';
  return ext ? `${safeStem}.${ext}` : safeStem;
}

/** Content-Disposition for a download (RFC 6266 with an RFC 5987 UTF-8 name): never inline. */
export function contentDisposition(name: string): string {
  return `attachment; filename="${asciiFallback(name)}"; filename*=UTF-8''${encodeRfc5987(name)}`;
}
