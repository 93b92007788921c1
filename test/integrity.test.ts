import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sealIntegrity, verifyIntegrity } from '../src/app/integrity';
import { watchIntegrity } from '../src/app/integrity-watch';
import { loadConfig } from '../src/config/config';
import { fakeRelease } from './helpers/fake-release';
import { createTestContext, type TestContext, testDatabases } from './helpers/test-context';

// 可信验证 (security.md T18): a sealed manifest of the build, the package manifests, the static files
// and the configuration; any changed byte is found, named, logged as an alarm and audited, and with
// GONGKAI_INTEGRITY_ENFORCE=1 refuses the start.

const keys = { audit: 'a'.repeat(16) + 'b'.repeat(16), secret: 'integrity-test-secret-0123456789abcdef' };
const production = { NODE_ENV: 'production', GONGKAI_DATA_DIR: '/srv/gongkai', LOG_LEVEL: 'info' };

class MemoryLog {
  lines: { level: string; obj: object; msg: string }[] = [];
  info = (obj: object, msg: string) => this.lines.push({ level: 'info', obj, msg });
  warn = (obj: object, msg: string) => this.lines.push({ level: 'warn', obj, msg });
  error = (obj: object, msg: string) => this.lines.push({ level: 'error', obj, msg });
}

describe('the integrity manifest', () => {
  let root: string;
  const config = loadConfig(production);
  beforeEach(() => {
    root = fakeRelease();
    sealIntegrity(root, config, keys, new Date('2026-11-26T06:00:00Z'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('verifies an untouched release, whatever port each instance listens on', () => {
    expect(verifyIntegrity(root, config, keys)).toEqual({
      kind: 'ok',
      sealedAt: '2026-11-26T06:00:00.000Z',
      files: 4,
    });
    expect(verifyIntegrity(root, loadConfig({ ...production, PORT: '3002' }), keys).kind).toBe('ok');
  });

  it('names each changed, removed or added file and a changed configuration', () => {
    appendFileSync(path.join(root, 'dist/gongkai.js'), ' ');
    rmSync(path.join(root, 'public/site.css'));
    writeFileSync(path.join(root, 'public/extra.js'), 'alert(1)');
    const changed = loadConfig({ ...production, LOG_LEVEL: 'debug' });
    expect(verifyIntegrity(root, changed, keys)).toEqual({
      kind: 'changed',
      problems: [
        'dist/gongkai.js 已被改动',
        'public/site.css 已被删除',
        'public/extra.js 是封存后新增的文件',
        '配置与封存时不同',
      ],
    });
  });

  it('finds a changed secret although the manifest holds only its hash', () => {
    const sealedWith = loadConfig({ ...production, GONGKAI_AUDIT_KEY: 'k'.repeat(20) + 'x'.repeat(20) });
    sealIntegrity(root, sealedWith, keys, new Date());
    const other = loadConfig({ ...production, GONGKAI_AUDIT_KEY: 'k'.repeat(20) + 'y'.repeat(20) });
    expect(verifyIntegrity(root, other, keys)).toEqual({ kind: 'changed', problems: ['配置与封存时不同'] });
    expect(readFileSync(path.join(root, 'dist/integrity.json'), 'utf8')).not.toContain('x'.repeat(20));
  });

  it('refuses a manifest edited to match a changed file, or sealed under another key', () => {
    appendFileSync(path.join(root, 'dist/gongkai.js'), '// injected');
    const file = path.join(root, 'dist/integrity.json');
    const manifest = JSON.parse(readFileSync(file, 'utf8'));
    manifest.files['dist/gongkai.js'] = '0'.repeat(64);
    writeFileSync(file, JSON.stringify(manifest));
    const forged = verifyIntegrity(root, config, keys);
    expect(forged.kind === 'changed' && forged.problems[0]).toMatch(/签名不符/);
    sealIntegrity(root, config, keys, new Date());
    const otherKey = verifyIntegrity(root, config, {
      ...keys,
      secret: 'another-secret-key-0123456789abcdef',
    });
    expect(otherKey.kind === 'changed' && otherKey.problems[0]).toMatch(/签名不符/);
  });

  it('reports an unsealed release as such, not as a change', () => {
    rmSync(path.join(root, 'dist/integrity.json'));
    expect(verifyIntegrity(root, config, keys)).toEqual({ kind: 'unsealed' });
  });
});

describe.each(testDatabases())('the integrity watch on %s', (kind) => {
  let ctx: TestContext;
  let root: string;
  beforeAll(async () => {
    ctx = await createTestContext(kind);
  });
  afterAll(() => ctx.close());
  beforeEach(() => {
    root = fakeRelease();
    sealIntegrity(root, ctx.config, ctx.keys, new Date());
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const failures = () =>
    ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'system.integrity_failed').execute();

  it('passes at boot, then raises the alarm and an audit record when a byte changes while it runs', async () => {
    const log = new MemoryLog();
    const before = (await failures()).length;
    const stop = await watchIntegrity(ctx, log, { root, everyMs: 100 });
    try {
      expect(log.lines.map((l) => l.level)).toEqual(['info']);
      appendFileSync(path.join(root, 'public/site.css'), '\n.x{}');
      await new Promise((r) => setTimeout(r, 400));
    } finally {
      stop();
    }
    expect(log.lines.some((l) => l.level === 'error' && /INTEGRITY CHECK FAILED/.test(l.msg))).toBe(true);
    const records = (await failures()).slice(before);
    expect(records.length).toBeGreaterThan(0);
    expect(JSON.parse(records[0]?.details ?? '{}')).toEqual({ problems: ['public/site.css 已被改动'] });
    expect(records[0]?.outcome).toBe('failure');
  });

  it('refuses the start when enforced, and only alarms when not', async () => {
    appendFileSync(path.join(root, 'dist/gongkai.js'), '// changed');
    const log = new MemoryLog();
    const stop = await watchIntegrity(ctx, log, { root });
    stop();
    expect(log.lines.map((l) => l.level)).toEqual(['error']);
    const enforced = { ...ctx, config: { ...ctx.config, integrityEnforce: true } };
    await expect(watchIntegrity(enforced, new MemoryLog(), { root })).rejects.toThrow(/拒绝启动/);
  });
});
