import type Database from 'better-sqlite3';

// Waiting for the duty process a server forks at boot (src/app/duty-process.ts) to finish some of its
// duties once, read from its SQLite file: the records they make (an inspection's findings, say) or the
// core they take (a whole-site inspection of a large site) must be there, or be gone, before a test or a
// bench goes on.

/** Resolves when every named duty has a successful run in duty_runs; throws after `timeoutMs`. */
export async function dutiesFinished(
  db: Database.Database,
  names: string[],
  timeoutMs = 60_000,
): Promise<void> {
  const finished = db.prepare(
    'SELECT count(DISTINCT name) AS n FROM duty_runs WHERE outcome = ? AND name IN (SELECT value FROM json_each(?))',
  );
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; ) {
    if ((finished.get('ok', JSON.stringify(names)) as { n: number }).n === names.length) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the duty process did not finish ${names.join(', ')} within ${timeoutMs / 1000} s`);
}
