import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDeployment, configProblems, runtimeProblems } from '../src/app/deploy-check';
import { sealIntegrity } from '../src/app/integrity';
import { loadConfig } from '../src/config/config';
import { runGongkai } from './helpers/cli';
import { makeUser } from './helpers/factories';
import { fakeRelease } from './helpers/fake-release';
import { createTestContext, type TestContext, testDatabases } from './helpers/test-context';

// `gongkai check-deploy` (security.md T18): a production configuration an inspector would fail is
// refused, each problem named; a sound one passes.

const sound = {
  NODE_ENV: 'production',
  GONGKAI_AUDIT_KEY: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
  GONGKAI_SECRET_KEY: '60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752',
  GONGKAI_TRUST_PROXY: '127.0.0.1',
  GONGKAI_ADMIN_CIDRS: '10.20.0.0/16, 192.168.8.5',
  GONGKAI_DATA_DIR: '/srv/gongkai',
  LOG_LEVEL: 'info',
};

describe('the configuration checks', () => {
  it('pass a sound production configuration', () => {
    expect(configProblems(loadConfig(sound), '/opt/gongkai')).toEqual([]);
  });

  it('name each unsafe setting', () => {
    const problems = configProblems(
      loadConfig({
        ...sound,
        GONGKAI_AUDIT_KEY: 'CHANGE-ME-64-hex-characters-CHANGE-ME',
        GONGKAI_SECRET_KEY: 'a'.repeat(40),
        LOG_LEVEL: 'debug',
        GONGKAI_DEMO: '1',
        GONGKAI_TRUST_PROXY: 'true',
        GONGKAI_ADMIN_CIDRS: '',
        GONGKAI_DATA_DIR: '/opt/gongkai/public/data',
      }),
      '/opt/gongkai',
    );
    expect(problems).toEqual([
      'GONGKAI_AUDIT_KEY 仍是示例值：用 openssl rand -hex 32 重新生成',
      'GONGKAI_SECRET_KEY 过于简单（不同字符不足 10 个）：用 openssl rand -hex 32 生成',
      'LOG_LEVEL=debug 会把调试信息写入日志：生产环境用 info',
      'GONGKAI_DEMO 已开启：生产环境不得载入演示数据和演示账户',
      'GONGKAI_TRUST_PROXY=true 信任任何来源：只填反向代理的地址',
      'GONGKAI_ADMIN_CIDRS 为空：后台管理应只允许从单位内网或运维网段访问',
      '附件目录 /opt/gongkai/public/data/attachments 位于静态文件目录 /opt/gongkai/public 之内：GONGKAI_DATA_DIR 应在其外',
    ]);
  });

  it('refuses a development configuration and missing keys', () => {
    const problems = configProblems(loadConfig({ NODE_ENV: 'development' }), '/opt/gongkai');
    expect(problems[0]).toMatch(/^NODE_ENV 不是 production/);
    expect(problems).toContain('GONGKAI_AUDIT_KEY 未设置：用 openssl rand -hex 32 生成');
  });

  it.each([
    ['v22.11.0', '2026-11-26', []],
    ['v24.1.0', '2028-04-30', []],
    ['v20.20.2', '2026-05-01', ['Node.js 20 的安全支持已于 2026-04-30 结束：升级到仍在支持期内的 LTS 版本']],
    ['v22.11.0', '2027-05-01', ['Node.js 22 的安全支持已于 2027-04-30 结束：升级到仍在支持期内的 LTS 版本']],
    ['v23.3.0', '2026-11-26', ['Node.js v23.3.0 不是长期支持（LTS）版本：生产环境用 22 或 24']],
    ['v18.20.0', '2026-11-26', ['Node.js v18.20.0 已停止支持：升级到仍在支持期内的 LTS 版本']],
  ])('judges Node.js %s on %s (T19)', (version, today, expected) => {
    expect(runtimeProblems(version, today)).toEqual(expected);
  });

  it('names a bad admin network at start', () => {
    expect(() => loadConfig({ ...sound, GONGKAI_ADMIN_CIDRS: '10.0.0.0/8, 10.300.0.0/16' })).toThrow(
      /GONGKAI_ADMIN_CIDRS: "10.300.0.0\/16" 不是有效的 IP 地址或 CIDR 网段/,
    );
  });
});

describe.each(testDatabases())('the whole deployment check on %s', (kind) => {
  const supported = { version: 'v22.11.0', today: '2026-11-26' };
  let ctx: TestContext;
  let root: string;
  beforeAll(async () => {
    ctx = await createTestContext(kind);
    root = fakeRelease();
  });
  afterAll(async () => {
    await ctx.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('passes a sealed release with durable storage and no default account, and names what is wrong', async () => {
    const release = {
      ...ctx,
      config: loadConfig({
        ...sound,
        ...(ctx.config.databaseUrl ? { DATABASE_URL: ctx.config.databaseUrl } : {}),
      }),
    };
    expect(await checkDeployment(release, root, supported)).toEqual([
      '完整性清单未封存：npm run build 之后运行 gongkai integrity seal（可信验证）',
    ]);
    sealIntegrity(root, release.config, release.keys, new Date());
    expect(await checkDeployment(release, root, supported)).toEqual([]);
    const someone = await makeUser(ctx);
    await ctx.db.updateTable('users').set({ username: 'admin' }).where('id', '=', someone.id).execute();
    writeFileSync(path.join(root, 'dist/gongkai.js'), 'patched\n');
    expect(await checkDeployment(release, root, supported)).toEqual([
      '存在默认或演示账户 admin：停用或删除后再上线',
      '完整性校验失败：dist/gongkai.js 已被改动',
    ]);
  });
});

describe('npm run check:deploy', () => {
  it('exits 1 and names the problems of a non-production start', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'gk-check-'));
    try {
      const r = await runGongkai(['check-deploy'], dataDir);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/✗ NODE_ENV 不是 production/);
      expect(r.stderr).toMatch(/部署检查未通过：\d+ 个问题/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
