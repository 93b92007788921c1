import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import { sqlitePathIn } from '../../src/db/client';
import { benchQueries } from '../search/queries';
import { startBenchServer } from './bench-server';
import { drive, type ScenarioResult } from './drive';
import { secondsToRecover } from './recovery';
import { searchDataDir } from './search-corpus';

// Search over HTTP on 100,000 items (the cached folder of search-corpus.ts): the fixed query set of
// bench/search (the commonest terms 的 工作 通知 政府 政府信息公开, two-term ANDs, …), asked in turn
// on the portal page and the JSON API. Warm: repeated queries are answered from the result cache.
// The fixed-rate rows are paced evenly (paced.ts); two of them publish a document into the index every
// 10 s and every second from a process of their own (publisher.ts) — another instance, as far as the
// server knows, and rates far beyond a district's. Each is a generated document like the corpus's (so it
// holds 的, 工作 and the like): the cached results its text can enter are rebuilt from their patched
// match sets, the others kept (src/search/result-cache.ts).
// Cold: this process bumps the index's generation every 2 ms without logging what changed, which
// empties the server's cache each time, so (nearly) every search runs against the index.

const DOCS = 100_000;

function searchPaths(): string[] {
  return benchQueries.flatMap(({ q }) => [
    `/search?q=${encodeURIComponent(q)}`,
    `/api/v1/search?q=${encodeURIComponent(q)}`,
  ]);
}

/** Empties the server's cache every `everyMs` until stopped: a generation bump with no change logged. */
function startTicking(dataDir: string, everyMs: number): () => void {
  const db = new Database(sqlitePathIn(dataDir));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF'); // this connection only: the ticks need no fsync
  const tick = db.prepare('UPDATE search_generation SET generation = generation + 1 WHERE id = 1');
  const timer = setInterval(() => tick.run(), everyMs);
  return () => {
    clearInterval(timer);
    db.close();
  };
}

/** Publishes a generated document into the index every `everyMs` from another process (publisher.ts). */
async function startPublishing(dataDir: string, everyMs: number): Promise<() => Promise<void>> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'bench/load/publisher.ts', dataDir, String(everyMs)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  await new Promise<void>((resolve, reject) => {
    child.stdout?.once('data', () => resolve());
    exited.then((code) => reject(new Error(`publisher exited with ${code}`)));
  });
  return async () => {
    child.kill('SIGTERM');
    const code = await exited;
    if (code !== 0) throw new Error(`publisher exited with ${code}`);
  };
}

/** Runs the search scenarios on their own server; returns the rows for the report. */
export async function searchScenarios(
  seconds: number,
  headers: Record<string, string>,
  env: Record<string, string>,
) {
  const dataDir = await searchDataDir(DOCS);
  const { server, loopDelay } = await startBenchServer({ dataDir, env });
  const base = server.baseUrl;
  const paths = searchPaths();
  const rows: Array<{ result: ScenarioResult; note: string }> = [];
  const at = (name: string, connections: number, rate?: number) => ({
    serverPid: server.pid,
    loopDelay,
    name,
    url: `${base}/search`,
    connections,
    seconds,
    headers,
    paths,
    ...(rate ? { rate } : {}),
  });
  try {
    for (const p of paths) await (await fetch(`${base}${p}`, { headers })).arrayBuffer(); // warm the cache once
    rows.push({
      result: await drive(at('search 100k, warm (10 connections)', 10)),
      note: `${paths.length} paths in turn`,
    });
    rows.push({
      result: await drive(at('search 100k, warm, 300 req/s offered', 50, 300)),
      note: 'evenly paced',
    });
    const stopEmptying = startTicking(dataDir, 10_000);
    try {
      rows.push({
        result: await drive(at('search 100k, 300 req/s offered, the cache emptied every 10 s', 50, 300)),
        note: 'evenly paced; what each publication did before the change log',
      });
    } finally {
      stopEmptying();
    }
    for (const everySeconds of [10, 1]) {
      const stopPublishing = await startPublishing(dataDir, everySeconds * 1000);
      try {
        const name = `search 100k, 300 req/s offered, a publication every ${everySeconds} s`;
        rows.push({
          result: await drive(at(name, 50, 300)),
          note: 'evenly paced; each patches the match sets it enters, the results are rebuilt',
        });
      } finally {
        await stopPublishing();
      }
    }
    const stop = startTicking(dataDir, 2);
    try {
      const cold = await drive(at('search 100k, cold (2 connections)', 2));
      rows.push({ result: cold, note: 'an index write every 2 ms defeats the cache' });
      const overload = await drive(at('search 100k, cold, 4× connections (8)', 8));
      const probe = `${base}/search?q=${encodeURIComponent('政府')}`;
      const recovery = await secondsToRecover(probe, headers, 100);
      rows.push({ result: overload, note: `back to normal ${recovery.toFixed(1)} s after the load stopped` });
    } finally {
      stop();
    }
    if ((await fetch(`${base}/healthz`)).status !== 200) throw new Error('search server down after the run');
  } finally {
    await server.stop();
  }
  return rows;
}
