import { describe, expect, it } from 'vitest';
import { createKeyedHasher, referenceFingerprint } from './keyed-hash.ts';

const key = Buffer.from('a screening key of some length');

describe('createKeyedHasher', () => {
  it('computes HMAC-SHA256 exactly as createHmac does', () => {
    const hasher = createKeyedHasher(key);
    for (const text of ['', 'id:110105194912310021', 'n:张三', 'x'.repeat(500)]) {
      expect(hasher.fingerprint(text)).toEqual(referenceFingerprint(key, text));
    }
  });

  it('handles keys longer than the hash block', () => {
    const long = Buffer.alloc(100, 7);
    expect(createKeyedHasher(long).fingerprint('n:李四')).toEqual(referenceFingerprint(long, 'n:李四'));
  });

  it('gives different fingerprints under different keys', () => {
    const a = createKeyedHasher(key).fingerprint('n:张三');
    const b = createKeyedHasher(Buffer.from('another screening key, 32 bytes')).fingerprint('n:张三');
    expect(a).not.toEqual(b);
  });

  it('refuses a key shorter than 16 bytes', () => {
    expect(() => createKeyedHasher(Buffer.from('short'))).toThrow(/16 bytes/);
  });
});
