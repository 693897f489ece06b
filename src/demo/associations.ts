import { composeUscc } from '../core/ids/uscc.ts';
import type { TAssociationRecord, TIsoDate, TLevel, TLinkKind, TLinkRecord } from '../core/registry/types.ts';
import {
  ACADEMIC_SUBJECTS,
  INDUSTRIES,
  ORIGIN_PLACES,
  PROMOTION_TOPICS,
  type TIndustry,
  type TOrganKey,
  TRADE_CHAMBERS,
} from './catalog.ts';
import { addDays, dateBetween, minDate } from './dates.ts';
import { createRng, drawWeighted, type Rng, weightedTable } from './prng.ts';
import {
  countyAddressPrefix,
  drawBankAccount,
  drawPhone,
  drawStreetAddress,
  MUNICIPALITIES,
  normaliseAddress,
  normaliseBankAccount,
  normalisePhone,
  sponsorOrgan,
  type TWorld,
} from './world.ts';

/**
 * Associations with names that read like real ones (中国钢铁工业协会, 广东省家具协会, 深圳市潮汕商会),
 * registered at the right civil-affairs office with valid USCCs, and their links to the organs that
 * sponsored them — ended in 2016–2020 for the decoupled ones.
 */

export type TAssociationKind = 'industry' | 'chamber' | 'promotion' | 'academic';

/** What the generator knows about an association beyond its record. */
export type TAssociationMeta = {
  index: number;
  kind: TAssociationKind;
  /** In the decoupling scope (SCOPE-1): industry associations and chambers; not academic groups. */
  inScope: boolean;
  /** County whose people mostly lead it (its seat); for national ones a Beijing district. */
  countyIndex: number;
  sponsorKey: TOrganKey;
};

export type TAssociationSet = {
  records: TAssociationRecord[];
  meta: TAssociationMeta[];
  links: TLinkRecord[];
};

const LEVELS = weightedTable<TLevel>([
  ['national', 0.6],
  ['provincial', 15],
  ['municipal', 44],
  ['county', 40.4],
]);

const LOCAL_SUFFIXES = weightedTable([
  ['协会', 45],
  ['行业协会', 25],
  ['商会', 12],
  ['联合会', 5],
  ['促进会', 5],
  ['同业公会', 3],
] as const);

/** 钢铁工业 takes 协会 or 联合会, never 行业协会 (it already names an industry). */
function suffixFor(rng: Rng, industry: TIndustry): string {
  for (;;) {
    const suffix = drawWeighted(rng, LOCAL_SUFFIXES);
    if (/(业|工业|行业)$/.test(industry.word) && (suffix === '行业协会' || suffix === '同业公会')) continue;
    return suffix;
  }
}

function englishName(industry: { en: string }, suffix: string): string {
  switch (suffix) {
    case '联合会':
      return `China Federation of ${industry.en}`;
    case '商会':
    case '进出口商会':
      return `China Chamber of Commerce for ${industry.en}`;
    case '促进会':
      return `China Association for the Promotion of ${industry.en}`;
    default:
      return `China ${industry.en} Association`;
  }
}

/** Prefix of a local association's name: 广东省, 深圳市, 佛山市顺德区, 义乌市. */
function placePrefix(world: TWorld, level: TLevel, regionCode: string, countyIndex: number): string {
  const province = world.provinceByCode2.get(regionCode.slice(0, 2))!;
  switch (level) {
    case 'national':
      return '中国';
    case 'provincial':
      return province.name;
    case 'municipal':
      return world.prefectureByCode4.get(regionCode.slice(0, 4))!.name;
    case 'county': {
      const county = world.counties[countyIndex]!;
      if (MUNICIPALITIES.has(county.code2)) return `${province.name}${county.name}`;
      const city = world.prefectureByCode4.get(county.code4)!.name;
      return county.name.endsWith('区') ? `${city}${county.name}` : county.name;
    }
    default: {
      const unreachable: never = level;
      throw new Error(`unknown level ${String(unreachable)}`);
    }
  }
}

function registrarOf(world: TWorld, level: TLevel, regionCode: string, countyIndex: number): string {
  switch (level) {
    case 'national':
      return '民政部';
    case 'provincial': {
      const code2 = regionCode.slice(0, 2);
      return `${world.provinceByCode2.get(code2)!.name}${MUNICIPALITIES.has(code2) ? '民政局' : '民政厅'}`;
    }
    case 'municipal':
    case 'county':
      return `${placePrefix(world, level, regionCode, countyIndex)}民政局`;
    default: {
      const unreachable: never = level;
      throw new Error(`unknown level ${String(unreachable)}`);
    }
  }
}

