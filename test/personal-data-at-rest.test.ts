import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personApplication } from './helpers/application-fixtures';
import { runGongkai } from './helpers/cli';
import { type DemoServer, startDemoServer } from './helpers/demo-server';
import { letterFields } from './helpers/mailbox-fixtures';
import { openForm, postForm, trackingNumberOn } from './helpers/portal-forms';

// Personal data at rest and on show (security.md T17, issue 8): applications carry canary identity and
// mobile numbers, letters to the mailbox a canary mobile number; afterwards no file in the data folder (database, its -wal), no backup, no log line
// and no public page may hold either in plain text, UTF-16LE or base64.

const CANARY_ID = '330106198505177319'; // valid check digit, so the form accepts it
const CANARY_PHONE = '13957146288';

/** The byte patterns a careless store would leave: plain UTF-8, UTF-16LE and base64 of each canary. */
function canaryPatterns(): { label: string; bytes: Buffer }[] {
  return [CANARY_ID, CANARY_PHONE].flatMap((canary) => [
    { label: `${canary} (utf-8)`, bytes: Buffer.from(canary, 'utf8') },
    { label: `${canary} (utf-16le)`, bytes: Buffer.from(canary, 'utf16le') },
    { label: `${canary} (base64)`, bytes: Buffer.from(Buffer.from(canary).toString('base64').slice(0, 16)) },
  ]);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

/** Every canary pattern found in the named blobs, as "where: pattern". */
function canariesIn(blobs: { where: string; bytes: Buffer }[]): string[] {
  return blobs.flatMap(({ where, bytes }) =>
    canaryPatterns()
      .filter((p) => bytes.includes(p.bytes))
      .map((p) => `${where}: ${p.label}`),
  );
}

describe('personal data never lies in plain text (security.md T17)', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gk-canary-'));
  const backupFile = path.join(mkdtempSync(path.join(tmpdir(), 'gk-canary-backup-')), 'backup.sqlite');
  let server: DemoServer;
  const pages: { where: string; bytes: Buffer }[] = [];
  let walBytes = Buffer.alloc(0);

  beforeAll(async () => {
    server = await startDemoServer({ dataDir, env: { GONGKAI_TRUST_PROXY: '127.0.0.1' } });
    for (let i = 0; i < 3; i++) {
      const session = await openForm(server.baseUrl, '/apply/jxj');
      const fields = personApplication({
        idNumber: CANARY_ID,
        phone: CANARY_PHONE,
        description: `请公开第${i}项材料`,
      });
      const posted = await postForm(server.baseUrl, '/apply/jxj', session, fields, `10.7.0.${i}`);
      expect(posted.status).toBe(200);
      pages.push({ where: `receipt ${i}`, bytes: Buffer.from(posted.html) });
      const tracking = trackingNumberOn(posted.html) ?? '';
      const queryCode = /查询码[\s\S]*?<dd class="code">([^<]+)<\/dd>/.exec(posted.html)?.[1] ?? '';
      expect(queryCode).not.toBe('');
      const track = await openForm(server.baseUrl, '/apply/track');
      const view = await postForm(server.baseUrl, '/apply/track', track, {
        trackingNumber: tracking,
        queryCode,
      });
      expect(view.html).toContain(tracking); // the applicant's own case page, reached
      pages.push({ where: `case page ${tracking}`, bytes: Buffer.from(view.html) });
    }
    for (let i = 0; i < 2; i++) {
      const session = await openForm(server.baseUrl, '/mailbox/jxj/write');
      const fields = letterFields({
        phone: CANARY_PHONE,
        content: `小区门口路灯损坏已有两周，请尽快修复（第${i}封）。`,
      });
      const posted = await postForm(server.baseUrl, '/mailbox/jxj/write', session, fields, `10.7.1.${i}`);
      expect(posted.status).toBe(200);
      expect(trackingNumberOn(posted.html)).toBeTruthy();
      pages.push({ where: `letter receipt ${i}`, bytes: Buffer.from(posted.html) });
    }
    for (const page of [
      '/',
      '/apply',
      '/agencies/jxj',
      `/search?q=${encodeURIComponent('请公开第0项材料')}`,
      '/sitemap.xml',
      '/mailbox',
      '/mailbox/jxj',
    ]) {
      const response = await fetch(`${server.baseUrl}${page}`);
      pages.push({ where: page, bytes: Buffer.from(await response.text()) });
    }
    const wal = path.join(dataDir, 'gongkai.sqlite-wal');
    walBytes = readFileSync(wal); // read while the server runs: the log holds the fresh writes
    const backup = await runGongkai(['backup', backupFile], dataDir);
    expect(backup.code).toBe(0);
  }, 120_000);

  afterAll(async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(path.dirname(backupFile), { recursive: true, force: true });
  });

  it('the stores hold the canaries sealed: database, write-ahead log and backup', () => {
    expect(walBytes.length).toBeGreaterThan(0);
    const stores = [
      ...filesUnder(dataDir).map((f) => ({ where: path.relative(dataDir, f), bytes: readFileSync(f) })),
      { where: 'wal while running', bytes: walBytes },
      ...filesUnder(path.dirname(backupFile)).map((f) => ({
        where: `backup ${path.basename(f)}`,
        bytes: readFileSync(f),
      })),
    ];
    expect(canariesIn(stores)).toEqual([]);
  });

  it('no log line and no page shows them; the pages show the masked forms', () => {
    expect(canariesIn([{ where: 'server log', bytes: Buffer.from(server.log()) }, ...pages])).toEqual([]);
    const casePage = pages.find((p) => p.where.startsWith('case page'))?.bytes.toString() ?? '';
    expect(casePage).toContain('3301**********7319');
  });

  it('the search would find a canary stored in any of the three forms', () => {
    const planted = (bytes: Buffer) =>
      canariesIn([{ where: 'planted', bytes: Buffer.concat([Buffer.from('电话'), bytes]) }]);
    expect(planted(Buffer.from(CANARY_PHONE))).toEqual([`planted: ${CANARY_PHONE} (utf-8)`]);
    expect(planted(Buffer.from(CANARY_ID, 'utf16le'))).toEqual([`planted: ${CANARY_ID} (utf-16le)`]);
    expect(planted(Buffer.from(Buffer.from(`${CANARY_ID}`).toString('base64')))).toEqual([
      `planted: ${CANARY_ID} (base64)`,
    ]);
  });
});
