import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './demo-server';

// A throwaway PostgreSQL cluster of a test's own (issue 8, "PostgreSQL restart during a burst"): the
// shared server on 5432 must never be stopped, so a fault test that restarts PostgreSQL initdb's
// its own in a temporary folder, on a free port, with its socket in that folder. initdb and postgres
// refuse to run as root, so as root (CI) they run as the `postgres` OS user.

const run = promisify(execFile);

/** The newest installed PostgreSQL's bin folder (Debian: /usr/lib/postgresql/<major>/bin). */
function postgresBin(): string {
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(path.join(root, v, 'bin', 'pg_ctl')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (!majors[0]) throw new Error(`no PostgreSQL binaries under ${root}`);
  return path.join(root, majors[0], 'bin');
}

export interface PgCluster {
  /** postgres:// URL of the cluster's `gongkai` database. */
  url: string;
  /** Stops PostgreSQL (`fast`: clients told; `immediate`: killed, crash recovery on start), waits
   * `downMs`, starts it again; resolves when it accepts connections, with when it went down and up. */
  restart(mode: 'fast' | 'immediate', downMs: number): Promise<{ downAt: number; upAt: number }>;
  /** Stops the cluster and deletes its folder. */
  remove(): Promise<void>;
}

/** initdb's, starts and creates the `gongkai` database of a fresh cluster on 127.0.0.1. */
export async function startPgCluster(): Promise<PgCluster> {
  const bin = postgresBin();
  const dir = mkdtempSync(path.join(tmpdir(), 'gk-pg-'));
  const data = path.join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const pgRun = (tool: string, args: string[]) =>
    asRoot
      ? run('runuser', ['-u', 'postgres', '--', path.join(bin, tool), ...args], { cwd: dir })
      : run(path.join(bin, tool), args, { cwd: dir });
  const port = await freePort();
  const pgCtl = (...args: string[]) => pgRun('pg_ctl', ['-D', data, '-w', '-t', '60', ...args]);
  const start = () =>
    pgCtl(
      'start',
      '-l',
      path.join(dir, 'server.log'),
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c shared_buffers=16MB -c max_connections=40`,
    );
  let running = false;
  const remove = async () => {
    if (running) await pgCtl('stop', '-m', 'immediate').catch(() => {});
    running = false;
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await pgRun('initdb', [
      '-D',
      data,
      '-U',
      'postgres',
      '-A',
      'trust',
      '-E',
      'UTF8',
      '--locale=C',
      '--no-sync',
    ]);
    await start();
    running = true;
    await pgRun('createdb', ['-h', dir, '-p', String(port), '-U', 'postgres', 'gongkai']);
  } catch (error) {
    await remove();
    throw error;
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/gongkai`,
    remove,
    restart: async (mode, downMs) => {
      await pgCtl('stop', '-m', mode);
      const downAt = Date.now();
      await new Promise((r) => setTimeout(r, downMs));
      await start();
      return { downAt, upAt: Date.now() };
    },
  };
}
