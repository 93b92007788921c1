// The pre-publication checks as a reviewer sees them, in Chromium: a notice leaking an identity number
// and misspelling the state's name shows both findings highlighted in their sentences to every reviewer;
// the signing leader cannot sign until a reason is given, and then can.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD as PASSWORD } from '../../src/app/demo-data';
import { type DemoServer, pageProblems, signInDemo, startDemoInChromium } from '../helpers/demo-server';

const TITLE = '关于2026年度企业技术改造补助名单的公示';

describe('the reviewer’s highlighted findings, in Chromium', () => {
  let server: DemoServer;
  let browser: Browser;
  let stop: () => Promise<void>;
  // The refused sign-off answers 400 on purpose; any other console error is a problem.
  const { problems, watch } = pageProblems([/status of 400/]);

  beforeAll(async () => {
    ({ server, browser, stop } = await startDemoInChromium());
  }, 90_000);
  afterAll(() => stop?.(), 30_000);

  it('highlights the findings and holds the sign-off until a reason is given', async () => {
    const editor = await signInDemo(browser, server.baseUrl, 'jxj.editor', PASSWORD);
    watch(editor.page);
    await editor.page.goto('/admin/items/new');
    await editor.page.selectOption('select[name="columnId"]', { label: '通知公告' });
    await editor.page.fill('input[name="title"]', TITLE);
    await editor.page.fill(
      'textarea[name="bodyHtml"]',
      '<p>经评审，拟对以下企业给予补助。联系人王强，身份证号11010519491231002X。</p><p>依据中华人民共合国有关规定，现予公示。</p>',
    );
    await editor.page.selectOption('select[name="genre"]', '通知');
    await editor.page.check('input[name="disclosure"][value="proactive"]');
    await editor.page.getByRole('button', { name: '保存草稿' }).click();
    await editor.page.getByRole('button', { name: '报审' }).click();
    await expect.poll(() => editor.page.locator('.status-line').textContent()).toContain('审核中：初审');
    const itemUrl = new URL(editor.page.url()).pathname;
    await editor.context.close();

    for (const [user, secrecy] of [
      ['jxj.chief', false],
      ['jxj.office', true],
    ] as const) {
      const reviewer = await signInDemo(browser, server.baseUrl, user, PASSWORD);
      watch(reviewer.page);
      await reviewer.page.goto(itemUrl);
      const marks = reviewer.page.locator('.compliance-panel mark');
      await expect
        .poll(() => marks.allTextContents())
        .toEqual(expect.arrayContaining(['11010519491231002X', '中华人民共合国']));
      await reviewer.page.fill('textarea[name="opinion"]', '同意');
      if (secrecy) await reviewer.page.check('input[name="secrecyChecked"]');
      await reviewer.page.getByRole('button', { name: '同意', exact: true }).click();
      await reviewer.page.waitForURL(`**${itemUrl}`);
      await reviewer.context.close();
    }

    const leader = await signInDemo(browser, server.baseUrl, 'jxj.leader', PASSWORD);
    watch(leader.page);
    await leader.page.goto(itemUrl);
    expect(await leader.page.locator('.compliance-panel .finding-veto').count()).toBeGreaterThan(0);
    await leader.page.fill('textarea[name="opinion"]', '同意');
    await leader.page.getByRole('button', { name: '同意', exact: true }).click();
    await expect.poll(() => leader.page.locator('main').textContent()).toContain('发现须整改的严重问题');
    expect(await leader.page.locator('.status-line').textContent()).toContain('审核中：终审');
    await leader.page.fill('textarea[name="opinion"]', '同意');
    await leader.page.fill('textarea[name="overruleReason"]', '公示名单依法须公开，身份证号将在发布前打码');
    await leader.page.getByRole('button', { name: '同意', exact: true }).click();
    await expect.poll(() => leader.page.locator('.status-line').textContent()).not.toContain('审核中');
    await leader.context.close();
    expect(problems).toEqual([]);
  }, 150_000);
});
