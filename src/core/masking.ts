// How personal data is shown wherever it is not needed in full (compliance.md: 138****1234 passes, a
// mask that leaves the value recoverable does not). One set of masks for every module.

/** Keeps the first `head` and last `tail` characters; the rest become asterisks. */
function keepEnds(value: string, head: number, tail: number): string {
  if (value.length <= head + tail) return '*'.repeat(value.length);
  return value.slice(0, head) + '*'.repeat(value.length - head - tail) + value.slice(-tail);
}

/** 3501**********1234: region prefix and last four; the birth date is never shown. */
export function maskIdNumber(value: string): string {
  if (!value) return '';
  return value.length >= 15 ? keepEnds(value, 4, 4) : keepEnds(value, 1, 1);
}

/** 138****1234 for mobiles; landlines keep the area code and the last four. */
export function maskPhone(value: string): string {
  if (!value) return '';
  if (/^1\d{10}$/.test(value)) return keepEnds(value, 3, 4);
  const area = /^0\d{2,3}/.exec(value)?.[0] ?? '';
  return area + keepEnds(value.slice(area.length), 0, 4);
}

/** z***@example.com */
export function maskEmail(value: string): string {
  const at = value.indexOf('@');
  if (at < 1) return value ? '***' : '';
  return `${value[0]}***${value.slice(at)}`;
}

/** An address keeps its first six characters (province, city or district), never the street or number. */
export function maskAddress(value: string): string {
  if (!value) return '';
  return [...value].length <= 6 ? '***' : `${[...value].slice(0, 6).join('')}***`;
}
