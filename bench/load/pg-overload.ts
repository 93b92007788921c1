import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startDemoServer } from '../../test/helpers/demo-server';
import { createPostgresDatabase } from '../../test/helpers/test-context';
import { drive, type ScenarioResult } from './drive';
import { secondsToRecover } from './recovery';
import { pidListeningOn } from './server-cpu';

// PostgreSQL at 4× overload (security.md T1: every request served or 503 + Retry-After, served p99
// ≤ 2 s, back to normal within 10 s): the demo district on a scratch database (created beside
// TEST_DATABASE_URL's, dropped after), a mix of item, column, search and home pages asked in turn by
// 200 connections (4× the 50 of the other scenarios; `--connections` for more), /healthz probed every
// 100 ms meanwhile. Each variant is a server started with its
// own load-shedding settings on the same database; the list is run `rounds` times, interleaved, so a
// shared machine's load falls on every variant alike.

const WARM_UP_SECONDS = 5;
const RECOVERED_WITHIN_MS = 100; // an item page on an idle PostgreSQL answers in a few ms

export interface OverloadVariant {
  name: string;
  env: Record<string, string>;
}

/** Parses `--variants off,0,default,40`: shedding off, no cap, the derived cap, a cap of 40. */
export function overloadVariants(list: string): OverloadVariant[] {
  return list.split(',').map((v): OverloadVariant => {
    if (v === 'off') return { name: 'shedding off', env: { GONGKAI_SHED_EVENT_LOOP_DELAY_MS: '0' } };
    if (v === 'default') return { name: 'shares + cap (derived: 2 × pool)', env: {} };
    if (v === '0') return { name: 'shares only (no cap)', env: { GONGKAI_SHED_MAX_IN_FLIGHT: '0' } };
    return { name: `shares + cap ${v}`, env: { GONGKAI_SHED_MAX_IN_FLIGHT: String(Number(v)) } };
  });
}

interface OverloadRow {
  variant: string;
  result: ScenarioResult;
  healthzWorstMs: number;
  recoverySeconds: number;
}

/** Asks /healthz every 100 ms until stopped; resolves with the slowest answer (ms). */
function probeHealth(baseUrl: string): { stop: () => Promise<number> } {
  let running = true;
  let worst = 0;
  const loop = (async () => {
    while (running) {
      const sent = performance.now();
      try {
        await (await fetch(`${baseUrl}/healthz`)).arrayBuffer();
      } catch {
        // refused or reset: counted by its time like any other
      }
      worst = Math.max(worst, performance.now() - sent);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return worst;
    },
  };
}

async function firstLink(baseUrl: string, page: string, pattern: RegExp): Promise<string> {
  const html = await (await fetch(`${baseUrl}${page}`)).text();
  const found = pattern.exec(html)?.[0];
  if (!found) throw new Error(`no link matching ${pattern} on ${page}`);
  return found;
}

async function runVariant(
  variant: OverloadVariant,
  connections: number,
  seconds: number,
  headers: Record<string, string>,
  env: Record<string, string>,
): Promise<OverloadRow> {
  const server = await startDemoServer({ dataDir: env.GONGKAI_DATA_DIR, env: { ...env, ...variant.env } });
  try {
    const base = server.baseUrl;
    const item = await firstLink(base, '/agencies/jxj', /\/items\/[\w-]+/);
    const column = await firstLink(base, '/agencies/jxj', /\/agencies\/jxj\/columns\/[\w-]+/);
    const paths = [item, column, `/search?q=${encodeURIComponent('工作')}`, '/'];
    const serverPid = pidListeningOn(Number(new URL(base).port));
    const at = (name: string, connections: number, s: number) => ({
      name,
      url: `${base}/`,
      connections,
      seconds: s,
      headers,
      paths,
      serverPid,
    });
    await drive(at('warm-up', 50, WARM_UP_SECONDS)); // JIT, caches and the pool's connections
    await new Promise((r) => setTimeout(r, 1_000)); // let shedding from the warm-up lapse
    const probe = probeHealth(base);
    const result = await drive(at(variant.name, connections, seconds));
    const recoverySeconds = await secondsToRecover(`${base}${item}`, headers, RECOVERED_WITHIN_MS);
    const healthzWorstMs = await probe.stop();
    return { variant: variant.name, result, healthzWorstMs, recoverySeconds };
  } finally {
    await server.stop();
  }
}

const fixed = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : '–');

function rowOf(r: OverloadRow): string {
  const x = r.result;
  const answers = x.ok + x.shed + x.otherNon2xx;
  const shedShare = answers ? ((x.shed / answers) * 100).toFixed(1) : '–';
  return `| ${r.variant} | ${x.requestsPerSecond.toFixed(0)} | ${fixed(x.servedP50)} | ${fixed(x.servedP99)} | ${x.ok} | ${x.shed} | ${shedShare} % | ${x.otherNon2xx} | ${x.errors} | ${fixed(x.cpuMicros)} | ${fixed(r.healthzWorstMs)} | ${r.recoverySeconds.toFixed(1)} s |`;
}

/** Runs the variants `rounds` times on one scratch PostgreSQL database; returns the Markdown table. */
export async function pgOverloadTable(
  variants: OverloadVariant[],
  rounds: number,
  connections: number,
  seconds: number,
  headers: Record<string, string>,
  env: Record<string, string>,
): Promise<string[]> {
  if (!process.env.TEST_DATABASE_URL)
    throw new Error('set TEST_DATABASE_URL (postgres://…) for --pg-overload');
  const database = await createPostgresDatabase();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gk-pg-overload-'));
  const lines = [
    `| PostgreSQL, mixed pages, ${connections} connections, ${seconds} s | req/s | served p50 ms | served p99 ms | 2xx | 503 | 503 share | other non-2xx | errors | server CPU µs/answer | /healthz worst ms | back to normal |`,
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  try {
    const serverEnv = { ...env, DATABASE_URL: database.url, GONGKAI_DATA_DIR: dataDir };
    for (let round = 0; round < rounds; round++)
      for (const variant of variants) {
        const row = rowOf(await runVariant(variant, connections, seconds, headers, serverEnv));
        console.error(row); // as it comes: a long run shows its progress
        lines.push(row);
      }
  } finally {
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return lines;
}
