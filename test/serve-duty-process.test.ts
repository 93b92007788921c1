import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { duties } from '../src/app/duties';
import { sqlitePathIn } from '../src/db/client';
import { type DemoServer, startDemoServer } from './helpers/demo-server';
import { createPostgresDatabase, type DbKind, testDatabases } from './helpers/test-context';

// `serve` with the default GONGKAI_DUTIES runs the scheduled duties in a `gongkai worker` it forks
// (src/app/duty-process.ts), never on its own event loop, where a heavy duty stalled the serving under
// load (BENCHMARKS.md, Soak and availability). The child is supervised: restarted when killed, stopped
// with the server, and gone by itself when the server is killed.

interface Claim {
  name: string;
  instance: string;
  outcome: string | null;
  message: string | null;
}

/** The duty_runs table of the server's database, read (and emptied) from outside the server. */
interface DutyRuns {
  claims(): Promise<Claim[]>;
  forget(): Promise<void>;
  close(): Promise<void>;
}

function sqliteRuns(dataDir: string): DutyRuns {
  const open = () => {
    const db = new Database(sqlitePathIn(dataDir), { fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    return db;
  };
  const use = <T>(work: (db: Database.Database) => T): T => {
    const db = open();
    try {
      return work(db);
    } finally {
      db.close();
    }
  };
  return {
    claims: async () =>
      use((db) => db.prepare('SELECT name, instance, outcome, message FROM duty_runs').all() as Claim[]),
    forget: async () => {
      use((db) => db.prepare('DELETE FROM duty_runs').run());
    },
    close: async () => {},
  };
}

async function postgresRuns(url: string): Promise<DutyRuns> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    claims: async () => (await client.query('SELECT name, instance, outcome, message FROM duty_runs')).rows,
    forget: async () => {
      await client.query('DELETE FROM duty_runs');
    },
    close: () => client.end(),
  };
}

/** The process state letter from /proc (R, S, Z…), or null when there is no such process. */
function processState(pid: number): string | null {
  const file = `/proc/${pid}/stat`;
  if (!existsSync(file)) return null;
  try {
    const stat = readFileSync(file, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0] ?? null;
  } catch {
    return null; // gone between the two looks
  }
}

/** Running, not gone and not a zombie waiting for a reaper (this machine's init may not reap). */
const isAlive = (pid: number) => {
  const state = processState(pid);
  return state !== null && state !== 'Z';
};

const commandLine = (pid: number) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);

/** The live `gongkai worker` children of a process (tsx's esbuild service is a child too). */
function dutyChildrenOf(parent: number): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(ppid) === parent && state !== 'Z' && commandLine(pid).at(-1) === 'worker') found.push(pid);
    } catch {
      // exited while we looked
    }
  }
  return found;
}

/** Polls until the probe answers something (not undefined or false). */
async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms = 45_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const onlyChildOf = (server: DemoServer) =>
  waitFor('the duty process', () => {
    const children = dutyChildrenOf(server.pid);
    return children.length === 1 ? children[0] : undefined;
  });

/** Waits until every duty has been claimed by `pid` and the inspection and gap check have finished. */
const allRunBy = (runs: DutyRuns, pid: number) =>
  waitFor(`every duty run by ${pid}`, async () => {
    const claims = (await runs.claims()).filter((c) => c.instance.includes(`:${pid}:`));
    const finished = (name: string) => claims.some((c) => c.name === name && c.outcome !== null);
    const all = new Set(claims.map((c) => c.name)).size === duties.length;
    return all && finished('inspection') && finished('gap-check') ? claims : undefined;
  });

