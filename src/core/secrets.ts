import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';

// Field-level encryption for secrets at rest (等保 8.1.4.8): AES-256-GCM under a key derived from the
// configured secret key. The envelope names its algorithm so an SM4+SM3 envelope can be added (密评).

const PREFIX = 'v1:aes256gcm:';

function keyFrom(secret: string): Buffer {
  return createHash('sha256').update(`gongkai-seal:${secret}`).digest();
}

/** Encrypts a short text for storage. */
export function sealText(secret: string, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFrom(secret), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

/** Decrypts what sealText produced; throws if the text was altered or the key is wrong. */
export function openText(secret: string, sealed: string): string {
  if (!sealed.startsWith(PREFIX)) throw new Error('unknown envelope');
  const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64');
  const decipher = createDecipheriv('aes-256-gcm', keyFrom(secret), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

/** HMAC-SHA256 in hex. */
export function hmacHex(key: string, data: string): string {
  return createHmac('sha256', key).update(data).digest('hex');
}

/** SHA-256 in hex: session tokens and recovery codes are stored only as digests. */
export function sha256Hex(data: string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A random token of `bytes` bytes, URL-safe. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
