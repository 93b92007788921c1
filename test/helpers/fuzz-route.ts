import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { expect } from 'vitest';
import { type RouteFuzz, routeFuzz } from '../fixtures/route-fuzz';
import { malformedBodies, malformedQueries } from './fuzz-malformed';
import { pathPayloads, shortList, staticPayloads, valueArb } from './fuzz-payloads';
import { type Probe, pathOf, requestOf, send } from './fuzz-requests';
import { clientFor, type World } from './fuzz-world';

// The fuzzing of one route (security.md T6, issue 8), in its own field and parameter names
// (test/fixtures/route-fuzz.ts): a static payload set (SQL, script, template, path traversal, CRLF,
// encodings) and seeded fast-check cases (malformed UTF-8, NUL, U+202E, long strings, prototype keys,
// repeated keys), plus the malformed bodies or query strings of fuzz-malformed.ts. Every request is
// checked by `send` (fuzz-requests.ts); afterwards Object.prototype must be as clean as before.
//
// Run time: a route is "slow" when its first answer takes over SLOW_MS (Word and Excel exports, argon2
// at sign-in, whole-site inspection); slow routes and routes without fields get the short payload list
// and fewer fast-check runs.

const FAST_CHECK_RUNS = 4;
const SLOW_FAST_CHECK_RUNS = 2;
const SLOW_MS = 60;

/** Sends the route's plain request twice (the first warms it up); true when it is slow (see SLOW_MS). */
async function baseline(world: World, key: string, spec: RouteFuzz): Promise<boolean> {
  const { csrf } = await clientFor(world, spec.as);
  const plain = requestOf(world, key, spec, csrf, []);
  await send(world, key, spec, { label: 'no input, first', ...plain, warmUp: true });
  const started = performance.now();
  await send(world, key, spec, { label: 'no input', ...plain });
  return performance.now() - started > SLOW_MS;
}

async function staticSet(world: World, key: string, spec: RouteFuzz, slow: boolean) {
  const { csrf } = await clientFor(world, spec.as);
  const fields = [...spec.fields, ...(spec.file ? [spec.file] : [])];
  const names = fields.length ? fields : ['q'];
  for (const payload of slow || fields.length === 0 ? shortList : staticPayloads) {
    const pairs = names.map((f): [string, string] => [f, payload]);
    await send(world, key, spec, {
      label: `payload ${JSON.stringify(payload.slice(0, 40))}`,
      ...requestOf(world, key, spec, csrf, pairs),
      sent: [payload],
    });
  }
  // Every path parameter, one at a time, with the path payloads.
  for (const param of Object.keys(spec.params ?? {})) {
    if (param === '*') continue;
    for (const payload of slow ? pathPayloads.slice(0, 4) : pathPayloads.slice(0, 8)) {
      const url = pathOf(world, key.split(' ')[1] as string, spec, [param, payload]);
      const base = requestOf(world, key, spec, csrf, []);
      await send(world, key, spec, {
        ...base,
        label: `${param}=${JSON.stringify(payload.slice(0, 30))}`,
        url,
        sent: [payload],
      });
    }
    for (const bad of slow ? ['%C0%AF', '%'] : ['%C0%AF', '%ED%A0%80', '%E0%A4%A', '%']) {
      const url = pathOf(world, key.split(' ')[1] as string, spec, [param, 'x']).replace(
        /\/x(\/|$)/,
        `/${bad}$1`,
      );
      await send(world, key, spec, {
        ...requestOf(world, key, spec, csrf, []),
        label: `${param} ${bad}`,
        url,
        expect: [400, 404],
      });
    }
  }
}

async function fastCheckCases(world: World, key: string, spec: RouteFuzz, slow: boolean) {
  const { csrf } = await clientFor(world, spec.as);
  const names = [...spec.fields, ...(spec.file ? [spec.file] : [])];
  const keys = fc.oneof(
    fc.constantFrom(...(names.length ? names : ['q'])),
    fc.constantFrom('__proto__', 'constructor', 'prototype', 'x[y]', 'x[]'),
  );
  const arb = fc.record({
    pairs: fc.array(fc.tuple(keys, valueArb), { minLength: 1, maxLength: 8 }),
    spoil: fc.constantFrom('none', 'none', 'badBytes', 'badPercent'),
  });
  const seed = createHash('sha256').update(key).digest().readInt32BE(0);
  await fc.assert(
    fc.asyncProperty(arb, async ({ pairs, spoil }) => {
      const base: Probe = { label: '', ...requestOf(world, key, spec, csrf, pairs) };
      const post = key.startsWith('POST') && spec.body === 'form';
      if (!post || spoil === 'none') {
        await send(world, key, spec, { ...base, label: 'fast-check case', sent: pairs.map(([, v]) => v) });
        return;
      }
      const junk = spoil === 'badBytes' ? Buffer.from([0xed, 0xa0, 0x80, 0xc0]) : Buffer.from('%E4%B8');
      const payload = Buffer.concat([Buffer.from(String(base.payload)), Buffer.from('&x='), junk]);
      await send(world, key, spec, {
        ...base,
        payload,
        label: `fast-check case, ${spoil}`,
        expect: [400, 413],
      });
    }),
    {
      seed,
      numRuns: slow || names.length === 0 ? SLOW_FAST_CHECK_RUNS : FAST_CHECK_RUNS,
      endOnFailure: true,
    },
  );
}

/** Fuzzes one route of the table: every request checked as it is answered, Object.prototype after. */
export async function fuzzRoute(world: World, key: string): Promise<void> {
  const spec = routeFuzz[key] as RouteFuzz;
  world.lastDigest = null;
  const slow = await baseline(world, key, spec);
  await staticSet(world, key, spec, slow);
  if (key.startsWith('POST ')) await malformedBodies(world, key, spec);
  else await malformedQueries(world, key, spec);
  await fastCheckCases(world, key, spec, slow);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(world.protoKeys);
}
