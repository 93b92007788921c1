/**
 * One CSV line (RFC 4180) with spreadsheet-formula injection neutralised: a cell starting with = + - @
 * or a tab gets a leading apostrophe, so opening an export in Excel never runs what a user typed.
 */
export function toCsvLine(cells: (string | number | null | undefined)[]): string {
  return `${cells
    .map((cell) => {
      let text = cell === null || cell === undefined ? '' : String(cell);
      if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
      return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
    })
    .join(',')}\r\n`;
}
