import { existsSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/core/ids';
import type { Item } from '../src/db/schema';
import { attachmentsOf, useAttachmentScanner, verifyAttachment } from '../src/modules/attachments';
import { submitForReview } from '../src/modules/documents';
import { AttachmentList, AttachmentsPanel } from '../src/web/admin/views/attachments-panel';
import {
  abuse,
  accepted,
  CHINESE_NAME,
  EICAR,
  eicarScanner,
  file,
  multipart,
  pdf,
  sha256,
  type Upload,
} from './helpers/attachment-fixtures';
import { makeAgency, makeColumn, TEST_PASSWORD } from './helpers/factories';
import { HttpClient } from './helpers/http-client';
import { actorOf, draftAs, makeStaff, type Staff, signOff } from './helpers/review-flow';
import { openTestApp, type TestContext, testDatabases } from './helpers/test-context';

// Attachments end to end (product issue "attachments"; security.md T7): only real PDF/OFD/Office/JPEG/PNG
// content under a matching name is kept, under a generated name with its SHA-256; every abuse case is
// refused with a 4xx and leaves neither a row nor a file; downloads follow THE visibility rule.

describe.each(testDatabases())('attachments on %s', (kind) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let close: () => Promise<void>;
  let staffA: Staff;
  let staffB: Staff;
  let columnId: string;
  const clients: Record<string, HttpClient> = {};

  beforeAll(async () => {
    ({ ctx, app, close } = await openTestApp(kind, async (c) => useAttachmentScanner(c, eicarScanner)));
    const [agencyA, agencyB] = [await makeAgency(ctx), await makeAgency(ctx)];
    staffA = await makeStaff(ctx, agencyA.id);
    staffB = await makeStaff(ctx, agencyB.id);
    columnId = await makeColumn(ctx, agencyA.id, 'notices', '通知公告', 30);
    for (const [name, p] of [
      ['editorA', staffA.editor],
      ['reviewerA', staffA.reviewer1],
      ['editorB', staffB.editor],
    ] as const) {
      clients[name] = new HttpClient(app);
      expect((await clients[name].login(ctx, p.username)).statusCode).toBe(303);
    }
    clients.anonymous = new HttpClient(app);
  });
  afterAll(() => close());

  const client = (name: string) => clients[name] as HttpClient;
  const draft = (title: string, visibility = 'public') =>
    draftAs(ctx, staffA, { columnId, title, visibility });
  const rowsOf = (itemId: string) =>
    ctx.db
      .selectFrom('attachments')
      .selectAll()
      .where('item_id', '=', itemId)
      .orderBy('created_at')
      .execute();
  const root = () => path.join(ctx.dataDir, 'attachments');
  const storedFiles = () =>
    existsSync(root())
      ? readdirSync(root(), { recursive: true, withFileTypes: true })
          .filter((d) => !d.isDirectory())
          .map((d) => d.name)
          .sort()
      : [];
  const auditCount = async (action: string) =>
    (await ctx.db.selectFrom('audit_log').select('seq').where('action', '=', action).execute()).length;

  async function csrfOf(c: HttpClient): Promise<string> {
    return /name="_csrf" value="([^"]+)"/.exec((await c.get('/admin')).body)?.[1] ?? '';
  }

  async function upload(
    c: HttpClient,
    itemId: string,
    files: Upload[],
    csrf: 'first' | 'last' | 'none' = 'first',
  ) {
    const token = { field: '_csrf', value: await csrfOf(c) };
    const parts = csrf === 'first' ? [token, ...files] : csrf === 'last' ? [...files, token] : files;
    const { payload, contentType } = multipart(parts);
    return c.request({
      method: 'POST',
      url: `/admin/items/${itemId}/attachments`,
      headers: { 'content-type': contentType },
      payload,
    });
  }

  async function withAttachment(title: string, visibility: string): Promise<{ item: Item; id: string }> {
    const item = await draft(title, visibility);
    expect((await upload(client('editorA'), item.id, [file('附件.pdf', pdf(title))])).statusCode).toBe(303);
    return { item: await signOff(ctx, staffA, item), id: (await rowsOf(item.id))[0]?.id ?? '' };
  }

  it('keeps every allowed type under a generated name with its SHA-256, in one audited submission', async () => {
    const item = await draft('附件类型');
    const uploadedBefore = await auditCount('attachment.uploaded');
    const res = await upload(
      client('editorA'),
      item.id,
      accepted.map(([f]) => f),
    );
    expect(res.statusCode, res.body).toBe(303);
    expect(res.headers.location).toBe(`/admin/items/${item.id}`);
    const rows = await rowsOf(item.id);
    expect(rows.map((r) => [r.original_name, r.media_type])).toEqual(
      accepted.map(([f, type]) => [f.filename, type]),
    );
    for (const [i, row] of rows.entries()) {
      const [f, , ext] = accepted[i] ?? [];
      expect(row.stored_name).toBe(`${row.id}.${ext}`);
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect([row.sha256, Number(row.size)]).toEqual([sha256(f?.data ?? Buffer.alloc(0)), f?.data.length]);
      const onDisk = path.join(root(), row.id.slice(-2), row.stored_name);
      expect(sha256(readFileSync(onDisk))).toBe(row.sha256);
      expect(await verifyAttachment(ctx, row.id)).toMatchObject({ ok: true });
    }
    expect(storedFiles().filter((n) => !n.startsWith('.'))).toHaveLength(rows.length);
    expect(storedFiles().some((n) => n.endsWith('.part'))).toBe(false);
    expect(await auditCount('attachment.uploaded')).toBe(uploadedBefore + accepted.length);
  });

  it('serves a draft attachment to its agency only, as a download with safe headers, and audits it', async () => {
    const item = await draft('草稿附件');
    expect((await upload(client('editorA'), item.id, [file(CHINESE_NAME, pdf('草稿'))])).statusCode).toBe(
      303,
    );
    const [row] = await rowsOf(item.id);
    const url = `/attachments/${row?.id}`;
    const downloadsBefore = await auditCount('attachment.downloaded');
    for (const who of ['editorA', 'reviewerA']) {
      const res = await client(who).get(url);
      expect(res.statusCode, who).toBe(200);
      expect(res.rawPayload.equals(pdf('草稿'))).toBe(true);
      expect(res.headers).toMatchObject({
        'content-type': 'application/pdf',
        'content-disposition': `attachment; filename="_1_.pdf"; filename*=UTF-8''${encodeURIComponent(CHINESE_NAME)}`,
        'x-content-type-options': 'nosniff',
        'content-security-policy': 'sandbox',
        'cache-control': 'private, no-store',
      });
    }
    expect(await auditCount('attachment.downloaded')).toBe(downloadsBefore + 2);
    for (const who of ['editorB', 'anonymous'])
      expect((await client(who).get(url)).statusCode, who).toBe(404);
    const passwordOnly = new HttpClient(app); // staff of the agency who has not passed the second factor
    const login = { username: staffA.reviewer2.username, password: TEST_PASSWORD };
    expect((await passwordOnly.postForm('/admin/login', login)).headers.location).toBe('/admin/2fa');
    expect((await passwordOnly.get(url)).statusCode).toBe(404);
    expect((await client('anonymous').get('/attachments/not-a-uuid')).statusCode).toBe(404);
    expect((await client('anonymous').get(`/attachments/${newId()}`)).statusCode).toBe(404);
  });

  it('applies THE visibility rule to published items', async () => {
    const pub = await withAttachment('公开信息', 'public');
    const internal = await withAttachment('内部信息', 'internal');
    const own = await withAttachment('本部门信息', 'agency');
    expect([pub.item.status, internal.item.status, own.item.status]).toEqual([
      'published',
      'published',
      'published',
    ]);
    const expected: Record<string, [number, number, number]> = {
      anonymous: [200, 404, 404],
      editorB: [200, 200, 404],
      editorA: [200, 200, 200],
    };
    const downloadsBefore = await auditCount('attachment.downloaded');
    for (const [who, statuses] of Object.entries(expected)) {
      const got = [];
      for (const { id } of [pub, internal, own])
        got.push((await client(who).get(`/attachments/${id}`)).statusCode);
      expect(got, who).toEqual(statuses);
    }
    expect(await auditCount('attachment.downloaded')).toBe(downloadsBefore + 3); // the non-public ones only
    const publicRes = await client('anonymous').get(`/attachments/${pub.id}`);
    expect(publicRes.headers['cache-control']).toBe('no-cache');
    expect(publicRes.rawPayload.equals(pdf('公开信息'))).toBe(true);
    expect((await attachmentsOf(ctx.db, pub.item.id)).map((a) => a.href)).toEqual([`/attachments/${pub.id}`]);
  });

  describe('refusals', () => {
    let item: Item;
    beforeAll(async () => {
      item = await draft('拒收测试');
    });

    it.each(abuse)('refuses %s and keeps nothing', async (_label, files, status, message) => {
      const before = storedFiles();
      const res = await upload(client('editorA'), item.id, files);
      expect(res.statusCode, res.body.slice(0, 2000)).toBe(status);
      expect(res.body).toContain(message);
      expect(res.body).toContain('role="alert"');
      expect(await rowsOf(item.id)).toEqual([]);
      expect(storedFiles()).toEqual(before);
    });

    it('audits the EICAR refusal as a failure', async () => {
      const infected = await ctx.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'attachment.infected')
        .execute();
      expect(infected.length).toBeGreaterThanOrEqual(1);
      expect(infected[0]?.outcome).toBe('failure');
      expect(infected[0]?.details).toContain(sha256(pdf(EICAR)));
    });

    it('requires the CSRF token as the first field', async () => {
      const before = storedFiles();
      for (const csrf of ['none', 'last'] as const) {
        const res = await upload(client('editorA'), item.id, [file('a.pdf', pdf())], csrf);
        expect(res.statusCode, csrf).toBe(403);
      }
      const { payload, contentType } = multipart([{ field: '_csrf', value: 'forged' }, file('a.pdf', pdf())]);
      const forged = await client('editorA').request({
        method: 'POST',
        url: `/admin/items/${item.id}/attachments`,
        headers: { 'content-type': contentType },
        payload,
      });
      expect(forged.statusCode).toBe(403);
      const form = await client('editorA').postForm(`/admin/items/${item.id}/attachments`, {}, '/admin');
      expect(form.statusCode).toBe(415);
      expect(await rowsOf(item.id)).toEqual([]);
      expect(storedFiles()).toEqual(before);
    });

    it('answers a malformed body with 400 and caps the bytes of one submission', async () => {
      const token = await csrfOf(client('editorA'));
      const noBoundary = await client('editorA').request({
        method: 'POST',
        url: `/admin/items/${item.id}/attachments`,
        headers: { 'content-type': 'multipart/form-data' },
        payload: `--x\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n`,
      });
      expect(noBoundary.statusCode).toBe(400);
      const limits = ctx.config.attachments;
      const saved = limits.maxSubmissionBytes;
      limits.maxSubmissionBytes = 1000; // this app only, restored below
      try {
        const twoFiles = [file('a.pdf', pdf('x'.repeat(600))), file('b.pdf', pdf('y'.repeat(600)))];
        const res = await upload(client('editorA'), item.id, twoFiles);
        expect(res.statusCode).toBe(413);
        expect(res.body).toContain('一次提交的附件合计不超过');
      } finally {
        limits.maxSubmissionBytes = saved;
      }
      expect(await rowsOf(item.id)).toEqual([]);
    });

    it('lets only the editors of the agency change a draft', async () => {
      const byReviewer = await upload(client('reviewerA'), item.id, [file('a.pdf', pdf())]);
      expect(byReviewer.statusCode).toBe(403);
      expect(byReviewer.body).toContain('只有本单位的信息员可以管理附件');
      expect((await upload(client('editorB'), item.id, [file('a.pdf', pdf())])).statusCode).toBe(404);
      expect((await upload(client('editorA'), newId(), [file('a.pdf', pdf())])).statusCode).toBe(404);
      expect(await rowsOf(item.id)).toEqual([]);
    });
  });

  it('deletes an attachment of a draft: the row stays as a record, the bytes go, the link dies', async () => {
    const item = await draft('删除附件');
    expect((await upload(client('editorA'), item.id, [file('删.pdf', pdf('删'))])).statusCode).toBe(303);
    const [row] = await rowsOf(item.id);
    const url = `/admin/items/${item.id}/attachments/${row?.id}/delete`;
    expect((await client('editorB').postForm(url, {}, '/admin')).statusCode).toBe(404);
    expect((await client('reviewerA').postForm(url, {}, '/admin')).statusCode).toBe(403);
    const deleted = await client('editorA').postForm(url, {}, '/admin');
    expect(deleted.statusCode).toBe(303);
    expect((await rowsOf(item.id))[0]?.deleted_at).not.toBeNull();
    expect(storedFiles()).not.toContain(row?.stored_name);
    expect((await client('editorA').get(`/attachments/${row?.id}`)).statusCode).toBe(404);
    expect(await attachmentsOf(ctx.db, item.id)).toEqual([]);
    expect((await client('editorA').postForm(url, {}, '/admin')).statusCode).toBe(404);
    expect(await auditCount('attachment.deleted')).toBeGreaterThanOrEqual(1);
  });

  it('freezes the attachments once the draft is submitted', async () => {
    const item = await draft('已报审');
    expect((await upload(client('editorA'), item.id, [file('a.pdf', pdf())])).statusCode).toBe(303);
    const [row] = await rowsOf(item.id);
    await submitForReview(ctx, staffA.editor, actorOf(staffA.editor), item);
    const more = await upload(client('editorA'), item.id, [file('b.pdf', pdf())]);
    expect(more.statusCode).toBe(409);
    expect(more.body).toContain('只有草稿可以添加或删除附件');
    const url = `/admin/items/${item.id}/attachments/${row?.id}/delete`;
    expect((await client('editorA').postForm(url, {}, '/admin')).statusCode).toBe(409);
    expect(await rowsOf(item.id)).toHaveLength(1);
  });

  it('detects a file changed on disk and never follows a symlink', async () => {
    const item = await draft('完整性');
    const small = pdf('完整性校验');
    const large = pdf(`完整性校验${'x'.repeat(1_000_000)}`); // many chunks: headers leave before the check
    const res = await upload(client('editorA'), item.id, [file('a.pdf', small), file('b.pdf', large)]);
    expect(res.statusCode).toBe(303);
    const rows = await rowsOf(item.id);
    const diskPath = (i: number) =>
      path.join(root(), rows[i]?.id.slice(-2) ?? '', rows[i]?.stored_name ?? '');
    const tamper = (i: number, data: Buffer) => {
      const changed = Buffer.from(data);
      changed[20] = (changed[20] ?? 0) ^ 0xff;
      writeFileSync(diskPath(i), changed);
      return changed;
    };
    const smallTampered = tamper(0, small);
    const largeTampered = tamper(1, large);
    expect(await verifyAttachment(ctx, rows[0]?.id ?? '')).toMatchObject({
      ok: false,
      expected: rows[0]?.sha256,
    });
    const refused = await client('editorA').get(`/attachments/${rows[0]?.id}`);
    expect(refused.statusCode).toBe(500);
    expect(refused.rawPayload.includes(smallTampered)).toBe(false);
    const broken = await client('editorA')
      .get(`/attachments/${rows[1]?.id}`)
      .catch(() => null);
    expect(broken?.rawPayload.equals(largeTampered) ?? false).toBe(false); // broken off, never whole

    rmSync(diskPath(0));
    const secret = path.join(ctx.dataDir, 'secret.pdf');
    writeFileSync(secret, small);
    symlinkSync(secret, diskPath(0));
    const viaLink = await client('editorA').get(`/attachments/${rows[0]?.id}`);
    expect(viaLink.statusCode).toBe(500);
    expect(viaLink.rawPayload.includes(small)).toBe(false);
    expect(await verifyAttachment(ctx, rows[0]?.id ?? '')).toMatchObject({ ok: false, actual: null });
  });

  it('renders the back-office panel and the portal list', async () => {
    const views = [
      {
        id: newId(),
        name: '通知.pdf',
        mediaType: 'application/pdf',
        typeLabel: 'PDF 文档',
        size: 2_621_440,
        sizeLabel: '2.5 MB',
        sha256: 'ab'.repeat(32),
        shortSha256: 'abababababab',
        createdAt: '',
        href: '/attachments/x',
      },
    ];
    const panel = (canManage: boolean) =>
      renderToString(
        h(AttachmentsPanel, {
          itemId: 'i1',
          attachments: views,
          canManage,
          csrf: 'tok',
          limits: { maxFileMb: 20, maxFiles: 10 },
        }),
      );
    const managed = panel(true);
    expect(managed).toContain('enctype="multipart/form-data"');
    expect(managed).toContain('accept=".pdf,.ofd,.doc,.docx,.xls,.xlsx,.jpg,.jpeg,.png"');
    expect(managed.indexOf('name="_csrf"')).toBeLessThan(managed.indexOf('type="file"'));
    expect(managed).toContain('action="/admin/items/i1/attachments/');
    expect(managed).toContain('2.5 MB');
    expect(managed).toContain('abababababab');
    expect(panel(false)).not.toContain('<form');
    const list = renderToString(h(AttachmentList, { attachments: views }));
    expect(list).toContain('<a href="/attachments/x">通知.pdf</a>（PDF 文档，2.5 MB）');
    expect(renderToString(h(AttachmentList, { attachments: [] }))).toBe('');
  });
});
