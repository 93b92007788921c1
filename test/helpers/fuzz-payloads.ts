import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';

// The inputs of the route fuzzing (security.md T6, test/fuzz-*.test.ts): the static payload set,
// the fast-check field values, the encoders that send them as a browser could not, and the checks of
// what an answer must never hold.

/** In every path-traversal payload and upload name: a file with it outside the data folder is a leak. */
export const MARK = `gkfuzz${process.pid}`;

export const staticPayloads = [
  "' OR '1'='1",
  "1'; DROP TABLE items; --",
  "' UNION SELECT password_hash FROM users --",
  '") OR 1=1 --',
  '<script>alert(1)</script>',
  '"><svg onload=alert(1)>',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  `{{7*7}}\${7*7}<%= 7*7 %>#{7*7}`,
  `../../../../../../tmp/${MARK}.txt`,
  `..\\..\\..\\${MARK}.ini`,
  `%2e%2e%2f%2e%2e%2f${MARK}`,
  `/etc/passwd\u0000.pdf`,
  'a\r\nSet-Cookie: gk_session=evil\r\nLocation: http://evil.example',
  '\u0000',
  '\u202Egpj.exe',
  '\uFEFF\u200B',
  '\uD800',
  '😀'.repeat(50),
  '-1',
  '99999999999999999999999',
  'NaN',
  '',
  'x'.repeat(70_000),
];

// Parameter values: the payloads that make sense in a URL path, the most telling first (slow routes
// get the first four).
export const pathPayloads = [
  "' OR '1'='1",
  '\u0000',
  `../../../../tmp/${MARK}`,
  '<script>alert(1)</script>',
  'a\r\nLocation: http://evil.example',
  'x'.repeat(5_000),
  '\u202Eexe',
  '{{7*7}}',
  '..%2f..%2fetc%2fpasswd',
  '-1',
];

export const leaks: [string, RegExp][] = [
  ['stack trace', /\bat (?:async )?[\w.<>]+ \(|\bat .+:\d+:\d+|Error: .*\n\s+at /],
  ['source path', /node_modules|\/work\/|\/src\/|\.tsx?:\d|file:\/\//],
  ['file path', /(?:^|[\s"'(])\/(?:home|usr|var|tmp|etc|root|opt)\/[\w.-]/],
  [
    'SQL',
    /SQLITE_|SqliteError|syntax error at or near|violates \w+ constraint|relation "\w+"|\bSELECT\b[^<]{0,200}\bFROM\b|\bINSERT INTO\b|\bUPDATE \w+ SET\b/i,
  ],
  ['version', /\b(?:node(?:\.js)?|fastify|kysely|better-sqlite3|pg|preact)[/@ ]v?\d+\.\d+/i],
];

// Parts of the payloads that pages may show again later, stored and re-encoded (audit log, exports).
export const payloadFragments = [
  'SELECT password_hash FROM users',
  'DROP TABLE items',
  '/etc/passwd',
  `/tmp/${MARK}`,
];

/** What the body says beyond the payloads it echoes (escaped or not), now or from earlier requests. */
export function withoutEchoes(body: string, sent: string[]): string {
  let out = body;
  sent = [...sent, ...staticPayloads, ...pathPayloads];
  const variants = (v: string) => {
    const html = v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
    return [v, html, html.replace(/'/g, '&#39;'), JSON.stringify(v).slice(1, -1), encodeURIComponent(v)];
  };
  for (const v of sent.filter((s) => s.length > 2).sort((a, b) => b.length - a.length))
    for (const variant of variants(v)) out = out.split(variant).join('');
  for (const fragment of payloadFragments) out = out.split(fragment).join('');
  return out;
}

/** Percent-encodes the UTF-8 bytes of a string (a lone surrogate becomes EF BF BD). */
export function pct(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return pctBytes(s); // a lone surrogate
  }
}
export const pctBytes = (s: string) =>
  [...Buffer.from(s, 'utf8')]
    .map((b) =>
      /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
export const encodePairs = (pairs: [string, string][]) =>
  pairs.map(([k, v]) => `${pct(k)}=${pct(v)}`).join('&');

export interface Part {
  name: string;
  value: Buffer | string;
  filename?: string;
}
export function multipartBody(parts: Part[]) {
  const boundary = `----gkfuzz${randomBytes(8).toString('hex')}`;
  const chunks = parts.flatMap((p) => [
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${
        p.filename !== undefined ? `; filename="${p.filename}"\r\nContent-Type: application/pdf` : ''
      }\r\n\r\n`,
    ),
    Buffer.isBuffer(p.value) ? p.value : Buffer.from(p.value),
    Buffer.from('\r\n'),
  ]);
  return {
    payload: Buffer.concat([...chunks, Buffer.from(`--${boundary}--\r\n`)]),
    type: `multipart/form-data; boundary=${boundary}`,
  };
}

export const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);
export const FORM = 'application/x-www-form-urlencoded';

// The short list: one payload of each kind.
export const shortList = [0, 4, 6, 9, 13, 14, 15, 23].map((i) => staticPayloads[i] as string);

// Field values for fast-check: text of every kind, the payloads, and bytes that are not UTF-8.
export const valueArb = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.constantFrom(...staticPayloads),
  fc.integer().map(String),
  fc.double().map(String),
  fc.constantFrom('\u0000', '\u202E', '%00', '%C0%AF', '\r\n', '💩'.repeat(2000), 'a'.repeat(200_000)),
);

/** Files named with the marker anywhere but inside the data folder. */
export function strayFiles(dataDir: string): string[] {
  const found: string[] = [];
  const walk = (dir: string, depth: number) => {
    if (depth < 0 || dir.startsWith(dataDir)) return;
    let entries: string[] = [];
    try {
      entries = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of entries) {
      const full = path.join(dir, name);
      if (name.includes(MARK) && !full.startsWith(dataDir)) found.push(full);
      if (name !== 'node_modules' && name !== '.git' && !name.startsWith('.')) walk(full, depth - 1);
    }
  };
  for (const root of [tmpdir(), process.cwd(), path.dirname(dataDir), '/']) walk(root, root === '/' ? 0 : 2);
  return found.filter((f) => existsSync(f));
}
