import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config/config';
import type { Keys } from '../core/context';
import { randomToken } from '../core/secrets';

/**
 * The audit MAC key and the sealing key. Production takes both from configuration (never from the
 * database). A development or demo install generates them once into the data folder, readable by its owner only.
 */
export function resolveKeys(config: Config): Keys {
  if (config.auditKey && config.secretKey) return { audit: config.auditKey, secret: config.secretKey };
  if (config.production) {
    throw new Error('生产环境必须设置 GONGKAI_AUDIT_KEY 和 GONGKAI_SECRET_KEY（各至少 32 个字符）');
  }
  const file = path.join(config.dataDir, 'keys.json');
  if (existsSync(file)) {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Keys;
    return { audit: config.auditKey ?? stored.audit, secret: config.secretKey ?? stored.secret };
  }
  mkdirSync(config.dataDir, { recursive: true });
  const keys = { audit: config.auditKey ?? randomToken(32), secret: config.secretKey ?? randomToken(32) };
  writeFileSync(file, JSON.stringify(keys), { mode: 0o600 });
  return keys;
}
