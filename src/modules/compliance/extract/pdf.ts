// PDF: the text content of every page through pdfjs-dist's legacy build (the one that runs on Node 20).
// Items on one line are joined; a wide gap between items (a table column) becomes a tab so the screen
// reads the columns under their headers; pages are separated by a blank line.

interface TextItem {
  str: string;
  hasEOL?: boolean;
  transform?: number[];
  width?: number;
}

function pageText(items: TextItem[]): string {
  let text = '';
  let previousEnd: number | null = null;
  let previousY: number | null = null;
  for (const item of items) {
    const x = item.transform?.[4] ?? 0;
    const y = item.transform?.[5] ?? 0;
    const size = Math.abs(item.transform?.[0] ?? 10) || 10;
    const newLine = previousY !== null && Math.abs(y - previousY) > size / 2;
    if (newLine && !text.endsWith('\n')) text += '\n';
    // pdfjs fills a gap between two runs on a line with a blank item as wide as the gap: a wide one is
    // a table's column break, so it becomes a tab like a gap with no item in it.
    const blankGap = item.str.trim() === '' && (item.width ?? 0) > size * 1.5;
    const gap = blankGap || (previousEnd !== null && x - previousEnd > size * 1.5);
    if (!newLine && gap && !/[\n\t]$/.test(text) && text !== '') text += '\t';
    if (!blankGap) text += item.str;
    if (item.hasEOL) text += '\n';
    previousEnd = x + (item.width ?? 0);
    previousY = y;
  }
  return text.trimEnd();
}

/** The text of a PDF file. */
export async function extractPdf(bytes: Buffer): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  });
  const pdf = await task.promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      pages.push(pageText(content.items as TextItem[]));
    }
    return pages.join('\n\n');
  } finally {
    await task.destroy();
  }
}
