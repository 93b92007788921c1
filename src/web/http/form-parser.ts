// The url-encoded body parser (security.md T6 "400 for bad syntax"; ASVS 1.1.1 decode once, before
// validation). Browsers percent-encode every byte outside ASCII, so a raw byte ≥ 0x80, a `%` not followed
// by two hex digits, or percent-escapes that are not UTF-8 (C0 AF, ED A0 80, a cut-off sequence) mean a
// malformed request: it is refused with 400 instead of reaching a form as U+FFFD or as raw `%` text.
// So is an escaped NUL (%00).

const BAD_PERCENT = /%(?![0-9a-fA-F]{2})|%00/; // and NUL, which no form field holds (nor PostgreSQL text)
// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to find bytes outside printable ASCII
const NOT_ASCII = /[^\u0000-\u007f]/;

function malformed(): Error {
  return Object.assign(new Error('malformed form body'), {
    statusCode: 400,
    code: 'FST_ERR_CTP_INVALID_FORM',
  });
}

/** Parses an application/x-www-form-urlencoded body; throws a 400 error on malformed encoding. */
export function parseFormStrict(body: string): Record<string, unknown> {
  if (NOT_ASCII.test(body) || BAD_PERCENT.test(body)) throw malformed();
  if (body.includes('%')) {
    for (const pair of body.split('&')) {
      for (const part of pair.split('=')) {
        if (!part.includes('%')) continue;
        try {
          decodeURIComponent(part);
        } catch {
          throw malformed();
        }
      }
    }
  }
  // A null-prototype object: `__proto__` or `constructor` keys stay plain fields; repeated keys an array.
  const fields: Record<string, string | string[]> = Object.create(null);
  for (const [key, value] of new URLSearchParams(body)) {
    const seen = fields[key];
    if (seen === undefined) fields[key] = value;
    else if (Array.isArray(seen)) seen.push(value);
    else fields[key] = [seen, value];
  }
  return fields;
}
