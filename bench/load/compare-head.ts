import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { freePort, startDemoServer } from '../../test/helpers/demo-server';
import { freshDemoFolder } from './demo-folder';
import { drive } from './drive';
import { pidListeningOn } from './server-cpu';

// One-off: item page CPU per answer, this tree against a checkout of HEAD in HEAD_DIR, alternating.
const HEAD_DIR = process.argv[2] ?? '/tmp/gk-head';
const BROWSER = {
  'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/126 Safari/537.36',
};

async function startHead(dataDir: string) {
  const port = await freePort();
  const child = spawn(process.execPath, ['bin/gongkai.js', 'serve'], {
    cwd: HEAD_DIR,
    env: {
      ...process.env,
      GONGKAI_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      GONGKAI_DEMO: '1',
      NODE_ENV: 'development',
    },
    stdio: 'ignore',
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  return { base, pid: pidListeningOn(port), stop: () => child.kill('SIGTERM') };
}

const dirs = [await freshDemoFolder(), await freshDemoFolder()];
const head = await startHead(dirs[0] as string);
const now = await startDemoServer({ dataDir: dirs[1] });
const nowPid = pidListeningOn(Number(new URL(now.baseUrl).port));
const html = await (await fetch(`${now.baseUrl}/agencies/jxj`)).text();
const itemPath = /\/items\/[\w-]+/.exec(html)?.[0];
for (let round = 1; round <= 3; round++) {
  for (const [name, base, pid] of [
    ['HEAD', head.base, head.pid],
    ['this tree', now.baseUrl, nowPid],
  ] as const) {
    const r = await drive({
      name,
      url: `${base}${itemPath}`,
      connections: 50,
      seconds: 10,
      headers: BROWSER,
      serverPid: pid,
    });
    console.log(
      `round ${round} ${name}: ${r.requestsPerSecond.toFixed(0)} req/s, p99 ${r.p99} ms, ${r.cpuMicros.toFixed(0)} µs CPU/answer, ${r.ok} ok`,
    );
  }
}
head.stop();
await now.stop();
for (const d of dirs) rmSync(d as string, { recursive: true, force: true });
