import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DEFAULT_SHED_LIMIT_MS } from '../../src/config/config';
import { sqlitePathIn } from '../../src/db/client';
import { personApplication } from '../../test/helpers/application-fixtures';
import { dutiesFinished } from '../../test/helpers/duty-runs';
import { openForm } from '../../test/helpers/portal-forms';
import { judgeProbes, startProbe } from '../soak/probe';
import { backOfficeRows } from './back-office';
import { startBenchServer } from './bench-server';
import { freshDemoFolder, SEEDED_ITEMS } from './demo-folder';
import { drive, type Scenario, type ScenarioResult } from './drive';
import type { LoopDelayProbe } from './loop-delay';
import { overloadVariants, pgOverloadTable } from './pg-overload';
import { secondsToRecover } from './recovery';
import { searchScenarios } from './search-phase';
import { pidListeningOn } from './server-cpu';

// Load benchmark (issue 8, security.md T1) — not a test: npm run bench:load [-- --seconds 20 --warm-up 10]
// Starts the real server (the production build, bench-server.ts; embedded SQLite, WAL + synchronous=FULL)
// on the demo district plus 10,000 seeded items (demo-folder.ts), waits for the duties it runs at boot,
// and a bare Fastify route serving the same bytes as the item page, then drives each from this process
// with autocannon: item pages (views counted), column pages, search, the application form, the
// back office signed in with TOTP (the review queue and 1 MB uploads: back-office.ts), and four times the
// connections to see load shedding and the time to recover. Each row reports the server's event-loop
// delay, measured inside it (loop-delay-probe.mjs); T21's availability probe (bench/soak/probe.ts) asks
// the home page and the application form once a second throughout. Then search on 100,000 items, warm and cold, on a
// second server (search-phase.ts). Prints Markdown for BENCHMARKS.md.
// `--pg-overload [--variants off,0,default,40] [--rounds 2] [--connections 200]` runs only PostgreSQL at
// 4× overload with each load-shedding variant in turn (pg-overload.ts; needs TEST_DATABASE_URL).

const argument = (name: string, fallback: string) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? (process.argv[at + 1] ?? fallback) : fallback;
};
const SECONDS = Number(argument('--seconds', '20'));
/** Load before each scenario's measured seconds, on its connections (drive.ts); T1 says 10 s. */
const WARM_UP_SECONDS = Number(argument('--warm-up', '10'));
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

/** What the report's header says about the run besides the machine: the data, the wait for the duties. */
const facts: string[] = [];

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
  const ms = (v: number) => (Number.isNaN(v) ? '–' : v < 10 ? v.toFixed(1) : v.toFixed(0)); // paced rows measure fractions
  return `| ${r.name} | ${r.requestsPerSecond.toFixed(0)} | ${ms(r.p50)} | ${ms(r.p99)} | ${cpu} | ${ms(r.loopDelayP99)} | ${r.ok} | ${r.shed} | ${r.otherNon2xx} | ${r.errors} | ${note} |`;
}

// The form scenario sends a fixed number of posts and waits for every answer, so the rows stored can be
// checked against the answers exactly (a timed run stops with posts in flight that the server stores).
const FORM_POSTS_PER_SECOND_OF_RUN = 200;

async function formScenario(baseUrl: string, loopDelay: LoopDelayProbe): Promise<Scenario> {
  const session = await openForm(baseUrl, '/apply/jxj');
  const fields = personApplication({ description: '请公开压力测试材料' });
  return {
    name: 'application form POST (20 connections)',
    url: `${baseUrl}/apply/jxj`,
    connections: 20,
    seconds: SECONDS,
    requests: FORM_POSTS_PER_SECOND_OF_RUN * SECONDS,
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: session.cookie, ...BROWSER },
    body: new URLSearchParams({ _csrf: session.csrf, ...fields }).toString(),
    serverPid: pidListeningOn(Number(new URL(baseUrl).port)),
    loopDelay,
  };
}

