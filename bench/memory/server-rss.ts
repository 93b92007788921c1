import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { type DemoServerOptions, startDemoServer } from '../../test/helpers/demo-server';
import { openHttpFuzzWorld } from '../../test/helpers/fuzz-http-world';
import { runStorm, stormRequests } from '../../test/helpers/fuzz-storm';
import { deployedHeapCap } from '../load/bench-server';

// The server's memory under fuzzing (security.md T6: "RSS stays ≤ 512 MB"), measured on a real
// `gongkai serve` process taking the fuzz storm of test/fuzz-server-storm.test.ts (every route, its
// payloads and oversize bodies, the heaviest exports repeated, 8 requests in flight). The figure is the
// kernel's high-water mark, VmHWM in /proc/<pid>/status: no sampling gaps. Not a test: a memory figure
// depends on the runtime (tsx, source maps) as much as on the code, like a speed figure on the machine.
// Three ways of running it, one after the other: the sources through tsx (development, tests), the
// production build (`npm run build`), and the build with the heap cap of the deployment units.
//
//   npx tsx bench/memory/server-rss.ts

const LIMIT_MIB = 512;
const DEPLOYED_HEAP_CAP = deployedHeapCap(); // as in deploy/gongkai@.service

const runs: { name: string; options: DemoServerOptions }[] = [
  { name: 'sources through tsx (`node bin/gongkai.js`)', options: {} },
  { name: 'production build (`node dist/gongkai.js`)', options: { entry: 'dist/gongkai.js' } },
  {
    name: `production build, ${DEPLOYED_HEAP_CAP}`,
    options: { entry: 'dist/gongkai.js', nodeOptions: [DEPLOYED_HEAP_CAP] },
  },
];

function memoryOf(pid: number): { peak: number; now: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (name: string) =>
    Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { peak: kib('VmHWM') / 1024, now: kib('VmRSS') / 1024 };
}

async function measure(options: DemoServerOptions): Promise<string> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gk-bench-rss-'));
  const server = await startDemoServer({ ...options, dataDir, env: { GONGKAI_TRUST_PROXY: '127.0.0.1' } });
  try {
    const idle = memoryOf(server.pid);
    const world = await openHttpFuzzWorld(server, dataDir);
    const ready = memoryOf(server.pid);
    const start = performance.now();
    const storm = await runStorm(server.baseUrl, stormRequests(world, 4), 8);
    const seconds = (performance.now() - start) / 1000;
    const after = memoryOf(server.pid);
    const verdict = after.peak <= LIMIT_MIB ? 'met' : '**missed**';
    return (
      `| ${idle.now.toFixed(0)} / ${ready.now.toFixed(0)} MiB | ${storm.requests} in ${seconds.toFixed(0)} s, ` +
      `${storm.serverErrors.length} × 5xx | ${after.peak.toFixed(0)} MiB | ${after.now.toFixed(0)} MiB | ${verdict} |`
    );
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
console.log(
  `Run ${new Date().toISOString()}; load average ${loadavg()[0]?.toFixed(1)}; Node ${process.version}\n`,
);
console.log(
  '| server process | RSS idle (before / after set-up) | storm | VmHWM | RSS after | target ≤ 512 MiB |',
);
console.log('| --- | ---: | ---: | ---: | ---: | --- |');
for (const run of runs) console.log(`| ${run.name} ${await measure(run.options)}`);
