import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { loadConfig } from '../../src/config/config';
import { type RouteFuzz, routeFuzz } from '../fixtures/route-fuzz';
import type { HttpFuzzWorld } from './fuzz-http-world';
import { badQueryStrings } from './fuzz-malformed';
import { FORM, multipartBody, PDF, pathPayloads, shortList, staticPayloads, valueArb } from './fuzz-payloads';
import { pathOf, requestOf } from './fuzz-requests';
import type { World } from './fuzz-world';

// The fuzz storm of test/fuzz-server-rss.test.ts (security.md T6, "RSS stays ≤ 512 MB"): every route of
// the fuzz table (test/fixtures/route-fuzz.ts) gets the payloads of fuzz-payloads.ts in its own field and
// parameter names, seeded fast-check cases, and malformed bodies sized for memory — limit + 1 bytes and
// several MB, bad UTF-8 and percent-encoding, JSON and form keys nested thousands deep, multipart with
// thousands of parts, files at the size limit beyond the submission limit — interleaved with the
// heaviest legitimate GETs (Word, Excel and CSV exports, search, a 15 MB download). The requests are made
// lazily, so only those in flight hold their bodies.

/** The server's own attachment limits (security.md T7): it runs with the defaults. */
const limits = loadConfig({}).attachments;
const FAST_CHECK_RUNS = 4;
/** The smallest body limit of the server (url-encoded forms), and Node's limit on the request head. */
const FORM_LIMIT = 262_144;
const HEADER_LIMIT = 16_384;
const MiB = 1_048_576;

export interface StormRequest {
  label: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: Buffer<ArrayBuffer>;
  /**
   * The server may answer before it has read the whole request and close the connection: an oversize
   * body (an early 413 or 415) or a URL beyond Node's 16 KB header limit (431).
   */
  cut?: boolean;
}

type Raw = { url: string; headers?: Record<string, string>; payload?: string | Buffer };

// pathOf and requestOf of the in-process fuzzing read only the seeds of their world.
const worldOf = (world: HttpFuzzWorld) => ({ seeds: world.seeds }) as Pick<World, 'seeds'> as World;

/** The requests of one route: payloads, path parameters, fast-check cases, malformed bodies or queries. */
function* routeStorm(world: HttpFuzzWorld, key: string): Generator<StormRequest> {
  const spec = routeFuzz[key] as RouteFuzz;
  const session = world.sessions.get(spec.as);
  if (!session) throw new Error(`no session for ${spec.as}`);
  const w = worldOf(world);
  const [method, url] = key.split(' ') as [string, string];
  const request = (label: string, raw: Raw): StormRequest => {
    const body = raw.payload === undefined ? undefined : Buffer.from(raw.payload);
    return {
      label: `${key} — ${label}`,
      method,
      url: raw.url,
      headers: { cookie: session.cookie, ...raw.headers },
      body,
      cut: (body?.length ?? 0) > FORM_LIMIT || raw.url.length > HEADER_LIMIT,
    };
  };
  const plain = requestOf(w, key, spec, session.csrf, []);
  yield request('no input', plain);
  const fields = [...spec.fields, ...(spec.file ? [spec.file] : [])];
  const names = fields.length ? fields : ['q'];
  for (const payload of fields.length ? staticPayloads : shortList) {
    const pairs = names.map((f): [string, string] => [f, payload]);
    yield request(
      `payload ${JSON.stringify(payload.slice(0, 30))}`,
      requestOf(w, key, spec, session.csrf, pairs),
    );
  }
  for (const param of Object.keys(spec.params ?? {}).filter((p) => p !== '*')) {
    for (const payload of pathPayloads)
      yield request(`${param} payload`, { ...plain, url: pathOf(w, url, spec, [param, payload]) });
    for (const bad of ['%C0%AF', '%ED%A0%80', '%E0%A4%A', '%']) {
      const at = pathOf(w, url, spec, [param, 'x']).replace(/\/x(\/|$)/, `/${bad}$1`);
      yield request(`${param} ${bad}`, { ...plain, url: at });
    }
  }
  const keys = fc.oneof(
    fc.constantFrom(...names),
    fc.constantFrom('__proto__', 'constructor', 'prototype', 'x[y]', 'x[]'),
  );
  const seed = createHash('sha256').update(key).digest().readInt32BE(0);
  const cases = fc.sample(fc.array(fc.tuple(keys, valueArb), { minLength: 1, maxLength: 8 }), {
    seed,
    numRuns: FAST_CHECK_RUNS,
  });
  for (const pairs of cases) yield request('fast-check case', requestOf(w, key, spec, session.csrf, pairs));
  const path = plain.url.split('?')[0] as string;
  const malformed = method === 'POST' ? malformedBodies(spec, session.csrf) : malformedQueries(spec);
  for (const [label, raw] of malformed)
    yield request(label, { ...raw, url: raw.query ? `${path}?${raw.query}` : path });
}

