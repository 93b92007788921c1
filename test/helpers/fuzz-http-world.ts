import Database from 'better-sqlite3';
import { DEMO_PASSWORD } from '../../src/app/demo-data';
import { sqlitePathIn } from '../../src/db/client';
import type { FuzzRole, FuzzSeed } from '../fixtures/route-fuzz';
import type { DemoServer } from './demo-server';
import { dutiesFinished } from './duty-runs';
import { multipartBody, PDF } from './fuzz-payloads';
import { HttpSession, newDraftOverHttp, signInOverHttp } from './http-session';

// The fuzz world of test/fixtures/route-fuzz.ts on a real server process (`gongkai serve` on demo content,
// test/helpers/demo-server.ts), reached over real HTTP only: every role of the table signed in with its
// cookies and CSRF token, and the records the path parameters name — the demo content's, plus a spare
// agency and two items with attachments made through the back office. The ids are read from the
// server's SQLite file, read-only. Used by test/fuzz-server-rss.test.ts (security.md T6, RSS ≤ 512 MB).

/** What a request of a role carries: its cookies and a CSRF token that matches them. */
export interface RoleSession {
  cookie: string;
  csrf: string;
}

export interface HttpFuzzWorld {
  seeds: Record<FuzzSeed, string>;
  sessions: Map<FuzzRole, RoleSession>;
}

/** The size of the published attachment whose download is one of the heavy GETs of the storm. */
export const PUBLISHED_ATTACHMENT_BYTES = 15 * 1_048_576;

// Demo accounts by role of the fuzz table. jxj.chief and jxj.leader review the published item first;
// then jxj.chief is the account signed in with its password only and jxj.leader is the account the
// user and role screens change (spareUserId). scjgj.editor never enrols: it is the enrolling one.
const signedIn: [FuzzRole, string][] = [
  ['sysadmin', 'sysadmin'],
  ['secadmin', 'secadmin'],
  ['auditor', 'auditor'],
  ['zfb.supervisor', 'zfb.supervisor'],
  ['jxj.editor', 'jxj.editor'],
  ['jxj.office', 'jxj.office'],
  ['spare', 'czj.editor'],
];

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

async function roleSession(s: HttpSession, tokenPage: string): Promise<RoleSession> {
  const csrf = csrfOf((await s.get(tokenPage)).html);
  if (!csrf) throw new Error(`no CSRF token on ${tokenPage}`);
  return { cookie: s.cookieHeader(), csrf };
}

/** Signs in with the password only: the session then waits for the second factor or the enrolment. */
async function passwordOnly(baseUrl: string, username: string, next: string): Promise<RoleSession> {
  const s = new HttpSession(baseUrl);
  await s.get('/admin/login');
  const login = await s.post('/admin/login', { username, password: DEMO_PASSWORD });
  if (!login.location?.endsWith(next)) throw new Error(`${username}: ${login.status} → ${login.location}`);
  return roleSession(s, next);
}

/** A draft of jxj's 动态 column with one PDF attachment of `bytes`, made by the editor; returns its id. */
async function draftWithAttachment(
  baseUrl: string,
  editor: HttpSession,
  columnId: string,
  title: string,
  bytes: number,
): Promise<string> {
  const itemPath = `/admin/items/${await newDraftOverHttp(editor, columnId, title)}`;
  const { cookie, csrf } = await roleSession(editor, itemPath);
  const file = Buffer.concat([PDF, Buffer.alloc(bytes - PDF.length, 0x20)]);
  const body = multipartBody([
    { name: '_csrf', value: csrf },
    { name: 'files', value: file, filename: '附件.pdf' },
  ]);
  const uploaded = await fetch(`${baseUrl}${itemPath}/attachments`, {
    method: 'POST',
    headers: { cookie, 'content-type': body.type },
    body: body.payload,
    redirect: 'manual',
  });
  if (uploaded.status !== 303) throw new Error(`attachment refused: ${uploaded.status}`);
  return itemPath.split('/')[3] as string;
}