type TNameDraw = {
  name: string;
  industry: string;
  kind: TAssociationKind;
  sponsorKey: TOrganKey;
  nameEn: string | null;
  shortName: string | null;
};

function drawName(rng: Rng, prefix: string, level: TLevel): TNameDraw {
  const roll = rng.next();
  if (roll < 0.08) {
    const subject = rng.pick(ACADEMIC_SUBJECTS);
    return {
      name: `${prefix}${subject.word}${rng.chance(0.6) ? '学会' : '研究会'}`,
      industry: subject.word,
      kind: 'academic',
      sponsorKey: subject.organ,
      nameEn: null,
      shortName: null,
    };
  }
  if (roll < 0.11) {
    const topic = rng.pick(PROMOTION_TOPICS);
    return {
      name: `${prefix}${topic.word}促进会`,
      industry: topic.word,
      kind: 'promotion',
      sponsorKey: topic.organ,
      nameEn: null,
      shortName: null,
    };
  }
  if (level === 'national' && roll < 0.13) {
    const chamber = rng.pick(TRADE_CHAMBERS);
    return {
      name: `中国${chamber.word}商会`,
      industry: chamber.word,
      kind: 'chamber',
      sponsorKey: 'mofcom',
      nameEn: englishName(chamber, '进出口商会'),
      shortName: null,
    };
  }
  if (level === 'municipal' && roll < 0.16) {
    const origin = rng.pick(ORIGIN_PLACES);
    return {
      name: `${prefix}${origin}${rng.chance(0.5) ? '企业' : ''}商会`,
      industry: '异地商会',
      kind: 'chamber',
      sponsorKey: 'mofcom',
      nameEn: null,
      shortName: null,
    };
  }
  const industry = rng.pick(INDUSTRIES);
  const national = level === 'national' && industry.national && rng.chance(0.8) ? industry.national : null;
  const suffix = national?.suffix ?? suffixFor(rng, industry);
  return {
    name: `${prefix}${industry.word}${suffix}`,
    industry: industry.word,
    kind: suffix === '商会' || suffix === '同业公会' ? 'chamber' : 'industry',
    sponsorKey: industry.organ,
    nameEn: level === 'national' ? englishName(industry, suffix) : null,
    shortName: national?.shortName ?? null,
  };
}

const LINK_KINDS = weightedTable<TLinkKind>([
  ['supervisor', 55],
  ['sponsor', 12],
  ['contact', 13],
  ['host', 15],
  ['custodian', 5],
]);

/**
 * A local association's decoupling day from one draw: a quarter decoupled with the provincial pilots
 * of 2017, the rest under the 2019 list, by its earliest provincial completion deadline (mid-2020).
 */
function localDecoupling(u: number): TIsoDate {
  return u < 0.25
    ? dateBetween(() => u / 0.25, '2017-01-01', '2017-12-31')
    : dateBetween(() => (u - 0.25) / 0.75, '2019-07-01', '2020-06-30');
}

export type GenerateAssociationsOptions = {
  seed: number;
  world: TWorld;
  count: number;
  evaluationDate: TIsoDate;
};

