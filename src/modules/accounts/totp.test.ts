import { describe, expect, it } from 'vitest';
import { acceptTotp, newTotpSecret, totpCodeAt } from './totp';

describe('TOTP second factor (security.md T10)', () => {
  const secret = newTotpSecret();
  const at = new Date('2026-03-02T02:00:10.000Z');
  const step = Math.floor(at.getTime() / 30_000);

  it('accepts the current code and reports its step', () => {
    expect(acceptTotp(secret, totpCodeAt(secret, at), at, null)).toBe(step);
  });

  it('accepts the previous step’s code (±1 step of drift)', () => {
    const earlier = new Date(at.getTime() - 30_000);
    expect(acceptTotp(secret, totpCodeAt(secret, earlier), at, null)).toBe(step - 1);
  });

  it('refuses a code two steps old', () => {
    const old = new Date(at.getTime() - 61_000);
    expect(acceptTotp(secret, totpCodeAt(secret, old), at, null)).toBeNull();
  });

  it('refuses a replay of a code whose step was already used', () => {
    const code = totpCodeAt(secret, at);
    expect(acceptTotp(secret, code, at, step)).toBeNull();
  });

  it('refuses anything but six digits', () => {
    expect(acceptTotp(secret, '12345a', at, null)).toBeNull();
    expect(acceptTotp(secret, '', at, null)).toBeNull();
  });
});
