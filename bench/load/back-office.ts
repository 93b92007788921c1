import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { DEMO_PASSWORD } from '../../src/app/demo-data';
import { sqlitePathIn } from '../../src/db/client';
import { multipartBody, PDF } from '../../test/helpers/fuzz-payloads';
import { newDraftOverHttp, signInOverHttp } from '../../test/helpers/http-session';
import { drive, type Scenario, type ScenarioResult } from './drive';
import type { LoopDelayProbe } from './loop-delay';

// The back-office rows of security.md T1, on the load bench's demo server, signed in over HTTP with
// password and TOTP as staff are:
// - the review queue: jxj's level-1 reviewer (jxj.chief) opening 信息管理 (/admin/items), which lists
//   the items waiting for their review (pendingReviewsFor) above a page of 50 of the agency's items; target
//   ≥ 100 req/s, p99 ≤ 300 ms;
// - 1 MB uploads at 10 connections: jxj's editor attaching a 1 MB PDF to a draft again and again
//   (/admin/items/:id/attachments, multipart, streamed to a temporary file, checked, then stored);
//   target ≥ 20/s, p99 ≤ 1 s, the server's RSS ≤ 300 MB throughout. Every upload answered 303 must be
//   stored once: the attachments the draft gained are counted against the 303s.

export interface BackOfficeRow {
  result: ScenarioResult;
  note: string;
}

interface Server {
  baseUrl: string;
  pid: number;
  dataDir: string;
  loopDelay: LoopDelayProbe;
}

const ITEMS_IN_REVIEW = 40;
const UPLOAD_BYTES = 1_048_576;
const RSS_EVERY_MS = 100;
const UPLOAD_WARM_UP_SECONDS = 5;
const UPLOADS_PER_SECOND_OF_RUN = 100;

/** Resident memory of a process now, in MiB. */
function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? Number.NaN) / 1024;
}

/** Runs a scenario while sampling the server's RSS; returns the result and the highest sample. */
async function withPeakRss(pid: number, run: () => Promise<ScenarioResult>) {
  let peak = rssMiB(pid);
  const timer = setInterval(() => {
    peak = Math.max(peak, rssMiB(pid));
  }, RSS_EVERY_MS);
  try {
    return { result: await run(), peakMiB: peak };
  } finally {
    clearInterval(timer);
  }
}

export async function backOfficeRows(
  server: Server,
  seconds: number,
  warmUpSeconds: number,
): Promise<BackOfficeRow[]> {
  const { baseUrl, pid, loopDelay } = server;
  const totp = new Map<string, string>();
  const db = new Database(sqlitePathIn(server.dataDir), { readonly: true, fileMustExist: true });
  try {
    const value = (query: string, ...params: unknown[]) =>
      Object.values(db.prepare(query).get(...params) as Record<string, string | number>)[0];
    const jxj = value(`SELECT id FROM agencies WHERE code = 'jxj'`);
    const news = String(value(`SELECT id FROM columns WHERE agency_id = ? AND slug = 'news'`, jxj));
    const editor = await signInOverHttp(baseUrl, 'jxj.editor', DEMO_PASSWORD, totp);
    const chief = await signInOverHttp(baseUrl, 'jxj.chief', DEMO_PASSWORD, totp);

    // The queue: drafts submitted for review, waiting for jxj.chief's first step.
    for (let i = 1; i <= ITEMS_IN_REVIEW; i++) {
      const id = await newDraftOverHttp(editor, news, `压力测试待审稿件第${i}号`);
      await editor.get(`/admin/items/${id}`);
      if ((await editor.post(`/admin/items/${id}/submit`, {})).status !== 303)
        throw new Error('submission for review refused');
    }
    const queuePage = await chief.get('/admin/items');
    const waiting = (queuePage.html.match(/压力测试待审稿件第/g) ?? []).length;
    if (queuePage.status !== 200 || waiting < ITEMS_IN_REVIEW)
      throw new Error(`the review queue shows ${waiting} of the ${ITEMS_IN_REVIEW} waiting items`);
    const queue: Scenario = {
      name: 'back office: review queue, level-1 reviewer (50 connections)',
      url: `${baseUrl}/admin/items`,
      connections: 50,
      seconds,
      warmUpSeconds,
      headers: { cookie: chief.cookieHeader() },
      serverPid: pid,
      loopDelay,
    };
    const queueResult = await drive(queue);
    const rows: BackOfficeRow[] = [
      {
        result: queueResult,
        note: `${value(`SELECT count(*) FROM items WHERE status = 'in_review'`)} items in review; page ${(queuePage.html.length / 1024).toFixed(0)} KB`,
      },
    ];

    // The uploads: one draft gains a 1 MB PDF per request.
    const draft = await newDraftOverHttp(editor, news, '压力测试附件上传');
    const csrf = /name="_csrf" value="([^"]+)"/.exec((await editor.get(`/admin/items/${draft}`)).html)?.[1];
    if (!csrf) throw new Error('no CSRF token on the draft page');
    const body = multipartBody([
      { name: '_csrf', value: csrf },
      {
        name: 'files',
        value: Buffer.concat([PDF, Buffer.alloc(UPLOAD_BYTES - PDF.length, 0x20)]),
        filename: '附件.pdf',
      },
    ]);
    const attachments = () => Number(value('SELECT count(*) FROM attachments WHERE item_id = ?', draft));
    const uploads: Scenario = {
      name: 'back office: 1 MB upload (10 connections)',
      url: `${baseUrl}/admin/items/${draft}/attachments`,
      connections: 10,
      seconds,
      // A fixed number, every answer awaited: the uploads stored can then be checked against the 303s
      // exactly (a timed run stops with uploads in flight that the server completes and stores).
      requests: UPLOADS_PER_SECOND_OF_RUN * seconds,
      method: 'POST',
      headers: { cookie: editor.cookieHeader(), 'content-type': body.type },
      body: body.payload,
      servedStatus: 303,
      serverPid: pid,
      loopDelay,
    };
    // Warm-up: a run of its own (a fixed number of uploads, every one answered before counting).
    await drive({
      ...uploads,
      name: 'warm-up',
      requests: UPLOADS_PER_SECOND_OF_RUN * UPLOAD_WARM_UP_SECONDS,
    });
    const before = attachments();
    const rssBefore = rssMiB(pid);
    const upload = await withPeakRss(pid, () => drive(uploads));
    const stored = attachments() - before;
    rows.push({
      result: upload.result,
      note: `${stored} stored for ${upload.result.ok} acknowledged; server RSS ${rssBefore.toFixed(0)} MiB before, peak ${upload.peakMiB.toFixed(0)} MiB (target ≤ 300)`,
    });
    return rows;
  } finally {
    db.close();
  }
}
