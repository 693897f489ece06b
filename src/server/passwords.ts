import { hash, verify } from '@node-rs/argon2';

/** Argon2id with the library's defaults (19 MiB, 2 passes), as OWASP recommends for interactive logins. */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password);
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the time of one verification for a username that does not exist, so response times do not
 * tell which usernames do.
 */
export async function verifyAgainstNothing(password: string): Promise<void> {
  dummyHash ??= hash('no account has this password');
  await verify(await dummyHash, password);
}

/** Smallest password length accepted for new accounts. */
export const MIN_PASSWORD_LENGTH = 10;
