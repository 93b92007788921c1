import { createRequire } from 'node:module';

// Password rules for back-office accounts (等保 8.1.4.1 a; security.md §1.5 and §1.6, ASVS 6.2):
// at least 8 characters, three of four character classes, not the user name, not a common password,
// at most 1024 bytes (long passphrases up to that are welcome).

const require = createRequire(import.meta.url);
// Mozilla's list of common passwords (8 characters and longer); used as-is, not copied.
const commonPasswords: { test(password: string): boolean } = require('fxa-common-password-list');

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_BYTES = 1024;

// Words an attacker tries first against a government site; checked case-insensitively as substrings.
const contextWords = ['gongkai', 'zhengfu', 'zhengwu', 'admin', 'password', 'qwerty'];

/** Returns the Chinese message naming what is wrong with the password, or null if it is acceptable. */
export function checkPasswordPolicy(password: string, username: string): string | null {
  if (Buffer.byteLength(password, 'utf8') > PASSWORD_MAX_BYTES)
    return `密码不能超过 ${PASSWORD_MAX_BYTES} 字节`;
  if ([...password].length < PASSWORD_MIN_LENGTH) return `密码至少 ${PASSWORD_MIN_LENGTH} 位`;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) return '密码须包含大写字母、小写字母、数字、符号中的至少三类';
  const lower = password.toLowerCase();
  if (username && lower.includes(username.toLowerCase())) return '密码不能包含用户名';
  if (commonPasswords.test(password) || commonPasswords.test(lower)) return '该密码过于常见，请换一个';
  if (contextWords.some((w) => lower.includes(w))) return '密码不能包含常见词（如 admin、password、gongkai）';
  return null;
}