/** Signs every role of the fuzz table in and makes the records the route parameters name. */
export async function openHttpFuzzWorld(server: DemoServer, dataDir: string): Promise<HttpFuzzWorld> {
  const { baseUrl } = server;
  const totp = new Map<string, string>();
  const db = new Database(sqlitePathIn(dataDir), { readonly: true, fileMustExist: true });
  const one = (query: string, ...params: unknown[]): string => {
    const row = db.prepare(query).get(...params) as Record<string, string> | undefined;
    const value = row ? Object.values(row)[0] : undefined;
    if (!value) throw new Error(`no record for: ${query}`);
    return value;
  };
  try {
    const sessions = new Map<FuzzRole, RoleSession>();
    const http = new Map<string, HttpSession>();
    for (const [role, username] of signedIn) {
      const s = await signInOverHttp(baseUrl, username, DEMO_PASSWORD, totp);
      http.set(username, s);
      sessions.set(role, await roleSession(s, '/admin'));
    }
    const jxj = one(`SELECT id FROM agencies WHERE code = 'jxj'`);
    const editor = http.get('jxj.editor') as HttpSession;

    // The items: a draft with an attachment, and an item published through its three review steps
    // whose attachment is large enough that downloading it is a heavy request.
    const news = one(`SELECT id FROM columns WHERE agency_id = ? AND slug = 'news'`, jxj);
    const draftId = await draftWithAttachment(baseUrl, editor, news, '模糊测试草稿通知', 2_048);
    const publicId = await draftWithAttachment(
      baseUrl,
      editor,
      news,
      '模糊测试大附件通知',
      PUBLISHED_ATTACHMENT_BYTES,
    );
    await editor.get(`/admin/items/${publicId}`);
    if ((await editor.post(`/admin/items/${publicId}/submit`, {})).status !== 303)
      throw new Error('submission refused');
    for (const reviewer of ['jxj.chief', 'jxj.office', 'jxj.leader']) {
      const s = http.get(reviewer) ?? (await signInOverHttp(baseUrl, reviewer, DEMO_PASSWORD, totp));
      await s.get(`/admin/items/${publicId}`);
      const step = await s.post(`/admin/items/${publicId}/review`, {
        decision: 'approve',
        opinion: '同意',
        secrecyChecked: '1',
      });
      if (step.status !== 303) throw new Error(`review of ${reviewer} refused: ${step.status}`);
    }

    // The spare agency, as the fuzz world of app.inject has it (fuzz-world.ts).
    const sysadmin = http.get('sysadmin') as HttpSession;
    await sysadmin.get('/admin/agencies');
    const agency = await sysadmin.post('/admin/agencies', {
      code: 'fuzzag',
      name: '模糊测试专用机构',
      shortName: '模糊测试',
      kind: 'department',
    });
    if (agency.status !== 303) throw new Error(`spare agency refused: ${agency.status}`);

    sessions.set('password-only', await passwordOnly(baseUrl, 'jxj.chief', '/admin/2fa'));
    sessions.set('enrolling', await passwordOnly(baseUrl, 'scjgj.editor', '/admin/2fa/enroll'));
    sessions.set('public', await roleSession(new HttpSession(baseUrl), '/apply/track'));

    // The records below come from the inspection and the gap check the duty process runs at start.
    await dutiesFinished(db, ['inspection', 'gap-check']);
    const ofJxj = (table: string, extra = '', ...params: unknown[]) =>
      one(`SELECT id FROM ${table} WHERE agency_id = ? ${extra} ORDER BY id`, jxj, ...params);
    const application = ofJxj('applications');
    const task = ofJxj('key_tasks');
    const seeds: Record<FuzzSeed, string> = {
      agencyCode: 'jxj',
      columnSlug: 'news',
      publicItemId: publicId,
      draftItemId: draftId,
      spareItemId: ofJxj('items', `AND status = 'published' AND visibility = 'public' AND id != ?`, publicId),
      normativeItemId: one(`SELECT item_id FROM normative_documents WHERE agency_id = ?`, jxj),
      attachmentId: one(`SELECT id FROM attachments WHERE item_id = ?`, publicId),
      draftAttachmentId: one(`SELECT id FROM attachments WHERE item_id = ?`, draftId),
      publishedLetterId: ofJxj('mailbox_letters', 'AND published_at IS NOT NULL'),
      applicationId: application,
      applicationLetterId: one(`SELECT id FROM application_letters WHERE application_id = ?`, application),
      mailboxLetterId: ofJxj('mailbox_letters', 'AND published_at IS NULL'),
      spareAgencyId: one(`SELECT id FROM agencies WHERE code = 'fuzzag'`),
      jxjAgencyId: jxj,
      spareUserId: one(`SELECT id FROM users WHERE username = 'jxj.leader'`),
      subjectId: one('SELECT id FROM subjects ORDER BY id'),
      letterTemplateKey: 'receipt',
      inspectionRuleId: one('SELECT id FROM column_freshness_rules ORDER BY id'),
      thresholdKey: one('SELECT key FROM inspection_thresholds ORDER BY key'),
      // The inspection the server's duty process ran as it started (its duties tick at once).
      inspectionId: one('SELECT id FROM inspections ORDER BY started_at'),
      rectificationId: ofJxj('rectification_tasks'),
      wordingRuleId: one('SELECT id FROM wording_rules ORDER BY id'),
      wordingAllowId: one('SELECT id FROM wording_allow ORDER BY id'),
      keyTaskItemId: one('SELECT item_id FROM key_tasks WHERE id = ?', task),
      keyTaskId: task,
      evidenceId: one('SELECT id FROM key_task_evidence WHERE task_id = ?', task),
      staffId: ofJxj('disclosure_staff'),
      meetingId: ofJxj('officer_meetings'),
      gapCheckId: ofJxj('gap_check_reports'),
      reportId: ofJxj('annual_reports'),
      sitemapPage: '1',
    };
    return { seeds, sessions };
  } finally {
    db.close();
  }
}
