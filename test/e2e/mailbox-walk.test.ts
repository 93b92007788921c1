// 部门信箱 as its users do it, in Chromium: a citizen writes to the economy bureau agreeing to publication,
// the bureau's 信息员 accepts and drafts a reply, the section chief approves it, the 信息员 sends it and
// publishes the letter with the masking the privacy screen proposed; the letter appears on the bureau's
// 信箱 column with 来信日期、答复日期、答复单位 and without the writer's name, phone or address; the
// citizen opens the letter with the tracking number and query code, reads the reply and rates it once.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD as PASSWORD } from '../../src/app/demo-data';
import { type DemoServer, pageProblems, signInDemo, startDemoInChromium } from '../helpers/demo-server';

const SUBJECT = '园区道路货车夜间鸣笛扰民';
const CONTENT =
  '我叫孙丽华，住在示范区滨河路66号3幢502室，电话13611112222。园区道路每晚有货车鸣笛，严重影响休息，请协调处理。';
const REPLY = '我局已会同交警部门在园区道路增设禁鸣标志，并安排夜间巡查，感谢您的监督。';

describe('a letter from the mailbox form to the published, rated reply, in Chromium', () => {
  let server: DemoServer;
  let browser: Browser;
  let citizen: BrowserContext;
  let stop: () => Promise<void>;
  const { problems, watch } = pageProblems();

  beforeAll(async () => {
    ({ server, browser, citizen, stop } = await startDemoInChromium());
  }, 90_000);
  afterAll(() => stop?.(), 30_000);

  async function openLetter(staff: Page, tracking: string) {
    await staff.goto('/admin/mailbox');
    await staff.getByRole('link', { name: tracking }).click();
    await staff.waitForURL('**/admin/mailbox/*');
  }

  async function step(staff: Page, label: string, fill: () => Promise<void> = async () => {}) {
    await staff.locator('summary').getByText(label, { exact: true }).click();
    await fill();
    await staff.getByRole('button', { name: label, exact: true }).click();
    await staff.waitForURL('**/admin/mailbox/*');
  }

  it('writes, is answered, appears published with personal data masked, and is rated', async () => {
    const page = await citizen.newPage();
    watch(page);
    await page.goto('/');
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '部门信箱' }).click();
    await page
      .getByRole('link', { name: /示范区经济和信息化局/ })
      .first()
      .click();
    await page.check('input[name="type"][value="complain"]');
    await page.fill('input[name="subject"]', SUBJECT);
    await page.fill('textarea[name="content"]', CONTENT);
    await page.fill('input[name="name"]', '孙丽华');
    await page.fill('input[name="phone"]', '13611112222');
    await page.check('input[name="consent"][value="yes"]');
    await page.getByRole('button', { name: '提交来信' }).click();
    const codes = page.locator('.codes-box dd.code');
    await expect.poll(() => codes.count()).toBe(2);
    const tracking = (await codes.nth(0).textContent())?.trim() ?? '';
    const code = (await codes.nth(1).textContent())?.trim() ?? '';
    expect(tracking).toMatch(/^XX-JXJ-\d{4}-\d{5}$/);
    expect(page.url()).not.toContain(code);

    const editor = await signInDemo(browser, server.baseUrl, 'jxj.editor', PASSWORD);
    watch(editor.page);
    await openLetter(editor.page, tracking);
    expect(await editor.page.locator('.letter-facts').textContent()).toContain('136****2222');
    await step(editor.page, '受理');
    await step(editor.page, '拟写答复', () => editor.page.fill('textarea[name="reply"]', REPLY));
    await expect.poll(() => editor.page.locator('.letter-facts').textContent()).toContain('答复待审核');

    const chief = await signInDemo(browser, server.baseUrl, 'jxj.chief', PASSWORD);
    watch(chief.page);
    await openLetter(chief.page, tracking);
    await step(chief.page, '审核答复', () => chief.page.check('input[name="decision"][value="approve"]'));
    await chief.context.close();

    await openLetter(editor.page, tracking);
    await step(editor.page, '发送答复');
    await step(editor.page, '选登公开', async () => {
      const proposed = await editor.page.locator('textarea[name="content"]').inputValue();
      expect(proposed).not.toContain('孙丽华');
      expect(proposed).not.toContain('13611112222');
      expect(proposed).not.toContain('3幢502室');
      await editor.page.check('input[name="checked"]');
    });
    await expect.poll(() => editor.page.locator('.letter-facts').textContent()).toContain('已公开');
    await editor.context.close();

    await page.goto('/agencies/jxj/columns/mailbox');
    await page.getByRole('link', { name: SUBJECT }).click();
    const article = (await page.locator('article').textContent()) ?? '';
    for (const label of [
      '来信日期',
      '答复日期',
      '答复单位',
      '示范区经济和信息化局',
      REPLY,
      '孙某',
      '136****2222',
    ])
      expect(article).toContain(label);
    for (const secret of ['孙丽华', '13611112222', '3幢502室']) expect(article).not.toContain(secret);

    await page.goto('/mailbox/track');
    await page.fill('input[name="trackingNumber"]', tracking);
    await page.fill('input[name="queryCode"]', code);
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await expect.poll(() => page.locator('.case-status').textContent()).toContain('已答复');
    expect(await page.locator('.letter-reply').textContent()).toContain(REPLY);
    expect(await page.locator('main').textContent()).not.toContain('jxj.');
    await page.check('input[name="rating"][value="satisfied"]');
    await page.getByRole('button', { name: '提交评价' }).click();
    await expect.poll(() => page.locator('.letter-rating').textContent()).toContain('满意');
    expect(await page.getByRole('button', { name: '提交评价' }).count()).toBe(0);
    expect(page.url()).not.toContain(code);
    expect(problems).toEqual([]);
  }, 150_000);
});