describe.each(testDatabases())(
  'serve runs the duties in a supervised child process, on %s',
  (kind: DbKind) => {
    let dataDir: string;
    let env: Record<string, string>;
    let dropDatabase = async () => {};
    let runs: DutyRuns;
    let server: DemoServer;
    let child: number;
    const nodeOptions = ['--max-old-space-size=320'];
    const logged = (text: string) => server.log().includes(text);
    /** A line of the shared log written by the process `pid`, with `text` in it. */
    const loggedBy = (pid: number, text: string) =>
      server
        .log()
        .split('\n')
        .some((line) => line.includes(`"pid":${pid},`) && line.includes(text));

    beforeAll(async () => {
      dataDir = mkdtempSync(path.join(tmpdir(), 'gk-duty-process-'));
      env = { LOG_LEVEL: 'info' }; // the child's "worker started" line shows it shares the server's stdout
      if (kind === 'postgres') {
        const database = await createPostgresDatabase();
        dropDatabase = database.drop;
        env.DATABASE_URL = database.url;
      }
      server = await startDemoServer({ dataDir, env, nodeOptions });
      runs = kind === 'postgres' ? await postgresRuns(env.DATABASE_URL ?? '') : sqliteRuns(dataDir);
    }, 120_000);

    afterAll(async () => {
      await server?.stop();
      await runs?.close();
      await dropDatabase();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('forks the worker from the same script and node options, and every duty runs there, none in serve', async () => {
      child = await onlyChildOf(server);
      expect(commandLine(child)).toEqual([
        process.execPath,
        ...nodeOptions,
        path.resolve(import.meta.dirname, '../bin/gongkai.js'),
        'worker',
      ]);
      const claims = await allRunBy(runs, child);
      expect(claims.map((c) => c.name).sort()).toEqual(duties.map((d) => d.name).sort());
      const everyClaim = await runs.claims();
      expect(everyClaim.filter((c) => c.instance.includes(`:${server.pid}:`))).toEqual([]);
      const inspection = claims.find((c) => c.name === 'inspection');
      expect(inspection?.outcome).toBe('ok');
      expect(inspection?.message).toMatch(/^全站检查完成：得分 \d+/);
      expect(claims.find((c) => c.name === 'gap-check')?.outcome).toBe('ok');
      await waitFor('the child log line', () =>
        loggedBy(child, '"childOfServe":true,"msg":"定时任务进程已启动'),
      );
    }, 90_000);

    it('logs a killed child and restarts it, and the new one runs the duties', async () => {
      process.kill(child, 'SIGKILL');
      await runs.forget(); // the restart waits a second: the new child then claims every slot afresh
      await waitFor('the logged exit', () =>
        logged(`"dutyPid":${child},"code":null,"signal":"SIGKILL","restartInMs":1000`),
      );
      expect(server.log()).toMatch(/"level":50[^\n]*"dutyPid":\d+[^\n]*duty process exited unexpectedly/);
      const restarted = await onlyChildOf(server);
      expect(restarted).not.toBe(child);
      expect(isAlive(child)).toBe(false);
      await allRunBy(runs, restarted);
      expect((await fetch(`${server.baseUrl}/healthz`)).status).toBe(200);
      child = restarted;
    }, 90_000);

    it('stops the child before it exits on SIGTERM', async () => {
      expect(isAlive(child)).toBe(true);
      await server.stop();
      expect(isAlive(child)).toBe(false); // at once: serve waited for it
      await waitFor('the child to log its stop', () =>
        loggedBy(child, '"reason":"SIGTERM","msg":"worker stopping"'),
      );
      expect(server.log().match(/duty process exited unexpectedly/g)).toHaveLength(1); // the kill above only
    }, 30_000);

    it('leaves no child behind when it is killed: the child exits by itself', async () => {
      server = await startDemoServer({ dataDir, env, nodeOptions }); // the same data: no demo load this time
      child = await onlyChildOf(server);
      await server.kill();
      await waitFor('the orphaned child to exit', () => (isAlive(child) ? undefined : true), 10_000);
      await waitFor('the child to log why', () =>
        loggedBy(child, '"reason":"serve is gone","msg":"worker stopping"'),
      );
    }, 90_000);
  },
);
