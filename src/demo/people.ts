import { residentIdCheckCharacter } from '../core/ids/resident-id.ts';
import type { TIsoDate } from '../core/registry/types.ts';
import { hash32 } from './prng.ts';

/**
 * Resident IDs that are unique by construction, in bounded memory, whatever the scale.
 *
 * A number is region + birth date + 3-digit sequence (odd for men) + check character. Each population
 * of the dataset (post holders, serving officials, retired cadres) owns a disjoint range of a counter
 * per (birth county, birth year, sex); a fixed permutation turns the counter into a day of the year and
 * a sequence number. Two counters never give the same pair, so no set of issued IDs is kept: memory is
 * one small integer array per population. People with a prescribed birth date (planted cases) draw from
 * low sequence numbers that the populations never use.
 */

export type TIdPopulation = 'posts' | 'serving' | 'retired';

export const FIRST_BIRTH_YEAR = 1925;
export const LAST_BIRTH_YEAR = 2008;
const YEARS = LAST_BIRTH_YEAR - FIRST_BIRTH_YEAR + 1;

// Sequence numbers are 2·half (+1 for men), half in 1–499. A scattered set of 19 halves belongs to
// people with prescribed dates, the other 480 to the populations; neither stands out in the numbers.
const isPrescribedHalf = (half: number) => (half * 37) % 499 < 19;
const HALVES = Array.from({ length: 499 }, (_, i) => i + 1);
const PRESCRIBED = HALVES.filter(isPrescribedHalf);
const GENERAL = HALVES.filter((h) => !isPrescribedHalf(h));
const GENERAL_HALVES = GENERAL.length;
const DAYS = 365;
const SLOTS = DAYS * GENERAL_HALVES;
// Coprime with SLOTS (2^5·3·5^2·73), so c ↦ (A·c + B) mod SLOTS is a permutation.
const MULTIPLIER = 7919;

const POPULATION_RANGES: Record<TIdPopulation, readonly [number, number]> = {
  posts: [0, 20_000],
  serving: [20_000, 150_000],
  retired: [150_000, SLOTS],
};

export type TIssuedId = { residentId: string; birthDate: TIsoDate };

// Day-of-year → ISO date, built once per birth year: millions of IDs need no Date objects.
const yearDates = new Map<number, string[]>();
function dateOfYearDay(year: number, dayOfYear: number): TIsoDate {
  let dates = yearDates.get(year);
  if (!dates) {
    const start = Date.UTC(year, 0, 1);
    dates = Array.from({ length: DAYS }, (_, d) =>
      new Date(start + d * 86_400_000).toISOString().slice(0, 10),
    );
    yearDates.set(year, dates);
  }
  return dates[dayOfYear]!;
}

/** A 32-bit integer mix (the murmur3 finaliser), to spread each bucket's starting point. */
function mix32(value: number): number {
  let h = value >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function compose(county: string, birthDate: TIsoDate, sequence: number): string {
  const first17 = `${county}${birthDate.slice(0, 4)}${birthDate.slice(5, 7)}${birthDate.slice(8, 10)}${String(sequence).padStart(3, '0')}`;
  return first17 + residentIdCheckCharacter(first17);
}

export type IdAllocator = {
  /** A new ID for someone born in `birthYear` in county `countyIndex` of the allocator's list. */
  issue(countyIndex: number, birthYear: number, sex: 'male' | 'female'): TIssuedId;
};

/** An allocator for one population over a fixed list of current county codes. */
export function createIdAllocator(population: TIdPopulation, counties: readonly string[]): IdAllocator {
  const [from, to] = POPULATION_RANGES[population];
  const counters = new Int32Array(counties.length * YEARS * 2);
  return {
    issue(countyIndex, birthYear, sex) {
      if (birthYear < FIRST_BIRTH_YEAR || birthYear > LAST_BIRTH_YEAR) {
        throw new Error(`birth year ${birthYear} outside ${FIRST_BIRTH_YEAR}–${LAST_BIRTH_YEAR}`);
      }
      const bucket = (countyIndex * YEARS + (birthYear - FIRST_BIRTH_YEAR)) * 2 + (sex === 'male' ? 1 : 0);
      const counter = from + counters[bucket]!;
      if (counter >= to) throw new Error(`resident ID space of ${population} exhausted for one bucket`);
      counters[bucket]! += 1;
      const p = (MULTIPLIER * counter + (mix32(bucket) % SLOTS)) % SLOTS;
      const birthDate = dateOfYearDay(birthYear, Math.floor(p / GENERAL_HALVES));
      const half = GENERAL[p % GENERAL_HALVES]!;
      const county = counties[countyIndex]!;
      return { residentId: compose(county, birthDate, half * 2 + (sex === 'male' ? 1 : 0)), birthDate };
    },
  };
}

/** IDs for people whose birth date is prescribed (planted cases, their look-alikes). */
export function createPrescribedIdAllocator(
  pick: (count: number) => number,
): (county: string, birthDate: TIsoDate, sex: 'male' | 'female') => string {
  const used = new Map<string, Set<number>>();
  return (county, birthDate, sex) => {
    const key = `${county}${birthDate}${sex}`;
    const taken = used.get(key) ?? new Set<number>();
    const free = PRESCRIBED.filter((h) => !taken.has(h));
    if (free.length === 0) throw new Error(`too many prescribed IDs for ${county} ${birthDate}`);
    const half = free[pick(free.length)]!;
    taken.add(half);
    used.set(key, taken);
    return compose(county, birthDate, half * 2 + (sex === 'male' ? 1 : 0));
  };
}

/**
 * The class of a (name, birth date) key, 0–5. It keeps people who can only be matched by name and
 * birth date unambiguous without remembering anyone: class 0 is reserved for planted office holders
 * whose post carries no ID, class 1 for ordinary office holders without an ID, and roster people are
 * only ever drawn in classes 2–5. So a post without an ID shares its name and birth date with a roster
 * record only when the truth file says it is the same person.
 */
export function nameClass(name: string, birthDate: TIsoDate): number {
  return hash32(`${name}|${birthDate}`) % 6;
}

export const RESERVED_CLASS = 0;
export const ID_LESS_CLASS = 1;

/** The legacy 15-digit form of an 18-digit ID of someone born in the 1900s. */
export function toLegacyId15(id18: string): string {
  return id18.slice(0, 6) + id18.slice(8, 17);
}
