// Browser walk through the public portal and the back-office login, in real Chromium against a real
// server process (demo content, fresh SQLite data dir), so CSP, cookies and the page script all run.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { authenticator } from 'otplib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoServer, startDemoInChromium } from '../helpers/demo-server';

const shotsDir = '/tmp/gk-shots';

describe('portal and back-office login in Chromium', () => {
  let server: DemoServer;
  let baseUrl: string;
  let browser: Browser;
  let stop: () => Promise<void>;
  // Problems seen on any page of the walk; asserted empty in the last test.
  const problems: string[] = [];

  /** A fresh browser context (own cookies) whose pages report console errors and uncaught exceptions. */
  async function openPage(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ baseURL: baseUrl, locale: 'zh-CN' });
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() !== 'error') return;
      problems.push(`console error on ${page.url()}: ${m.text()} (${m.location().url})`);
    });
    page.on('pageerror', (e) => problems.push(`page error on ${page.url()}: ${e.message}`));
    return { context, page };
  }

  const shoot = (page: Page, name: string) =>
    page.screenshot({ path: path.join(shotsDir, `${name}.png`), fullPage: true });
  const htmlClass = (page: Page) => page.evaluate(() => document.documentElement.className);
  // The no-JS fallback (/prefs redirect) would also end in the right class, so mark the document
  // first: a marker that survives the click proves the page script switched it without a reload.
  const markDocument = (page: Page) =>
    page.evaluate(() => {
      document.body.dataset.e2e = 'kept';
    });
  const markerKept = (page: Page) => page.evaluate(() => document.body.dataset.e2e === 'kept');

  beforeAll(async () => {
    mkdirSync(shotsDir, { recursive: true });
    ({ server, browser, stop } = await startDemoInChromium());
    baseUrl = server.baseUrl;
  }, 90_000);

  afterAll(() => stop?.(), 30_000);

  it('logs a first-time editor in with password, TOTP enrolment and recovery codes', async () => {
    const { context, page } = await openPage();
    await page.goto('/admin/login');
    await shoot(page, 'login');
    await page.fill('input[name="username"]', 'jxj.editor');
    await page.fill('input[name="password"]', 'Demo#2026shifan');
    await page.getByRole('button', { name: '下一步' }).click();
    await page.waitForURL('**/admin/2fa/enroll');

    // A password alone must not open the dashboard (security.md T10).
    await page.goto('/admin');
    expect(new URL(page.url()).pathname).toMatch(/^\/admin\/2fa(\/enroll)?$/);
    expect(await page.locator('h1', { hasText: '工作台' }).count()).toBe(0);

    await page.goto('/admin/2fa/enroll');
    const secret = (await page.locator('code.secret').textContent())?.replace(/\s/g, '') ?? '';
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await shoot(page, 'enrol');
    await page.fill('input[name="code"]', authenticator.generate(secret));
    await page.getByRole('button', { name: '完成绑定' }).click();

    await expect.poll(() => page.locator('h1').textContent()).toBe('备用恢复码');
    const codes = await page.locator('ul.codes li code').allTextContents();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);

    await page.getByRole('link', { name: '进入工作台' }).click();
    await page.waitForURL((url) => url.pathname === '/admin');
    await expect.poll(() => page.locator('h1').textContent()).toBe('工作台');
    expect(await page.locator('h1').isVisible()).toBe(true);
    await shoot(page, 'dashboard');
    await context.close();
  });

  it('renders the home page with the landmarks and identification a government portal needs', async () => {
    const { context, page } = await openPage();
    await page.goto('/');
    expect(await page.locator('h1').count()).toBe(1);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await page.locator('a.skip-link[href="#main"]').count()).toBe(1);
    expect(await page.locator('main').count()).toBe(1);
    expect(await page.locator('main#main').count()).toBe(1);
    expect(await page.locator('footer').textContent()).toContain('网站标识码');
    await shoot(page, 'home');
    await context.close();
  });

  it('moves focus to the skip link on the first Tab', async () => {
    const { context, page } = await openPage();
    await page.goto('/');
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.textContent?.trim());
    expect(focused).toBe('跳到主要内容');
    // Focused, it must come on screen (it hides at left: -9999px until then).
    const box = await page.locator('a.skip-link').boundingBox();
    expect(box?.x ?? -1).toBeGreaterThanOrEqual(0);
    await context.close();
  });

  it('shows an item with its inspection meta tags, and remembers font size and care mode', async () => {
    const { context, page } = await openPage();
    await page.goto('/');
    const firstItem = page.locator('main a[href^="/items/"]').first();
    const title = (await firstItem.textContent())?.trim() ?? '';
    expect(title).not.toBe('');
    await firstItem.click();
    await page.waitForURL('**/items/*');
    expect((await page.locator('h1').textContent())?.trim()).toBe(title);

    for (const name of ['ArticleTitle', 'PubDate', 'ContentSource', 'SiteIDCode']) {
      const content = await page.locator(`meta[name="${name}"]`).getAttribute('content');
      expect(content?.trim(), `meta ${name}`).toBeTruthy();
    }
    const meta = await page.locator('.item-meta').textContent();
    for (const label of ['发布时间', '来源', '浏览次数']) expect(meta).toContain(label);
    await shoot(page, 'item');

    await markDocument(page);
    await page.click('a[data-font="large"]');
    expect(await htmlClass(page)).toContain('font-large');
    expect(await markerKept(page)).toBe(true);
    await page.reload();
    expect(await htmlClass(page)).toContain('font-large');

    await markDocument(page);
    await page.click('a[data-care="1"]');
    expect(await htmlClass(page)).toMatch(/\bcare\b/);
    expect(await markerKept(page)).toBe(true);
    await page.reload();
    expect(await htmlClass(page)).toMatch(/\bcare\b/);
    expect(await page.locator('a[data-care="0"]').textContent()).toBe('退出关怀版');
    await shoot(page, 'item-care');
    await context.close();
  });

  it('saw no console errors, CSP violations or uncaught exceptions on the way', () => {
    expect(problems, problems.join('\n')).toEqual([]);
  });
});
