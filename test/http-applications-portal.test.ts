import { Writable } from 'node:stream';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agency } from '../src/db/schema';
import { loggerOptions } from '../src/web/http/logging';
import { buildServer } from '../src/web/http/server';
import { makeAgency } from './helpers/factories';
import { HttpClient } from './helpers/http-client';
import { createTestContext, type TestContext, testDatabases } from './helpers/test-context';

// The public side of 依申请公开: the form (Art. 29 fields only), the receipt with tracking number and
// query code, the applicant's case page and letter downloads (codes never in a URL), the holding queue,
// the rate limit and CSRF; identity numbers and phones never in clear in the table, pages or logs.

const ID_NUMBER = '11010519491231002X'; // GB 11643 sample with a valid MOD 11-2 check character
const USCC = '91350100M000100Y43';
const PHONE = '13800138000';

const person = {
  applicantType: 'natural',
  name: '张三',
  idType: '居民身份证',
  idNumber: ID_NUMBER,
  contactPerson: '',
  phone: PHONE,
  email: '',
  address: '',
  description: '2025年本区老旧小区改造项目的实施方案及资金安排',
  deliveryForm: 'electronic',
  deliveryChannel: 'online',
};

const codesOf = (res: LightMyRequestResponse) => {
  const codes = [...res.body.matchAll(/<dd class="code">([^<]+)<\/dd>/g)].map((m) => m[1] ?? '');
  return { trackingNumber: codes[0] ?? '', queryCode: codes[1] ?? '' };
};

