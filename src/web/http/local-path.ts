const BASE = 'http://gongkai.invalid';

/**
 * A redirect target limited to this site: a path that starts with one slash and holds no control
 * characters or backslashes (browsers turn `/\t/evil` and `/\evil` into `//evil`). Anything else → '/'.
 */
export function localPath(target: string | undefined): string {
  if (!target?.startsWith('/') || target.startsWith('//')) return '/';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f\\]/.test(target)) return '/';
  const url = new URL(target, BASE);
  return url.origin === BASE ? url.pathname + url.search + url.hash : '/';
}
