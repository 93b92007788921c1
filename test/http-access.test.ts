import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agency, UserTable } from '../src/db/schema';
import { makeAgency, makeItem, makeUser, TEST_PASSWORD } from './helpers/factories';
import { HttpClient } from './helpers/http-client';
import { openTestApp, type TestContext, testDatabases } from './helpers/test-context';

// Role separation (三权分立, security.md T13) and agency isolation (T12) over real requests.

describe.each(testDatabases())('access control over HTTP on %s', (kind) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let agencyA: Agency;
  let agencyB: Agency;
  const users: Record<string, UserTable> = {};

  async function signedIn(name: string): Promise<HttpClient> {
    const client = new HttpClient(app);
    const res = await client.login(ctx, users[name]?.username ?? '');
    expect(res.statusCode, `login ${name}`).toBe(303);
    return client;
  }

  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ ctx, app, close } = await openTestApp(kind));
    const district = await makeAgency(ctx, { kind: 'district' });
    agencyA = await makeAgency(ctx);
    agencyB = await makeAgency(ctx);
    users.system = await makeUser(ctx, { adminRole: 'system' });
    users.security = await makeUser(ctx, { adminRole: 'security' });
    users.audit = await makeUser(ctx, { adminRole: 'audit' });
    users.editorA = await makeUser(ctx, { grants: [{ agencyId: agencyA.id, role: 'editor' }] });
    users.editorB = await makeUser(ctx, { grants: [{ agencyId: agencyB.id, role: 'editor' }] });
    users.supervisor = await makeUser(ctx, { grants: [{ agencyId: district.id, role: 'supervisor' }] });
  });
  afterAll(() => close());

  const screens = ['/admin/agencies', '/admin/users', '/admin/roles', '/admin/audit', '/admin/items'];
  const allowed: Record<string, string[]> = {
    system: ['/admin/agencies', '/admin/users'],
    security: ['/admin/roles'],
    audit: ['/admin/audit'],
    editorA: ['/admin/items'],
  };

  it.each(Object.keys(allowed))('lets %s reach only its own screens', async (name) => {
    const client = await signedIn(name);
    for (const url of screens) {
      const res = await client.get(url);
      expect(res.statusCode, `${name} ${url}`).toBe(allowed[name]?.includes(url) ? 200 : 403);
    }
  });

  it('refuses role changes by the system administrator and account creation by the security administrator', async () => {
    const system = await signedIn('system');
    const byRole = await system.postForm(
      `/admin/roles/${users.editorA?.id}`,
      { adminRole: 'audit', grants: '' },
      '/admin/users',
    );
    expect(byRole.statusCode).toBe(403);
    const security = await signedIn('security');
    const create = await security.postForm(
      '/admin/users',
      { username: 'sneaky', displayName: 'x' },
      '/admin/roles',
    );
    expect(create.statusCode).toBe(403);
    const rows = await ctx.db.selectFrom('users').select('id').where('username', '=', 'sneaky').execute();
    expect(rows).toHaveLength(0);
    expect(
      (
        await ctx.db
          .selectFrom('users')
          .select('admin_role')
          .where('id', '=', users.editorA?.id ?? '')
          .executeTakeFirst()
      )?.admin_role,
    ).toBeNull();
  });

  it('shows field-level messages for bad input in the account form', async () => {
    const system = await signedIn('system');
    const res = await system.postForm('/admin/users', { username: '1x', displayName: '' }, '/admin/users');
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('用户名须为 3–32 位');
    expect(res.body).toContain('请填写姓名');
    expect(res.body).toContain('aria-invalid="true"');
  });

  it('answers 404 for another agency’s record and never lists it', async () => {
    const own = await makeItem(ctx, agencyA.id, { status: 'draft', title: '甲局草稿' });
    const foreign = await makeItem(ctx, agencyB.id, { status: 'draft', title: '乙局草稿CANARY' });
    const editorA = await signedIn('editorA');
    expect((await editorA.get(`/admin/items/${own.id}`)).statusCode).toBe(200);
    const denied = await editorA.get(`/admin/items/${foreign.id}`);
    expect(denied.statusCode).toBe(404);
    expect(denied.body).not.toContain('CANARY');
    const list = await editorA.get('/admin/items');
    expect(list.body).toContain('甲局草稿');
    expect(list.body).not.toContain('CANARY');
    const supervisor = await signedIn('supervisor');
    expect((await supervisor.get(`/admin/items/${foreign.id}`)).statusCode).toBe(200);
  });

  it('shows internal and department-only items to the right staff only, and drafts to nobody on the portal', async () => {
    const internal = await makeItem(ctx, agencyA.id, { visibility: 'internal' });
    const deptOnly = await makeItem(ctx, agencyA.id, { visibility: 'agency' });
    const draft = await makeItem(ctx, agencyA.id, { status: 'draft' });
    const anonymous = new HttpClient(app);
    const editorA = await signedIn('editorA');
    const editorB = await signedIn('editorB');
    expect((await anonymous.get(`/items/${internal.id}`)).statusCode).toBe(404);
    expect((await editorB.get(`/items/${internal.id}`)).statusCode).toBe(200);
    expect((await anonymous.get(`/items/${deptOnly.id}`)).statusCode).toBe(404);
    expect((await editorB.get(`/items/${deptOnly.id}`)).statusCode).toBe(404);
    const own = await editorA.get(`/items/${deptOnly.id}`);
    expect(own.statusCode).toBe(200);
    expect(own.headers['cache-control']).toContain('no-store');
    expect((await editorA.get(`/items/${draft.id}`)).statusCode).toBe(404);
  });

  it('lets the security administrator grant roles per agency, refusing an administrator with business roles', async () => {
    const target = await makeUser(ctx);
    const security = await signedIn('security');
    const page = await security.get(`/admin/roles/${target.id}`);
    expect(page.statusCode).toBe(200);
    const form = (fields: [string, string][]) => {
      const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
      return security.request({
        method: 'POST',
        url: `/admin/roles/${target.id}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams([['_csrf', token], ...fields]).toString(),
      });
    };
    const ok = await form([
      ['adminRole', ''],
      ['grant', `${agencyA.id}:editor`],
      ['grant', `${agencyA.id}:reviewer1`],
    ]);
    expect(ok.statusCode).toBe(303);
    const roles = await ctx.db
      .selectFrom('user_roles')
      .select(['agency_id', 'role'])
      .where('user_id', '=', target.id)
      .orderBy('role')
      .execute();
    expect(roles).toEqual([
      { agency_id: agencyA.id, role: 'editor' },
      { agency_id: agencyA.id, role: 'reviewer1' },
    ]);
    const mixed = await form([
      ['adminRole', 'audit'],
      ['grant', `${agencyA.id}:editor`],
    ]);
    expect(mixed.statusCode).toBe(400);
    expect(mixed.body).toContain('不能同时担任业务角色');
    const supervisorOnDepartment = await form([
      ['adminRole', ''],
      ['grant', `${agencyA.id}:supervisor`],
    ]);
    expect(supervisorOnDepartment.body).toContain('只能授予区级机构');
  });

  it('records the audit administrator’s viewing of the log', async () => {
    const audit = await signedIn('audit');
    const page = await audit.get('/admin/audit');
    expect(page.body).toContain('auth.login');
    const seen = await ctx.db
      .selectFrom('audit_log')
      .select('actor_name')
      .where('action', '=', 'audit.viewed')
      .execute();
    expect(seen.map((r) => r.actor_name)).toContain(users.audit?.username);
    const verified = await audit.postForm('/admin/audit/verify', {}, '/admin/audit');
    expect(verified.body).toContain('审计链完整');
    const filtered = await audit.get('/admin/audit?action=user.roles_changed');
    expect(filtered.body).toContain('变更角色');
    expect(filtered.body).not.toContain('<td>登录成功</td>');
    const badDate = await audit.get('/admin/audit?from=yesterday');
    expect(badDate.statusCode).toBe(400);
    expect(badDate.body).toContain('日期格式应为 YYYY-MM-DD');
  });
});

describe.each(testDatabases())('every back-office route on %s', (kind) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ ctx, app, close } = await openTestApp(kind));
  });
  afterAll(() => close());

  // The login steps themselves are the only back-office routes a password-only session may use.
  const loginSteps = new Set(['/admin/login', '/admin/2fa', '/admin/2fa/enroll', '/admin/logout']);

  it('refuses a password-only session on every back-office route, found from the router', async () => {
    const agency = await makeAgency(ctx);
    const user = await makeUser(ctx, { adminRole: 'system' });
    await makeUser(ctx, { grants: [{ agencyId: agency.id, role: 'editor' }] });
    const client = new HttpClient(app);
    await client.postForm('/admin/login', { username: user.username, password: TEST_PASSWORD });
    const routes = app.routeTable.filter(
      (r) => r.url.startsWith('/admin') && !loginSteps.has(r.url) && r.method !== 'HEAD',
    );
    expect(routes.length).toBeGreaterThan(10);
    const before = await ctx.db.selectFrom('users').selectAll().orderBy('id').execute();
    for (const r of routes) {
      const url = r.url.replace(':id', user.id);
      const res =
        r.method === 'GET'
          ? await client.get(url)
          : await client.postForm(url, { username: 'x.y.z', name: '改名', displayName: 'x' }, '/admin/login');
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(303);
      expect(res.headers.location, `${r.method} ${r.url}`).toBe('/admin/2fa');
    }
    expect(await ctx.db.selectFrom('users').selectAll().orderBy('id').execute()).toEqual(before);
  });

  it('exports the audit log as CSV for the audit administrator only, and records the export', async () => {
    const auditor = await makeUser(ctx, { adminRole: 'audit' });
    const client = new HttpClient(app);
    await client.login(ctx, auditor.username);
    const csv = await client.get('/admin/audit/export.csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="audit-/);
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toContain('序号,时间(UTC),操作人');
    expect(lines.some((l) => l.includes('登录成功,auth.login'))).toBe(true);
    const exported = await ctx.db
      .selectFrom('audit_log')
      .select('actor_name')
      .where('action', '=', 'audit.exported')
      .execute();
    expect(exported.map((e) => e.actor_name)).toEqual([auditor.username]);
    const admin = await makeUser(ctx, { adminRole: 'system' });
    const other = new HttpClient(app);
    await other.login(ctx, admin.username);
    expect((await other.get('/admin/audit/export.csv')).statusCode).toBe(403);
  });

  it('lets the system administrator add and rename an agency, naming each bad field', async () => {
    const admin = await makeUser(ctx, { adminRole: 'system' });
    const client = new HttpClient(app);
    await client.login(ctx, admin.username);
    const bad = await client.postForm(
      '/admin/agencies',
      { name: '', shortName: 'x', code: 'Bad Code', kind: 'department' },
      '/admin/agencies',
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('请填写机构全称');
    expect(bad.body).toContain('机构代码须为');
    const ok = await client.postForm(
      '/admin/agencies',
      { name: '示范区教育局', shortName: '区教育局', code: 'jyj', kind: 'department', uscc: '', contact: '' },
      '/admin/agencies',
    );
    expect(ok.statusCode).toBe(303);
    const row = await ctx.db
      .selectFrom('agencies')
      .selectAll()
      .where('code', '=', 'jyj')
      .executeTakeFirstOrThrow();
    const renamed = await client.postForm(
      `/admin/agencies/${row.id}`,
      { name: '示范区教育和体育局', shortName: '区教体局', code: 'jytj', uscc: '', contact: '' },
      `/admin/agencies/${row.id}/edit`,
    );
    expect(renamed.statusCode).toBe(303);
    const after = await ctx.db
      .selectFrom('agencies')
      .selectAll()
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    expect([after.name, after.code]).toEqual(['示范区教育和体育局', 'jytj']);
    const actions = await ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('object_id', '=', row.id)
      .execute();
    expect(actions.map((a) => a.action)).toEqual(['agency.created', 'agency.updated']);
  });
});
