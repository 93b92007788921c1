// Just enough XML for the parts of DOCX/XLSX the screen reads, and for HTML: entities and tag tokens.
// No DTDs and no external entities are ever resolved (XXE cannot happen: nothing is fetched).

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes the five XML entities, &nbsp; and numeric references; unknown entities stay as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] !== '#') return NAMED[ref.toLowerCase()] ?? whole;
    const code = ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

export interface XmlToken {
  /** Tag name without prefix handling (e.g. "w:t"), or null for text between tags. */
  tag: string | null;
  closing: boolean;
  selfClosing: boolean;
  /** The raw tag (attributes included) or the decoded text. */
  value: string;
}

/** Splits markup into tags and decoded text runs (comments and CDATA-free office XML, or plain HTML). */
export function* xmlTokens(markup: string): Generator<XmlToken> {
  const re = /<!--[\s\S]*?-->|<(\/?)([A-Za-z][\w:.-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|([^<]+)|</g;
  for (const m of markup.matchAll(re)) {
    if (m[4] !== undefined)
      yield { tag: null, closing: false, selfClosing: false, value: decodeEntities(m[4]) };
    else if (m[2] !== undefined)
      yield { tag: m[2], closing: m[1] === '/', selfClosing: (m[3] ?? '').endsWith('/'), value: m[0] };
  }
}

/** An attribute of a raw tag, or undefined. */
export function attributeOf(rawTag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(rawTag);
  return m ? decodeEntities(m[1] ?? '') : undefined;
}

/** One table row as a line: cells joined by tabs, tabs and newlines inside a cell flattened to spaces. */
export function tableRowLine(cells: string[]): string {
  return cells.map((c) => c.replace(/\s+/g, ' ').trim()).join('\t');
}
