// Stored script payloads stay inert (security.md T6 "every accepted payload renders escaped on every
// page"): script payloads go in through the public forms (依申请公开, 部门信箱) and the staff forms (the
// letter's reply and its publication, an item's title, summary and body through drafting and the three
// reviews), and every page that shows them — the citizen's receipts and case pages, the back-office
// queues and record pages, the published letter, the item page, column, home page and search — is
// opened in Chromium: no dialog opens, and the DOM holds no script from a payload, no on* attribute and
// no javascript: URL.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD as PASSWORD } from '../../src/app/demo-data';
import { type DemoServer, pageProblems, signInDemo, startDemoInChromium } from '../helpers/demo-server';

const SCRIPT = '<script>alert(1)</script>';
const IMG = '<img src=x onerror=alert(1)>';
const SVG = '"><svg onload=alert(1)>';
const LINK = '<a href="javascript:alert(1)">点此</a>';
/** A text value carrying every payload, after a marker that shows the page holds the value. */
const text = (marker: string) => `${marker}${SCRIPT}${IMG}${SVG}${LINK}javascript:alert(1)`;
/** Rich text for an item body (sanitised on save): the same payloads inside paragraphs. */
const richBody = (marker: string) =>
  `<p>${marker}正文</p><script>alert(1)</script><p><img src="x" onerror="alert(1)">` +
  `<a href="javascript:alert(1)">链接</a></p><svg onload="alert(1)"></svg><p onclick="alert(1)">段落</p>`;

interface DomFindings {
  scripts: string[];
  handlers: string[];
  jsUrls: string[];
  text: string;
}

/** What the rendered DOM holds that a payload could have put there. */
function domFindings(page: Page): Promise<DomFindings> {
  return page.evaluate(() => {
    const all = Array.from(document.querySelectorAll('*'));
    return {
      scripts: Array.from(document.scripts)
        .filter((s) => !s.src || (s.textContent ?? '').includes('alert'))
        .map((s) => s.outerHTML),
      handlers: all.flatMap((el) =>
        Array.from(el.attributes)
          .filter((a) => a.name.startsWith('on'))
          .map((a) => `${el.tagName} ${a.name}`),
      ),
      jsUrls: all.flatMap((el) =>
        ['href', 'src', 'action', 'formaction', 'xlink:href', 'data']
          .map((n) => el.getAttribute(n))
          .filter((v): v is string => v !== null && /^\s*javascript:/i.test(v)),
      ),
      text: document.body.textContent ?? '',
    };
  });
}

