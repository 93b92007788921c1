/** Rows of a tab-separated metadata file with a header line, as objects keyed by the header names. */
export function parseMetadataTsv(text: string): Record<string, string>[] {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  const header = (lines.shift() ?? '').split('\t').map((h) => h.trim());
  return lines.map((line) => {
    const cells = line.split('\t');
    const row: Record<string, string> = {};
    header.forEach((name, i) => {
      const value = cells[i]?.trim();
      if (name && value) row[name] = value;
    });
    return row;
  });
}
