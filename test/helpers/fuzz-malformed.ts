import type { RouteFuzz } from '../fixtures/route-fuzz';
import { FORM, MARK, multipartBody, PDF } from './fuzz-payloads';
import { type Probe, pathOf, send } from './fuzz-requests';
import { ATTACHMENT_MAX_MB, clientFor, type World } from './fuzz-world';

// The malformed requests of the route fuzzing (security.md T6): bodies a browser would not send to a
// POST route — no CSRF token, a foreign Origin, the wrong or no Content-Type, JSON 10,000 deep, bad
// percent-encoding and UTF-8, limit + 1 bytes, multipart without boundary or with 101 parts, hostile
// upload names, prototype keys — each with the 4xx it must get; and malformed query strings of a GET.

/** Malformed bodies: each must get its 4xx. */
export async function malformedBodies(world: World, key: string, spec: RouteFuzz) {
  const { csrf } = await clientFor(world, spec.as);
  const url = pathOf(world, key.split(' ')[1] as string, spec);
  const field = spec.fields[0] ?? 'x';
  const upload = spec.body === 'multipart';
  // Without a token: the multipart form's first part is another field.
  const tokenless = upload ? multipartBody([{ name: 'x', value: csrf }]) : null;
  const probes: Omit<Probe, 'url'>[] = [
    // T14: a state-changing request without its CSRF token, or from a foreign page, is refused.
    {
      label: 'no CSRF token',
      headers: { 'content-type': tokenless?.type ?? FORM },
      payload: tokenless?.payload ?? `${field}=x`,
      expect: [403],
    },
    {
      label: 'foreign Origin',
      headers: { 'content-type': FORM, origin: 'http://evil.example' },
      payload: `_csrf=${csrf}&${field}=x`,
      expect: [403],
    },
    { label: 'wrong Content-Type', headers: { 'content-type': 'text/xml' }, payload: '<x/>', expect: [415] },
    {
      label: 'JSON body',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ _csrf: csrf, [field]: 'x' }),
      expect: [415],
    },
    {
      label: 'JSON nested 10,000 deep',
      headers: { 'content-type': 'application/json' },
      payload: `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`,
      expect: [415],
    },
    { label: 'missing Content-Type', headers: {}, payload: `_csrf=${csrf}&${field}=x`, expect: [415] },
    {
      label: 'bad percent-encoding',
      headers: { 'content-type': FORM },
      payload: `_csrf=${csrf}&${field}=%E0%A4%A&x=%zz`,
      expect: [400],
    },
    {
      label: 'raw malformed UTF-8 (C0 AF, ED A0 80, truncated)',
      headers: { 'content-type': FORM },
      payload: Buffer.concat([
        Buffer.from(`_csrf=${csrf}&${field}=`),
        Buffer.from([0xc0, 0xaf, 0xed, 0xa0, 0x80, 0xe4, 0xb8]),
      ]),
      expect: [400],
    },
    {
      label: 'escaped malformed UTF-8',
      headers: { 'content-type': FORM },
      payload: `_csrf=${csrf}&${field}=%C0%AF%ED%A0%80%E4%B8`,
      expect: [400],
    },
    {
      label: 'url-encoded body of limit + 1 bytes',
      headers: { 'content-type': FORM },
      payload: `_csrf=${csrf}&${field}=${'a'.repeat(262_145)}`,
      expect: [413],
    },
    {
      label: 'multipart without boundary',
      headers: { 'content-type': 'multipart/form-data' },
      payload: '--x\r\n\r\n--x--\r\n',
      expect: upload ? [400] : [415],
    },
  ];
  const many = multipartBody([
    { name: '_csrf', value: csrf },
    ...Array.from({ length: 100 }, (_, i) => ({ name: `f${i}`, value: 'x' })),
  ]);
  probes.push({
    label: 'multipart with 101 parts',
    headers: { 'content-type': many.type },
    payload: many.payload,
    expect: upload ? [413] : [415],
  });
  if (upload) {
    // A url-encoded post to an upload route: the CSRF token is only read from the first multipart part.
    probes.push({
      label: 'url-encoded to an upload route',
      headers: { 'content-type': FORM },
      payload: `_csrf=${csrf}`,
      expect: [403, 415],
    });
    const big = multipartBody([
      { name: '_csrf', value: csrf },
      {
        name: spec.file ?? 'file',
        value: Buffer.concat([PDF, Buffer.alloc(ATTACHMENT_MAX_MB * 1_048_576 + 1 - PDF.length)]),
        filename: 'big.pdf',
      },
    ]);
    probes.push({
      label: 'file of limit + 1 bytes',
      headers: { 'content-type': big.type },
      payload: big.payload,
      expect: [400, 413],
    });
    for (const name of [
      `../../../${MARK}.pdf`,
      `/tmp/${MARK}.pdf`,
      `..\\..\\${MARK}.pdf`,
      `${MARK}\u0000.pdf`,
      `${MARK}%2f..%2f.pdf`,
    ]) {
      const body = multipartBody([
        { name: '_csrf', value: csrf },
        ...spec.fields.map((f) => ({ name: f, value: '2026-03-01' })),
        { name: spec.file ?? 'file', value: PDF, filename: name },
      ]);
      probes.push({
        label: `file name ${JSON.stringify(name)}`,
        headers: { 'content-type': body.type },
        payload: body.payload,
        sent: [name],
      });
    }
  }
  // Prototype keys and repeated keys: parsed as plain fields, never onto Object.prototype.
  const proto = `_csrf=${csrf}&__proto__[polluted]=1&constructor[prototype][polluted]=1&__proto__=x&constructor.prototype.polluted=1&${spec.fields.map((f) => `${f}=a&${f}=b`).join('&')}`;
  if (!upload)
    probes.push({ label: '__proto__ and repeated keys', headers: { 'content-type': FORM }, payload: proto });
  for (const probe of probes) await send(world, key, spec, { ...probe, url });
}

/** Broken percent-encoding, overlong UTF-8, repeated and array keys, prototype keys, for field `f`. */
export function badQueryStrings(f: string): string[] {
  return [
    `${f}=%E0%A4%A`,
    `${f}=%C0%AF%ED%A0%80`,
    `${f}=%`,
    `${f}=a&${f}=b&${f}[]=c`,
    `__proto__[polluted]=1&constructor[prototype][polluted]=1&${f}[__proto__][polluted]=1`,
  ];
}

/** Malformed query strings of a GET route: only "below 500" (query values are validated, then escaped). */
export async function malformedQueries(world: World, key: string, spec: RouteFuzz) {
  const path = pathOf(world, key.split(' ')[1] as string, spec);
  for (const q of badQueryStrings(spec.fields[0] ?? 'q'))
    await send(world, key, spec, { label: `query ${q.slice(0, 40)}`, url: `${path}?${q}` });
}