describe.each(testDatabases())('依申请公开 on the portal (%s)', (kind) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let agency: Agency;
  let other: Agency;
  const log: string[] = [];
  let ip = 0;
  const client = () => new HttpClient(app, `10.0.0.${++ip}`);
  const count = async () =>
    Number(
      (
        await ctx.db
          .selectFrom('applications')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const apply = (c: HttpClient, fields: Record<string, string>, code = agency.code) =>
    c.postForm(`/apply/${code}`, fields, `/apply/${code}`);
  const track = (c: HttpClient, fields: Record<string, string>) =>
    c.postForm('/apply/track', fields, '/apply/track');

  beforeAll(async () => {
    ctx = await createTestContext(kind, { GONGKAI_PUBLIC_POSTS_PER_MINUTE: '1000' });
    agency = await makeAgency(ctx, { name: '示范区经济和信息化局' });
    other = await makeAgency(ctx, { name: '示范区教育局' });
    const stream = new Writable({
      write(chunk, _encoding, done) {
        log.push(String(chunk));
        done();
      },
    });
    app = await buildServer(ctx, loggerOptions('trace', stream));
  });
  afterAll(async () => {
    await app.close();
    await ctx.close();
  });

  it('shows the guide with the enabled agencies, and a form with every Art. 29 field and a CSRF token', async () => {
    const guide = await client().get('/apply');
    expect(guide.statusCode).toBe(200);
    expect(guide.body).toContain('20 个工作日');
    expect(guide.body).toContain(`href="/apply/${agency.code}"`);
    expect(guide.body).toContain('href="/apply/track"');
    expect((await client().get('/')).body).toContain('href="/apply"');

    const form = await client().get(`/apply/${agency.code}`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('示范区经济和信息化局');
    expect(form.body).toMatch(/name="_csrf" value="[^"]+"/);
    for (const name of Object.keys(person)) expect(form.body).toContain(`name="${name}"`);
    for (const label of [
      '自然人',
      '商业企业',
      '科研机构',
      '社会公益组织',
      '法律服务机构',
      '居民身份证',
      '邮寄',
    ])
      expect(form.body).toContain(label);
    expect(form.body).toContain('aria-describedby="f-idNumber-hint"');
    expect((await client().get('/apply/no-such-agency')).statusCode).toBe(404);
  });

  it('re-renders the form with each named message, the values kept and nothing stored', async () => {
    const cases: [Record<string, string>, string[]][] = [
      [{ ...person, idNumber: '110105194912310021' }, ['居民身份证号码不正确']],
      [
        { ...person, applicantType: 'commercial', idNumber: '91350100M000100Y44', contactPerson: '' },
        ['统一社会信用代码不正确', '法人或其他组织请填写联系人姓名'],
      ],
      [{ ...person, deliveryChannel: 'email', email: '' }, ['选择电子邮件方式时请填写电子邮箱']],
      [{ ...person, deliveryChannel: 'post', address: '' }, ['选择邮寄方式时请填写通信地址']],
      [{ ...person, phone: '12345' }, ['联系电话格式不正确']],
      [{ name: '', description: '' }, ['请填写申请人姓名或名称', '请描述所需政府信息']],
    ];
    for (const [fields, messages] of cases) {
      const res = await apply(client(), fields);
      expect(res.statusCode, messages[0]).toBe(400);
      for (const m of messages) expect(res.body).toContain(m);
      expect(res.body).toContain('class="error-summary"');
      expect(res.body).toContain('aria-invalid="true"');
      expect(res.body).toContain('本次未保存任何内容');
      if (fields.description) expect(res.body).toContain(fields.description);
    }
    const org = await apply(client(), {
      ...person,
      applicantType: 'research',
      idNumber: 'BAD',
      contactPerson: '',
    });
    expect(org.body).toContain('href="#f-idNumber"');
    expect(org.body).toContain('href="#f-contactPerson"');
    expect(org.body).toMatch(/aria-describedby="f-contactPerson-hint f-contactPerson-err"/);
    expect(await count()).toBe(0);
  });

  it('stores one application, sealed and masked, and shows the tracking number and query code once', async () => {
    const res = await apply(client(), person);
    expect(res.statusCode).toBe(200);
    expect(res.headers.location).toBeUndefined();
    expect(res.headers['cache-control']).toBe('no-store');
    const { trackingNumber, queryCode } = codesOf(res);
    expect(trackingNumber).toMatch(new RegExp(`^${agency.code.toUpperCase()}-\\d{4}-\\d{5}$`));
    expect(queryCode).toMatch(/^[A-Z2-9]{8}$/);
    expect(res.body).toContain('请抄写或打印保存申请编号和查询码');
    expect(res.body).toContain('收到申请日期');
    expect(res.body).toContain('2026-03-02');
    expect(res.body).not.toContain(ID_NUMBER);
    expect(await count()).toBe(1);
    const row = await ctx.db
      .selectFrom('applications')
      .selectAll()
      .where('tracking_number', '=', trackingNumber)
      .executeTakeFirstOrThrow();
    const raw = JSON.stringify(row);
    for (const secret of [ID_NUMBER, PHONE, queryCode]) expect(raw).not.toContain(secret);
    expect(row.id_number_masked).toBe('1101**********002X');
    expect(row.phone_masked).toBe('138****8000');
    expect(row.status).toBe('received');
    expect(row.applicant_type).toBe('natural');
  });

  it('accepts an organisation by its unified social credit code and contact person', async () => {
    const res = await apply(client(), {
      ...person,
      applicantType: 'legalService',
      name: '某某律师事务所',
      idType: '',
      idNumber: USCC.toLowerCase(),
      contactPerson: '赵律师',
      deliveryChannel: 'email',
      email: 'office@example.com',
    });
    expect(res.statusCode).toBe(200);
    const row = await ctx.db
      .selectFrom('applications')
      .selectAll()
      .where('tracking_number', '=', codesOf(res).trackingNumber)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      applicant_type: 'legalService',
      id_type: '统一社会信用代码',
      contact_person: '赵律师',
      id_number_masked: '9135**********0Y43',
    });
    expect(JSON.stringify(row)).not.toContain(USCC);
  });

  it('opens the case with both codes (masked data, history, receipt letter), and one message for any mismatch', async () => {
    const c = client();
    const { trackingNumber, queryCode } = codesOf(await apply(c, { ...person, name: '李四' }));
    const page = await track(c, { trackingNumber, queryCode: queryCode.toLowerCase() });
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain(trackingNumber);
    expect(page.body).toContain('示范区经济和信息化局');
    expect(page.body).toContain('已受理');
    expect(page.body).toContain('1101**********002X');
    expect(page.body).toContain('138****8000');
    expect(page.body).not.toContain(ID_NUMBER);
    expect(page.body).not.toContain(PHONE);
    expect(page.body).toContain('网上提交申请');
    expect(page.body).toContain('收到申请（起算日）');
    expect(page.body).toContain('政府信息公开申请受理回执');
    expect(page.body).toContain('name="letterId"');

    const wrongCode = await track(c, { trackingNumber, queryCode: 'AAAAAAAA' });
    const wrongNumber = await track(c, { trackingNumber: `${agency.code}-2026-99999`, queryCode });
    for (const res of [wrongCode, wrongNumber]) {
      expect(res.statusCode).toBe(404);
      expect(res.body).toContain('申请编号或查询码不正确，请核对后重试');
      expect(res.body).not.toContain('李四');
      expect(res.body).not.toContain('受理回执');
      expect(res.body).not.toContain(queryCode);
    }
    const empty = await track(c, { trackingNumber: '', queryCode: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('请填写查询码');
  });

  it('sends a letter as a .docx with safe headers; another case’s letter or a wrong code is 404', async () => {
    const c = client();
    const mine = codesOf(await apply(c, person));
    const theirs = codesOf(await apply(c, { ...person, name: '王五' }, other.code));
    const letterOf = async (codes: { trackingNumber: string; queryCode: string }) =>
      /name="letterId" value="([^"]+)"/.exec((await track(c, codes)).body)?.[1] ?? '';
    const myLetter = await letterOf(mine);
    const theirLetter = await letterOf(theirs);
    expect(myLetter).not.toBe('');
    const download = (fields: Record<string, string>) =>
      c.postForm('/apply/track/letter', fields, '/apply/track');

    const res = await download({ ...mine, letterId: myLetter });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect(res.headers['content-type']).toContain('wordprocessingml.document');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="[^"]*"; filename\*=UTF-8''.+\.docx$/,
    );
    expect(String(res.headers['content-disposition'])).toContain(
      encodeURIComponent('政府信息公开申请受理回执'),
    );
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('private, no-store');

    expect((await download({ ...mine, letterId: theirLetter })).statusCode).toBe(404);
    expect((await download({ ...mine, queryCode: 'AAAAAAAA', letterId: myLetter })).statusCode).toBe(404);
  });

  it('holds the sixth submission from one address within an hour, keeps it, and says so', async () => {
    const c = client();
    const before = await count();
    const receipts: LightMyRequestResponse[] = [];
    for (let i = 0; i < 6; i++)
      receipts.push(await apply(c, { ...person, description: `第${i + 1}份：某项目批复文件` }));
    expect(receipts.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(await count()).toBe(before + 6);
    const sixth = receipts[5] as LightMyRequestResponse;
    const codes = codesOf(sixth);
    expect(sixth.body).toContain('待工作人员确认受理');
    expect(sixth.body).toContain('一个工作日内');
    expect(sixth.body).toContain('不会丢失');
    expect(receipts[4]?.body).not.toContain('待工作人员确认受理');
    const row = await ctx.db
      .selectFrom('applications')
      .select(['status', 'received_on'])
      .where('tracking_number', '=', codes.trackingNumber)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'held', received_on: null });
    const page = await track(c, codes);
    expect(page.body).toContain('已提交，待工作人员确认受理');
    expect(page.body).not.toContain('疑似滥用');
  });

  it('refuses a post without a CSRF token and stores nothing', async () => {
    const c = client();
    await c.get(`/apply/${agency.code}`);
    const before = await count();
    const res = await c.request({
      method: 'POST',
      url: `/apply/${agency.code}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(person).toString(),
    });
    expect(res.statusCode).toBe(403);
    expect(await count()).toBe(before);
  });

  it('never writes an identity number or phone number to the log', () => {
    const written = log.join('');
    expect(written).toContain('/apply/');
    expect(written).not.toContain(ID_NUMBER);
    expect(written).not.toContain(PHONE);
  });
});

describe.each(testDatabases())('依申请公开 rate limits (%s)', (kind) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  beforeAll(async () => {
    ctx = await createTestContext(kind, { GONGKAI_PUBLIC_POSTS_PER_MINUTE: '2' });
    await makeAgency(ctx);
    app = await buildServer(ctx);
  });
  afterAll(async () => {
    await app.close();
    await ctx.close();
  });

  it('answers 429 in Chinese, saying nothing was stored, once an address posts too often', async () => {
    const agency = await ctx.db.selectFrom('agencies').select('code').executeTakeFirstOrThrow();
    const c = new HttpClient(app, '10.1.0.1');
    const url = `/apply/${agency.code}`;
    const statuses: number[] = [];
    for (let i = 0; i < 2; i++) statuses.push((await c.postForm(url, { ...person, name: '' })).statusCode);
    const refused = await c.postForm(url, person);
    expect(statuses).toEqual([400, 400]);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBeDefined();
    expect(refused.body).toContain('本次提交没有保存任何内容');
    expect(refused.body).toContain('分钟后');
    const stored = await ctx.db.selectFrom('applications').select('id').execute();
    expect(stored).toEqual([]);
    // Another address is not affected.
    expect((await new HttpClient(app, '10.1.0.2').postForm(url, person)).statusCode).toBe(200);
  });

  it('limits tracking attempts per address to stop guessing', async () => {
    const c = new HttpClient(app, '10.1.0.3');
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++)
      statuses.push(
        (await c.postForm('/apply/track', { trackingNumber: 'X-1', queryCode: `GUESS${i}` }, '/apply/track'))
          .statusCode,
      );
    expect(statuses.slice(0, 10).every((s) => s === 404)).toBe(true);
    expect(statuses[10]).toBe(429);
  });
});
