import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoServer, startDemoServer } from './helpers/demo-server';
import { signInOverHttp } from './helpers/http-session';

// The production build (`npm run build` → dist/gongkai.js and its SBOM, README "Production start"): one bundle of our
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

  it('writes the software bill of materials beside it, runtime packages only (T19)', () => {
    const sbom = JSON.parse(readFileSync(path.join(repoRoot, 'dist/sbom.cdx.json'), 'utf8'));
    expect(sbom.bomFormat).toBe('CycloneDX');
    const names = new Set(sbom.components.map((c: { name: string }) => c.name));
    for (const runtime of ['fastify', 'kysely', 'better-sqlite3', 'pg', 'zod'])
      expect(names).toContain(runtime);
    for (const dev of ['vitest', 'typescript', '@biomejs/biome']) expect(names).not.toContain(dev);
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

  it('seals and verifies a copy of the release installed elsewhere, from the bundle (可信验证, T18)', () => {
    // A copy, not the checkout: a manifest in the checkout would be checked by every test server.
    const release = mkdtempSync(path.join(tmpdir(), 'gk-release-'));
    const dataDir = path.join(release, 'data');
    for (const part of ['dist/gongkai.js', 'package.json', 'package-lock.json', 'public'])
      cpSync(path.join(repoRoot, part), path.join(release, part), { recursive: true });
    symlinkSync(path.join(repoRoot, 'node_modules'), path.join(release, 'node_modules'));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'development',
      GONGKAI_DATA_DIR: dataDir,
      GONGKAI_DEMO: '0',
    };
    delete env.DATABASE_URL;
    const run = (...args: string[]) =>
      execFileSync(process.execPath, ['dist/gongkai.js', ...args], { cwd: release, env, encoding: 'utf8' });
    try {
      expect(run('integrity', 'seal')).toMatch(/已封存 \d+ 个文件和当前配置的完整性清单/);
      const manifest = JSON.parse(readFileSync(path.join(release, 'dist/integrity.json'), 'utf8'));
      expect(Object.keys(manifest.files)).toEqual(
        expect.arrayContaining(['dist/gongkai.js', 'package-lock.json', 'public/site.css']),
      );
      expect(run('integrity', 'verify')).toMatch(/完整性校验通过/);
      appendFileSync(path.join(release, 'public/site.css'), '\n/* changed */');
      expect(() => run('integrity', 'verify')).toThrow(/public\/site.css 已被改动/);
    } finally {
      rmSync(release, { recursive: true, force: true });
    }
  });
});
