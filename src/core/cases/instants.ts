/** Instants handed in by the caller: ISO 8601 with an explicit offset, so the day is never guessed. */

import { isIsoDate } from '../policy/dates.ts';

const INSTANT = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** The calendar day of an instant as written; throws on a malformed instant (a caller's bug). */
export function dayOf(at: string): string {
  const match = INSTANT.exec(at);
  if (!match || !isIsoDate(match[1]!)) {
    throw new Error(`"${at}" is not an ISO 8601 instant with an offset, e.g. 2025-07-01T09:30:00+08:00`);
  }
  return match[1]!;
}
