import { timingSafeEqual } from 'node:crypto';
import { randomToken, sha256Hex } from './secrets';

// The 查询码 handed to the public with a tracking number (依申请公开 and 部门信箱 alike): eight characters
// from an alphabet without look-alikes (0/O, 1/I), shown once; only its digest is stored.

const QUERY_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A fresh query code to show once. */
export function newQueryCode(): string {
  const bytes = Buffer.from(randomToken(16), 'base64url');
  return Array.from(bytes.subarray(0, 8), (b) => QUERY_CODE_ALPHABET[b % QUERY_CODE_ALPHABET.length]).join(
    '',
  );
}

/** The stored form of a query code (case-insensitive, trimmed). */
export function queryCodeHash(code: string): string {
  return sha256Hex(code.trim().toUpperCase());
}

/** Compares a typed code with a stored digest in constant time; a missing row compares like a wrong code. */
export function queryCodeMatches(given: string, storedHash: string | undefined): boolean {
  const a = Buffer.from(queryCodeHash(given));
  const b = Buffer.from(storedHash ?? sha256Hex(''));
  return storedHash !== undefined && a.length === b.length && timingSafeEqual(a, b);
}
