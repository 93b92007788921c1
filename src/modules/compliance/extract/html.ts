import { tableRowLine, xmlTokens } from './xml-text';

// HTML to text: scripts, styles and the head are dropped, block elements end lines, whitespace collapses
// as a browser would, and each table row becomes one line of tab-separated cells (header row first), so
// offsets point into this text and the screen reads the headers as context (compliance.md §5.1.3-4).

const BLOCK = new Set([
  'p',
  'div',
  'br',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'ul',
  'ol',
  'table',
  'section',
  'article',
  'header',
  'footer',
  'blockquote',
  'pre',
  'hr',
  'dl',
  'dt',
  'dd',
  'form',
  'body',
  'caption',
]);
const SKIPPED = new Set(['script', 'style', 'head', 'template', 'noscript']);

/** The visible text of an HTML document. */
export function extractHtml(html: string): string {
  const out: string[] = [];
  let line = '';
  let row: string[] | null = null;
  let cell: string | null = null;
  let skipping: string | null = null;
  const breakLine = () => {
    if (line.trim()) out.push(line.trim());
    line = '';
  };
  for (const t of xmlTokens(html)) {
    const tag = t.tag?.toLowerCase() ?? null;
    if (skipping) {
      if (tag === skipping && t.closing) skipping = null;
    } else if (tag === null) {
      const text = t.value.replace(/[ \t\r\n]+/g, ' ');
      if (cell !== null) cell += text;
      else line += text;
    } else if (SKIPPED.has(tag) && !t.closing && !t.selfClosing) skipping = tag;
    else if (tag === 'tr') {
      if (!t.closing) {
        breakLine();
        row = [];
      } else if (row) {
        out.push(tableRowLine(row));
        row = null;
      }
    } else if ((tag === 'td' || tag === 'th') && row) {
      if (!t.closing) cell = '';
      else if (cell !== null) {
        row.push(cell);
        cell = null;
      }
    } else if (BLOCK.has(tag) && cell === null) breakLine();
  }
  breakLine();
  return out.join('\n').replace(/\u00a0/g, ' ');
}
