/**
 * Canonical JSON: object keys sorted by code unit, no whitespace, arrays in their given order. Two
 * parties that hold the same data produce the same bytes, and so the same SHA-256.
 */

import { createHash } from 'node:crypto';

export type TJson = null | boolean | number | string | readonly TJson[] | { readonly [key: string]: TJson };

/** The canonical text of a JSON value; refuses non-finite numbers and `undefined` members. */
export function canonicalJson(value: TJson): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`canonical JSON has no ${value}`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v: TJson) => canonicalJson(v)).join(',')}]`;
  const object = value as { readonly [key: string]: TJson };
  const keys = Object.keys(object).sort();
  const parts: string[] = [];
  for (const key of keys) {
    const member = object[key];
    if (member === undefined) throw new TypeError(`canonical JSON member "${key}" is undefined`);
    parts.push(`${JSON.stringify(key)}:${canonicalJson(member)}`);
  }
  return `{${parts.join(',')}}`;
}

/** Lower-case hex SHA-256 of a UTF-8 string. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
