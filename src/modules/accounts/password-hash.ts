import { hash, verify } from '@node-rs/argon2';

// argon2id at OWASP's minimum or above (ASVS 11.4.2: m = 19 MiB, t = 2, p = 1).
// algorithm 2 is Argon2id (the package's const enum cannot be imported under verbatimModuleSyntax).
const options = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 };

/** Hashes a password for storage; the PHC string carries its own parameters. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

// Verified against when the user does not exist, so unknown user and wrong password take the same time.
let dummyHash: Promise<string> | undefined;

/** Checks a password against a stored hash, or against a dummy hash when there is no user. */
export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (stored === null) {
    dummyHash ??= hash('dummy-password-for-timing', options);
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(stored, password).catch(() => false);
}
