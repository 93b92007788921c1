import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DEFAULT_SHED_LIMIT_MS } from '../../src/config/config';
import { sqlitePathIn } from '../../src/db/client';
import { personApplication } from '../../test/helpers/application-fixtures';
import { startDemoServer } from '../../test/helpers/demo-server';
import { openForm } from '../../test/helpers/portal-forms';
import { freshDemoFolder } from './demo-folder';
import { drive, type Scenario, type ScenarioResult } from './drive';
import { overloadVariants, pgOverloadTable } from './pg-overload';
import { secondsToRecover } from './recovery';
import { searchScenarios } from './search-phase';
import { pidListeningOn } from './server-cpu';

// Load benchmark (issue 8, security.md T1) — not a test: npm run bench:load [-- --seconds 20]
// Starts the real server (demo content, embedded SQLite, WAL + synchronous=FULL) and a bare Fastify
// route serving the same bytes as the item page, then drives each from this process with autocannon:
// item pages (views counted), column pages, search, the application form, and four times the
// connections to see load shedding and the time to recover. Then search on 100,000 items, warm and
// cold, on a second server (search-phase.ts). Prints Markdown for BENCHMARKS.md.
// `--pg-overload [--variants off,0,default,40] [--rounds 2] [--connections 200]` runs only PostgreSQL at
// 4× overload with each load-shedding variant in turn (pg-overload.ts; needs TEST_DATABASE_URL).

const argument = (name: string, fallback: string) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? (process.argv[at + 1] ?? fallback) : fallback;
};
const SECONDS = Number(argument('--seconds', '20'));
const ONLY = process.argv.includes('--search-only')
  ? 'search'
  : process.argv.includes('--pages-only')
    ? 'pages'
    : process.argv.includes('--pg-overload')
      ? 'pg-overload'
      : 'all';
const SERVER_ENV = {
  GONGKAI_PUBLIC_POSTS_PER_MINUTE: '100000000',
  GONGKAI_APPLICATION_HOLD_PER_HOUR: '100000000',
  // Load shedding as shipped: startDemoServer turns it off for the tests, the bench measures it.
  GONGKAI_SHED_EVENT_LOOP_DELAY_MS: String(DEFAULT_SHED_LIMIT_MS),
};
const BROWSER = {
  'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/126 Safari/537.36',
};

async function firstLink(baseUrl: string, page: string, pattern: RegExp): Promise<string> {
  const html = await (await fetch(`${baseUrl}${page}`)).text();
  const found = pattern.exec(html)?.[0];
  if (!found) throw new Error(`no link matching ${pattern} on ${page}`);
  return found;
}

/** Waits until the server answers normally again (it may still be shedding after a scenario). */
async function settle(baseUrl: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if ((await fetch(`${baseUrl}/healthz`)).status === 200) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('server did not recover within 20 s');
}

function startBare(file: string, port: number): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'bench/load/bare-server.ts', file, String(port)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve) => child.stdout?.once('data', () => resolve(child)));
}

function row(r: ScenarioResult, note = ''): string {
  const cpu = Number.isFinite(r.cpuMicros) ? r.cpuMicros.toFixed(0) : '–';
  const ms = (v: number) => (v < 10 ? v.toFixed(1) : v.toFixed(0)); // paced rows measure fractions
  return `| ${r.name} | ${r.requestsPerSecond.toFixed(0)} | ${ms(r.p50)} | ${ms(r.p99)} | ${cpu} | ${r.ok} | ${r.shed} | ${r.otherNon2xx} | ${r.errors} | ${note} |`;
}

async function formScenario(baseUrl: string): Promise<Scenario> {
  const session = await openForm(baseUrl, '/apply/jxj');
  const fields = personApplication({ description: '请公开压力测试材料' });
  return {
    name: 'application form POST (20 connections)',
    url: `${baseUrl}/apply/jxj`,
    connections: 20,
    seconds: SECONDS,
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: session.cookie, ...BROWSER },
    body: new URLSearchParams({ _csrf: session.csrf, ...fields }).toString(),
    serverPid: pidListeningOn(Number(new URL(baseUrl).port)),
  };
}

