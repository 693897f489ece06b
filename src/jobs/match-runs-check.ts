import { createMatcher, type TMatcher } from '../core/matching/match.ts';
import { createOrganResolver, type TOrganResolver } from '../core/matching/organs.ts';
import { createRosterIndexBuilder } from '../core/matching/roster-index.ts';
import type { TMatchDecision } from '../core/matching/types.ts';
import type { Db } from '../db/database.ts';
import {
  countRosterRecords,
  loadOrganRows,
  streamRosterRows,
} from '../db/repositories/match-runs.repository.ts';
import type { PersonalDataProtector } from '../security/personal-data.ts';
import { matchingKeyOf } from './match-runs.ts';

/**
 * Checking one person against the rosters without a run: an in-memory roster index (keyed
 * fingerprints only, as the matcher keeps them) built from the stored roster records on first use and
 * rebuilt in the background once it is older than `maxAgeMs`, so a check is a lookup, not a scan.
 */

export type TOfficialCheckInput = {
  name: string;
  residentId?: string | null;
  birthDate?: string | null;
  sex?: 'male' | 'female' | null;
  /** The person's employer: an organ code, full name or abbreviation. */
  employer?: string | null;
};

export type TOfficialsIndexInfo = { rosterRecords: number; builtAt: string; buildMs: number };

export type TOfficialsChecker = {
  check: (input: TOfficialCheckInput) => Promise<TMatchDecision & { index: TOfficialsIndexInfo }>;
  /** Builds the index now (at startup) instead of on the first check. */
  warm: () => Promise<TOfficialsIndexInfo>;
};

type TBuilt = { matcher: TMatcher; resolver: TOrganResolver; info: TOfficialsIndexInfo; at: number };

const todayIso = () => new Date().toISOString().slice(0, 10);

async function buildIndex(db: Db, protector: PersonalDataProtector): Promise<TBuilt> {
  const started = performance.now();
  const key = matchingKeyOf(protector);
  const today = todayIso();
  const resolver = createOrganResolver(await loadOrganRows(db));
  const builder = createRosterIndexBuilder({
    key,
    organs: resolver,
    today,
    expectedSize: await countRosterRecords(db),
  });
  for await (const row of streamRosterRows(db, (cipher) => protector.decrypt(cipher))) builder.add(row);
  const index = builder.finish();
  const matcher = createMatcher({ index, key, organs: resolver, today });
  const buildMs = Math.round(performance.now() - started);
  return {
    matcher,
    resolver,
    info: { rosterRecords: index.size, builtAt: new Date().toISOString(), buildMs },
    at: Date.now(),
  };
}

/** One checker per database and key; the index is shared by every request. */
export function createOfficialsChecker(options: {
  db: Db;
  protector: PersonalDataProtector;
  maxAgeMs?: number;
}): TOfficialsChecker {
  const maxAgeMs = options.maxAgeMs ?? 10 * 60_000;
  let current: TBuilt | null = null;
  let building: Promise<TBuilt> | null = null;
  const rebuild = () => {
    building ??= buildIndex(options.db, options.protector)
      .then((built) => {
        current = built;
        return built;
      })
      .finally(() => {
        building = null;
      });
    return building;
  };
  const ready = async (): Promise<TBuilt> => {
    if (!current) return rebuild();
    // A stale index keeps answering while its successor is built.
    if (Date.now() - current.at > maxAgeMs) rebuild().catch(() => undefined);
    return current;
  };
  return {
    async warm() {
      return (await rebuild()).info;
    },
    async check(input) {
      const built = await ready();
      const employer = input.employer?.trim();
      const decision = built.matcher.matchPost({
        post_ref: 'check',
        person_name: input.name,
        resident_id: input.residentId ?? '',
        birth_date: input.birthDate ?? '',
        sex: input.sex ?? '',
        recommended_by_organ_code: employer ? (built.resolver.resolve(employer, employer) ?? '') : '',
      });
      return { ...decision, index: built.info };
    },
  };
}