type Malformed = [label: string, raw: Omit<Raw, 'url'> & { query?: string }];

function* malformedBodies(spec: RouteFuzz, csrf: string): Generator<Malformed> {
  const field = spec.fields[0] ?? 'x';
  const as = (type: string | null, payload: string | Buffer) => ({
    headers: (type ? { 'content-type': type } : {}) as Record<string, string>,
    payload: Buffer.from(payload),
  });
  yield ['no CSRF token', as(FORM, `${field}=x`)];
  yield ['wrong Content-Type', as('text/xml', '<x/>')];
  yield ['missing Content-Type', as(null, `_csrf=${csrf}&${field}=x`)];
  yield [
    'JSON nested 10,000 deep',
    as('application/json', `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`),
  ];
  yield ['form key nested 5,000 deep', as(FORM, `_csrf=${csrf}&${field}${'[a]'.repeat(5_000)}=1`)];
  yield ['bad percent-encoding', as(FORM, `_csrf=${csrf}&${field}=%E0%A4%A&x=%zz`)];
  const badUtf8 = [Buffer.from(`_csrf=${csrf}&${field}=`), Buffer.from([0xc0, 0xaf, 0xed, 0xa0, 0x80, 0xe4])];
  yield ['raw malformed UTF-8', as(FORM, Buffer.concat(badUtf8))];
  yield ['form of limit + 1 bytes', as(FORM, `_csrf=${csrf}&${field}=${'a'.repeat(FORM_LIMIT + 1)}`)];
  yield ['form of 4 MiB', as(FORM, `_csrf=${csrf}&${field}=${'a'.repeat(4 * MiB)}`)];
  yield ['JSON of 4 MiB', as('application/json', `{"${field}":"${'a'.repeat(4 * MiB)}"}`)];
  yield ['multipart without boundary', as('multipart/form-data', '--x\r\n\r\n--x--\r\n')];
  const parts = (n: number, size = 1) => [
    { name: '_csrf', value: csrf },
    ...Array.from({ length: n }, (_, i) => ({ name: `f${i}`, value: 'x'.repeat(size) })),
  ];
  const multipart = (label: string, body: ReturnType<typeof multipartBody>): Malformed => [
    label,
    { headers: { 'content-type': body.type }, payload: body.payload },
  ];
  yield multipart('multipart with 101 parts', multipartBody(parts(100)));
  yield multipart('multipart with 5,000 parts', multipartBody(parts(5_000)));
  if (spec.body !== 'multipart') {
    yield multipart('multipart with a 4 MiB part', multipartBody(parts(1, 4 * MiB)));
    return;
  }
  const file = (bytes: number, name: string) => ({
    name: spec.file ?? 'file',
    value: Buffer.concat([PDF, Buffer.alloc(bytes - PDF.length)]),
    filename: name,
  });
  const overLimit = multipartBody([{ name: '_csrf', value: csrf }, file(limits.maxFileBytes + 1, 'big.pdf')]);
  yield multipart('file of limit + 1 bytes', overLimit);
  // Files at the size limit, one more than the submission limit allows (6 × 20 MB > 100 MB).
  const count = Math.floor(limits.maxSubmissionBytes / limits.maxFileBytes) + 1;
  const atLimit = file(limits.maxFileBytes, 'full.pdf');
  const submission = multipartBody([{ name: '_csrf', value: csrf }, ...Array(count).fill(atLimit)]);
  yield multipart(`${count} files at the size limit`, submission);
  const many = Array.from({ length: limits.maxFiles + 1 }, (_, i) => file(4_096, `f${i}.pdf`));
  yield multipart(`${limits.maxFiles + 1} files`, multipartBody([{ name: '_csrf', value: csrf }, ...many]));
}

