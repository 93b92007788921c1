// XML text for feeds and sitemaps. XML 1.0 §2.2 forbids most C0 controls, lone surrogates and U+FFFE/FFFF
// (a document holding one is not well-formed); C1 controls and DEL are allowed but never meant, so all go.
const NOT_WANTED = /[^\t\n\r\u0020-\u007e\u00a0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Text safe inside an element or a quoted attribute: unwanted characters dropped, markup escaped. */
export function xmlEscape(value: string): string {
  return value.replace(NOT_WANTED, '').replace(/[&<>"']/g, (c) => ENTITIES[c] ?? '');
}

/** `<name>text</name>`, the text escaped. */
export function xmlElement(name: string, text: string): string {
  return `<${name}>${xmlEscape(text)}</${name}>`;
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
