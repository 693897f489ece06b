import type { HTMLAttributes } from 'react';

/**
 * Attributes that end-to-end tests select rows by (`data-testid`, plus the row's key as `data-key`),
 * typed for props such as a table's `onRow` whose type has no room for `data-*` keys.
 */
export function testAttributes(testId: string, key?: string | number): HTMLAttributes<HTMLElement> {
  const attributes: Record<string, string> = { 'data-testid': testId };
  if (key !== undefined) attributes['data-key'] = String(key);
  return attributes;
}