function* malformedQueries(spec: RouteFuzz): Generator<Malformed> {
  const f = spec.fields[0] ?? 'q';
  for (const q of [...badQueryStrings(f), `${f}${'[a]'.repeat(2_000)}=1`])
    yield [`query ${q.slice(0, 40)}`, { query: q }];
}

// The heaviest legitimate GETs: Word, Excel and CSV exports, search, the sitemap, a 15 MB download.
const heavy: [key: string, query: [string, string][]][] = [
  ['GET /admin/reports/:id/report.docx', []],
  ['GET /admin/inspections/:id/report.docx', []],
  ['GET /admin/inspections/:id/report.csv', []],
  ['GET /admin/oversight/export.xlsx', []],
  ['GET /admin/audit/export.csv', []],
  ['GET /admin/wording-rules/export.json', []],
  ['GET /attachments/:id', []],
  ['GET /search', [['q', '政务公开']]],
  ['GET /api/v1/search', [['q', '通知']]],
  ['GET /search', [['q', '公开 通知 工作 年度 报告 政策 解读']]],
  ['GET /sitemap.xml', []],
  ['GET /admin/oversight', []],
];

function heavyGet(world: HttpFuzzWorld, n: number): StormRequest {
  const [key, query] = heavy[n % heavy.length] as (typeof heavy)[number];
  const spec = routeFuzz[key] as RouteFuzz;
  const session = world.sessions.get(spec.as);
  if (!session) throw new Error(`no session for ${spec.as}`);
  const { url } = requestOf(worldOf(world), key, spec, session.csrf, query);
  return { label: `${key} — heavy`, method: 'GET', url, headers: { cookie: session.cookie } };
}

/** Every route of the fuzz table in turn, a heavy GET after each; then `heavyRounds` rounds of heavy GETs. */
export function* stormRequests(world: HttpFuzzWorld, heavyRounds: number): Generator<StormRequest> {
  let n = 0;
  for (const key of Object.keys(routeFuzz)) {
    yield* routeStorm(world, key);
    yield heavyGet(world, n++);
  }
  for (let i = 0; i < heavyRounds * heavy.length; i++) yield heavyGet(world, n++);
}

export interface StormResult {
  requests: number;
  byStatus: Map<number, number>;
  /** Answers ≥ 500, by label. */
  serverErrors: string[];
  /** Oversize bodies whose connection the server closed before the whole body was sent. */
  cutOff: number;
  /** Requests of normal size that got no answer at all. */
  unanswered: string[];
}

// The server trusts the loopback proxy (GONGKAI_TRUST_PROXY); each request comes from its own address,
// as the in-process fuzzing gives each its own remoteAddress, so per-IP limits do not answer for the routes.
const addressOf = (n: number) => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;

async function drain(response: Response): Promise<void> {
  const reader = response.body?.getReader();
  if (!reader) return;
  while (!(await reader.read()).done) {
    // discarded: the client keeps no body
  }
}

/** Sends the requests with `inFlight` of them at a time; every answer is read to its end. */
export async function runStorm(
  baseUrl: string,
  requests: Iterator<StormRequest>,
  inFlight: number,
): Promise<StormResult> {
  const result: StormResult = {
    requests: 0,
    byStatus: new Map(),
    serverErrors: [],
    cutOff: 0,
    unanswered: [],
  };
  const worker = async () => {
    for (let next = requests.next(); !next.done; next = requests.next()) {
      const r = next.value;
      const n = result.requests++;
      try {
        const response = await fetch(`${baseUrl}${r.url}`, {
          method: r.method,
          headers: { 'user-agent': 'Mozilla/5.0 (fuzz)', 'x-forwarded-for': addressOf(n), ...r.headers },
          body: r.body,
          redirect: 'manual',
        });
        await drain(response);
        result.byStatus.set(response.status, (result.byStatus.get(response.status) ?? 0) + 1);
        if (response.status >= 500) result.serverErrors.push(`${r.label} → ${response.status}`);
      } catch (error) {
        if (r.cut) result.cutOff++;
        else {
          const cause = (error as { cause?: { code?: string; message?: string } }).cause;
          result.unanswered.push(`${r.label}: ${cause?.code ?? cause?.message ?? String(error)}`);
        }
      }
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  return result;
}
