import { authenticator } from 'otplib';

// TOTP (RFC 6238) as the cryptographic second factor (等保 8.1.4.1 d), ±1 step of tolerance,
// and the accepted step remembered so a code is never accepted twice (ASVS 6.5.1, security.md T10).

const STEP_SECONDS = 30;

/** A new base32 secret for enrolment. */
export function newTotpSecret(): string {
  return authenticator.generateSecret(20);
}

/** The otpauth:// URI an authenticator app scans. */
export function totpUri(secret: string, account: string, issuer: string): string {
  return authenticator.keyuri(account, issuer, secret);
}

/** The current code for a secret (for tests and the demo walk-through). */
export function totpCodeAt(secret: string, at: Date): string {
  return authenticator.clone({ epoch: at.getTime() }).generate(secret);
}

/**
 * Returns the time step the code belongs to, or null if it matches none within ±1 step, or if that step
 * is not after the last one accepted.
 */
export function acceptTotp(secret: string, code: string, at: Date, lastStep: number | null): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = authenticator.clone({ epoch: at.getTime(), window: 1 }).checkDelta(code, secret);
  if (delta === null) return null;
  const step = Math.floor(at.getTime() / 1000 / STEP_SECONDS) + delta;
  if (lastStep !== null && step <= lastStep) return null;
  return step;
}
