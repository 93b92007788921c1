import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import Database from 'better-sqlite3';
import pg from 'pg';

// The machine a bench run measured: the figures mean nothing without it.

export interface Machine {
  nproc: number;
  cpu: string;
  ramGiB: number;
  node: string;
  sqlite: string;
  postgres: string;
  loadAtStart: string;
  /** MB/s of a bare charCodeAt pass over 10 MB of Chinese text: how much CPU this process gets now. */
  cpuCheck: number;
}

/** A bare charCodeAt pass (the matcher's floor; ~2,900 MB/s on an idle core here): the CPU share now. */
export function cpuCheck(): number {
  const text = '政府信息公开工作年度报告，2025年12月31日。'.repeat(400_000);
  const bytes = Buffer.byteLength(text);
  const times = [0, 1, 2].map(() => {
    const start = performance.now();
    let sum = 0;
    for (let i = 0; i < text.length; i++) sum = (sum + text.charCodeAt(i)) | 0;
    if (sum === 42) process.stderr.write('');
    return performance.now() - start;
  });
  const ms = [...times].sort((a, b) => a - b)[1] as number;
  return bytes / 1e6 / (ms / 1000);
}

/** The current 1/5/15-minute load averages. */
export const loadAverage = () =>
  loadavg()
    .map((n) => n.toFixed(1))
    .join(' / ');

function sqliteVersion(): string {
  const db = new Database(':memory:');
  try {
    return (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  } finally {
    db.close();
  }
}

async function postgresVersion(url: string | undefined): Promise<string> {
  if (!url?.startsWith('postgres')) return 'not used (no DATABASE_URL / TEST_DATABASE_URL)';
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const r = await client.query<{ v: string }>("SELECT current_setting('server_version') AS v");
    return r.rows[0]?.v ?? '?';
  } catch (e) {
    return `unreachable (${(e as Error).message})`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function describeMachine(pgUrl: string | undefined): Promise<Machine> {
  return {
    nproc: availableParallelism(),
    cpu: cpus()[0]?.model.trim() ?? '?',
    ramGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    sqlite: sqliteVersion(),
    postgres: await postgresVersion(pgUrl),
    loadAtStart: loadAverage(),
    cpuCheck: cpuCheck(),
  };
}
