import { simplifyCharacter } from './normalise-name.ts';
import type { TOrganRow } from './types.ts';

/** Organ names compared without spacing, full-width forms, brackets or traditional characters. */
export function normaliseOrganName(name: string): string {
  let out = '';
  for (const ch of name.normalize('NFKC').replace(/[\s()（）【】[\]"'“”]/g, '')) out += simplifyCharacter(ch);
  return out;
}

export type TOrganResolver = {
  /** The organ's code from a code, a full name or an abbreviation; null when none is known. */
  resolve: (code: string | null | undefined, name: string | null | undefined) => string | null;
};

/**
 * Resolves how rosters name an employer to one organ code. Rosters often carry only a name, and
 * often the short one (国家发改委 for 国家发展和改革委员会), so both the full and the short names of
 * the organ directory are keys. A name the directory does not know stays unresolved rather than
 * guessed: organ agreement is evidence, so a wrong guess would add weight to the wrong person.
 */
export function createOrganResolver(organs: Iterable<TOrganRow>): TOrganResolver {
  const codes = new Set<string>();
  const byName = new Map<string, string | null>();
  const addName = (name: string | undefined, code: string) => {
    if (!name) return;
    const key = normaliseOrganName(name);
    if (key === '') return;
    const existing = byName.get(key);
    // Two organs sharing a short name (every county has a 发改局) make that name ambiguous.
    byName.set(key, existing === undefined || existing === code ? code : null);
  };
  for (const organ of organs) {
    codes.add(organ.code);
    addName(organ.name, organ.code);
    addName(organ.short_name, organ.code);
  }
  return {
    resolve(code, name) {
      const trimmed = code?.trim();
      if (trimmed && codes.has(trimmed)) return trimmed;
      if (name) {
        const found = byName.get(normaliseOrganName(name));
        if (found) return found;
      }
      return trimmed || null;
    },
  };
}
