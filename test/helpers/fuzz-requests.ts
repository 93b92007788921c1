import { randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { RouteFuzz } from '../fixtures/route-fuzz';
import {
  encodePairs,
  FORM,
  leaks,
  MARK,
  multipartBody,
  type Part,
  PDF,
  pct,
  withoutEchoes,
} from './fuzz-payloads';
import { clientFor, digestOf, type World } from './fuzz-world';

// One fuzz request of the route fuzzing (security.md T6, test/fuzz-*.test.ts): the request of a route
// with given values in its fields and path parameters, and `send`, which makes it as the route's role
// and checks what every answer must satisfy.

/** security.md T6: each malformed request gets its 4xx within 2 s. */
export const MAX_MS = 2_000;
/** An accepted request may do real work (a whole-site inspection, a report). */
const MAX_ACCEPTED_MS = 10_000;

const ip = () => `10.${randomBytes(1)[0]}.${randomBytes(1)[0]}.${1 + ((randomBytes(1)[0] ?? 0) % 250)}`;

export interface Probe {
  label: string;
  url: string;
  headers?: Record<string, string>;
  payload?: string | Buffer;
  /** The statuses a malformed request must get; otherwise any status below 500. */
  expect?: number[];
  /** The route's first request (cold code paths: lazy module loads, first render): no time limit. */
  warmUp?: boolean;
  sent?: string[];
}

/** The route's URL with its path parameters filled from the world, `override` replacing one of them. */
export function pathOf(world: World, url: string, spec: RouteFuzz, override?: [string, string]): string {
  return url.replace('(^\\d+)', '').replace(/:(\w+)|\*/g, (_whole, name: string | undefined) => {
    const param = name ?? '*';
    if (override && override[0] === param) return pct(override[1]);
    const source = spec.params?.[param];
    if (!source) throw new Error(`no value for parameter ${param} of ${url}`);
    const raw = 'seed' in source ? world.seeds[source.seed] : source.value;
    return param === '*' ? raw : encodeURIComponent(raw);
  });
}

/** Sends one request as the route's role and checks what every answer must satisfy. */
export async function send(
  world: World,
  key: string,
  spec: RouteFuzz,
  probe: Probe,
): Promise<LightMyRequestResponse> {
  const method = key.split(' ')[0] as 'GET' | 'POST';
  const { client } = await clientFor(world, spec.as);
  const watch = method === 'POST' && spec.writes.length > 0;
  const before = watch ? (world.lastDigest ?? (await digestOf(world, spec.writes))) : '';
  world.lastDigest = null;
  const timed = async () => {
    const started = performance.now();
    const answer = await client.request({
      method,
      url: probe.url,
      remoteAddress: ip(),
      headers: probe.headers ?? {},
      ...(probe.payload !== undefined ? { payload: probe.payload } : {}),
    });
    return { res: answer, ms: performance.now() - started };
  };
  let { res, ms } = await timed();
  // A refusal comes within 2 s; an accepted request may do real work (a whole-site inspection, a report).
  // A refusal over 2 s is sent once more (a refusal changes nothing): a slow path is slow again, a
  // pause of this shared machine is not.
  if (!probe.warmUp && res.statusCode >= 400 && ms > MAX_MS) ({ res, ms } = await timed());
  world.timings.push(ms);
  const what = `${key} — ${probe.label} → ${res.statusCode}`;
  expect(res.statusCode, what).toBeLessThan(500);
  const limit = probe.warmUp ? Number.POSITIVE_INFINITY : res.statusCode >= 400 ? MAX_MS : MAX_ACCEPTED_MS;
  expect(ms, `${what}: ${Math.round(ms)} ms`).toBeLessThanOrEqual(limit);
  if (probe.expect) expect(probe.expect, what).toContain(res.statusCode);
  const type = String(res.headers['content-type'] ?? '');
  // T14 headers on every answer, refusals included.
  expect(res.headers['x-content-type-options'], `${what}: nosniff`).toBe('nosniff');
  expect(res.headers['x-powered-by'], `${what}: X-Powered-By`).toBeUndefined();
  if (type.includes('html')) {
    const csp = String(res.headers['content-security-policy'] ?? '');
    for (const directive of ["object-src 'none'", "base-uri 'none'", 'frame-ancestors'])
      expect(csp, `${what}: CSP ${directive}`).toContain(directive);
  }
  if (/html|json|text|xml/.test(type) || type === '') {
    // Only a body that looks like a leak is searched again without the payloads it echoes.
    if (leaks.some(([, pattern]) => pattern.test(res.body))) {
      const body = withoutEchoes(res.body, probe.sent ?? []);
      for (const [name, pattern] of leaks)
        expect(pattern.exec(body)?.[0], `${what}: ${name} in body`).toBeUndefined();
    }
  }
  if (watch && res.statusCode >= 400) {
    const after = await digestOf(world, spec.writes);
    expect(after, `${what}: a refused request changed ${spec.writes}`).toBe(before);
    world.lastDigest = after;
  }
  return res;
}

/** The body of a route's request with `values` in its fields: url-encoded or multipart. */
function bodyOf(spec: RouteFuzz, csrf: string, pairs: [string, string][]) {
  if (spec.body === 'multipart') {
    const parts: Part[] = [
      { name: '_csrf', value: csrf },
      ...pairs.map(([name, value]) => ({ name, value })),
    ];
    if (spec.file) {
      const name = pairs.find(([k]) => k === spec.file)?.[1] ?? `${MARK}.pdf`;
      parts.push({ name: spec.file, value: PDF, filename: name });
    }
    const { payload, type } = multipartBody(parts);
    return { payload, headers: { 'content-type': type } };
  }
  return { payload: encodePairs([['_csrf', csrf], ...pairs]), headers: { 'content-type': FORM } };
}

/** The request of one case: query parameters for GET, a body for POST. */
export function requestOf(
  world: World,
  key: string,
  spec: RouteFuzz,
  csrf: string,
  pairs: [string, string][],
) {
  const [method, url] = key.split(' ') as [string, string];
  const path = pathOf(world, url, spec);
  if (method === 'GET') return { url: pairs.length ? `${path}?${encodePairs(pairs)}` : path };
  return { url: path, ...bodyOf(spec, csrf, pairs) };
}
