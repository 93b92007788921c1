import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { startDemoServer } from '../../test/helpers/demo-server';
import { openHttpFuzzWorld } from '../../test/helpers/fuzz-http-world';
import { runStorm, stormRequests } from '../../test/helpers/fuzz-storm';

// The server's memory under fuzzing (security.md T6: "RSS stays ≤ 512 MB"), measured on a real
// `gongkai serve` process taking the fuzz storm of test/fuzz-server-storm.test.ts (every route, its
// payloads and oversize bodies, the heaviest exports repeated, 8 requests in flight). The figure is the
// kernel's high-water mark, VmHWM in /proc/<pid>/status: no sampling gaps. Not a test: a memory figure
// depends on the runtime (tsx, source maps) as much as on the code, like a speed figure on the machine.
//
//   npx tsx bench/memory/server-rss.ts

const LIMIT_MIB = 512;

function memoryOf(pid: number): { peak: number; now: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (name: string) =>
    Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { peak: kib('VmHWM') / 1024, now: kib('VmRSS') / 1024 };
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'gk-bench-rss-'));
const server = await startDemoServer({ dataDir, env: { GONGKAI_TRUST_PROXY: '127.0.0.1' } });
try {
  const idle = memoryOf(server.pid);
  const world = await openHttpFuzzWorld(server, dataDir);
  const ready = memoryOf(server.pid);
  const start = performance.now();
  const storm = await runStorm(server.baseUrl, stormRequests(world, 4), 8);
  const seconds = (performance.now() - start) / 1000;
  const after = memoryOf(server.pid);
  const verdict = after.peak <= LIMIT_MIB ? 'met' : '**missed**';
  console.log(
    `Run ${new Date().toISOString()}; load average ${loadavg()[0]?.toFixed(1)}; Node ${process.version}\n` +
      `- RSS idle after start ${ready.now.toFixed(0)} MiB (${idle.now.toFixed(0)} before the world was set up)\n` +
      `- storm: ${storm.requests} requests in ${seconds.toFixed(0)} s, 8 in flight, ${storm.serverErrors.length} answered 5xx\n` +
      `- VmHWM (peak RSS) ${after.peak.toFixed(0)} MiB, RSS after ${after.now.toFixed(0)} MiB; target ≤ ${LIMIT_MIB} MiB: ${verdict}`,
  );
} finally {
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
