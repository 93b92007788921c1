import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config/config';
import type { Keys } from '../core/context';
import { hmacHex, sha256Hex } from '../core/secrets';

// 可信验证 — integrity verification (等保 8.1.4.6; security.md T18): at a release the operator seals a
// manifest of what runs — the production build, the package manifests that pin every dependency, the
// static files — and of the configuration, signed with an HMAC under the secret key. The server checks
// it at boot and every hour; any changed byte is an alarm and an audit record (integrity-watch.ts).

export const MANIFEST_FILE = 'dist/integrity.json';
const FIXED_FILES = ['dist/gongkai.js', 'package.json', 'package-lock.json'];

export interface IntegrityManifest {
  version: 1;
  sealedAt: string;
  /** SHA-256 of each file, by path from the project folder. */
  files: Record<string, string>;
  /** SHA-256 of the configuration in canonical form, secrets by their own hash. */
  config: string;
  mac: string;
}

export type IntegrityVerdict =
  | { kind: 'ok'; sealedAt: string; files: number }
  | { kind: 'unsealed' }
  | { kind: 'changed'; problems: string[] };

function filesUnder(root: string, folder: string): string[] {
  const dir = path.join(root, folder);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const relative = `${folder}/${entry.name}`;
      return entry.isDirectory() ? filesUnder(root, relative) : [relative];
    })
    .sort();
}

/** The files the manifest covers, by path from the project folder. */
export function coveredFiles(root: string): string[] {
  return [...FIXED_FILES, ...filesUnder(root, 'public')];
}

function fileDigest(root: string, file: string): string | null {
  const full = path.join(root, file);
  return existsSync(full) ? createHash('sha256').update(readFileSync(full)).digest('hex') : null;
}

/**
 * The configuration in a canonical form: keys sorted, each secret (keys, and URLs that may carry a
 * password) replaced by its hash. What differs between the processes of one deployment by design —
 * each instance's port and address, whether it runs the duties — is left out.
 */
export function configDigest(config: Config): string {
  const secret = (value: string | undefined) => (value ? `sha256:${sha256Hex(value)}` : null);
  const { port: _port, host: _host, runDuties: _duties, ...shared } = config;
  const shown = {
    ...shared,
    auditKey: secret(config.auditKey),
    secretKey: secret(config.secretKey),
    databaseUrl: secret(config.databaseUrl),
    mail: { ...config.mail, smtpUrl: secret(config.mail.smtpUrl) },
  };
  return sha256Hex(canonicalJson(shown));
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value ?? null);
}

function macOf(m: Omit<IntegrityManifest, 'mac'>, keys: Keys): string {
  return hmacHex(keys.secret, canonicalJson({ ...m, purpose: 'gongkai-integrity' }));
}

/** Seals the manifest of the project at root; refuses when the build is missing. */
export function sealIntegrity(root: string, config: Config, keys: Keys, now: Date): IntegrityManifest {
  const files: Record<string, string> = {};
  for (const file of coveredFiles(root)) {
    const digest = fileDigest(root, file);
    if (!digest) throw new Error(`缺少 ${file}：请先运行 npm run build`);
    files[file] = digest;
  }
  const body = { version: 1 as const, sealedAt: now.toISOString(), files, config: configDigest(config) };
  const manifest = { ...body, mac: macOf(body, keys) };
  writeFileSync(path.join(root, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** Checks the project at root against its sealed manifest; each problem names what changed. */
export function verifyIntegrity(root: string, config: Config, keys: Keys): IntegrityVerdict {
  const file = path.join(root, MANIFEST_FILE);
  if (!existsSync(file)) return { kind: 'unsealed' };
  let manifest: IntegrityManifest;
  try {
    manifest = JSON.parse(readFileSync(file, 'utf8')) as IntegrityManifest;
  } catch {
    return { kind: 'changed', problems: [`${MANIFEST_FILE} 无法读取`] };
  }
  const { mac, ...body } = manifest;
  if (typeof mac !== 'string' || mac !== macOf(body, keys))
    return { kind: 'changed', problems: [`${MANIFEST_FILE} 的签名不符（清单被改动，或密钥已更换）`] };
  const problems: string[] = [];
  for (const [name, digest] of Object.entries(manifest.files)) {
    const now = fileDigest(root, name);
    if (now === null) problems.push(`${name} 已被删除`);
    else if (now !== digest) problems.push(`${name} 已被改动`);
  }
  for (const name of coveredFiles(root))
    if (!(name in manifest.files)) problems.push(`${name} 是封存后新增的文件`);
  if (configDigest(config) !== manifest.config) problems.push('配置与封存时不同');
  return problems.length
    ? { kind: 'changed', problems }
    : { kind: 'ok', sealedAt: manifest.sealedAt, files: Object.keys(manifest.files).length };
}
