import { listCurrentRegions } from '../core/ids/regions.ts';
import { composeUscc } from '../core/ids/uscc.ts';
import type { TLevel, TOrganRecord } from '../core/registry/types.ts';
import {
  BUILDINGS,
  CAPITAL_AREA_CODES,
  CITY_AREA_CODES,
  COUNTERPARTS,
  NATIONAL_ORGANS,
  NATIONAL_UNITS,
  ROADS,
  type TOrganKey,
} from './catalog.ts';
import { createRng, type Rng } from './prng.ts';

/**
 * The places and organs of the generated country: real provinces, a seeded sample of real prefectures
 * and their counties (codes from today's division list), and the organs at each level with their
 * subordinate units. Built once per dataset; small (thousands of records) at every scale.
 */

export const MUNICIPALITIES = new Set(['11', '12', '31', '50']);

export type TProvince = { code2: string; code: string; name: string; countyIndexes: number[] };
export type TPrefecture = {
  code4: string;
  code: string;
  name: string;
  province: TProvince;
  countyIndexes: number[];
};
export type TCounty = { code: string; name: string; code4: string; code2: string };

export type TWorld = {
  counties: TCounty[];
  countyCodes: string[];
  provinces: TProvince[];
  provinceByCode2: Map<string, TProvince>;
  /** The sampled prefecture-level cities that get their own organs and associations. */
  prefectures: TPrefecture[];
  prefectureByCode4: Map<string, TPrefecture>;
  /** Names of all current prefectures by 4-digit code, for addresses. */
  prefectureNames: Map<string, string>;
  /** Counties whose associations the generator creates: those of sampled cities and municipalities. */
  associationCounties: number[];
  organs: TOrganRecord[];
  national: Map<TOrganKey, TOrganRecord>;
  provincial: Map<string, TOrganRecord>;
  city: Map<string, TOrganRecord>;
  /** Administrative organs, for roster assignment. */
  administrative: TOrganRecord[];
  /** Normalised addresses, phones and bank accounts of all organs (associations must avoid them). */
  organAddresses: Set<string>;
  organPhones: Set<string>;
  organBanks: Set<string>;
};

/** Address comparison key: no blanks, ASCII digits, no leading country name. */
export function normaliseAddress(address: string): string {
  return address
    .replace(/[\s\u3000]/g, '')
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/^中国/, '');
}

/** Phone comparison key: digits only, without the country code or the trunk prefix. */
export function normalisePhone(phone: string): string {
  return phone
    .replace(/\D/g, '')
    .replace(/^0086|^86(?=\d{9,})/, '')
    .replace(/^0/, '');
}

export function normaliseBankAccount(account: string): string {
  return account.replace(/\D/g, '');
}

/** Where a county lies, written as an address prefix: 广东省佛山市顺德区, 北京市朝阳区. */
export function countyAddressPrefix(world: TWorld, countyIndex: number): string {
  const county = world.counties[countyIndex]!;
  const province = world.provinceByCode2.get(county.code2)!;
  if (MUNICIPALITIES.has(county.code2)) return `${province.name}${county.name}`;
  const prefecture = world.prefectureNames.get(county.code4) ?? '';
  return `${province.name}${prefecture}${county.name}`;
}

/** The telephone area code of a county: its city's where known, else its provincial capital's. */
export function areaCodeOf(countyCode: string): string {
  return CITY_AREA_CODES[countyCode.slice(0, 4)] ?? CAPITAL_AREA_CODES[countyCode.slice(0, 2)] ?? '010';
}

/** A street address under `prefix`, sometimes with a building and floor or a room. */
export function drawStreetAddress(rng: Rng, prefix: string): string {
  const base = `${prefix}${rng.pick(ROADS)}${rng.int(1, 899)}号`;
  const roll = rng.next();
  if (roll < 0.35) return `${base}${rng.pick(BUILDINGS)}${rng.int(2, 28)}层`;
  if (roll < 0.55)
    return `${base}${rng.int(1, 12)}号楼${rng.int(1, 12)}${String(rng.int(1, 20)).padStart(2, '0')}室`;
  return base;
}

/** A landline number with the county's area code, written `area-number`. */
export function drawPhone(rng: Rng, countyCode: string): string {
  return `${areaCodeOf(countyCode)}-${rng.int(2, 8)}${String(rng.int(0, 9_999_999)).padStart(7, '0')}`;
}

const BANK_PREFIXES = ['0200', '1100', '4400', '3100', '1210', '7551', '6105'];

/** A 19-digit account number with a bank's prefix. */
export function drawBankAccount(rng: Rng): string {
  const body = `${String(rng.int(0, 99_999_999)).padStart(8, '0')}${String(rng.int(0, 9_999_999)).padStart(7, '0')}`;
  return `${rng.pick(BANK_PREFIXES)}${body}`;
}

/** The prefectures that are real cities (not 市辖区 placeholders or directly administered counties). */
function properPrefectures(): { code: string; name: string }[] {
  return listCurrentRegions('prefecture').filter(
    (p) => !MUNICIPALITIES.has(p.code.slice(0, 2)) && !/市辖区|^县$|直辖县级/.test(p.name),
  );
}

