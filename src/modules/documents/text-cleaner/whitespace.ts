// Whitespace artefacts of text copied from Word, web pages and PDFs. Each rule is a pattern and
// its replacement; the order matters (line ends first, trailing blanks before converting the
// full-width space) so that one pass leaves nothing for a second pass to do.

interface WhitespaceRule {
  pattern: RegExp;
  replacement: string;
}

const WHITESPACE_RULES: readonly WhitespaceRule[] = [
  // Windows and old Mac line ends.
  { pattern: /\r\n?/gu, replacement: '\n' },
  // Zero-width space, non-joiner, joiner and byte-order mark: invisible, they break search and
  // the annotation and keyword matchers.
  { pattern: /\u200B|\u200C|\u200D|\uFEFF/gu, replacement: '' },
  // Trailing blanks of every line, including NBSP and the full-width space.
  { pattern: /[ \t\u00A0\u3000]+$/gmu, replacement: '' },
  // Full-width spaces used as paragraph indent (首行缩进): the layout indents paragraphs itself.
  { pattern: /^[ \t\u00A0]*\u3000[ \t\u00A0\u3000]*/gmu, replacement: '' },
  { pattern: /\u00A0/gu, replacement: ' ' },
  { pattern: /\u3000+/gu, replacement: ' ' },
  // Three or more line breaks become one blank line.
  { pattern: /\n{3,}/gu, replacement: '\n\n' },
];

export interface WhitespaceResult {
  text: string;
  /** How many places were changed, for the summary shown to the editor. */
  fixes: number;
}

/** Normalises line ends, invisible characters, indents and blank lines; idempotent. */
export function normaliseWhitespace(input: string): WhitespaceResult {
  let fixes = 0;
  let text = input;
  for (const { pattern, replacement } of WHITESPACE_RULES) {
    text = text.replace(pattern, () => {
      fixes++;
      return replacement;
    });
  }
  return { text, fixes };
}
