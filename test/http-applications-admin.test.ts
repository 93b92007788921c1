import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agency, UserTable } from '../src/db/schema';
import { personApplication, SAMPLE_ID_NUMBER, SAMPLE_PHONE } from './helpers/application-fixtures';
import { makeAgency, makeUser } from './helpers/factories';
import { HttpClient } from './helpers/http-client';
import { openTestApp, type TestContext, testDatabases } from './helpers/test-context';

// The agency side through the back-office forms: registration with the Art. 31 receipt day, a refused
// step re-rendered with its reason, the decision by the disclosure office, the letters as Word files,
// audited unmasking, agency isolation and the supervisor's on-time rates.

describe.each(testDatabases())('applications in the back office on %s', (kind) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let close: () => Promise<void>;
  let agency: Agency;
  const users: Record<string, UserTable> = {};

  beforeAll(async () => {
    ({ ctx, app, close } = await openTestApp(kind));
    ctx.clock.set('2025-04-28T02:00:00Z'); // Monday before the 劳动节 holiday (May 1–5, make-up Sunday Apr 27)
    agency = await makeAgency(ctx);
    const other = await makeAgency(ctx);
    for (const role of ['editor', 'reviewer2'] as const)
      users[role] = await makeUser(ctx, { grants: [{ agencyId: agency.id, role }] });
    users.outsider = await makeUser(ctx, { grants: [{ agencyId: other.id, role: 'editor' }] });
    const district = await makeAgency(ctx, { kind: 'district' });
    users.supervisor = await makeUser(ctx, { grants: [{ agencyId: district.id, role: 'supervisor' }] });
  });
  afterAll(() => close());

  async function as(role: string) {
    const client = new HttpClient(app);
    expect((await client.login(ctx, users[role]?.username ?? '')).statusCode).toBe(303);
    return client;
  }

  it('registers, refuses a wrong step with its reason, decides, and serves the letters', async () => {
    const editor = await as('editor');
    const bad = await editor.postForm(
      '/admin/applications',
      {
        ...personApplication({ idNumber: '110105194912310021' }),
        agencyId: agency.id,
        channel: 'in_person',
        receivedOn: '2025-04-28',
      },
      '/admin/applications/new',
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('居民身份证号码不正确');

    const registered = await editor.postForm(
      '/admin/applications',
      { ...personApplication(), agencyId: agency.id, channel: 'registered_post', receivedOn: '2025-04-25' },
      '/admin/applications/new',
    );
    expect(registered.statusCode).toBe(200);
    expect(registered.body).toContain('查询码');
    expect(registered.body).not.toContain(SAMPLE_ID_NUMBER);
    const row = await ctx.db.selectFrom('applications').selectAll().executeTakeFirstOrThrow();
    expect(row.received_on).toBe('2025-04-25');
    // From 04-26: 04-27 (make-up Sunday) counts, 05-01…05-05 do not → the 20th working day is 05-27.
    expect(row.due_on).toBe('2025-05-27');
    const casePath = `/admin/applications/${row.id}`;
    const page = await editor.request({ method: 'GET', url: casePath });
    expect(page.body).toContain('2025-05-27');
    expect(page.body).toContain('劳动节');
    expect(page.body).toContain('1101**********002X');

    const refused = await editor.postForm(
      `${casePath}/extend`,
      { days: '10', reason: '需要调档核对' },
      casePath,
    );
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('复审');
    const tooLong = await (await as('reviewer2')).postForm(
      `${casePath}/extend`,
      { days: '25', reason: '需要调档核对' },
      casePath,
    );
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.body).toContain('最长不超过 20 个工作日');

    const office = await as('reviewer2');
    const decided = await office.postForm(
      `${casePath}/decide`,
      { outcome: 'withheld.processInformation', note: '所申请信息为内部讨论记录，属于过程性信息' },
      casePath,
    );
    expect(decided.statusCode).toBe(303);
    const letters = await ctx.db
      .selectFrom('application_letters')
      .selectAll()
      .where('application_id', '=', row.id)
      .execute();
    expect(letters.map((l) => l.kind)).toEqual(['receipt', 'reply:withheld.processInformation']);
    const docx = await office.request({ method: 'GET', url: `${casePath}/letters/${letters[1]?.id}` });
    expect(docx.statusCode).toBe(200);
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect(docx.headers['content-disposition']).toContain("filename*=UTF-8''");
    expect(docx.headers['x-content-type-options']).toBe('nosniff');

    const unmasked = await office.postForm(`${casePath}/unmask`, {}, casePath);
    expect(unmasked.body).toContain(SAMPLE_ID_NUMBER);
    expect(unmasked.body).toContain(SAMPLE_PHONE);
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'application.unmasked')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.details).not.toContain(SAMPLE_ID_NUMBER);
    expect((await editor.postForm(`${casePath}/unmask`, {}, casePath)).statusCode).toBe(403);

    const outsider = await as('outsider');
    expect((await outsider.request({ method: 'GET', url: casePath })).statusCode).toBe(404);
    expect(
      (await outsider.request({ method: 'GET', url: `${casePath}/letters/${letters[1]?.id}` })).statusCode,
    ).toBe(404);

    const supervisor = await as('supervisor');
    const queue = await supervisor.request({ method: 'GET', url: '/admin/applications?status=decided' });
    expect(queue.body).toContain('按期率');
    expect(queue.body).toContain('100.0%');
    expect(queue.body).toContain(row.tracking_number);
  });
});
