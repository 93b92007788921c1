import Database from 'better-sqlite3';
import { personApplication } from './application-fixtures';
import { type FormSession, openForm, postForm, trackingNumberOn } from './portal-forms';

// Writers for the fault tests (security.md T3, T5): each posts applications to a real server process
// until told to stop or the connection is cut, recording every submission the server acknowledged
// (tracking number → its unique description).

export interface Burst {
  acknowledged: Map<string, string>;
  /** Stops the writers and waits until each has finished its last request. */
  stop(): Promise<void>;
  /** Resolves when every writer has ended (stopped, or cut off by a killed server). */
  done: Promise<void>;
}

/** Posts applications until stopped or the server dies; a refusal (not a cut connection) fails loudly. */
async function writer(
  baseUrl: string,
  at: { round: number; w: number },
  acknowledged: Map<string, string>,
  stopped: () => boolean,
) {
  let session: FormSession;
  try {
    session = await openForm(baseUrl, '/apply/jxj');
  } catch {
    return; // killed before this writer started
  }
  for (let n = 0; !stopped(); n++) {
    const description = `请公开故障测试材料 第${at.round}轮 第${at.w}号 第${n}件`;
    let posted: { status: number; html: string };
    try {
      const ip = `10.${at.round % 250}.${at.w % 250}.${n % 250}`;
      posted = await postForm(baseUrl, '/apply/jxj', session, personApplication({ description }), ip);
    } catch {
      return; // connection cut by a kill: unacknowledged
    }
    if (posted.status !== 200) throw new Error(`status ${posted.status}: ${posted.html.slice(0, 300)}`);
    const tracking = trackingNumberOn(posted.html);
    if (!tracking) throw new Error(`acknowledged without a tracking number: ${posted.html.slice(0, 300)}`);
    acknowledged.set(tracking, description);
  }
}

/** Starts `count` writers tagged `round`, sharing one map of acknowledged submissions. */
export function startBurst(
  baseUrl: string,
  round: number,
  count: number,
  acknowledged = new Map<string, string>(),
): Burst {
  let stopped = false;
  const writers = Array.from({ length: count }, (_, w) =>
    writer(baseUrl, { round, w }, acknowledged, () => stopped),
  );
  const done = Promise.all(writers).then(() => undefined);
  return {
    acknowledged,
    done,
    stop: async () => {
      stopped = true;
      await done;
    },
  };
}

/** The server settings the bursts need: many posts per address, no holding queue, addresses from the proxy header. */
export const burstServerEnv = {
  GONGKAI_TRUST_PROXY: '127.0.0.1',
  GONGKAI_PUBLIC_POSTS_PER_MINUTE: '100000',
  GONGKAI_APPLICATION_HOLD_PER_HOUR: '100000',
};

/**
 * Reads a SQLite database the bursts wrote to and returns what is wrong, for a test to expect empty:
 * its integrity and foreign-key checks, acknowledged submissions missing or altered, and stored ones
 * half-written (without the history written in the same transaction: submitted, then held or received
 * with a due date).
 */
export function burstDamage(sqliteFile: string, acknowledged: Map<string, string>) {
  const db = new Database(sqliteFile, { readonly: true });
  try {
    const rows = db
      .prepare("SELECT tracking_number, description FROM applications WHERE description LIKE '%故障测试%'")
      .all() as { tracking_number: string; description: string }[];
    const stored = new Map(rows.map((r) => [r.tracking_number, r.description]));
    const halfWritten = db
      .prepare(
        `SELECT a.tracking_number FROM applications a
         WHERE a.description LIKE '%故障测试%' AND (NOT EXISTS (SELECT 1 FROM application_events e
                           WHERE e.application_id = a.id AND e.kind = 'submitted')
            OR (a.held_reason IS NULL AND (a.due_on IS NULL OR NOT EXISTS (
                 SELECT 1 FROM application_events e WHERE e.application_id = a.id AND e.kind = 'received'))))`,
      )
      .all();
    return {
      integrity: db.pragma('integrity_check', { simple: true }),
      foreignKeys: db.pragma('foreign_key_check'),
      lost: [...acknowledged].filter(([t, d]) => stored.get(t) !== d),
      halfWritten,
    };
  } finally {
    db.close();
  }
}

/** What burstDamage returns for an undamaged database. */
export const noDamage = { integrity: 'ok', foreignKeys: [], lost: [], halfWritten: [] };
