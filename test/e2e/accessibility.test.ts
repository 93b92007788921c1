// Accessibility of the public pages (portal-standards.md; GB/T 37668 follows WCAG 2.x AA): axe-core runs
// the WCAG 2 A/AA rules — contrast ≥ 4.5:1, landmarks, labels, names, lang — on each page as rendered in
// Chromium, in normal and care mode, at desktop and phone widths.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { authenticator } from 'otplib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoServer, launchChromium, startDemoServer } from '../helpers/demo-server';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe in the page (through the debugger protocol, which the page's CSP does not govern). */
async function violations(page: Page): Promise<string[]> {
  await page.evaluate(`${axeSource};0`);
  const found = (await page.evaluate(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }).then((r) => r.violations)`,
  )) as AxeViolation[];
  return found.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('WCAG 2.1 AA on the public pages (axe-core in Chromium)', () => {
  let server: DemoServer;
  let browser: Browser;
  let itemPath: string;
  let policyPath: string; // a 规范性文件 with its catalogue table and interpretation links

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchChromium();
    const home = await (await fetch(`${server.baseUrl}/`)).text();
    itemPath = /href="(\/items\/[^"]+)"/.exec(home)?.[1] ?? '';
    const policies = await (await fetch(`${server.baseUrl}/agencies/jxj/columns/policies`)).text();
    policyPath = /href="(\/items\/[^"]+)"/.exec(policies)?.[1] ?? '';
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  }, 30_000);

  const pages = () => [
    '/',
    '/agencies/jxj',
    '/agencies/jxj/columns/news',
    itemPath,
    policyPath,
    '/admin/login',
    '/no-such-page',
  ];

  it.each([
    ['desktop', { width: 1280, height: 900 }, false],
    ['phone', { width: 390, height: 844 }, false],
    ['care mode', { width: 1280, height: 900 }, true],
  ] as const)('has no violations at %s', async (_label, viewport, care) => {
    const context = await browser.newContext({ baseURL: server.baseUrl, viewport, locale: 'zh-CN' });
    if (care) await context.addCookies([{ name: 'gk_care', value: '1', url: server.baseUrl }]);
    const page = await context.newPage();
    const report: string[] = [];
    for (const path of pages()) {
      await page.goto(path);
      for (const v of await violations(page)) report.push(`${path} ${v}`);
    }
    await context.close();
    expect(report).toEqual([]);
  });

  it('has no violations on the system administrator’s back-office pages', async () => {
    const context = await browser.newContext({ baseURL: server.baseUrl, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto('/admin/login');
    await page.fill('input[name="username"]', 'sysadmin');
    await page.fill('input[name="password"]', 'Demo#2026shifan');
    await page.getByRole('button', { name: '下一步' }).click();
    await page.waitForURL('**/admin/2fa/enroll');
    const report = (await violations(page)).map((v) => `/admin/2fa/enroll ${v}`);
    const secret = (await page.locator('code.secret').textContent())?.replace(/\s/g, '') ?? '';
    await page.fill('input[name="code"]', authenticator.generate(secret));
    await page.getByRole('button', { name: '完成绑定' }).click();
    for (const path of ['/admin', '/admin/users', '/admin/agencies', '/admin/password']) {
      await page.goto(path);
      for (const v of await violations(page)) report.push(`${path} ${v}`);
    }
    await context.close();
    expect(report).toEqual([]);
  });
});
