import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { composeUscc, listCurrentRegions } from '../../src/core/ids/index.ts';
import { POST_ROLES, type TCadreRank } from '../../src/core/registry/types.ts';
import { FORMATS, type TImportKind } from '../../src/import/formats.ts';
import {
  composeResidentId,
  droppedCharName,
  extraCharName,
  homophoneName,
  legacyId,
  lookAlikeName,
  minoritySeparatorName,
  mistypedId,
  pinyinName,
  spacedName,
  swappedBirthDate,
  traditionalName,
} from './corrupt.ts';
import { createCsvWriter } from './csv.ts';
import { generateOrgans } from './organs.ts';
import { drawName } from './population.ts';
import { createRandom, draw, type TRandom, weighted } from './prng.ts';

export type TScale = 'XS' | 'S' | 'national';

export type TScaleSize = { associations: number; posts: number; serving: number; retired: number };

export const SCALES: Record<TScale, TScaleSize> = {
  XS: { associations: 400, posts: 5_000, serving: 30_000, retired: 5_000 },
  S: { associations: 10_000, posts: 150_000, serving: 700_000, retired: 50_000 },
  national: { associations: 100_000, posts: 1_500_000, serving: 7_000_000, retired: 500_000 },
};

/** Corruption and planting rates; the documentation quotes them, so change both together. */
export const RATES = {
  /** Posts held by someone on a roster. */
  plantedPostShare: 0.05,
  /** A retired cadre is this many times likelier than a serving official to hold a post. */
  retiredPostFactor: 5,
  /** Of planted people, the share holding a second post. */
  secondPost: 0.15,
  /** Posts by someone else with the same name, sex and birth year as a rostered person. */
  hardNegativeShare: 0.015,
  /** A planted official's post is in an association linked to the official's organ. */
  plantedInOwnOrgan: 0.65,
  /** A hard negative's post is in an association linked to the look-alike's organ. */
  hardNegativeInSameOrgan: 0.25,
  /** The post names the official's organ as recommending. */
  recommendedByOwnOrgan: 0.25,
  postIdMissing: 0.35,
  postIdLegacy15: 0.05,
  postIdMistyped: 0.02,
  postBirthMissing: 0.15,
  postBirthSwapped: 0.02,
  postSexMissing: 0.1,
  nameTraditional: 0.04,
  namePinyin: 0.02,
  nameHomophone: 0.015,
  nameLookAlike: 0.01,
  nameDroppedChar: 0.01,
  nameExtraChar: 0.01,
  nameSpacing: 0.02,
  minoritySeparator: 0.5,
  rosterIdMissing: 0.01,
  rosterIdLegacy15: 0.02,
  rosterBirthMissing: 0.03,
  rosterNameTraditional: 0.01,
  rosterOrganCodeMissing: 0.25,
  rosterOrganShortName: 0.4,
  /** A name shared by at least this share of people (≥ 28,000 of 1.4 billion) counts as common. */
  commonNameShare: 2e-5,
} as const;

export const FILES = {
  organs: 'organs.csv',
  associations: 'associations.csv',
  links: 'links.csv',
  posts: 'posts.csv',
  serving: 'roster_serving.csv',
  retired: 'roster_retired.csv',
  truth: 'truth.csv',
} as const;

/**
 * A CSV writer for one import format: the header is the format's own column list
 * (`src/import/formats.ts`), and each row names the columns it fills; the others stay empty.
 */
function createFormatWriter(path: string, kind: TImportKind) {
  const keys = FORMATS[kind].columns.map((c) => c.key);
  const out = createCsvWriter(path, keys);
  return {
    row: (values: Record<string, string>) => {
      for (const key of Object.keys(values))
        if (!keys.includes(key)) throw new Error(`the ${kind} format has no column ${key}`);
      return out.row(keys.map((key) => values[key] ?? ''));
    },
    close: out.close,
  };
}

type TSex = 'male' | 'female';

type TPerson = {
  name: string;
  surnameLength: number;
  share: number;
  minority: boolean;
  sex: TSex;
  birthDate: string;
  id: string;
  organ: number;
  recordKey: string;
};

export type GenerateBenchmarkOptions = {
  scale: TScale;
  seed: number;
  outDir: string;
  /** Overrides of the scale's sizes, for tests. */
  sizes?: Partial<TScaleSize>;
};

export type TGenerationSummary = {
  sizes: TScaleSize;
  organs: number;
  plantedPosts: number;
  hardNegatives: number;
};

