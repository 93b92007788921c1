import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { DEFAULT_SHED_LIMIT_MS } from '../../src/config/config';
import { sqlitePathIn } from '../../src/db/client';
import { personApplication } from '../../test/helpers/application-fixtures';
import { startDemoServer } from '../../test/helpers/demo-server';
import { openForm } from '../../test/helpers/portal-forms';
import { freshDemoFolder } from '../load/demo-folder';
import type { Scenario, ScenarioResult } from '../load/drive';
import { drivePaced } from '../load/paced';
import { judgeProbes, startProbe } from './probe';

// Soak (security.md T2): the real server on SQLite for N minutes (default 30) at half the T1 targets,
// mixed reads and writes, evenly paced — item pages 2,500 req/s (views counted), search 150 req/s,
// application form posts 50 req/s. Every 30 s: errors, p99, RSS, open file descriptors, the WAL's size,
// and the RSS of the server's duty process (the scheduled duties run there: src/app/duty-process.ts).
// Pass: 0 errors; RSS at the end within +10 % of the value at 5 minutes (a sixth of a shorter run);
// descriptors within ±10; the WAL ≤ 64 MB. Throughout, the availability probe of T21 (probe.ts); at the
// end the server is killed with SIGKILL three times and restarted at once on the same data, as its
// supervisor would: no probe may take 15 s, ≥ 99.9 % outside the kills finish within 1 s, and the
// probes succeed again within 5 s of each kill. Not a test: prints Markdown for BENCHMARKS.md.
//
//   npx tsx bench/soak/run.ts [--minutes 30]

const at = process.argv.indexOf('--minutes');
const MINUTES = at >= 0 ? Number(process.argv[at + 1]) : 30;
const WINDOW_SECONDS = 30;
const BROWSER = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/126 Safari/537.36' };

interface Sample {
  minute: number;
  answers: number;
  errors: number;
  p99: number;
  rssMiB: number;
  fds: number;
  dutyRssMiB: number;
  walMiB: number;
}

function rssMiBOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]) / 1024;
}

// The server's own figures, and the resident memory of its duty process (src/app/duty-process.ts).
function processFacts(pid: number): { rssMiB: number; fds: number; dutyRssMiB: number } {
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
    .trim()
    .split(' ')
    .filter(Boolean);
  let dutyRssMiB = 0;
  for (const child of children) dutyRssMiB += rssMiBOf(Number(child));
  return { rssMiB: rssMiBOf(pid), fds: readdirSync(`/proc/${pid}/fd`).length, dutyRssMiB };
}

function walMiB(dataDir: string): number {
  try {
    return statSync(`${sqlitePathIn(dataDir)}-wal`).size / 1_048_576;
  } catch {
    return 0;
  }
}

const failed = (r: ScenarioResult) => r.errors + r.otherNon2xx + r.shed;

const dataDir = await freshDemoFolder();
const start = () =>
  startDemoServer({
    dataDir,
    entry: 'dist/gongkai.js',
    env: {
      GONGKAI_PUBLIC_POSTS_PER_MINUTE: '100000000',
      GONGKAI_APPLICATION_HOLD_PER_HOUR: '100000000',
      GONGKAI_SHED_EVENT_LOOP_DELAY_MS: String(DEFAULT_SHED_LIMIT_MS),
    },
  });
let server = await start();
const base = server.baseUrl;
const probe = startProbe(base);
const home = await (await fetch(`${base}/agencies/jxj`)).text();
const itemPath = /\/items\/[\w-]+/.exec(home)?.[0] ?? '/';
const session = await openForm(base, '/apply/jxj');
const form = new URLSearchParams({
  _csrf: session.csrf,
  ...personApplication({ description: '请公开浸泡测试期间的工作材料' }),
});
const mix: (Scenario & { rate: number })[] = [
  {
    name: 'item',
    url: `${base}${itemPath}`,
    rate: 2500,
    connections: 40,
    seconds: WINDOW_SECONDS,
    headers: BROWSER,
  },
  {
    name: 'search',
    url: `${base}/search`,
    paths: ['工作', '通知', '政府信息公开', '教育 补贴', '营商环境'].map(
      (q) => `/search?q=${encodeURIComponent(q)}`,
    ),
    rate: 150,
    connections: 10,
    seconds: WINDOW_SECONDS,
    headers: BROWSER,
  },
  {
    name: 'form',
    url: `${base}/apply/jxj`,
    rate: 50,
    connections: 10,
    seconds: WINDOW_SECONDS,
    method: 'POST',
    body: form.toString(),
    headers: { ...BROWSER, 'content-type': 'application/x-www-form-urlencoded', cookie: session.cookie },
  },
];

