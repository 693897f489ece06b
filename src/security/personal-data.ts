import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Personal identifiers are stored as a keyed hash (to match and join on) plus an AES-256-GCM ciphertext
 * (to disclose to those entitled, with an audit event). Hash and encryption use separate keys derived
 * from one secret, so a leaked hash key does not decrypt anything.
 */
export type PersonalDataProtector = {
  /** Keyed HMAC-SHA256 (hex) of an already-normalised value. */
  hash(value: string): string;
  encrypt(value: string): string;
  decrypt(cipherText: string): string;
};

export function createPersonalDataProtector(secretHex: string): PersonalDataProtector {
  const secret = Buffer.from(secretHex, 'hex');
  const hashKey = createHmac('sha256', secret).update('tuogou:hash').digest();
  const encryptionKey = createHmac('sha256', secret).update('tuogou:encrypt').digest();
  return {
    hash: (value) => createHmac('sha256', hashKey).update(value).digest('hex'),
    encrypt: (value) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encryptionKey, iv);
      const body = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
      return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
    },
    decrypt: (cipherText) => {
      if (!cipherText.startsWith('v1.')) throw new Error('unknown ciphertext version');
      const raw = Buffer.from(cipherText.slice(3), 'base64');
      const decipher = createDecipheriv('aes-256-gcm', encryptionKey, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

/**
 * The secret from configuration, or else one generated on first start and kept in the data folder
 * (mode 0600), so that an embedded installation keeps its hashes stable across restarts.
 */
export function loadOrCreateSecret(options: { secret?: string; dataDir: string }): string {
  if (options.secret) return options.secret;
  const file = join(options.dataDir, 'secret.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(options.dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
