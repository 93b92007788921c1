import path from 'node:path';
import type { Config } from '../config/config';
import type { Context } from '../core/context';
import { durabilitySettings } from '../db/dialect';
import { demoUsers } from './demo-data';
import { verifyIntegrity } from './integrity';

// `gongkai check-deploy` (`npm run check:deploy`; security.md T18): refuses a production start that
// an inspector would fail — each finding names the setting and what to do. The checks read the
// configuration, the database and the installed files; none changes anything.

const PLACEHOLDERS = ['CHANGE-ME', 'changeme', 'example', 'secret', 'password'];
const ANY_HOP = new Set(['true', '*', '0.0.0.0/0', '::/0', '0.0.0.0', '::']);
const DEFAULT_ADMIN_NAMES = new Set(['admin', 'administrator', 'root', 'test', 'guest']);

// The end of each Node.js LTS line (https://nodejs.org/en/about/previous-releases). T19: a runtime past
// it fails the check, so the upgrade is an explicit decision rather than something nobody noticed.
const NODE_END_OF_LIFE: Record<number, string> = { 20: '2026-04-30', 22: '2027-04-30', 24: '2028-04-30' };

/** Whether the Node.js running this (e.g. "v20.20.2") is still supported on `today` (YYYY-MM-DD). */
export function runtimeProblems(version: string, today: string): string[] {
  const major = Number(/^v?(\d+)\./.exec(version)?.[1]);
  if (major % 2 === 1) return [`Node.js ${version} 不是长期支持（LTS）版本：生产环境用 22 或 24`];
  const end = NODE_END_OF_LIFE[major];
  if (end && today > end)
    return [`Node.js ${major} 的安全支持已于 ${end} 结束：升级到仍在支持期内的 LTS 版本`];
  if (!end && major < 20) return [`Node.js ${version} 已停止支持：升级到仍在支持期内的 LTS 版本`];
  return [];
}

function keyProblems(name: string, value: string | undefined): string[] {
  if (!value) return [`${name} 未设置：用 openssl rand -hex 32 生成`];
  const lower = value.toLowerCase();
  if (PLACEHOLDERS.some((p) => lower.includes(p.toLowerCase())))
    return [`${name} 仍是示例值：用 openssl rand -hex 32 重新生成`];
  if (new Set(value).size < 10)
    return [`${name} 过于简单（不同字符不足 10 个）：用 openssl rand -hex 32 生成`];
  return [];
}

/** The problems the configuration alone shows. */
export function configProblems(config: Config, projectRoot: string): string[] {
  const problems: string[] = [];
  if (!config.production)
    problems.push('NODE_ENV 不是 production：会显示调试信息、载入演示数据，会话 Cookie 在本机不加 Secure');
  problems.push(...keyProblems('GONGKAI_AUDIT_KEY', config.auditKey));
  problems.push(...keyProblems('GONGKAI_SECRET_KEY', config.secretKey));
  if (config.auditKey && config.auditKey === config.secretKey)
    problems.push('GONGKAI_AUDIT_KEY 与 GONGKAI_SECRET_KEY 相同：两把密钥必须各自生成');
  if (config.logLevel === 'debug' || config.logLevel === 'trace')
    problems.push(`LOG_LEVEL=${config.logLevel} 会把调试信息写入日志：生产环境用 info`);
  if (config.demo) problems.push('GONGKAI_DEMO 已开启：生产环境不得载入演示数据和演示账户');
  if (!config.trustProxy)
    problems.push(
      'GONGKAI_TRUST_PROXY 未设置：反向代理终止 TLS 时本服务看不到 https，不发送 HSTS，也无法按来源地址限流',
    );
  else if (config.trustProxy.split(',').some((hop) => ANY_HOP.has(hop.trim())))
    problems.push(`GONGKAI_TRUST_PROXY=${config.trustProxy} 信任任何来源：只填反向代理的地址`);
  if (!config.adminCidrs) problems.push('GONGKAI_ADMIN_CIDRS 为空：后台管理应只允许从单位内网或运维网段访问');
  const attachments = path.resolve(config.dataDir, 'attachments');
  const publicDir = path.resolve(projectRoot, 'public');
  if (`${attachments}${path.sep}`.startsWith(`${publicDir}${path.sep}`))
    problems.push(`附件目录 ${attachments} 位于静态文件目录 ${publicDir} 之内：GONGKAI_DATA_DIR 应在其外`);
  return problems;
}

async function durabilityProblems(ctx: Context): Promise<string[]> {
  const d = await durabilitySettings(ctx.db);
  if (d.engine === 'sqlite')
    return d.synchronous >= 2
      ? []
      : [`SQLite synchronous=${d.synchronous}，低于 FULL(2)：掉电会丢失已确认的写入`];
  const problems: string[] = [];
  if (d.fsync !== 'on') problems.push('PostgreSQL fsync 已关闭：崩溃会丢失已确认的写入');
  if (d.synchronousCommit === 'off')
    problems.push('PostgreSQL synchronous_commit=off：崩溃会丢失已确认的写入');
  return problems;
}

async function accountProblems(ctx: Context): Promise<string[]> {
  const demo = new Set(demoUsers.map((u) => u.username));
  const users = await ctx.db.selectFrom('users').select('username').execute();
  return users
    .filter((u) => demo.has(u.username) || DEFAULT_ADMIN_NAMES.has(u.username.toLowerCase()))
    .map((u) => `存在默认或演示账户 ${u.username}：停用或删除后再上线`);
}

function integrityProblems(ctx: Context, projectRoot: string): string[] {
  const verdict = verifyIntegrity(projectRoot, ctx.config, ctx.keys);
  if (verdict.kind === 'unsealed')
    return ['完整性清单未封存：npm run build 之后运行 gongkai integrity seal（可信验证）'];
  if (verdict.kind === 'changed') return verdict.problems.map((p) => `完整性校验失败：${p}`);
  return [];
}

/** Every problem found; an empty list means the deployment passes. */
export async function checkDeployment(
  ctx: Context,
  projectRoot: string,
  runtime = { version: process.version, today: ctx.clock.now().toISOString().slice(0, 10) },
): Promise<string[]> {
  return [
    ...configProblems(ctx.config, projectRoot),
    ...runtimeProblems(runtime.version, runtime.today),
    ...(await durabilityProblems(ctx)),
    ...(await accountProblems(ctx)),
    ...integrityProblems(ctx, projectRoot),
  ];
}