async function pageScenarios(): Promise<string[]> {
  const dataDir = await freshDemoFolder();
  const { server, loopDelay } = await startBenchServer({ dataDir, env: SERVER_ENV });
  const base = server.baseUrl;
  const db = new Database(sqlitePathIn(dataDir), { readonly: true });
  // The duty process runs its duties once at boot, the whole-site inspection among them: a core for a
  // minute on 10,000 items. The scenarios start after it, as a site's busy hours come after the night's.
  const booted = performance.now();
  await dutiesFinished(db, ['inspection', 'gap-check'], 600_000);
  facts.push(
    `demo district + ${SEEDED_ITEMS.toLocaleString('en')} seeded items; start-up duties done ${((performance.now() - booted) / 1000).toFixed(0)} s after the server answered`,
  );
  const itemPath = await firstLink(base, '/agencies/jxj', /\/items\/[\w-]+/);
  const columnPath = await firstLink(base, '/agencies/jxj', /\/agencies\/jxj\/columns\/[\w-]+/);
  const itemHtml = await (await fetch(`${base}${itemPath}`, { headers: BROWSER })).text();
  const bareFile = path.join(dataDir, 'bare.html');
  writeFileSync(bareFile, itemHtml);
  const barePort = 40000 + Math.floor(Math.random() * 20000);
  const bare = await startBare(bareFile, barePort);
  const onBare = (url: string) => url.includes(`:${barePort}/`);
  const at = (url: string, name: string, connections = 50): Scenario => ({
    name,
    url,
    connections,
    seconds: SECONDS,
    warmUpSeconds: WARM_UP_SECONDS,
    headers: BROWSER,
    serverPid: onBare(url) ? bare.pid : server.pid,
    ...(onBare(url) ? {} : { loopDelay }),
  });
  const results: string[] = [];
  // T21: the inspection's probe asks the home page and the application form once a second during T1.
  const probe = startProbe(base);
  try {
    const bareResult = await drive(
      at(`http://127.0.0.1:${barePort}/page`, `bare Fastify, same ${itemHtml.length} bytes`),
    );
    results.push(row(bareResult));
    await settle(base);
    const item = await drive(at(`${base}${itemPath}`, 'item page (view counted)'));
    results.push(row(item, `${(item.requestsPerSecond / bareResult.requestsPerSecond).toFixed(2)} of bare`));
    results.push(row(await drive(at(`${base}${columnPath}`, 'column page'))));
    results.push(
      row(await drive(at(`${base}/search?q=${encodeURIComponent('工作')}`, 'search 工作 (demo corpus)'))),
    );
    const stored = () => (db.prepare('SELECT count(*) AS n FROM applications').get() as { n: number }).n;
    const before = stored();
    const form = await drive(await formScenario(base, loopDelay));
    const added = stored() - before;
    results.push(row(form, `${added} rows stored for ${form.ok} acknowledged`));
    await settle(base);
    for (const { result, note } of await backOfficeRows(
      { baseUrl: base, pid: server.pid, dataDir, loopDelay },
      SECONDS,
      WARM_UP_SECONDS,
    ))
      results.push(row(result, note));
    await settle(base);
    const overload = await drive(at(`${base}${itemPath}`, 'item page at 4× connections (200)', 200));
    const recovery = await secondsToRecover(`${base}${itemPath}`, BROWSER, 20);
    results.push(row(overload, `back to normal ${recovery.toFixed(1)} s after the load stopped`));
    const after = await drive({
      ...at(`${base}${itemPath}`, 'item page right after the overload'),
      seconds: 5,
      warmUpSeconds: 0, // right after, as it says
    });
    results.push(
      row(after, `${((after.requestsPerSecond / item.requestsPerSecond) * 100).toFixed(0)} % of before`),
    );
  } finally {
    probe.stop();
    db.close();
    bare.kill();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const probes = judgeProbes(probe.results, []);
  const worst = Math.max(...probe.results.map((r) => r.ms));
  facts.push(
    `T21 probe throughout these rows: ${probes.probes} probes, ${probes.over15s} over 15 s, ${(probes.fastShare * 100).toFixed(2)} % within 1 s, the slowest ${worst} ms`,
  );
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
    `Run ${new Date().toISOString()}; ${SECONDS} s per scenario; ${cpus().length} × ${cpus()[0]?.model}; Node ${process.version}; load average ${started} at the start, ${loadavg()[0]?.toFixed(1)} at the end; load shedding at ${DEFAULT_SHED_LIMIT_MS} ms${facts.map((f) => `; ${f}`).join('')}\n`,
  );
  console.log(
    '| scenario | req/s | p50 ms | p99 ms | server CPU µs/answer | server event-loop delay p99 ms | served | 503 | other | errors | note |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const line of results) console.log(line);
}

await main();