const samples: Sample[] = [];
const recoveries: { from: number; to: number }[] = [];
const started = Date.now();
const load = loadavg()[0]?.toFixed(1);
try {
  while (Date.now() - started < MINUTES * 60_000) {
    const results = await Promise.all(mix.map((s) => drivePaced(s)));
    const facts = processFacts(server.pid);
    samples.push({
      minute: (Date.now() - started) / 60_000,
      answers: results.reduce((n, r) => n + r.ok + failed(r), 0),
      errors: results.reduce((n, r) => n + failed(r), 0),
      p99: Math.max(...results.map((r) => r.p99)),
      ...facts,
      walMiB: walMiB(dataDir),
    });
  }
  for (let kill = 0; kill < 3; kill++) {
    const from = Date.now();
    await server.kill();
    server = await start();
    probe.moveTo(server.baseUrl);
    while (!probe.results.some((r) => r.at >= from && r.ok)) await new Promise((r) => setTimeout(r, 100));
    const back = probe.results.find((r) => r.at >= from && r.ok);
    recoveries.push({ from, to: (back?.at ?? from) + (back?.ms ?? 0) });
    await new Promise((r) => setTimeout(r, 5_000));
  }
} finally {
  probe.stop();
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

const early = samples.find((s) => s.minute >= Math.min(5, MINUTES / 6)) ?? samples[0];
const last = samples[samples.length - 1];
if (!early || !last) throw new Error('no samples');
const errors = samples.reduce((n, s) => n + s.errors, 0);
const answers = samples.reduce((n, s) => n + s.answers, 0);
const maxWal = Math.max(...samples.map((s) => s.walMiB));
const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');
console.log(
  `Run ${new Date(started).toISOString()}, ${MINUTES} min; load average ${load} at the start, ${loadavg()[0]?.toFixed(1)} at the end; Node ${process.version}; the production build\n`,
);
console.log(
  '| minute | answers | failed | worst p99 ms | RSS MiB | open fds | duty process RSS MiB | WAL MiB |',
);
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const s of samples)
  console.log(
    `| ${s.minute.toFixed(1)} | ${s.answers} | ${s.errors} | ${s.p99.toFixed(0)} | ${s.rssMiB.toFixed(0)} | ${s.fds} | ${s.dutyRssMiB.toFixed(0)} | ${s.walMiB.toFixed(1)} |`,
  );
console.log(`\n- errors: ${errors} of ${answers} (target 0): ${verdict(errors === 0)}`);
console.log(
  `- RSS ${early.rssMiB.toFixed(0)} MiB at ${early.minute.toFixed(1)} min → ${last.rssMiB.toFixed(0)} MiB at the end (target ≤ +10 %): ${verdict(last.rssMiB <= early.rssMiB * 1.1)}`,
);
console.log(
  `- open descriptors ${early.fds} → ${last.fds} (target ±10): ${verdict(Math.abs(last.fds - early.fds) <= 10)}`,
);
console.log(`- WAL at most ${maxWal.toFixed(1)} MiB (target ≤ 64): ${verdict(maxWal <= 64)}`);
const probes = judgeProbes(probe.results, recoveries);
const worstRecovery = Math.max(...recoveries.map((w) => (w.to - w.from) / 1000));
console.log(
  `- availability probe (T21): ${probes.probes} probes, ${probes.over15s} over 15 s (target 0): ${verdict(probes.over15s === 0)}; ${(probes.fastShare * 100).toFixed(2)} % outside the kills within 1 s (target ≥ 99.9 %): ${verdict(probes.fastShare >= 0.999)}`,
);
console.log(
  `- after each of ${recoveries.length} SIGKILLs and an immediate restart, the probes succeeded again within ${recoveries.map((w) => ((w.to - w.from) / 1000).toFixed(1)).join(', ')} s (target ≤ 5 s): ${verdict(worstRecovery <= 5)}`,
);
