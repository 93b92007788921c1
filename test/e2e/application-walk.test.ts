// 依申请公开 as its users do it, in Chromium: a citizen applies online, the bureau's 信息员 asks for a
// correction, the citizen opens the case with the tracking number and query code and corrects it, the
// disclosure office decides, and the citizen downloads the reply as a Word file.
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD as PASSWORD } from '../../src/app/demo-data';
import { docxText } from '../helpers/application-cases';
import { type DemoServer, pageProblems, signInDemo, startDemoInChromium } from '../helpers/demo-server';

const REQUEST = '请公开2026年度区级中小企业数字化改造补助资金的分配结果';

describe('an application from the online form to the downloaded reply, in Chromium', () => {
  let server: DemoServer;
  let browser: Browser;
  let citizen: BrowserContext;
  let stop: () => Promise<void>;
  // Any console or page error is a problem.
  const { problems, watch } = pageProblems();

  beforeAll(async () => {
    ({ server, browser, citizen, stop } = await startDemoInChromium({ citizen: { acceptDownloads: true } }));
  }, 90_000);
  afterAll(() => stop?.(), 30_000);

  async function openCase(page: Page, tracking: string, code: string) {
    await page.goto('/apply/track');
    await page.fill('input[name="trackingNumber"]', tracking);
    await page.fill('input[name="queryCode"]', code);
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe(`申请 ${tracking}`);
  }

  async function openInBackOffice(user: string, tracking: string) {
    const staff = await signInDemo(browser, server.baseUrl, user, PASSWORD);
    watch(staff.page);
    await staff.page.goto('/admin/applications');
    await staff.page.getByRole('link', { name: tracking }).click();
    await staff.page.waitForURL('**/admin/applications/*');
    return staff;
  }

  it('applies, corrects, is decided and downloads the reply', async () => {
    const page = await citizen.newPage();
    watch(page);
    await page.goto('/apply');
    await page.getByRole('link', { name: /区经济和信息化局/ }).click();
    await page.check('input[name="applicantType"][value="natural"]');
    await page.fill('input[name="name"]', '赵敏');
    await page.selectOption('select[name="idType"]', '居民身份证');
    await page.fill('input[name="idNumber"]', '11010519491231002X');
    await page.fill('input[name="phone"]', '13612345678');
    await page.fill('textarea[name="description"]', REQUEST);
    await page.check('input[name="deliveryForm"][value="electronic"]');
    await page.check('input[name="deliveryChannel"][value="online"]');
    await page.getByRole('button', { name: /提交申请/ }).click();
    const codes = page.locator('.codes-box dd.code');
    await expect.poll(() => codes.count()).toBe(2);
    const tracking = (await codes.nth(0).textContent())?.trim() ?? '';
    const code = (await codes.nth(1).textContent())?.trim() ?? '';
    expect(tracking).toMatch(/^JXJ-\d{4}-\d{5}$/);
    expect(code).toMatch(/^[A-Z2-9]{8}$/);
    expect(page.url()).not.toContain(code);

    const editor = await openInBackOffice('jxj.editor', tracking);
    expect(await editor.page.locator('main').textContent()).toContain('1101**********002X');
    await editor.page.getByText('补正告知', { exact: true }).first().click();
    await editor.page.fill('textarea[name="items"]', '请写明所需补助资金的具体项目名称');
    await editor.page.fill('input[name="days"]', '15');
    await editor.page.getByRole('button', { name: '补正告知' }).click();
    await expect.poll(() => editor.page.locator('main').textContent()).toContain('待补正');
    await editor.context.close();

    await openCase(page, tracking, code);
    expect(await page.locator('.case-status').textContent()).toContain('待补正');
    expect(await page.locator('main').textContent()).toContain('补正告知书');
    await page.fill(
      'textarea[name="correction"]',
      '所需信息为“中小企业数字化改造补助”项目2026年度的分配结果',
    );
    await page.getByRole('button', { name: '提交补正' }).click();
    await expect.poll(() => page.locator('.notice').textContent()).toContain('补正内容已提交');
    expect(await page.locator('.case-status').textContent()).toContain('办理中');

    const office = await openInBackOffice('jxj.office', tracking);
    await office.page.getByText('作出答复决定', { exact: true }).first().click();
    await office.page.selectOption('select[name="outcome"]', 'disclosed');
    await office.page.fill('textarea[name="note"]', '现将2026年度补助资金分配结果（附件）提供给您');
    await office.page.getByRole('button', { name: '作出答复决定' }).click();
    await expect.poll(() => office.page.locator('main').textContent()).toContain('已决定待送达');
    await office.context.close();

    await openCase(page, tracking, code);
    expect(await page.locator('.case-facts').textContent()).toContain('予以公开');
    const row = page.locator('tr', { hasText: '政府信息予以公开告知书' });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      row.getByRole('button', { name: /下载/ }).click(),
    ]);
    expect(download.suggestedFilename()).toContain('.docx');
    const file = readFileSync((await download.path()) ?? '');
    const text = docxText(file);
    expect(text).toContain('政府信息予以公开告知书');
    expect(text).toContain('现将2026年度补助资金分配结果');
    expect(text).toContain('赵敏');
    expect(problems).toEqual([]);
  }, 120_000);
});
