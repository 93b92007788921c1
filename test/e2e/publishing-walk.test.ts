// The publishing loop as its users do it, in Chromium: an 信息员 drafts a notice with its 公开属性, the
// 初审, 复审 and 终审 reviewers approve it in their own browsers, and a citizen finds it on the portal
// and by search.
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD as PASSWORD } from '../../src/app/demo-data';
import { type DemoServer, pageProblems, signInDemo, startDemoInChromium } from '../helpers/demo-server';

const TITLE = '关于开展2026年度中小企业数字化转型诊断服务的通知';

describe('an item from draft to the public page and search, in Chromium', () => {
  let server: DemoServer;
  let browser: Browser;
  let citizen: BrowserContext;
  let stop: () => Promise<void>;
  // Any console or page error is a problem.
  const { problems, watch } = pageProblems();

  beforeAll(async () => {
    ({ server, browser, citizen, stop } = await startDemoInChromium());
  }, 90_000);
  afterAll(() => stop?.(), 30_000);

  it('drafts, reviews at three levels, publishes, and is found', async () => {
    const editor = await signInDemo(browser, server.baseUrl, 'jxj.editor', PASSWORD);
    watch(editor.page);
    await editor.page.goto('/admin/items/new');
    await editor.page.selectOption('select[name="columnId"]', { label: '通知公告' });
    await editor.page.fill('input[name="title"]', TITLE);
    await editor.page.fill(
      'textarea[name="bodyHtml"]',
      '<p>各有关企业：为推动中小企业数字化转型，区经信局将组织专家开展免费诊断服务。</p>',
    );
    await editor.page.fill('input[name="docNumber"]', '示经信〔2026〕12号');
    await editor.page.selectOption('select[name="genre"]', '通知');
    await editor.page.check('input[name="disclosure"][value="proactive"]');
    await editor.page.getByRole('button', { name: '保存草稿' }).click();
    await editor.page.getByRole('button', { name: '报审' }).click();
    await expect.poll(() => editor.page.locator('.status-line').textContent()).toContain('审核中：初审');
    const itemUrl = new URL(editor.page.url()).pathname;

    for (const [user, extra] of [
      ['jxj.chief', false],
      ['jxj.office', true],
      ['jxj.leader', false],
    ] as const) {
      const reviewer = await signInDemo(browser, server.baseUrl, user, PASSWORD);
      watch(reviewer.page);
      await reviewer.page.goto('/admin/items');
      await reviewer.page.getByRole('link', { name: TITLE }).first().click();
      await reviewer.page.fill('textarea[name="opinion"]', '同意');
      if (extra) await reviewer.page.check('input[name="secrecyChecked"]');
      await reviewer.page.getByRole('button', { name: '同意', exact: true }).click();
      await reviewer.page.waitForURL(`**${itemUrl}`);
      await reviewer.context.close();
    }

    await editor.page.goto(itemUrl);
    await expect.poll(() => editor.page.locator('.status-line').textContent()).toContain('已发布');
    await editor.context.close();

    const page = await citizen.newPage();
    watch(page);
    await page.goto('/agencies/jxj/columns/notices');
    await page.getByRole('link', { name: TITLE }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe(TITLE);
    expect(await page.locator('table.catalogue').textContent()).toContain('示经信〔2026〕12号');
    await page.goto('/');
    await page.fill('.header-search input[name="q"]', '数字化转型诊断');
    await page.locator('.header-search button').click();
    await page.waitForURL('**/search?**');
    const first = page.locator('.search-results li a').first();
    expect(await first.textContent()).toBe(TITLE);
    expect(await page.locator('.search-results mark').first().textContent()).toBe('数字化转型诊断');
    await citizen.close();
    expect(problems).toEqual([]);
  }, 120_000);
});