export type BuildWorldOptions = { seed: number; prefectureCount: number };

/** Builds the places and organs for a dataset; deterministic for a seed. */
export function buildWorld({ seed, prefectureCount }: BuildWorldOptions): TWorld {
  const rng = createRng(seed, 'world');
  const countyList = listCurrentRegions('county');
  const counties: TCounty[] = countyList.map((c) => ({
    code: c.code,
    name: c.name,
    code4: c.code.slice(0, 4),
    code2: c.code.slice(0, 2),
  }));
  const prefectureNames = new Map(listCurrentRegions('prefecture').map((p) => [p.code.slice(0, 4), p.name]));
  const provinces: TProvince[] = listCurrentRegions('province').map((p) => ({
    code2: p.code.slice(0, 2),
    code: p.code,
    name: p.name,
    countyIndexes: [],
  }));
  const provinceByCode2 = new Map(provinces.map((p) => [p.code2, p]));
  counties.forEach((c, i) => {
    provinceByCode2.get(c.code2)?.countyIndexes.push(i);
  });

  // A seeded sample of cities, every province represented before any gets a second one.
  const candidates = properPrefectures();
  const byProvince = new Map<string, { code: string; name: string }[]>();
  for (const c of candidates) {
    const list = byProvince.get(c.code.slice(0, 2)) ?? [];
    list.push(c);
    byProvince.set(c.code.slice(0, 2), list);
  }
  const rounds: { code: string; name: string }[][] = [];
  for (const list of byProvince.values()) {
    const shuffled = [...list];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = rng.int(0, i);
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    // The capital (first code of the province) always comes first.
    shuffled.sort((a, b) => (a.code.endsWith('0100') ? -1 : b.code.endsWith('0100') ? 1 : 0));
    shuffled.forEach((c, round) => {
      rounds[round] ??= [];
      rounds[round]!.push(c);
    });
  }
  const picked = rounds.flat().slice(0, prefectureCount);
  const prefectures: TPrefecture[] = picked
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((p) => ({
      code4: p.code.slice(0, 4),
      code: p.code,
      name: p.name,
      province: provinceByCode2.get(p.code.slice(0, 2))!,
      countyIndexes: counties.flatMap((c, i) => (c.code4 === p.code.slice(0, 4) ? [i] : [])),
    }))
    .filter((p) => p.countyIndexes.length > 0);
  const prefectureByCode4 = new Map(prefectures.map((p) => [p.code4, p]));
  const associationCounties = counties.flatMap((c, i) =>
    prefectureByCode4.has(c.code4) || MUNICIPALITIES.has(c.code2) ? [i] : [],
  );

  const world: TWorld = {
    counties,
    countyCodes: counties.map((c) => c.code),
    provinces,
    provinceByCode2,
    prefectures,
    prefectureByCode4,
    prefectureNames,
    associationCounties,
    organs: [],
    national: new Map(),
    provincial: new Map(),
    city: new Map(),
    administrative: [],
    organAddresses: new Set(),
    organPhones: new Set(),
    organBanks: new Set(),
  };
  buildOrgans(world, rng);
  return world;
}

