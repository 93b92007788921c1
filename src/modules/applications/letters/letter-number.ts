// 发文字号 of a letter, numbered per agency and year: 区经信局依申〔2026〕3号. GB/T 9704-2012 7.2.4: the
// year in full inside 六角括号 〔〕, the serial without 第 and without leading zeros.

/** Formats a letter number from the agency's prefix (e.g. 区经信局依申), the year and the serial. */
export function formatLetterNumber(prefix: string, year: number, serial: number): string {
  if (!Number.isInteger(year) || year < 1000 || !Number.isInteger(serial) || serial < 1)
    throw new Error(`invalid letter number: ${year}/${serial}`);
  return `${prefix}〔${year}〕${serial}号`;
}