describe('stored script payloads, rendered in Chromium', () => {
  let server: DemoServer;
  let browser: Browser;
  let citizen: BrowserContext;
  let stop: () => Promise<void>;
  const dialogs: string[] = [];
  // The sanitised item body keeps the payload's <img src="x"> (without its onerror): that image is a 404.
  const { problems, watch } = pageProblems([/status of 404/]);
  const checked: string[] = [];

  const track = (page: Page) => {
    watch(page);
    page.on('dialog', (d) => {
      dialogs.push(`${page.url()}: ${d.message()}`);
      void d.dismiss();
    });
    return page;
  };

  /** Asserts the page now shown is inert and shows the marker (so the payload really is on it). */
  async function assertInert(page: Page, marker: string) {
    await page.waitForLoadState('load');
    const found = await domFindings(page);
    const where = new URL(page.url()).pathname;
    expect(found.text, `${where} shows ${marker}`).toContain(marker);
    expect(found.scripts, `${where}: script from a payload`).toEqual([]);
    expect(found.handlers, `${where}: event-handler attribute`).toEqual([]);
    expect(found.jsUrls, `${where}: javascript: URL`).toEqual([]);
    expect(dialogs, `${where}: a dialog opened`).toEqual([]);
    checked.push(where);
  }

  async function visit(page: Page, path: string, marker: string) {
    await page.goto(path);
    await assertInert(page, marker);
  }

  // Each demo account enrols its TOTP at its first sign-in, so it signs in once and keeps its session.
  const sessions = new Map<string, { page: Page }>();
  async function staff(user: string) {
    const known = sessions.get(user);
    if (known) return known;
    const s = await signInDemo(browser, server.baseUrl, user, PASSWORD);
    track(s.page);
    sessions.set(user, s);
    return s;
  }

  beforeAll(async () => {
    ({ server, browser, citizen, stop } = await startDemoInChromium());
  }, 90_000);
  afterAll(() => stop?.(), 30_000);

  it('an application with script payloads: receipt, case page and back office', async () => {
    const marker = 'XSS探针申请';
    const page = track(await citizen.newPage());
    await page.goto('/apply/jxj');
    await page.check('input[name="applicantType"][value="natural"]');
    await page.fill('input[name="name"]', '赵敏');
    await page.selectOption('select[name="idType"]', '居民身份证');
    await page.fill('input[name="idNumber"]', '11010519491231002X');
    await page.fill('input[name="phone"]', '13612345678');
    await page.fill('input[name="address"]', text(`${marker}地址`));
    await page.fill('textarea[name="description"]', text(marker));
    await page.check('input[name="deliveryForm"][value="electronic"]');
    await page.check('input[name="deliveryChannel"][value="online"]');
    await page.getByRole('button', { name: /提交申请/ }).click();
    const codes = page.locator('.codes-box dd.code');
    await expect.poll(() => codes.count()).toBe(2);
    const tracking = (await codes.nth(0).textContent())?.trim() ?? '';
    const code = (await codes.nth(1).textContent())?.trim() ?? '';

    await page.goto('/apply/track');
    await page.fill('input[name="trackingNumber"]', tracking);
    await page.fill('input[name="queryCode"]', code);
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe(`申请 ${tracking}`);
    await assertInert(page, marker);

    const editor = await staff('jxj.editor');
    await visit(editor.page, '/admin/applications', marker);
    await editor.page.getByRole('link', { name: tracking }).click();
    await editor.page.waitForURL('**/admin/applications/*');
    await assertInert(editor.page, marker);
  }, 120_000);

  it('a letter with script payloads, answered and published with a payload in the reply', async () => {
    const marker = 'XSS探针来信';
    const subject = `${marker}${SCRIPT}${IMG}`;
    const page = track(await citizen.newPage());
    await page.goto('/mailbox/jxj/write');
    await page.check('input[name="type"][value="suggest"]');
    await page.fill('input[name="subject"]', subject);
    await page.fill('textarea[name="content"]', text(marker));
    await page.fill('input[name="name"]', '孙丽华');
    await page.fill('input[name="phone"]', '13611112222');
    await page.check('input[name="consent"][value="yes"]');
    await page.getByRole('button', { name: '提交来信' }).click();
    const codes = page.locator('.codes-box dd.code');
    await expect.poll(() => codes.count()).toBe(2);
    const tracking = (await codes.nth(0).textContent())?.trim() ?? '';
    const code = (await codes.nth(1).textContent())?.trim() ?? '';

    const step = async (p: Page, label: string, fill: () => Promise<void> = async () => {}) => {
      await p.locator('summary').getByText(label, { exact: true }).click();
      await fill();
      await p.getByRole('button', { name: label, exact: true }).click();
      await p.waitForURL('**/admin/mailbox/*');
    };
    const open = async (p: Page) => {
      await p.goto('/admin/mailbox');
      await assertInert(p, marker);
      await p.getByRole('link', { name: tracking }).click();
      await p.waitForURL('**/admin/mailbox/*');
      await assertInert(p, marker);
    };
    const editor = await staff('jxj.editor');
    await open(editor.page);
    await step(editor.page, '受理');
    await step(editor.page, '拟写答复', () =>
      editor.page.fill('textarea[name="reply"]', text(`${marker}答复`)),
    );
    const chief = await staff('jxj.chief');
    await open(chief.page);
    await step(chief.page, '审核答复', () => chief.page.check('input[name="decision"][value="approve"]'));
    await open(editor.page);
    await step(editor.page, '发送答复');
    await step(editor.page, '选登公开', () => editor.page.check('input[name="checked"]'));
    await expect.poll(() => editor.page.locator('.letter-facts').textContent()).toContain('已公开');
    await assertInert(editor.page, marker);

    for (const path of ['/mailbox', '/mailbox/jxj']) await visit(page, path, marker);
    await page
      .getByRole('link', { name: new RegExp(marker) })
      .first()
      .click();
    await page.waitForURL('**/mailbox/letters/*');
    await assertInert(page, `${marker}答复`);

    await page.goto('/mailbox/track');
    await page.fill('input[name="trackingNumber"]', tracking);
    await page.fill('input[name="queryCode"]', code);
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await expect.poll(() => page.locator('.case-status').textContent()).toContain('已答复');
    await assertInert(page, `${marker}答复`);
  }, 150_000);

  it('an item with script payloads in title, summary and body, reviewed and published', async () => {
    const marker = 'XSS探针信息';
    const editor = await staff('jxj.editor');
    const e = editor.page;
    await e.goto('/admin/items/new');
    await e.selectOption('select[name="columnId"]', { label: '通知公告' });
    await e.fill('input[name="title"]', `${marker}${SCRIPT}${IMG}`);
    await e.fill('textarea[name="bodyHtml"]', richBody(marker));
    await e.fill('textarea[name="summary"]', text(`${marker}摘要`));
    await e.selectOption('select[name="genre"]', '通知');
    await e.check('input[name="disclosure"][value="proactive"]');
    await e.getByRole('button', { name: '保存草稿' }).click();
    await e.getByRole('button', { name: '报审' }).click();
    await expect.poll(() => e.locator('.status-line').textContent()).toContain('审核中：初审');
    const itemPath = new URL(e.url()).pathname;
    await assertInert(e, marker);
    await visit(e, `${itemPath}/review-form`, marker);

    for (const [user, secrecy] of [
      ['jxj.chief', false],
      ['jxj.office', true],
      ['jxj.leader', false],
    ] as const) {
      const reviewer = await staff(user);
      await visit(reviewer.page, '/admin/items', marker);
      await reviewer.page.goto(itemPath);
      await assertInert(reviewer.page, marker);
      await reviewer.page.fill('textarea[name="opinion"]', text(`${marker}意见`));
      if (secrecy) await reviewer.page.check('input[name="secrecyChecked"]');
      await reviewer.page.getByRole('button', { name: '同意', exact: true }).click();
      await reviewer.page.waitForURL(`**${itemPath}`);
      await assertInert(reviewer.page, marker);
    }
    await e.goto(itemPath);
    await expect.poll(() => e.locator('.status-line').textContent()).toContain('已发布');
    await assertInert(e, marker);

    const page = track(await citizen.newPage());
    const id = itemPath.split('/').pop() ?? '';
    for (const path of [`/items/${id}`, '/agencies/jxj/columns/notices', '/agencies/jxj', '/'])
      await visit(page, path, marker);
    await visit(page, `/search?q=${encodeURIComponent('XSS探针信息')}`, marker);
    await visit(page, `/search?q=${encodeURIComponent(`${SCRIPT}${IMG}${SVG}`)}`, '搜索');
  }, 150_000);

  it('opened every page without a dialog or a page error', () => {
    expect(checked.length).toBeGreaterThanOrEqual(20);
    expect(dialogs).toEqual([]);
    expect(problems).toEqual([]);
  });
});
