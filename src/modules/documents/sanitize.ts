import sanitizeHtml from 'sanitize-html';

// Rich text from editors is sanitised on the server with an allow-list (ASVS 1.3.1): the structure a
// government document needs — paragraphs, headings, lists, tables, links, images from this site — and
// nothing that runs, loads from elsewhere or restyles the page.

const options: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'h2',
    'h3',
    'h4',
    'strong',
    'b',
    'em',
    'i',
    'u',
    'sub',
    'sup',
    'ul',
    'ol',
    'li',
    'blockquote',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'caption',
    'a',
    'img',
    'hr',
    'span',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    img: ['src', 'alt', 'width', 'height'],
    table: ['tabindex'], // "0" only (below): a wide table scrolls at phone width and must take the focus (WCAG 2.1.1)
    th: ['colspan', 'rowspan', 'scope'],
    td: ['colspan', 'rowspan'],
    p: ['class'],
    span: ['class'],
  },
  allowedClasses: { p: ['signature', 'center'], span: ['nowrap'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: [] }, // images only by relative path, i.e. from this site
  allowProtocolRelative: false,
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer' }),
    table: (tagName, attribs) => ({
      tagName,
      attribs: (attribs.tabindex === '0' ? { tabindex: '0' } : {}) as sanitizeHtml.Attributes,
    }),
  },
};

/** The body as it may be stored and shown. */
export function sanitizeBody(html: string): string {
  return sanitizeHtml(html, options).trim();
}

/** Plain text of a body, for search, summaries and overlap checks. */
export function plainText(html: string): string {
  // Block ends become spaces, so paragraphs do not run together into false words.
  const spaced = html.replace(/<\/(p|h\d|li|tr|td|th|div|blockquote)>|<br\s*\/?>/gi, '$& ');
  return sanitizeHtml(spaced, { allowedTags: [], allowedAttributes: {} })
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}
