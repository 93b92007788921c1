import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Item } from '../src/db/schema';
import type { AdminRole, BusinessRole } from '../src/modules/accounts';
import { reviewStep, submitForReview } from '../src/modules/documents';
import { buildServer } from '../src/web/http/server';
import { makeAgency, makeColumn, makeUser } from './helpers/factories';
import { HttpClient } from './helpers/http-client';
import { actorOf, draftAs, makeStaff, reload, type Staff } from './helpers/review-flow';
import { createTestContext, type TestContext, testDatabases } from './helpers/test-context';

// The three-level review cannot be bypassed through any route (security.md T11, issue 8): every item
// route that can move an item is tried by every back-office role at every stage of the review, with a
// body that would do it; only the 终审 of the third level publishes. The service-level rules (two
// simultaneous approvals, 终审 out of turn) are in publishing.test.ts; the editor approving their own
// draft and another agency's reviewer in http-publishing.test.ts.

type Caller = BusinessRole | AdminRole;
const callers: Caller[] = [
  'editor',
  'reviewer1',
  'reviewer2',
  'reviewer3',
  'supervisor',
  'system',
  'security',
  'audit',
];
const approve = { decision: 'approve', opinion: '同意', secrecyChecked: '1' };

describe.each(testDatabases())('the three-level review over HTTP on %s', (kind) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let agencyId: string;
  let columnId: string;
  let authors: Staff; // the editor and reviewers who draft and sign the items under test
  const clients = {} as Record<Caller, HttpClient>;
  let ip = 10;

  async function signIn(options: Parameters<typeof makeUser>[1]): Promise<HttpClient> {
    const user = await makeUser(ctx, options);
    const client = new HttpClient(app, `10.8.1.${ip++}`);
    expect((await client.login(ctx, user.username)).statusCode).toBe(303);
    return client;
  }

  /** Posts a form of an item route with a CSRF token from the item's own page. */
  function post(client: HttpClient, itemId: string, action: string, fields: Record<string, string>) {
    const url = `/admin/items/${itemId}${action}`;
    return client.postForm(url, fields, '/admin/login');
  }

  /** A draft of the authors' editor, submitted and approved until it waits at `level` (0 = draft). */
  async function itemAt(level: 0 | 1 | 2 | 3, title: string): Promise<Item> {
    const item = await draftAs(ctx, authors, { columnId, title });
    if (level === 0) return item;
    await submitForReview(ctx, authors.editor, actorOf(authors.editor), item);
    for (const role of (['reviewer1', 'reviewer2'] as const).slice(0, level - 1))
      await signStep(role, item.id);
    return reload(ctx, item.id);
  }

  async function signStep(role: 'reviewer1' | 'reviewer2', itemId: string) {
    const p = authors[role];
    await reviewStep(ctx, p, actorOf(p), await reload(ctx, itemId), 'approve', {
      opinion: '同意',
      secrecyChecked: true,
    });
  }

  beforeAll(async () => {
    ctx = await createTestContext(kind);
    app = await buildServer(ctx);
    const district = await makeAgency(ctx, { kind: 'district' });
    agencyId = (await makeAgency(ctx)).id;
    columnId = await makeColumn(ctx, agencyId, 'news', '工作动态');
    authors = await makeStaff(ctx, agencyId);
    for (const role of ['editor', 'reviewer1', 'reviewer2', 'reviewer3'] as const)
      clients[role] = await signIn({ grants: [{ agencyId, role }] });
    clients.supervisor = await signIn({ grants: [{ agencyId: district.id, role: 'supervisor' }] });
    for (const role of ['system', 'security', 'audit'] as const)
      clients[role] = await signIn({ adminRole: role });
  });
  afterAll(async () => {
    await app?.close();
    await ctx?.close();
  });

  it('publishes an item only on the 终审 of the third level, whoever tries whichever route', async () => {
    // Every item route that can change an item's status, with a body that would do it.
    const moves: [string, Record<string, string>][] = [
      [
        '',
        {
          columnId,
          title: '改过的标题',
          bodyHtml: '<p>改</p>',
          visibility: 'public',
          disclosure: 'proactive',
        },
      ],
      ['/submit', {}],
      ['/correct', { reason: '更正错误' }],
      ['/normative', { status: 'repealed', reason: '废止' }],
      ['/withdraw', { reason: '撤下' }],
      ['/review', approve],
    ];
    const anonymous = new HttpClient(app);
    const outcomes: string[] = [];
    const expected: string[] = [];
    for (const level of [0, 1, 2, 3] as const) {
      for (const role of callers) {
        const item = await itemAt(level, `审核绕过测试${level}${role}`);
        for (const [action, body] of moves) {
          const res = await post(clients[role], item.id, action, body);
          expect(res.statusCode, `${role} at level ${level}: ${action}`).toBeLessThan(500);
          if (action === '/review' && role === 'reviewer3' && level === 1) {
            // 终审 of an item still at 初审: the page again with the reason, as a conflict (T11: 409).
            expect(res.statusCode).toBe(409);
            expect(res.body).toContain('尚未到达您的审核环节');
          }
        }
        const after = await reload(ctx, item.id);
        const portal = await anonymous.get(`/items/${item.id}`);
        outcomes.push(
          `${level} ${role} ${after.status} ${after.published_at ? 'dated' : '-'} ${portal.statusCode}`,
        );
        // What each may do: the editor submits a draft, a reviewer signs its own level, 终审 publishes.
        const published = level === 3 && role === 'reviewer3';
        const status = published ? 'published' : level === 0 && role !== 'editor' ? 'draft' : 'in_review';
        expected.push(`${level} ${role} ${status} ${published ? 'dated' : '-'} ${published ? 200 : 404}`);
      }
    }
    expect(outcomes).toEqual(expected);
  });

  it('lets nobody approve their own draft, even holding every review role', async () => {
    const roles = ['editor', 'reviewer1', 'reviewer2', 'reviewer3'] as const;
    const allHats = await signIn({ grants: roles.map((role) => ({ agencyId, role })) });
    const created = await allHats.postForm(
      '/admin/items',
      { columnId, title: '自审测试', bodyHtml: '<p>正文</p>', visibility: 'public', disclosure: 'proactive' },
      '/admin/items/new',
    );
    expect(created.statusCode).toBe(303);
    const id = String(created.headers.location).split('/').pop() ?? '';
    expect((await post(allHats, id, '/submit', {})).statusCode).toBe(303);
    for (const next of ['reviewer1', 'reviewer2', null] as const) {
      const refused = await post(allHats, id, '/review', approve);
      expect(refused.statusCode).toBe(403);
      expect(refused.body).toContain('不能审核自己起草的信息');
      if (next) await signStep(next, id);
    }
    const after = await reload(ctx, id);
    expect([after.status, after.review_step, after.published_at]).toEqual(['in_review', 2, null]);
  });

  it('lets one person sign only one level of an item', async () => {
    const twoLevels = await signIn({
      grants: (['reviewer1', 'reviewer3'] as const).map((role) => ({ agencyId, role })),
    });
    const item = await itemAt(1, '两级签署测试');
    expect((await post(twoLevels, item.id, '/review', approve)).statusCode).toBe(303);
    await signStep('reviewer2', item.id);
    const second = await post(twoLevels, item.id, '/review', approve);
    expect(second.statusCode).toBe(403);
    expect(second.body).toContain('两个审核环节');
    const after = await reload(ctx, item.id);
    expect([after.status, after.review_step]).toEqual(['in_review', 2]);
  });
});
