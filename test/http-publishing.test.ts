import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agency, UserTable } from '../src/db/schema';
import { makeAgency, makeColumn, makeUser } from './helpers/factories';
import { HttpClient } from './helpers/http-client';
import { openTestApp, type TestContext, testDatabases } from './helpers/test-context';

// The whole loop through the back-office forms: draft → 公开属性 → 初审 → 复审 → 终审 → portal → withdrawn.

describe.each(testDatabases())('publishing through the back office on %s', (kind) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let close: () => Promise<void>;
  let agency: Agency;
  let columnId: string;
  const users: Record<string, UserTable> = {};
  beforeAll(async () => {
    ({ ctx, app, close } = await openTestApp(kind));
    agency = await makeAgency(ctx);
    for (const role of ['editor', 'reviewer1', 'reviewer2', 'reviewer3'] as const) {
      users[role] = await makeUser(ctx, { grants: [{ agencyId: agency.id, role }] });
    }
    columnId = await makeColumn(ctx, agency.id, 'notices', '通知公告', 30);
  });
  afterAll(() => close());

  async function as(role: string) {
    const client = new HttpClient(app);
    expect((await client.login(ctx, users[role]?.username ?? '')).statusCode).toBe(303);
    return client;
  }

  it('walks an item from draft to the public page and off it again', async () => {
    const editor = await as('editor');
    const bad = await editor.postForm(
      '/admin/items',
      { columnId, title: '', bodyHtml: '' },
      '/admin/items/new',
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('请填写标题');
    const created = await editor.postForm(
      '/admin/items',
      {
        columnId,
        title: '关于开展2026年度安全生产检查的通知',
        bodyHtml: '<p>各有关单位：</p><p onclick="x()">现将有关事项通知如下。</p>',
        docNumber: '示应急〔2026〕5号',
        writtenOn: '2026-02-20',
        subjectId: 's09-05',
        genre: '通知',
        visibility: 'public',
        disclosure: '',
      },
      '/admin/items/new',
    );
    expect(created.statusCode).toBe(303);
    const itemUrl = String(created.headers.location);
    const id = itemUrl.split('/').pop() ?? '';

    const refused = await editor.postForm(`${itemUrl}/submit`, {}, itemUrl);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('请先认定公开属性');
    const edited = await editor.postForm(
      itemUrl,
      {
        columnId,
        title: '关于开展2026年度安全生产检查的通知',
        bodyHtml: '<p>各有关单位：现将有关事项通知如下。</p>',
        writtenOn: '2026-02-20',
        subjectId: 's09-05',
        genre: '通知',
        visibility: 'public',
        disclosure: 'proactive',
      },
      `${itemUrl}/edit`,
    );
    expect(edited.statusCode).toBe(303);
    expect((await editor.postForm(`${itemUrl}/submit`, {}, itemUrl)).statusCode).toBe(303);
    expect((await new HttpClient(app).get(`/items/${id}`)).statusCode).toBe(404);

    const chief = await as('reviewer1');
    expect((await chief.get('/admin/items')).body).toContain('待我审核（1）');
    expect(
      (await chief.postForm(`${itemUrl}/review`, { decision: 'approve', opinion: '同意' }, itemUrl))
        .statusCode,
    ).toBe(303);
    const office = await as('reviewer2');
    const noSecrecy = await office.postForm(
      `${itemUrl}/review`,
      { decision: 'approve', opinion: '同意' },
      itemUrl,
    );
    expect(noSecrecy.body).toContain('复审须确认已完成保密审查');
    expect(
      (
        await office.postForm(
          `${itemUrl}/review`,
          { decision: 'approve', opinion: '不涉密', secrecyChecked: '1' },
          itemUrl,
        )
      ).statusCode,
    ).toBe(303);
    const leader = await as('reviewer3');
    expect(
      (await leader.postForm(`${itemUrl}/review`, { decision: 'approve', opinion: '同意发布' }, itemUrl))
        .statusCode,
    ).toBe(303);

    const page = await new HttpClient(app).get(`/items/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/<th scope="row">索引号<\/th><td>[A-Z0-9]+\/2026-00001<\/td>/);
    expect(page.body).toContain('<th scope="row">主题分类</th><td>市场监管、安全生产监管\\安全生产监管</td>');
    expect(page.body).toContain('<th scope="row">公开方式</th><td>主动公开</td>');
    const sheet = await leader.get(`${itemUrl}/review-form`);
    for (const text of [
      '政府信息公开审查单',
      '初审',
      '复审（保密审查）',
      '终审（签发）',
      '同意发布',
      '（已保密审查）',
    ])
      expect(sheet.body).toContain(text);

    expect(
      (await office.postForm(`${itemUrl}/withdraw`, { reason: '通知内容已更新' }, itemUrl)).statusCode,
    ).toBe(303);
    const gone = await new HttpClient(app).get(`/items/${id}`);
    expect(gone.statusCode).toBe(410);
    expect(gone.body).toContain('撤下原因：通知内容已更新');
    expect(gone.body).not.toContain('现将有关事项通知如下');
  });

  it('refuses another agency’s reviewer and the editor’s own approval', async () => {
    const other = await makeAgency(ctx);
    users.foreign = await makeUser(ctx, { grants: [{ agencyId: other.id, role: 'reviewer1' }] });
    const editor = await as('editor');
    const created = await editor.postForm(
      '/admin/items',
      { columnId, title: '测试隔离', bodyHtml: '<p>正文</p>', visibility: 'public', disclosure: 'proactive' },
      '/admin/items/new',
    );
    const itemUrl = String(created.headers.location);
    await editor.postForm(`${itemUrl}/submit`, {}, itemUrl);
    const foreign = await as('foreign');
    expect((await foreign.get(itemUrl)).statusCode).toBe(404);
    const selfReview = await editor.postForm(
      `${itemUrl}/review`,
      { decision: 'approve', opinion: '同意' },
      itemUrl,
    );
    expect(selfReview.statusCode).toBe(403);
    expect(selfReview.body).toContain('不在本单位的审核链中');
  });
});

describe('pasted text in a draft', () => {
  it('is cleaned of flattened pinyin annotations, and remaining traditional characters are reported', async () => {
    const { ctx, app, close } = await openTestApp('sqlite');
    try {
      const agency = await makeAgency(ctx);
      const editorUser = await makeUser(ctx, { grants: [{ agencyId: agency.id, role: 'editor' }] });
      const columnId = await makeColumn(ctx, agency.id, 'news', '工作动态', 14);
      const editor = new HttpClient(app);
      await editor.login(ctx, editorUser.username);
      const pasted = await editor.postForm(
        '/admin/items',
        {
          columnId,
          title: '區(qū)經(jīng)信局開(kāi)展培訓(xùn)',
          bodyHtml: '<p>　　工作開(kāi)展情況良好。</p>',
          visibility: 'public',
          disclosure: 'proactive',
        },
        '/admin/items/new',
      );
      const item = await editor.get(String(pasted.headers.location));
      expect(item.body).toContain('<h1>区经信局开展培训</h1>');
      expect(item.body).toContain('工作开展情况良好。</p>');
      expect(item.body).not.toContain('　');
      const plain = await editor.postForm(
        '/admin/items',
        {
          columnId,
          title: '關於報送材料的通知',
          bodyHtml: '<p>正文</p>',
          visibility: 'public',
          disclosure: 'proactive',
        },
        '/admin/items/new',
      );
      const reported = await editor.get(String(plain.headers.location));
      expect(reported.body).toContain('<h1>關於報送材料的通知</h1>');
      expect(reported.body).toContain('标题或正文含繁体字 關於報');
    } finally {
      await close();
    }
  });
});