const pad2 = (n: number) => String(n).padStart(2, '0');
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function randomDate(random: TRandom, fromYear: number, toYear: number): string {
  const year = fromYear + random.int(toYear - fromYear + 1);
  const month = 1 + random.int(12);
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const day = 1 + random.int(DAYS[month - 1]! + (leap ? 1 : 0));
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

/**
 * Writes the labelled matching benchmark: organs, associations and their links, posts, the serving
 * and retired rosters, and the truth (the roster record each post really belongs to, and which
 * corruptions it went through). Everything streams: only the planted people and a sample for hard
 * negatives are held, so national scale runs in bounded memory.
 */
export async function generateBenchmark({
  scale,
  seed,
  outDir,
  sizes,
}: GenerateBenchmarkOptions): Promise<TGenerationSummary> {
  const size: TScaleSize = { ...SCALES[scale], ...sizes };
  mkdirSync(outDir, { recursive: true });
  const random = createRandom(seed);
  const organs = generateOrgans(random);
  const organTable = weighted(organs.map((o, i) => [i, o.weight] as const));
  const counties = listCurrentRegions('county').map((r) => r.code);
  const counters = new Uint16Array(counties.length * 100 * 2);

  const makeId = (birthDate: string, sex: TSex): string => {
    const year = Number(birthDate.slice(0, 4));
    for (;;) {
      const r = random.int(counties.length);
      const slot = (r * 100 + (year - 1920)) * 2 + (sex === 'male' ? 1 : 0);
      const c = counters[slot]!;
      if (c >= 500) continue;
      counters[slot] = c + 1;
      return composeResidentId(counties[r]!, birthDate, c * 2 + (sex === 'male' ? 1 : 0));
    }
  };

  const makePerson = (
    fromYear: number,
    toYear: number,
    maleShare: number,
    recordKey: string,
    organ: number,
  ): TPerson => {
    const sex: TSex = random.chance(maleShare) ? 'male' : 'female';
    const name = drawName(random, sex);
    const birthDate = randomDate(random, fromYear, toYear);
    const compound = !name.minority && name.surname.length === 2;
    return {
      name: name.text,
      surnameLength: name.minority ? 0 : compound ? 2 : 1,
      share: name.share,
      minority: name.minority,
      sex,
      birthDate,
      id: makeId(birthDate, sex),
      organ,
      recordKey,
    };
  };

  const organsOut = createFormatWriter(join(outDir, FILES.organs), 'organs');
  for (const o of organs) {
    await organsOut.row({
      code: o.code,
      name: o.name,
      short_name: o.shortName,
      kind: o.kind,
      is_administrative: 'true',
      level: o.level,
      region_code: o.regionCode,
    });
  }
  await organsOut.close();

  // Associations and their sponsoring organs; officials' posts lean to associations of their organ.
  const associations: string[] = [];
  const associationsOfOrgan = new Map<number, string[]>();
  const assocOut = createFormatWriter(join(outDir, FILES.associations), 'associations');
  const linksOut = createFormatWriter(join(outDir, FILES.links), 'links');
  const usedUscc = new Set<string>();
  for (let i = 0; i < size.associations; i++) {
    const organ = random.int(organs.length);
    const o = organs[organ]!;
    let uscc = '';
    do {
      let body = '';
      for (let k = 0; k < 8; k++) body += String(random.int(10));
      uscc = composeUscc('5', '1', o.regionCode, body);
    } while (usedUscc.has(uscc));
    usedUscc.add(uscc);
    associations.push(uscc);
    const list = associationsOfOrgan.get(organ);
    if (list) list.push(uscc);
    else associationsOfOrgan.set(organ, [uscc]);
    const founded = randomDate(random, 1985, 2020);
    await assocOut.row({
      uscc,
      name: `${o.shortName.replace(/(委|局|厅|部|总局)$/, '')}行业协会第${i + 1}会`,
      level: o.level,
      region_code: o.regionCode,
      industry: 'other',
      founded_on: founded,
      registered_on: founded,
      status: 'active',
      member_count: String(50 + random.int(2000)),
    });
    await linksOut.row({ organ_code: o.code, association_uscc: uscc, kind: 'sponsor', started_on: founded });
  }
  await assocOut.close();
  await linksOut.close();

  const plantedPosts = Math.round(size.posts * RATES.plantedPostShare);
  const plantedPeople = Math.round(plantedPosts / (1 + RATES.secondPost));
  const servingWeight = size.serving + RATES.retiredPostFactor * size.retired;
  const pServing = plantedPeople / servingWeight;
  const pRetired = pServing * RATES.retiredPostFactor;
  const planted: TPerson[] = [];
  const sample: TPerson[] = [];
  const sampleSize = Math.max(100, Math.round(size.posts * RATES.hardNegativeShare * 2));
  let seen = 0;

  const servingRanks = weighted<TCadreRank>([
    ['none', 55],
    ['section', 20],
    ['deputy_division', 10],
    ['division', 8],
    ['deputy_department', 4],
    ['department', 2],
    ['deputy_ministerial', 0.7],
    ['ministerial', 0.3],
  ]);
  const retiredRanks = weighted<TCadreRank>([
    ['division', 40],
    ['deputy_department', 25],
    ['department', 20],
    ['deputy_ministerial', 10],
    ['ministerial', 5],
  ]);

  const writeRoster = async (kind: 'serving' | 'retired') => {
    const out = createFormatWriter(join(outDir, FILES[kind]), 'rosters');
    const count = kind === 'serving' ? size.serving : size.retired;
    const prefix = kind === 'serving' ? 'S' : 'R';
    for (let i = 0; i < count; i++) {
      const person =
        kind === 'serving'
          ? makePerson(1962, 2000, 0.6, `${prefix}${i + 1}`, draw(random, organTable))
          : makePerson(1940, 1964, 0.75, `${prefix}${i + 1}`, draw(random, organTable));
      if (random.chance(kind === 'serving' ? pServing : pRetired)) planted.push(person);
      seen++;
      if (sample.length < sampleSize) sample.push(person);
      else if (random.int(seen) < sampleSize) sample[random.int(sampleSize)] = person;
      const o = organs[person.organ]!;
      let id = person.id;
      if (random.chance(RATES.rosterIdMissing)) id = '';
      else if (random.chance(RATES.rosterIdLegacy15)) id = legacyId(person.id) ?? person.id;
      const name = random.chance(RATES.rosterNameTraditional)
        ? traditionalName(person.name, person.surnameLength)
        : person.name;
      const status = kind === 'retired' ? 'retired' : random.chance(0.03) ? 'left_not_retired' : 'serving';
      const retiredOn =
        kind === 'retired' ? `${Number(person.birthDate.slice(0, 4)) + 60}${person.birthDate.slice(4)}` : '';
      await out.row({
        source: kind === 'serving' ? 'serving_roster' : 'retired_roster',
        record_key: person.recordKey,
        name,
        resident_id: id,
        sex: person.sex,
        birth_date: random.chance(RATES.rosterBirthMissing) ? '' : person.birthDate,
        status,
        retired_on: retiredOn.endsWith('02-29') ? retiredOn.replace('02-29', '02-28') : retiredOn,
        organ_code: random.chance(RATES.rosterOrganCodeMissing) ? '' : o.code,
        organ_name: random.chance(RATES.rosterOrganShortName) ? o.shortName : o.name,
        rank: draw(random, kind === 'serving' ? servingRanks : retiredRanks),
      });
    }
    await out.close();
  };
  await writeRoster('serving');
  await writeRoster('retired');

  // Planted posts in random order among the others.
  const plantedQueue: TPerson[] = [];
  for (const person of planted) {
    plantedQueue.push(person);
    if (random.chance(RATES.secondPost)) plantedQueue.push(person);
  }
  for (let i = plantedQueue.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [plantedQueue[i], plantedQueue[j]] = [plantedQueue[j]!, plantedQueue[i]!];
  }

  const postsOut = createFormatWriter(join(outDir, FILES.posts), 'posts');
  const truthOut = createCsvWriter(join(outDir, FILES.truth), ['post_ref', 'record_key', 'slices']);
  let hardNegatives = 0;
  let queued = 0;
  for (let n = 0; n < size.posts; n++) {
    const remaining = size.posts - n;
    const tags: string[] = [];
    let person: TPerson;
    let truthKey = '';
    let association: string;
    let recommended = '';
    if (queued < plantedQueue.length && random.next() < (plantedQueue.length - queued) / remaining) {
      person = plantedQueue[queued++]!;
      truthKey = person.recordKey;
      const own = associationsOfOrgan.get(person.organ);
      if (own && random.chance(RATES.plantedInOwnOrgan)) {
        association = random.pick(own);
        tags.push('organ_linked');
      } else association = random.pick(associations);
      if (random.chance(RATES.recommendedByOwnOrgan)) recommended = organs[person.organ]!.code;
    } else if (random.chance(RATES.hardNegativeShare / (1 - RATES.plantedPostShare)) && sample.length > 0) {
      const twin = random.pick(sample);
      let birthDate = twin.birthDate;
      while (birthDate === twin.birthDate) {
        birthDate = randomDate(
          random,
          Number(twin.birthDate.slice(0, 4)),
          Number(twin.birthDate.slice(0, 4)),
        );
      }
      person = { ...twin, birthDate, id: makeId(birthDate, twin.sex), recordKey: '' };
      hardNegatives++;
      tags.push('hard_negative');
      const own = associationsOfOrgan.get(twin.organ);
      association =
        own && random.chance(RATES.hardNegativeInSameOrgan) ? random.pick(own) : random.pick(associations);
    } else {
      person = makePerson(1945, 1998, 0.6, '', -1);
      association = random.pick(associations);
      if (random.chance(0.02)) recommended = random.pick(organs).code;
    }
    const written = corruptPost(person, random, tags);
    if (person.share >= RATES.commonNameShare) tags.push('common_name');
    const started = randomDate(random, 2012, 2025);
    await postsOut.row({
      post_ref: `P${n + 1}`,
      association_uscc: association,
      person_name: written.name,
      resident_id: written.id,
      sex: written.sex,
      birth_date: written.birthDate,
      role: random.pick(POST_ROLES),
      started_on: started,
      term_number: String(1 + random.int(3)),
      remunerated: random.chance(0.1) ? 'true' : 'false',
      recommended_by_organ_code: recommended,
    });
    await truthOut.row([`P${n + 1}`, truthKey, tags.join(';')]);
  }
  await postsOut.close();
  await truthOut.close();
  return { sizes: size, organs: organs.length, plantedPosts: plantedQueue.length, hardNegatives };
}

type TWrittenPerson = { name: string; id: string; sex: string; birthDate: string };

/** Applies the post-side corruptions at their rates and tags the truth with each one applied. */
export function corruptPost(person: TPerson, random: TRandom, tags: string[]): TWrittenPerson {
  let id = person.id;
  if (random.chance(RATES.postIdMissing)) {
    id = '';
    tags.push('id_missing');
  } else {
    tags.push('id_present');
    const roll = random.next();
    if (roll < RATES.postIdLegacy15) {
      const legacy = legacyId(person.id);
      if (legacy) {
        id = legacy;
        tags.push('legacy15');
      }
    } else if (roll < RATES.postIdLegacy15 + RATES.postIdMistyped) {
      id = mistypedId(person.id, random);
      tags.push('mistyped_digit');
    }
  }
  let birthDate = person.birthDate;
  const birthRoll = random.next();
  if (birthRoll < RATES.postBirthMissing) {
    birthDate = '';
    tags.push('birth_missing');
  } else if (birthRoll < RATES.postBirthMissing + RATES.postBirthSwapped) {
    const swapped = swappedBirthDate(person.birthDate);
    if (swapped) {
      birthDate = swapped;
      tags.push('birth_swapped');
    }
  }
  const sex = random.chance(RATES.postSexMissing) ? '' : person.sex;
  let name = person.name;
  if (person.minority) {
    tags.push('minority');
    if (random.chance(RATES.minoritySeparator)) name = minoritySeparatorName(name, random);
  } else {
    const s = person.surnameLength;
    let roll = random.next();
    const apply = (rate: number, tag: string, make: () => string | null) => {
      if (roll < 0) return;
      if (roll < rate) {
        const out = make();
        if (out !== null && out !== name) {
          name = out;
          tags.push(tag);
        }
        roll = -1;
        return;
      }
      roll -= rate;
    };
    apply(RATES.nameTraditional, 'traditional', () => traditionalName(name, s));
    apply(RATES.namePinyin, 'pinyin', () => pinyinName(name, s, random));
    apply(RATES.nameHomophone, 'homophone', () => homophoneName(name, s, random));
    apply(RATES.nameLookAlike, 'lookalike', () => lookAlikeName(name, s, random));
    apply(RATES.nameDroppedChar, 'dropped_char', () => droppedCharName(name, s, random));
    apply(RATES.nameExtraChar, 'extra_char', () => extraCharName(name, s, random));
    apply(RATES.nameSpacing, 'spacing', () => spacedName(name, s, random));
  }
  return { name, id, sex, birthDate };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const scale = (args[0] ?? 'XS') as TScale;
  if (!(scale in SCALES))
    throw new Error(`scale must be one of ${Object.keys(SCALES).join(', ')}; got ${scale}`);
  const outDir = args[1] ?? join('bench', 'out', `matching-${scale}`);
  const seed = Number(args[2] ?? 20261126);
  const started = performance.now();
  const summary = await generateBenchmark({ scale, seed, outDir });
  const seconds = (performance.now() - started) / 1000;
  console.log(
    JSON.stringify({
      scale,
      outDir,
      seed,
      ...summary,
      seconds: Math.round(seconds * 10) / 10,
      maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
