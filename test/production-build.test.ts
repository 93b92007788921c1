import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoServer, startDemoServer } from './helpers/demo-server';
import { signInOverHttp } from './helpers/http-session';

// The production build (`npm run build` → dist/gongkai.js, README "Deployment"): one bundle of our
// sources with the packages left in node_modules, run by node alone. What bundling can break is what
// is found by path at run time — the static folder, the word-segmentation dictionary, the common
// password list, pdf.js loaded on demand — so the test walks through each of them on a real process.

const repoRoot = path.resolve(import.meta.dirname, '..');
const bundle = path.join(repoRoot, 'dist/gongkai.js');
let server: DemoServer;

beforeAll(() => {
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: repoRoot, stdio: 'pipe' });
});

afterAll(async () => {
  await server?.stop();
});

describe('the production build', () => {
  it('bundles our sources and leaves the TypeScript loader out', () => {
    const code = readFileSync(bundle, 'utf8');
    expect(code).toContain('政务公开平台 Gongkai');
    expect(code).not.toMatch(/from ["']tsx/);
    expect(code).not.toMatch(/from ["']\.\.?\//); // no import of a source file left unbundled
  });

  it('serves the portal, its static files, search and the back office under the deployment heap cap', async () => {
    server = await startDemoServer({ entry: 'dist/gongkai.js', nodeOptions: ['--max-old-space-size=320'] });
    const home = await fetch(`${server.baseUrl}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('/static/site.css');

    const css = await fetch(`${server.baseUrl}/static/site.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/text\/css/);

    const search = await fetch(`${server.baseUrl}/search?q=${encodeURIComponent('教育')}`);
    expect(search.status).toBe(200);
    expect(await search.text()).toMatch(/<mark>教育<\/mark>/);

    const staff = await signInOverHttp(server.baseUrl, 'jxj.editor', 'Demo#2026shifan', new Map());
    const desk = await staff.get('/admin');
    expect(desk.status).toBe(200);
    expect(desk.html).toContain('所在机构：示范区经济和信息化局');
  });
});
