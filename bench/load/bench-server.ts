import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type DemoServer, type DemoServerOptions, startDemoServer } from '../../test/helpers/demo-server';
import { type LoopDelayProbe, loopDelayProbe } from './loop-delay';

// The server under load, as security.md T1 has it and as deployed: the production build (`node
// dist/gongkai.js serve`, built here once per run with `npm run build:bundle`) under the heap cap of
// deploy/gongkai@.service, with the event-loop delay probe preloaded (loop-delay-probe.mjs). Without
// the cap V8 lets garbage pile up on a large machine, and the RSS says more about the machine than
// about the server. The probe's file goes when the server stops.

const repoRoot = path.resolve(import.meta.dirname, '../..');
let built = false;

/** The heap cap of the deployment unit, e.g. `--max-old-space-size=320`. */
export function deployedHeapCap(): string {
  const unit = readFileSync(path.join(repoRoot, 'deploy/gongkai@.service'), 'utf8');
  const cap = /--max-old-space-size=\d+/.exec(unit)?.[0];
  if (!cap) throw new Error('deploy/gongkai@.service sets no --max-old-space-size');
  return cap;
}

export async function startBenchServer(
  options: DemoServerOptions,
): Promise<{ server: DemoServer; loopDelay: LoopDelayProbe }> {
  if (!built) {
    execFileSync('npm', ['run', 'build:bundle', '--silent'], { cwd: repoRoot, stdio: 'inherit' });
    built = true;
  }
  const file = path.join(tmpdir(), `gk-loop-delay-${process.pid}-${Date.now()}.json`);
  const server = await startDemoServer({
    entry: 'dist/gongkai.js',
    ...options,
    env: { ...options.env, GONGKAI_BENCH_LOOP_DELAY_FILE: file },
    nodeOptions: [
      deployedHeapCap(),
      ...(options.nodeOptions ?? []),
      '--import',
      path.join(import.meta.dirname, 'loop-delay-probe.mjs'),
    ],
  });
  const stop = server.stop;
  server.stop = async () => {
    await stop();
    rmSync(file, { force: true });
  };
  return { server, loopDelay: loopDelayProbe(server.pid, file) };
}