async function pageScenarios(): Promise<string[]> {
  const dataDir = await freshDemoFolder();
  const server = await startDemoServer({ dataDir, env: SERVER_ENV });
  const base = server.baseUrl;
  const itemPath = await firstLink(base, '/agencies/jxj', /\/items\/[\w-]+/);
  const columnPath = await firstLink(base, '/agencies/jxj', /\/agencies\/jxj\/columns\/[\w-]+/);
  const itemHtml = await (await fetch(`${base}${itemPath}`, { headers: BROWSER })).text();
  const bareFile = path.join(dataDir, 'bare.html');
  writeFileSync(bareFile, itemHtml);
  const barePort = 40000 + Math.floor(Math.random() * 20000);
  const bare = await startBare(bareFile, barePort);
  const serverPid = pidListeningOn(Number(new URL(base).port));
  const at = (url: string, name: string, connections = 50): Scenario => ({
    name,
    url,
    connections,
    seconds: SECONDS,
    headers: BROWSER,
    serverPid: url.includes(`:${barePort}/`) ? bare.pid : serverPid,
  });
  const results: string[] = [];
  try {
    const bareResult = await drive(
      at(`http://127.0.0.1:${barePort}/page`, `bare Fastify, same ${itemHtml.length} bytes`),
    );
    results.push(row(bareResult));
    await settle(base);
    await drive({ ...at(`${base}${itemPath}`, 'warm-up'), seconds: 5 }); // JIT and caches, not reported
    const item = await drive(at(`${base}${itemPath}`, 'item page (view counted)'));
    results.push(row(item, `${(item.requestsPerSecond / bareResult.requestsPerSecond).toFixed(2)} of bare`));
    results.push(row(await drive(at(`${base}${columnPath}`, 'column page'))));
    results.push(
      row(await drive(at(`${base}/search?q=${encodeURIComponent('工作')}`, 'search 工作 (demo corpus)'))),
    );
    const db = new Database(sqlitePathIn(dataDir), { readonly: true });
    const stored = () => (db.prepare('SELECT count(*) AS n FROM applications').get() as { n: number }).n;
    const before = stored();
    const form = await drive(await formScenario(base));
    const added = stored() - before;
    db.close();
    results.push(row(form, `${added} rows stored for ${form.ok} acknowledged`));
    await settle(base);
    const overload = await drive(at(`${base}${itemPath}`, 'item page at 4× connections (200)', 200));
    const recovery = await secondsToRecover(`${base}${itemPath}`, BROWSER, 20);
    results.push(row(overload, `back to normal ${recovery.toFixed(1)} s after the load stopped`));
    const after = await drive({
      ...at(`${base}${itemPath}`, 'item page right after the overload'),
      seconds: 5,
    });
    results.push(
      row(after, `${((after.requestsPerSecond / item.requestsPerSecond) * 100).toFixed(0)} % of before`),
    );
  } finally {
    bare.kill();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return results;
}

async function pgOverload() {
  const started = loadavg()[0]?.toFixed(1);
  const variants = overloadVariants(argument('--variants', 'off,0,default'));
  const rounds = Number(argument('--rounds', '1'));
  const connections = Number(argument('--connections', '200'));
  const table = await pgOverloadTable(variants, rounds, connections, SECONDS, BROWSER, SERVER_ENV);
  console.log(
    `Run ${new Date().toISOString()}; ${cpus().length} × ${cpus()[0]?.model}; Node ${process.version}; load average ${started} at the start, ${loadavg()[0]?.toFixed(1)} at the end; load shedding at ${DEFAULT_SHED_LIMIT_MS} ms\n`,
  );
  for (const line of table) console.log(line);
}

async function main() {
  if (ONLY === 'pg-overload') return pgOverload();
  const results: string[] = [];
  const started = loadavg()[0]?.toFixed(1);
  if (ONLY !== 'search') results.push(...(await pageScenarios()));
  if (ONLY !== 'pages')
    for (const { result, note } of await searchScenarios(SECONDS, BROWSER, SERVER_ENV))
      results.push(row(result, note));
  console.log(
    `Run ${new Date().toISOString()}; ${SECONDS} s per scenario; ${cpus().length} × ${cpus()[0]?.model}; Node ${process.version}; load average ${started} at the start, ${loadavg()[0]?.toFixed(1)} at the end; load shedding at ${DEFAULT_SHED_LIMIT_MS} ms\n`,
  );
  console.log(
    '| scenario | req/s | p50 ms | p99 ms | server CPU µs/answer | 2xx | 503 | other non-2xx | errors | note |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const line of results) console.log(line);
}

await main();
