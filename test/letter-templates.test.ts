import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  defaultLetterTemplate,
  fillLetter,
  letterTemplateFor,
  listLetterTemplates,
} from '../src/modules/applications/letters';
import { makeAgency, makeUser } from './helpers/factories';
import { HttpClient } from './helpers/http-client';
import { openTestApp, type TestContext, testDatabases } from './helpers/test-context';

const correctionBody = [
  '您于{{receivedOn}}提交的申请（编号{{trackingNumber}}）内容不明确。',
  '请补正：{{correctionItems}}',
  '请于{{correctionDeadline}}前提交。',
].join('\n');

describe.each(testDatabases())('letter templates edited in the back office, on %s', (kind) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let close: () => Promise<void>;
  let agencyA: { id: string };
  let agencyB: { id: string };
  let office: HttpClient;
  const urlA = (key: string) => `/admin/letter-templates/${agencyA.id}/${encodeURIComponent(key)}`;

  beforeAll(async () => {
    ({ ctx, app, close } = await openTestApp(kind));
    agencyA = await makeAgency(ctx, { name: '某区经济和信息化局' });
    agencyB = await makeAgency(ctx);
    const officeUser = await makeUser(ctx, { grants: [{ agencyId: agencyA.id, role: 'reviewer2' }] });
    office = new HttpClient(app);
    await office.login(ctx, officeUser.username);
  });
  afterAll(() => close());

  it('lets the disclosure office list, edit and re-edit its own templates, used when letters are issued', async () => {
    const start = await office.get('/admin/letter-templates');
    expect(start.statusCode).toBe(303);
    expect(start.headers.location).toBe(`/admin/letter-templates/${agencyA.id}`);
    const list = await office.get(`/admin/letter-templates/${agencyA.id}`);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('补正告知书');
    expect(list.body).toContain('答复告知书（不予公开：属于国家秘密）');
    expect(list.body).toContain('href="/admin/letter-templates"'); // the nav link

    const form = await office.get(urlA('correction'));
    expect(form.body).toContain('{{correctionItems}}');
    expect(form.body).toContain('需要补正的事项');
    for (const title of ['补正通知（初稿）', '补正通知']) {
      const saved = await office.postForm(urlA('correction'), { title, body: correctionBody });
      expect(saved.statusCode).toBe(303);
    }

    const template = await letterTemplateFor(ctx.db, agencyA.id, 'correction');
    expect(template).toMatchObject({ title: '补正通知', body: correctionBody, overridden: true });
    const other = await letterTemplateFor(ctx.db, agencyB.id, 'correction');
    expect(other).toMatchObject({ overridden: false, title: '政府信息公开申请补正告知书' });
    const listed = await listLetterTemplates(ctx.db, agencyA.id);
    expect(listed.filter((t) => t.overridden).map((t) => t.key)).toEqual(['correction']);
    const letter = fillLetter(template, {
      applicantName: '张三',
      receivedOn: '2026-11-02',
      trackingNumber: 'YSQ-1',
      correctionItems: '文号',
      correctionDeadline: '2026-11-20',
    });
    expect(letter.paragraphs).toEqual([
      '您于2026年11月2日提交的申请（编号YSQ-1）内容不明确。',
      '请补正：文号',
      '请于2026年11月20日前提交。',
    ]);
    const audits = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'agency_id'])
      .where('action', '=', 'letter_template.saved')
      .execute();
    expect(audits).toEqual([
      { action: 'letter_template.saved', agency_id: agencyA.id },
      { action: 'letter_template.saved', agency_id: agencyA.id },
    ]);
  });

  it('refuses an unknown placeholder, and a reply without its legal basis, with the message on the page', async () => {
    const key = 'reply:withheld.stateSecret';
    const unknown = await office.postForm(urlA(key), {
      title: '不予公开告知书',
      body: '根据{{basis}}，{{申请人}}',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('模板使用了未知的占位符：{{申请人}}');
    expect(unknown.body).toContain('{{申请人}}</textarea>'); // the editor's text is kept
    const noBasis = await office.postForm(urlA(key), { title: '不予公开告知书', body: '决定不予公开。' });
    expect(noBasis.statusCode).toBe(400);
    expect(noBasis.body).toContain('答复告知书须引用法律依据');
    expect((await letterTemplateFor(ctx.db, agencyA.id, key)).overridden).toBe(false);
  });

  it('downloads a preview .docx of the text in the form', async () => {
    const key = 'reply:withheld.stateSecret';
    const { title, body } = defaultLetterTemplate(key);
    const preview = await office.postForm(`${urlA(key)}/preview`, { title, body }, urlA(key));
    expect(preview.statusCode).toBe(200);
    expect(preview.headers['content-type']).toContain('wordprocessingml.document');
    expect(preview.headers['content-disposition']).toContain('.docx');
    expect(preview.rawPayload.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
    const broken = await office.postForm(`${urlA(key)}/preview`, { title, body: `${body}{{x}}` }, urlA(key));
    expect(broken.statusCode).toBe(400);
    expect(broken.body).toContain('模板使用了未知的占位符：{{x}}');
  });

  it('hides another agency’s templates (404) and refuses staff without the office role (403)', async () => {
    const otherOffice = new HttpClient(app);
    await otherOffice.login(
      ctx,
      (await makeUser(ctx, { grants: [{ agencyId: agencyB.id, role: 'reviewer2' }] })).username,
    );
    expect((await otherOffice.get(`/admin/letter-templates/${agencyA.id}`)).statusCode).toBe(404);
    expect((await otherOffice.get(urlA('correction'))).statusCode).toBe(404);
    const edit = await otherOffice.postForm(
      urlA('correction'),
      { title: '篡改', body: '篡改' },
      `/admin/letter-templates/${agencyB.id}`,
    );
    expect(edit.statusCode).toBe(404);
    const reset = await otherOffice.postForm(
      `${urlA('correction')}/reset`,
      {},
      `/admin/letter-templates/${agencyB.id}`,
    );
    expect(reset.statusCode).toBe(404);
    expect((await letterTemplateFor(ctx.db, agencyA.id, 'correction')).title).toBe('补正通知');

    const district = await makeAgency(ctx, { kind: 'district' });
    const supervisor = new HttpClient(app);
    await supervisor.login(
      ctx,
      (await makeUser(ctx, { grants: [{ agencyId: district.id, role: 'supervisor' }] })).username,
    );
    expect((await supervisor.get(`/admin/letter-templates/${district.id}`)).statusCode).toBe(200);
    expect((await supervisor.get(urlA('correction'))).statusCode).toBe(404);

    const editor = new HttpClient(app);
    await editor.login(
      ctx,
      (await makeUser(ctx, { grants: [{ agencyId: agencyA.id, role: 'editor' }] })).username,
    );
    expect((await editor.get('/admin/letter-templates')).statusCode).toBe(403);
    expect((await editor.get(urlA('correction'))).statusCode).toBe(403);
    const home = await editor.get('/admin/items');
    expect(home.body).not.toContain('href="/admin/letter-templates"');
  });

  it('resets a template to the default, audited', async () => {
    expect((await office.get(urlA('correction'))).body).toContain('恢复默认文本');
    const reset = await office.postForm(`${urlA('correction')}/reset`, {}, urlA('correction'));
    expect(reset.statusCode).toBe(303);
    const template = await letterTemplateFor(ctx.db, agencyA.id, 'correction');
    expect(template).toMatchObject({ ...defaultLetterTemplate('correction'), overridden: false });
    const resets = await ctx.db
      .selectFrom('audit_log')
      .select('object_id')
      .where('action', '=', 'letter_template.reset')
      .execute();
    expect(resets).toEqual([{ object_id: 'correction' }]);
  });
});