function buildOrgans(world: TWorld, rng: Rng): void {
  let serial = 1;
  const nextBody = () => String(serial++).padStart(8, '0');
  const capitalCounty = (code2: string): number => {
    const province = world.provinceByCode2.get(code2)!;
    const capital4 = `${code2}01`;
    const inCapital = province.countyIndexes.filter((i) => world.counties[i]!.code4 === capital4);
    return rng.pick(inCapital.length > 0 ? inCapital : province.countyIndexes);
  };
  const add = (
    organ: Omit<TOrganRecord, 'code' | 'address' | 'phone' | 'bankAccount'>,
    countyIndex: number,
    sameAddressAs?: TOrganRecord,
  ): TOrganRecord => {
    const county = world.counties[countyIndex]!;
    const administrative = organ.isAdministrative;
    const record: TOrganRecord = {
      ...organ,
      code: composeUscc('1', administrative ? '1' : '2', organ.regionCode, nextBody()),
      // Service centres often sit in their parent's building; research institutes have their own.
      address: sameAddressAs?.address ?? drawStreetAddress(rng, countyAddressPrefix(world, countyIndex)),
      phone: drawPhone(rng, county.code),
      bankAccount: drawBankAccount(rng),
    };
    world.organs.push(record);
    if (administrative) world.administrative.push(record);
    world.organAddresses.add(normaliseAddress(record.address!));
    world.organPhones.add(normalisePhone(record.phone!));
    world.organBanks.add(normaliseBankAccount(record.bankAccount!));
    return record;
  };
  const units = (parent: TOrganRecord, countyIndex: number, level: TLevel, share: number) => {
    if (parent.kind !== 'government' && parent.kind !== 'party') return;
    if (rng.chance(share)) {
      add(
        {
          name: `${parent.name}信息中心`,
          shortName: null,
          kind: 'public_institution',
          isAdministrative: false,
          level,
          regionCode: parent.regionCode,
          parentCode: parent.code,
        },
        countyIndex,
      );
    }
    if (rng.chance(share * 0.8)) {
      add(
        {
          name: `${parent.name}机关服务中心`,
          shortName: null,
          kind: 'public_institution',
          isAdministrative: false,
          level,
          regionCode: parent.regionCode,
          parentCode: parent.code,
        },
        countyIndex,
        parent,
      );
    }
  };

  const beijing = world.provinceByCode2.get('11')!;
  const centralCounties = beijing.countyIndexes.filter((i) =>
    ['110101', '110102', '110105', '110108'].includes(world.counties[i]!.code),
  );
  for (const organ of NATIONAL_ORGANS) {
    const county = rng.pick(centralCounties);
    const record = add(
      {
        name: organ.name,
        shortName: organ.shortName,
        kind: organ.kind,
        isAdministrative: true,
        level: 'national',
        regionCode: '100000',
        parentCode: null,
      },
      county,
    );
    world.national.set(organ.key, record);
    units(record, county, 'national', 1);
  }
  for (const unit of NATIONAL_UNITS) {
    const parent = world.national.get(unit.parent)!;
    add(
      {
        name: unit.name,
        shortName: null,
        kind: 'public_institution',
        isAdministrative: false,
        level: 'national',
        regionCode: '100000',
        parentCode: parent.code,
      },
      rng.pick(centralCounties),
    );
  }

  for (const province of world.provinces) {
    const municipality = MUNICIPALITIES.has(province.code2);
    for (const counterpart of COUNTERPARTS) {
      const template = (municipality && counterpart.municipality) || counterpart.province;
      const county = capitalCounty(province.code2);
      const autonomous = province.name.endsWith('自治区');
      const short = template.short.replace('{P}委', autonomous ? '{P}党委' : '{P}委');
      const record = add(
        {
          name: template.name.replaceAll('{P}', province.name),
          shortName: short.replaceAll('{P}', province.name),
          kind: counterpart.kind,
          isAdministrative: true,
          level: 'provincial',
          regionCode: province.code,
          parentCode: null,
        },
        county,
      );
      world.provincial.set(`${province.code2}:${counterpart.key}`, record);
      units(record, county, 'provincial', 0.5);
    }
  }

  for (const prefecture of world.prefectures) {
    for (const counterpart of COUNTERPARTS) {
      if (!counterpart.city) continue;
      const county = rng.pick(prefecture.countyIndexes);
      const record = add(
        {
          name: counterpart.city.name.replaceAll('{P}', prefecture.name),
          shortName: counterpart.city.short.replaceAll('{P}', prefecture.name),
          kind: counterpart.kind,
          isAdministrative: true,
          level: 'municipal',
          regionCode: prefecture.code,
          parentCode: null,
        },
        county,
      );
      world.city.set(`${prefecture.code4}:${counterpart.key}`, record);
      units(record, county, 'municipal', 0.3);
    }
  }
}

/**
 * The organ that sponsored an association of `key` at its level and place: the national organ, the
 * provincial counterpart, or the city's; the development-and-reform commission where a level has no
 * counterpart of that organ.
 */
export function sponsorOrgan(world: TWorld, key: TOrganKey, level: TLevel, regionCode: string): TOrganRecord {
  switch (level) {
    case 'national':
      return world.national.get(key) ?? world.national.get('ndrc')!;
    case 'provincial':
      return (
        world.provincial.get(`${regionCode.slice(0, 2)}:${key}`) ??
        world.provincial.get(`${regionCode.slice(0, 2)}:ndrc`)!
      );
    case 'municipal':
    case 'county': {
      const city4 = regionCode.slice(0, 4);
      if (world.prefectureByCode4.has(city4)) {
        return world.city.get(`${city4}:${key}`) ?? world.city.get(`${city4}:ndrc`)!;
      }
      return sponsorOrgan(world, key, 'provincial', regionCode);
    }
    default: {
      const unreachable: never = level;
      throw new Error(`unknown level ${String(unreachable)}`);
    }
  }
}

/** Organs at the association's own level and place, with their subordinate units. */
export function organsNear(world: TWorld, level: TLevel, regionCode: string): TOrganRecord[] {
  const city4 = regionCode.slice(0, 4);
  const matches = (o: TOrganRecord) => {
    switch (level) {
      case 'national':
        return o.level === 'national';
      case 'provincial':
        return o.level === 'provincial' && o.regionCode.slice(0, 2) === regionCode.slice(0, 2);
      case 'municipal':
      case 'county':
        return world.prefectureByCode4.has(city4)
          ? o.level === 'municipal' && o.regionCode.slice(0, 4) === city4
          : o.level === 'provincial' && o.regionCode.slice(0, 2) === regionCode.slice(0, 2);
      default: {
        const unreachable: never = level;
        throw new Error(`unknown level ${String(unreachable)}`);
      }
    }
  };
  return world.organs.filter(matches);
}