/** The associations of a dataset and their historical links; deterministic for a seed. */
export function generateAssociations({
  seed,
  world,
  count,
  evaluationDate,
}: GenerateAssociationsOptions): TAssociationSet {
  const rng = createRng(seed, 'associations');
  const names = new Set<string>();
  const records: TAssociationRecord[] = [];
  const meta: TAssociationMeta[] = [];
  const links: TLinkRecord[] = [];
  let oldSerial = 1;
  let newSerial = 1;
  const beijingCentral = world.provinceByCode2
    .get('11')!
    .countyIndexes.filter((i) =>
      ['110101', '110102', '110105', '110106', '110108'].includes(world.countyCodes[i]!),
    );

  for (let index = 0; index < count; index++) {
    let level = drawWeighted(rng, LEVELS);
    let draw: TNameDraw | undefined;
    let regionCode = '';
    let countyIndex = 0;
    for (let attempt = 0; !draw; attempt++) {
      // National names run out first: after a few clashes the association becomes provincial.
      if (attempt > 0 && attempt % 8 === 0 && level === 'national') level = 'provincial';
      if (attempt > 200) throw new Error('could not find an unused association name');
      switch (level) {
        case 'national':
          regionCode = '100000';
          countyIndex = rng.pick(beijingCentral);
          break;
        case 'provincial': {
          const province = rng.pick(world.provinces);
          regionCode = province.code;
          const capital = province.countyIndexes.filter(
            (i) => world.counties[i]!.code4 === `${province.code2}01`,
          );
          countyIndex = rng.pick(capital.length > 0 ? capital : province.countyIndexes);
          break;
        }
        case 'municipal': {
          const prefecture = rng.pick(world.prefectures);
          regionCode = prefecture.code;
          countyIndex = rng.pick(prefecture.countyIndexes);
          break;
        }
        case 'county':
          countyIndex = rng.pick(world.associationCounties);
          regionCode = world.countyCodes[countyIndex]!;
          break;
        default: {
          const unreachable: never = level;
          throw new Error(`unknown level ${String(unreachable)}`);
        }
      }
      const candidate = drawName(rng, placePrefix(world, level, regionCode, countyIndex), level);
      if (!names.has(candidate.name)) draw = candidate;
    }
    names.add(draw.name);

    const foundedYear = rng.chance(0.75)
      ? rng.int(level === 'national' ? 1979 : 1985, 2015)
      : rng.int(2016, 2023);
    const foundedOn = dateBetween(rng.next, `${foundedYear}-01-01`, `${foundedYear}-12-31`);
    const registeredOn = minDate(addDays(foundedOn, rng.int(0, 240)), addDays(evaluationDate, -400));
    const statusRoll = rng.next();
    const status = statusRoll < 0.95 ? 'active' : statusRoll < 0.985 ? 'deregistered' : 'revoked';

    // Redraw contact details that would collide with an organ's: only planted cases may share them.
    let address = '';
    do address = drawStreetAddress(rng, countyAddressPrefix(world, countyIndex));
    while (world.organAddresses.has(normaliseAddress(address)));
    let phone = '';
    do phone = drawPhone(rng, world.countyCodes[countyIndex]!);
    while (world.organPhones.has(normalisePhone(phone)));
    let bankAccount = '';
    do bankAccount = drawBankAccount(rng);
    while (world.organBanks.has(normaliseBankAccount(bankAccount)));

    const oldStyle = registeredOn < '2016-01-01';
    const body = oldStyle
      ? `50${String(oldSerial++).padStart(6, '0')}`
      : `MJ${String(newSerial++).padStart(6, '0')}`;
    const memberRange: Record<TLevel, [number, number]> = {
      national: [150, 6000],
      provincial: [60, 2000],
      municipal: [25, 900],
      county: [12, 300],
    };
    const [low, high] = memberRange[level];
    const record: TAssociationRecord = {
      uscc: composeUscc('5', '1', regionCode, body),
      name: draw.name,
      nameEn: draw.nameEn,
      shortName: draw.shortName,
      level,
      regionCode,
      industry: draw.industry,
      registrar: registrarOf(world, level, regionCode, countyIndex),
      foundedOn,
      registeredOn,
      status,
      address,
      phone,
      bankAccount,
      memberCount: Math.round(low * (high / low) ** rng.next()),
    };
    records.push(record);
    const inScope = draw.kind !== 'academic';
    meta.push({ index, kind: draw.kind, inScope, countyIndex, sponsorKey: draw.sponsorKey });

    if (!oldStyle) continue;
    // Before 2016 every social group needed a supervising unit; industry associations lost theirs in
    // the decoupling batches (national pilots 2016–2017, the rest 2018–2020). Academic groups keep it.
    const organ = sponsorOrgan(world, draw.sponsorKey, level, regionCode);
    const kind = inScope ? drawWeighted(rng, LINK_KINDS) : 'supervisor';
    const endedOn = inScope
      ? level === 'national'
        ? rng.pick(['2016-03-31', '2016-12-31', '2017-06-30', '2019-12-31', '2020-06-30'])
        : localDecoupling(rng.next())
      : null;
    links.push({
      organCode: organ.code,
      associationUscc: record.uscc,
      kind,
      startedOn: registeredOn,
      endedOn,
    });
    if (inScope && kind === 'supervisor' && rng.chance(0.12)) {
      // Hosted in a unit of the supervising organ as well, until the same decoupling.
      const unit = world.organs.find((o) => o.parentCode === organ.code);
      if (unit) {
        links.push({
          organCode: unit.code,
          associationUscc: record.uscc,
          kind: 'host',
          startedOn: registeredOn,
          endedOn,
        });
      }
    }
  }
  return { records, meta, links };
}
