import type {
  TAssociationRecord,
  TCadreRank,
  TIsoDate,
  TLinkRecord,
  TOrganRecord,
  TPostRecord,
  TPostRole,
  TRosterRecord,
  TRosterStatus,
} from '../core/registry/types.ts';
import { generateAssociations, type TAssociationMeta } from './associations.ts';
import { addDays, addMonths, addYears, ageOn, dateBetween, maxDate, minDate } from './dates.ts';
import { drawFullName, type TSex } from './names.ts';
import {
  createIdAllocator,
  createPrescribedIdAllocator,
  ID_LESS_CLASS,
  nameClass,
  RESERVED_CLASS,
  toLegacyId15,
} from './people.ts';
import {
  planPolicyFacts,
  type TAssociationPolicyFacts,
  type TBoundaryCase,
  type TDemoPolicyFacts,
  type TExpectedFinding,
  type TScopeCase,
} from './policy.ts';
import { createRng, drawWeighted, type Rng, weightedTable } from './prng.ts';
import { buildWorld, normaliseAddress, organsNear, sponsorOrgan, type TWorld } from './world.ts';

/**
 * A seeded synthetic country for the demo and the benchmarks: organs, associations, their links, the
 * posts in them and the official rosters, the policy facts of every association (see `policy.ts`),
 * with planted rule violations and a truth file that lists the findings a screening must produce. Small parts
 * (organs, associations, links, the planted people) are held in memory; posts and rosters are
 * generated on demand as iterables, so the national scale streams in bounded memory.
 */

export type TScale = 'demo' | 'national';

export type TScaleSpec = {
  associations: number;
  /** Average posts per association, planted ones included. */
  postsPerAssociation: number;
  serving: number;
  retired: number;
  prefectures: number;
  /** Planted subjects per variant of each rule. */
  plantsPerVariant: number;
  /** Retired cadres who hold a post by the rules (approved, one post, within limits). */
  cleanCadres: number;
  hardNegatives: number;
};

export const SCALES: Record<TScale, TScaleSpec> = {
  demo: {
    associations: 3_000,
    postsPerAssociation: 13.3,
    serving: 20_000,
    retired: 3_000,
    prefectures: 24,
    plantsPerVariant: 5,
    cleanCadres: 120,
    hardNegatives: 60,
  },
  national: {
    associations: 100_000,
    postsPerAssociation: 15,
    serving: 7_000_000,
    retired: 500_000,
    prefectures: 200,
    plantsPerVariant: 40,
    cleanCadres: 5_000,
    hardNegatives: 3_000,
  },
};

/** The day the planted facts are true on; PERS-5's boundary case turned 70 the day before it. */
export const DEFAULT_EVALUATION_DATE = '2026-06-30';

export const SERVING_SOURCE = 'civil-service-roster';
export const RETIRED_SOURCE = 'retired-cadre-roster';

/** A post as a source file carries it: `sourceResidentId` is the ID as written (18, 15 or none). */
export type TGeneratedPost = TPostRecord & { postRef: string; sourceResidentId: string | null };

export type TTruthPost = {
  associationUscc: string;
  personName: string;
  /** The ID the post carries (normalised to 18), or null when the post has none. */
  residentId: string | null;
  birthDate: TIsoDate;
  role: TPostRole;
  startedOn: TIsoDate;
};

export type TTruthRosterRef = { source: string; recordKey: string; status: TRosterStatus };

export type TPlantedSubject =
  | { kind: 'post'; post: TTruthPost; roster: TTruthRosterRef; relatedPosts?: TTruthPost[] }
  | { kind: 'association'; field: 'address' | 'phone' | 'bank_account'; organCode: string }
  | { kind: 'link'; organCode: string; linkKind: TLinkRecord['kind']; startedOn: TIsoDate };

export type TPlantedCase = {
  id: string;
  rule: string;
  severity: 'violation' | 'risk';
  /** True where the rule also needs a fact the registry alone lacks (a decoupled case). */
  candidate?: boolean;
  associationUscc: string;
  subject: TPlantedSubject;
  note: string;
};

export type TLabelledNegative = {
  id: string;
  kind: 'hard_negative' | 'age_boundary';
  post: TTruthPost;
  roster: TTruthRosterRef;
  note: string;
};

export type TTruthMatch = { post: TTruthPost; roster: TTruthRosterRef };

export type TTruth = {
  format: 'tuogou-demo-truth/2';
  seed: number;
  scale: TScale;
  evaluationDate: TIsoDate;
  counts: {
    organs: number;
    associations: number;
    links: number;
    posts: number;
    servingRoster: number;
    retiredRoster: number;
  };
  /** How the truth reads, so a checker and a rules engine agree on what counts. */
  conventions: string[];
  planted: TPlantedCase[];
  /** Every post held by someone on a roster (planted or clean), for matching recall. */
  matches: TTruthMatch[];
  negatives: TLabelledNegative[];
  /**
   * Every finding a screening of the loaded demo must produce on the evaluation date (exact resident-ID
   * matching of officials), and nothing else: the planted cases above that the screening can see, and
   * the planted breaches of the policy facts.
   */
  findings: TExpectedFinding[];
  /** SCOPE-1 outcomes of associations singled out: out by name, by manual decision, by exemption. */
  scope: TScopeCase[];
  /** Associations exactly on a rule's threshold, on the allowed side: no finding of that rule. */
  boundaries: TBoundaryCase[];
};

/**
 * An approval of a post beyond the one the post row carries (a filing, a special approval), named by
 * the post's natural key: the loader resolves it to the post's database id.
 */
export type TPostApproval = {
  associationUscc: string;
  personName: string;
  birthDate: TIsoDate;
  role: TPostRole;
  startedOn: TIsoDate;
  kind: 'approval' | 'filing' | 'special_approval';
  ref: string;
  date: TIsoDate;
};

export type TDataset = {
  seed: number;
  scale: TScale;
  evaluationDate: TIsoDate;
  organs: TOrganRecord[];
  associations: TAssociationRecord[];
  links: TLinkRecord[];
  /** Posts in association order; each call starts a fresh, identical pass. */
  posts(): IterableIterator<TGeneratedPost>;
  servingRoster(): IterableIterator<TRosterRecord>;
  retiredRoster(): IterableIterator<TRosterRecord>;
  /** Filings and special approvals of posts (PERS-3, PERS-8). */
  postApprovals: TPostApproval[];
  /** The policy facts (cases, finance, fees, credit…) of every association; each call builds them anew. */
  policyFacts(): TDemoPolicyFacts;
  /** The same, one association at a time (bounded memory at the national scale). */
  policyFactsByAssociation(): IterableIterator<TAssociationPolicyFacts>;
  truth: TTruth;
};

export type GenerateDatasetOptions = { seed: number; scale: TScale; evaluationDate?: TIsoDate };

const CONVENTIONS = [
  'A post is held on the evaluation date when started_on <= evaluationDate and ended_on is empty or >= evaluationDate.',
  'Posts and roster records are the same person when their 18-character resident IDs are equal (a 15-digit ID is upgraded first); a post without an ID matches only the roster record listed in `matches` (same name and birth date).',
  'PERS-2: started_on earlier than retired_on + 3 years; risk with an approval_ref, violation without one.',
  'PERS-3: a retired cadre holds a post whose approval_ref is empty.',
  'PERS-4: a retired cadre holds posts in more than one association at the same time (several roles in one association are one post).',
  'PERS-5: the age limit of 70 is exceeded from the day after the 70th birthday (周岁, the national pack); a holder who turns 70 on the evaluation date is not yet over it.',
  'PERS-6: terms are the posts of one person in one association with distinct term numbers; more than 2 is a violation.',
  'PERS-8: a retired cadre is recorded with role legal_representative and `postApprovals` holds no special_approval for that post (an ordinary approval or a filing is not enough).',
  'INST-1 entries are open links of associations whose decoupled case is in the policy facts; academic groups (学会, 研究会) keep open supervisor links and are out of scope.',
  'INST-4: address, phone and bank account are compared after normalisation (blanks removed, full-width digits, country and trunk prefixes of phones).',
  'Policy facts: every association carries clean facts (a decoupled case where its sponsoring link ended, annual reports, finance years within the FIN-3 shares, dues adopted by the assembly, party organisation, staff); `findings` lists every finding a screening must produce on the evaluation date, each subject as the engine fingerprints it (posts, persons and links by natural key).',
  'CASE-3 is expected wherever a planted INST, FIN, PERS or FEE-5 violation arose after the association was decoupled.',
  'Officials are matched by exact resident ID in the screening: a planted post without an ID is in `planted` (for the matcher) but not in `findings`.',
  'Everything not listed in `planted` is clean for the PERS, INST-1 and INST-4 rules.',
];

const ROSTER_RANKS = weightedTable<TCadreRank>([
  ['none', 52],
  ['section', 22],
  ['deputy_division', 11],
  ['division', 8],
  ['deputy_department', 4],
  ['department', 2],
  ['deputy_ministerial', 0.6],
  ['ministerial', 0.2],
]);

const CADRE_RANKS = weightedTable<TCadreRank>([
  ['division', 48],
  ['deputy_department', 22],
  ['department', 20],
  ['deputy_ministerial', 7],
  ['ministerial', 3],
]);

const COUNTY_DEPARTMENTS = [
  '财政局',
  '民政局',
  '教育局',
  '公安局',
  '人力资源和社会保障局',
  '市场监督管理局',
  '住房和城乡建设局',
  '农业农村局',
  '交通运输局',
  '卫生健康局',
  '发展和改革局',
  '审计局',
  '司法局',
  '统计局',
  '应急管理局',
  '自然资源局',
  '商务局',
  '科学技术局',
];

const BRANCHES = [
  '标准化工作委员会',
  '青年企业家分会',
  '女企业家分会',
  '技术专家委员会',
  '法律事务专业委员会',
  '信息化分会',
  '质量工作委员会',
  '国际合作分会',
  '会员服务部',
];

type TWorkingPerson = {
  name: string;
  sex: TSex;
  birthDate: TIsoDate;
  residentId: string;
  countyCode: string;
};

type TSpecialRoster = {
  person: TWorkingPerson;
  record: Omit<TRosterRecord, 'recordKey' | 'source'>;
  /** The truth's reference to this record; its key is filled in once all positions are known. */
  ref: TTruthRosterRef;
};

type TState = {
  seed: number;
  scale: TScale;
  spec: TScaleSpec;
  evaluationDate: TIsoDate;
  world: TWorld;
  associations: TAssociationRecord[];
  meta: TAssociationMeta[];
  links: TLinkRecord[];
  /** Planted and clean special posts by association index. */
  specialPosts: Map<number, TPostRecord[]>;
  postApprovals: TPostApproval[];
  /** Day the sponsoring link of each decoupled association ended, as generated. */
  decoupling: Map<number, TIsoDate>;
  specialServing: TSpecialRoster[];
  specialRetired: TSpecialRoster[];
  servingKeys: string[];
  retiredKeys: string[];
};

// ---------------------------------------------------------------------------------------------------
// Posts

type TSlot = {
  role: TPostRole;
  term: number;
  startedOn: TIsoDate;
  endedOn: TIsoDate | null;
  branchName: string | null;
  /** Index of an earlier slot held by the same person. */
  samePersonAs: number | null;
  senior: boolean;
};

/** The roles of an association's current (and sometimes previous) leadership. */
function planSlots(state: TState, index: number): { slots: TSlot[]; specialAt: number } {
  const rng = createRng(state.seed, `slots:${index}`);
  const record = state.associations[index]!;
  const termYears = rng.pick([4, 5, 5]);
  const registeredOn = record.registeredOn!;
  const completed = Math.max(0, ageOn(registeredOn, state.evaluationDate));
  const k = Math.floor(completed / termYears);
  const currentStart = addYears(registeredOn, k * termYears);
  const active = record.status === 'active';
  const closedOn = active
    ? null
    : maxDate(
        currentStart,
        minDate(addYears(currentStart, rng.int(1, 3)), addDays(state.evaluationDate, -30)),
      );
  const slots: TSlot[] = [];
  const add = (role: TPostRole, senior: boolean, extra: Partial<TSlot> = {}) => {
    slots.push({
      role,
      term: k + 1,
      startedOn: currentStart,
      endedOn: closedOn,
      branchName: null,
      samePersonAs: null,
      senior,
      ...extra,
    });
    return slots.length - 1;
  };
  const president = add('president', true);
  const vices = rng.int(1, 4);
  for (let i = 0; i < vices; i++) add('vice_president', true);
  const secretary = add('secretary_general', false);
  if (rng.chance(0.5)) add('deputy_secretary_general', false);
  add('legal_representative', true, { samePersonAs: rng.chance(0.7) ? president : secretary });
  if (rng.chance(0.5)) add('chief_supervisor', true);
  if (rng.chance(0.5)) add('supervisor', false);
  const standing = rng.int(0, 2);
  for (let i = 0; i < standing; i++) add('standing_director', false);
  if (rng.chance(0.5)) add('branch_head', false, { branchName: rng.pick(BRANCHES) });
  if (rng.chance(0.2)) add('honorary', true);
  if (k >= 1 && rng.chance(0.5)) {
    const previous = {
      term: k,
      startedOn: addYears(registeredOn, (k - 1) * termYears),
      endedOn: addDays(currentStart, -1),
    };
    add('president', true, { ...previous, samePersonAs: rng.chance(0.3) ? president : null });
    add('secretary_general', false, previous);
  }
  // Directors fill the rest so that the scale's average holds.
  const specials = state.specialPosts.get(index)?.length ?? 0;
  const base = 9.2;
  const directors = rng.int(0, Math.max(0, Math.round(2 * (state.spec.postsPerAssociation - base))));
  for (let i = 0; i < Math.max(0, directors - specials); i++) add('director', false);
  return { slots, specialAt: rng.int(0, slots.length) };
}

function pickBirthCounty(rng: Rng, world: TWorld, code2: string | null): number {
  if (code2 && rng.chance(0.85)) {
    const province = world.provinceByCode2.get(code2);
    if (province) return rng.pick(province.countyIndexes);
  }
  return rng.int(0, world.counties.length - 1);
}

function* generatePosts(state: TState): IterableIterator<TGeneratedPost> {
  const { world } = state;
  const allocator = createIdAllocator('posts', world.countyCodes);
  for (let index = 0; index < state.associations.length; index++) {
    const record = state.associations[index]!;
    const { slots, specialAt } = planSlots(state, index);
    const rng = createRng(state.seed, `people:${index}`);
    const code2 = record.level === 'national' ? null : record.regionCode.slice(0, 2);
    const holders: { person: TPostRecord['person']; sourceResidentId: string | null }[] = [];
    const out: TGeneratedPost[] = [];
    slots.forEach((slot, i) => {
      let holder = slot.samePersonAs === null ? undefined : holders[slot.samePersonAs];
      if (!holder) {
        const sex: TSex = rng.chance(slot.senior ? 0.82 : 0.62) ? 'male' : 'female';
        const year = slot.senior ? rng.int(1952, 1980) : rng.int(1956, 1995);
        const issued = allocator.issue(pickBirthCounty(rng, world, code2), year, sex);
        let name = '';
        let cls = RESERVED_CLASS;
        while (cls === RESERVED_CLASS) {
          name = drawFullName(rng, sex, year);
          cls = nameClass(name, issued.birthDate);
        }
        const idLess = cls === ID_LESS_CLASS;
        holder = {
          person: { name, residentId: idLess ? null : issued.residentId, sex, birthDate: issued.birthDate },
          sourceResidentId: idLess
            ? null
            : rng.chance(0.04)
              ? toLegacyId15(issued.residentId)
              : issued.residentId,
        };
      }
      holders[i] = holder;
      out.push({
        postRef: '',
        sourceResidentId: holder.sourceResidentId,
        associationUscc: record.uscc,
        person: holder.person,
        role: slot.role,
        branchName: slot.branchName,
        startedOn: slot.startedOn,
        endedOn: slot.endedOn,
        termNumber: slot.term,
        remunerated: slot.role === 'secretary_general' || slot.role === 'deputy_secretary_general',
        approvalRef: null,
        approvalDate: null,
        recommendedByOrganCode: null,
      });
    });
    const specials = state.specialPosts.get(index) ?? [];
    out.splice(
      specialAt,
      0,
      ...specials.map((p) => ({ ...p, postRef: '', sourceResidentId: sourceIdOf(p) })),
    );
    for (let k = 0; k < out.length; k++) {
      const post = out[k]!;
      post.postRef = `A${String(index + 1).padStart(6, '0')}-${String(k + 1).padStart(2, '0')}`;
      yield post;
    }
  }
}

// Special posts carry the written form of their ID in a side table keyed by object identity.
const legacyWritten = new WeakMap<TPostRecord, string>();
function sourceIdOf(post: TPostRecord): string | null {
  return legacyWritten.get(post) ?? post.person.residentId ?? null;
}

// ---------------------------------------------------------------------------------------------------
// Rosters

function organNameForCounty(rng: Rng, world: TWorld, countyIndex: number): string {
  const county = world.counties[countyIndex]!;
  return `${county.name}${rng.pick(COUNTY_DEPARTMENTS)}`;
}

function* generateRoster(state: TState, which: 'serving' | 'retired'): IterableIterator<TRosterRecord> {
  const { world, evaluationDate } = state;
  const total = which === 'serving' ? state.spec.serving : state.spec.retired;
  const specials = which === 'serving' ? state.specialServing : state.specialRetired;
  const keys = which === 'serving' ? state.servingKeys : state.retiredKeys;
  const source = which === 'serving' ? SERVING_SOURCE : RETIRED_SOURCE;
  const positions = specialPositions(total, specials.length);
  const allocator = createIdAllocator(which, world.countyCodes);
  const rng = createRng(state.seed, `roster:${which}`);
  const evalYear = Number(evaluationDate.slice(0, 4));
  let nextSpecial = 0;
  for (let position = 0; position < total; position++) {
    const recordKey = rosterKey(which, position);
    if (nextSpecial < positions.length && positions[nextSpecial] === position) {
      const special = specials[nextSpecial]!;
      if (keys[nextSpecial] !== recordKey) throw new Error('roster key bookkeeping is inconsistent');
      nextSpecial++;
      yield { source, recordKey, ...special.record };
      continue;
    }
    const organRoll = rng.next();
    const organ = organRoll < 0.62 ? rng.pick(world.administrative) : null;
    const countyIndex = organ ? -1 : rng.int(0, world.counties.length - 1);
    const code2 = organ
      ? organ.level === 'national'
        ? null
        : organ.regionCode.slice(0, 2)
      : world.counties[countyIndex]!.code2;
    let sex: TSex;
    let year: number;
    let status: TRosterStatus;
    let retiredOn: TIsoDate | null = null;
    let rank: TCadreRank;
    if (which === 'serving') {
      sex = rng.chance(0.66) ? 'male' : 'female';
      year = rng.int(evalYear - 59, evalYear - 23);
      status = rng.chance(0.03) ? 'left_not_retired' : 'serving';
      rank = drawWeighted(rng, ROSTER_RANKS);
    } else {
      sex = rng.chance(0.8) ? 'male' : 'female';
      rank = drawWeighted(rng, CADRE_RANKS);
      status = 'retired';
      year = rng.int(1932, evalYear - retirementAge(sex, rank) - 1);
    }
    const issued = allocator.issue(pickBirthCounty(rng, world, code2), year, sex);
    if (which === 'retired') {
      const retirement = addDays(addYears(issued.birthDate, retirementAge(sex, rank)), rng.int(0, 120));
      retiredOn = minDate(retirement, evaluationDate);
    }
    let name = '';
    let cls = RESERVED_CLASS;
    while (cls === RESERVED_CLASS || cls === ID_LESS_CLASS) {
      name = drawFullName(rng, sex, year);
      cls = nameClass(name, issued.birthDate);
    }
    yield {
      source,
      recordKey,
      person: { name, residentId: issued.residentId, sex, birthDate: issued.birthDate },
      status,
      retiredOn,
      organCode: organ?.code ?? null,
      organName: organ?.name ?? organNameForCounty(rng, world, countyIndex),
      rank,
    };
  }
}

/** Men, and women of department rank and above, retire at 60; women division chiefs at 55. */
function retirementAge(sex: TSex, rank: TCadreRank): number {
  return sex === 'male' || rank !== 'division' ? 60 : 55;
}

function specialPositions(total: number, count: number): number[] {
  if (count > total) throw new Error(`${count} planted roster records do not fit in ${total}`);
  return Array.from({ length: count }, (_, j) => Math.floor(((j + 0.5) * total) / count));
}

function rosterKey(which: 'serving' | 'retired', position: number): string {
  return which === 'serving'
    ? `GWY${String(position + 1).padStart(8, '0')}`
    : `LTX${String(position + 1).padStart(7, '0')}`;
}

// ---------------------------------------------------------------------------------------------------
// Planted cases

type TPlanter = {
  state: TState;
  rng: Rng;
  prescribed: ReturnType<typeof createPrescribedIdAllocator>;
  usedKeys: Set<string>;
  planted: TPlantedCase[];
  matches: TTruthMatch[];
  negatives: TLabelledNegative[];
  eligible: number[];
};

type TIdMode = 'full' | 'legacy15' | 'none';

/** A person with a prescribed birth date; `idLess` people take the reserved name class. */
function makePerson(
  p: TPlanter,
  sex: TSex,
  birthDate: TIsoDate,
  idLess: boolean,
  name?: string,
): TWorkingPerson {
  const { world } = p.state;
  const countyIndex = p.rng.int(0, world.counties.length - 1);
  const county = world.countyCodes[countyIndex]!;
  const year = Number(birthDate.slice(0, 4));
  for (let attempt = 0; ; attempt++) {
    const candidate = name ?? drawFullName(p.rng, sex, year);
    const cls = nameClass(candidate, birthDate);
    const classOk = idLess ? cls === RESERVED_CLASS : cls !== RESERVED_CLASS && cls !== ID_LESS_CLASS;
    const key = `${candidate}|${birthDate}`;
    if (classOk && !p.usedKeys.has(key)) {
      p.usedKeys.add(key);
      return {
        name: candidate,
        sex,
        birthDate,
        residentId: p.prescribed(county, birthDate, sex),
        countyCode: county,
      };
    }
    if (name !== undefined || attempt > 10_000) throw new Error(`no usable name for ${birthDate}`);
  }
}

function truthPost(post: TPostRecord): TTruthPost {
  return {
    associationUscc: post.associationUscc,
    personName: post.person.name,
    residentId: post.person.residentId ?? null,
    birthDate: post.person.birthDate!,
    role: post.role,
    startedOn: post.startedOn,
  };
}

function addPost(
  p: TPlanter,
  index: number,
  person: TWorkingPerson,
  fields: Omit<TPostRecord, 'associationUscc' | 'person'>,
  idMode: TIdMode,
): TPostRecord {
  const post: TPostRecord = {
    associationUscc: p.state.associations[index]!.uscc,
    person: {
      name: person.name,
      residentId: idMode === 'none' ? null : person.residentId,
      sex: person.sex,
      birthDate: person.birthDate,
    },
    ...fields,
  };
  if (idMode === 'legacy15') legacyWritten.set(post, toLegacyId15(person.residentId));
  const list = p.state.specialPosts.get(index) ?? [];
  list.push(post);
  p.state.specialPosts.set(index, list);
  return post;
}

function addRoster(
  p: TPlanter,
  which: 'serving' | 'retired',
  person: TWorkingPerson,
  fields: Pick<TRosterRecord, 'status' | 'retiredOn' | 'rank'> & { organ: TOrganRecord },
): TTruthRosterRef {
  const list = which === 'serving' ? p.state.specialServing : p.state.specialRetired;
  const ref: TTruthRosterRef = {
    source: which === 'serving' ? SERVING_SOURCE : RETIRED_SOURCE,
    recordKey: '',
    status: fields.status,
  };
  list.push({
    ref,
    person,
    record: {
      person: {
        name: person.name,
        residentId: person.residentId,
        sex: person.sex,
        birthDate: person.birthDate,
      },
      status: fields.status,
      retiredOn: fields.retiredOn,
      organCode: fields.organ.code,
      organName: fields.organ.name,
      rank: fields.rank,
    },
  });
  return ref;
}

/** An in-scope, active association registered before `startedOn`. */
function pickAssociation(p: TPlanter, startedOn: TIsoDate, exclude: Set<number> = new Set()): number {
  for (let attempt = 0; attempt < 10_000; attempt++) {
    const index = p.rng.pick(p.eligible);
    if (!exclude.has(index) && p.state.associations[index]!.registeredOn! < addDays(startedOn, -30))
      return index;
  }
  throw new Error(`no association registered before ${startedOn}`);
}

function approvalRef(p: TPlanter, organ: TOrganRecord, date: TIsoDate): string {
  return `${organ.shortName ?? organ.name}干〔${date.slice(0, 4)}〕${p.rng.int(3, 180)}号`;
}

type TCadre = { person: TWorkingPerson; roster: TTruthRosterRef; organ: TOrganRecord; retiredOn: TIsoDate };

/**
 * A retired leading cadre, aged at most 66 on the evaluation date unless `birthDate` says otherwise,
 * who retired at 60 (men, and women of department rank and above) or 55.
 */
function makeCadre(
  p: TPlanter,
  options: { idLess?: boolean; birthDate?: TIsoDate; sex?: TSex; retireAge?: number } = {},
): TCadre {
  const ev = p.state.evaluationDate;
  const sex = options.sex ?? (p.rng.chance(0.8) ? 'male' : 'female');
  const retireAge = options.retireAge ?? (sex === 'male' ? 60 : 55);
  // Young enough to be 66 or less on the evaluation date, old enough to have retired 3.5 years before.
  const birthDate =
    options.birthDate ??
    dateBetween(p.rng.next, addDays(addYears(ev, -66), 1), addYears(ev, -(retireAge + 4)));
  const person = makePerson(p, sex, birthDate, options.idLess ?? false);
  const retiredOn = addDays(addYears(birthDate, retireAge), p.rng.int(0, 60));
  const organ = p.rng.pick(p.state.world.administrative);
  const rank = retireAge === 55 ? 'division' : drawWeighted(p.rng, CADRE_RANKS);
  const roster = addRoster(p, 'retired', person, { status: 'retired', retiredOn, rank, organ });
  return { person, roster, organ, retiredOn };
}

const CADRE_ROLES: TPostRole[] = ['president', 'vice_president', 'honorary', 'standing_director', 'director'];

function cadrePost(
  p: TPlanter,
  cadre: TCadre,
  index: number,
  options: {
    startedOn: TIsoDate;
    endedOn?: TIsoDate | null;
    role?: TPostRole;
    term?: number;
    approved?: boolean;
    remunerated?: boolean;
    recommendedBy?: string | null;
    idMode?: TIdMode;
  },
): TPostRecord {
  const approved = options.approved ?? true;
  const approvalDate = addDays(options.startedOn, -p.rng.int(10, 90));
  return addPost(
    p,
    index,
    cadre.person,
    {
      role: options.role ?? p.rng.pick(CADRE_ROLES),
      branchName: null,
      startedOn: options.startedOn,
      endedOn: options.endedOn ?? null,
      termNumber: options.term ?? 1,
      remunerated: options.remunerated ?? false,
      approvalRef: approved ? approvalRef(p, cadre.organ, approvalDate) : null,
      approvalDate: approved ? approvalDate : null,
      recommendedByOrganCode: options.recommendedBy ?? null,
    },
    options.idMode ?? 'full',
  );
}

/** Records a filing or special approval of a planted post, dated a few weeks before it started. */
function addPostApproval(
  p: TPlanter,
  post: TPostRecord,
  kind: TPostApproval['kind'],
  organ: TOrganRecord,
): void {
  const date = addDays(post.startedOn, -p.rng.int(5, 40));
  const word = kind === 'special_approval' ? '特批' : kind === 'filing' ? '备' : '干';
  p.state.postApprovals.push({
    associationUscc: post.associationUscc,
    personName: post.person.name,
    birthDate: post.person.birthDate!,
    role: post.role,
    startedOn: post.startedOn,
    kind,
    ref: `${organ.shortName ?? organ.name}${word}〔${date.slice(0, 4)}〕${p.rng.int(3, 180)}号`,
    date,
  });
}

/** A start date at least 3 years and a month after retirement, and before the evaluation date. */
function lateStart(p: TPlanter, retiredOn: TIsoDate): TIsoDate {
  const from = addDays(addYears(retiredOn, 3), 30);
  return dateBetween(p.rng.next, from, maxDate(from, addDays(p.state.evaluationDate, -20)));
}

const ID_MODES: TIdMode[] = ['full', 'full', 'none', 'full', 'legacy15'];

function plant(
  p: TPlanter,
  rule: string,
  severity: 'violation' | 'risk',
  post: TPostRecord,
  roster: TTruthRosterRef,
  note: string,
  relatedPosts?: TPostRecord[],
): void {
  const subject: TPlantedSubject = { kind: 'post', post: truthPost(post), roster };
  if (relatedPosts) subject.relatedPosts = relatedPosts.map(truthPost);
  p.planted.push({ id: '', rule, severity, associationUscc: post.associationUscc, subject, note });
}

function plantPersonnel(p: TPlanter): void {
  const k = p.state.spec.plantsPerVariant;
  const ev = p.state.evaluationDate;
  const { world } = p.state;
  const serving = (status: TRosterStatus, j: number) => {
    const sex: TSex = p.rng.chance(0.75) ? 'male' : 'female';
    const birthDate = dateBetween(p.rng.next, addYears(ev, -58), addYears(ev, -32));
    const person = makePerson(p, sex, birthDate, false);
    const organ = p.rng.pick(world.administrative);
    const rank = p.rng.pick<TCadreRank>([
      'division',
      'deputy_division',
      'section',
      'deputy_department',
      'none',
    ]);
    const roster = addRoster(p, 'serving', person, { status, retiredOn: null, rank, organ });
    const startedOn = dateBetween(p.rng.next, '2019-01-01', addDays(ev, -60));
    const index = pickAssociation(p, startedOn);
    const post = addPost(
      p,
      index,
      person,
      {
        role: p.rng.pick<TPostRole>(['vice_president', 'secretary_general', 'director', 'standing_director']),
        branchName: null,
        startedOn,
        endedOn: null,
        termNumber: 1,
        remunerated: false,
        approvalRef: null,
        approvalDate: null,
        recommendedByOrganCode: null,
      },
      j % 3 === 2 ? 'legacy15' : 'full',
    );
    const who =
      status === 'serving' ? 'A serving civil servant' : 'A civil servant who left office without retiring';
    plant(p, 'PERS-1', 'violation', post, roster, `${who} (${organ.name}) holds a post; IDs match exactly.`);
  };
  for (let j = 0; j < k; j++) serving('serving', j);
  for (let j = 0; j < Math.max(1, Math.round(k / 2)); j++) serving('left_not_retired', j);

  const idMode = (j: number) => ID_MODES[j % ID_MODES.length]!;
  const cadre = (j: number, options: Parameters<typeof makeCadre>[1] = {}) =>
    makeCadre(p, { ...options, idLess: idMode(j) === 'none' });

  for (let j = 0; j < k; j++) {
    // Took the post within 3 years of retirement; some approved (risk), some not (violation).
    const approved = j % 2 === 0;
    const birthDate = dateBetween(p.rng.next, addYears(ev, -64), addYears(ev, -62));
    const c = cadre(j, { birthDate, sex: 'male' });
    const startedOn = minDate(addMonths(c.retiredOn, p.rng.int(4, 30)), addDays(ev, -20));
    const post = cadrePost(p, c, pickAssociation(p, startedOn), { startedOn, approved, idMode: idMode(j) });
    if (approved) {
      plant(
        p,
        'PERS-2',
        'risk',
        post,
        c.roster,
        'Took the post within 3 years of retirement, with approval.',
      );
    } else {
      plant(
        p,
        'PERS-2',
        'violation',
        post,
        c.roster,
        'Took the post within 3 years of retirement, no approval.',
      );
      plant(p, 'PERS-3', 'violation', post, c.roster, 'The same post has no approval record.');
    }
  }
  for (let j = 0; j < k; j++) {
    const c = cadre(j);
    const startedOn = lateStart(p, c.retiredOn);
    const post = cadrePost(p, c, pickAssociation(p, startedOn), {
      startedOn,
      approved: false,
      idMode: idMode(j),
    });
    plant(
      p,
      'PERS-3',
      'violation',
      post,
      c.roster,
      'A retired cadre holds a post without approval or filing.',
    );
  }
  for (let j = 0; j < k; j++) {
    const c = cadre(j);
    const first = lateStart(p, c.retiredOn);
    const second = lateStart(p, c.retiredOn);
    const a = pickAssociation(p, maxDate(first, second));
    const b = pickAssociation(p, maxDate(first, second), new Set([a]));
    const postA = cadrePost(p, c, a, { startedOn: minDate(first, second), idMode: idMode(j) });
    const postB = cadrePost(p, c, b, { startedOn: maxDate(first, second), idMode: idMode(j) });
    plant(p, 'PERS-4', 'violation', postB, c.roster, 'Holds approved posts in two associations at once.', [
      postA,
      postB,
    ]);
  }
  const over70 = (j: number, birthDate: TIsoDate, note: string) => {
    const c = cadre(j, { birthDate, sex: 'male' });
    const startedOn = lateStart(p, c.retiredOn);
    const post = cadrePost(p, c, pickAssociation(p, startedOn), {
      startedOn,
      term: p.rng.int(1, 2),
      idMode: idMode(j),
    });
    plant(p, 'PERS-5', 'violation', post, c.roster, note);
  };
  for (let j = 0; j < k; j++) {
    over70(
      j,
      dateBetween(p.rng.next, addYears(ev, -78), addYears(ev, -71)),
      'Holds a post past the age of 70.',
    );
  }
  over70(
    0,
    addDays(addYears(ev, -70), -1),
    'Turned 70 the day before the evaluation date: over the limit from the evaluation date on.',
  );
  {
    // The twin a day younger: turns 70 on the evaluation date, over the limit only from the next day.
    const c = makeCadre(p, { birthDate: addYears(ev, -70), sex: 'male' });
    const startedOn = lateStart(p, c.retiredOn);
    const post = cadrePost(p, c, pickAssociation(p, startedOn), { startedOn });
    p.negatives.push({
      id: '',
      kind: 'age_boundary',
      post: truthPost(post),
      roster: c.roster,
      note: 'Turns 70 on the evaluation date: over the limit from the next day, so no PERS-5 finding yet.',
    });
    p.matches.push({ post: truthPost(post), roster: c.roster });
  }
  for (let j = 0; j < k; j++) {
    // A third consecutive term: women cadres retiring at 55 leave room for three 4-year terms by 69.
    const birthDate = dateBetween(p.rng.next, addYears(ev, -69), addYears(ev, -68));
    const c = cadre(j, { birthDate, sex: 'female', retireAge: 55 });
    const first = addDays(addYears(c.retiredOn, 3), p.rng.int(30, 200));
    const index = pickAssociation(p, first);
    const posts = [0, 1, 2].map((t) =>
      cadrePost(p, c, index, {
        startedOn: addYears(first, 4 * t),
        endedOn: t < 2 ? addDays(addYears(first, 4 * (t + 1)), -1) : null,
        role: 'vice_president',
        term: t + 1,
        idMode: idMode(j),
      }),
    );
    plant(
      p,
      'PERS-6',
      'violation',
      posts[2]!,
      c.roster,
      'Serves a third term in the same association.',
      posts,
    );
  }
  for (let j = 0; j < k; j++) {
    const c = cadre(j);
    const startedOn = lateStart(p, c.retiredOn);
    const post = cadrePost(p, c, pickAssociation(p, startedOn), {
      startedOn,
      remunerated: true,
      idMode: idMode(j),
    });
    plant(p, 'PERS-7', 'violation', post, c.roster, 'Receives pay from the association.');
  }
  for (let j = 0; j < k; j++) {
    const c = cadre(j);
    const startedOn = lateStart(p, c.retiredOn);
    const post = cadrePost(p, c, pickAssociation(p, startedOn), {
      startedOn,
      role: 'legal_representative',
      approved: false,
      idMode: idMode(j),
    });
    plant(p, 'PERS-8', 'violation', post, c.roster, 'Legal representative without special approval.');
    plant(p, 'PERS-3', 'violation', post, c.roster, 'The legal-representative post has no approval record.');
  }
  for (let j = 0; j < 2; j++) {
    // An ordinary approval and a filing are on record, but legal representative needs a special one.
    const c = makeCadre(p);
    const startedOn = lateStart(p, c.retiredOn);
    const post = cadrePost(p, c, pickAssociation(p, startedOn), { startedOn, role: 'legal_representative' });
    addPostApproval(p, post, 'filing', c.organ);
    plant(
      p,
      'PERS-8',
      'violation',
      post,
      c.roster,
      'Legal representative with an ordinary approval and a filing, but no special approval.',
    );
  }
  for (let j = 0; j < k; j++) {
    const c = cadre(j);
    const startedOn = lateStart(p, c.retiredOn);
    const post = cadrePost(p, c, pickAssociation(p, startedOn), {
      startedOn,
      recommendedBy: c.organ.code,
      idMode: idMode(j),
    });
    plant(p, 'PERS-9', 'violation', post, c.roster, `Recommended into the post by ${c.organ.name}.`);
  }
}

function plantClean(p: TPlanter): void {
  const { spec } = p.state;
  for (let j = 0; j < spec.cleanCadres; j++) {
    const c = makeCadre(p, { idLess: j % 10 === 9 });
    const idMode: TIdMode = j % 10 === 9 ? 'none' : 'full';
    const startedOn = lateStart(p, c.retiredOn);
    const index = pickAssociation(p, startedOn);
    const secondTerm = addYears(startedOn, 4) < addDays(p.state.evaluationDate, -20) && p.rng.chance(0.4);
    const role = p.rng.pick(CADRE_ROLES);
    const first = cadrePost(p, c, index, {
      startedOn,
      endedOn: secondTerm ? addDays(addYears(startedOn, 4), -1) : null,
      role,
      idMode,
    });
    p.matches.push({ post: truthPost(first), roster: c.roster });
    if (secondTerm) {
      const second = cadrePost(p, c, index, { startedOn: addYears(startedOn, 4), role, term: 2, idMode });
      p.matches.push({ post: truthPost(second), roster: c.roster });
    }
  }
  for (let j = 0; j < 3; j++) {
    // Retired cadres who are legal representatives with the special approval the post needs.
    const c = makeCadre(p);
    const startedOn = lateStart(p, c.retiredOn);
    const post = cadrePost(p, c, pickAssociation(p, startedOn), { startedOn, role: 'legal_representative' });
    addPostApproval(p, post, 'special_approval', c.organ);
    p.matches.push({ post: truthPost(post), roster: c.roster });
  }
  // Look-alikes: an ordinary office holder and a roster person with the same name and birth year.
  const ev = p.state.evaluationDate;
  for (let j = 0; j < spec.hardNegatives; j++) {
    const idLess = j % 5 === 4;
    const sameDate = !idLess && j % 2 === 0;
    const sex: TSex = p.rng.chance(0.8) ? 'male' : 'female';
    const retired = j % 3 === 0;
    const birthDate = retired
      ? dateBetween(p.rng.next, addYears(ev, -75), addYears(ev, -62))
      : dateBetween(p.rng.next, addYears(ev, -58), addYears(ev, -30));
    const holder = makePerson(p, sex, birthDate, idLess);
    let twinDate = birthDate;
    let twin: TWorkingPerson | undefined;
    if (sameDate) {
      // Same name and birth date, different person: a different birth county and sequence number.
      p.usedKeys.delete(`${holder.name}|${birthDate}`);
      twin = makePerson(p, sex, birthDate, false, holder.name);
    } else {
      const year = birthDate.slice(0, 4);
      for (let attempt = 0; !twin && attempt < 400; attempt++) {
        twinDate = dateBetween(p.rng.next, `${year}-01-01`, `${year}-12-28`);
        if (twinDate === birthDate) continue;
        const cls = nameClass(holder.name, twinDate);
        if (cls === RESERVED_CLASS || cls === ID_LESS_CLASS || p.usedKeys.has(`${holder.name}|${twinDate}`))
          continue;
        twin = makePerson(p, sex, twinDate, false, holder.name);
      }
    }
    if (!twin) continue;
    const organ = p.rng.pick(p.state.world.administrative);
    const roster = retired
      ? addRoster(p, 'retired', twin, {
          status: 'retired',
          retiredOn: minDate(addDays(addYears(twinDate, 60), p.rng.int(0, 60)), addDays(ev, -5)),
          rank: drawWeighted(p.rng, CADRE_RANKS),
          organ,
        })
      : addRoster(p, 'serving', twin, { status: 'serving', retiredOn: null, rank: 'section', organ });
    const startedOn = dateBetween(p.rng.next, '2018-01-01', addDays(ev, -30));
    const post = addPost(
      p,
      pickAssociation(p, startedOn),
      holder,
      {
        role: p.rng.pick<TPostRole>(['vice_president', 'director', 'standing_director', 'supervisor']),
        branchName: null,
        startedOn,
        endedOn: null,
        termNumber: 1,
        remunerated: false,
        approvalRef: null,
        approvalDate: null,
        recommendedByOrganCode: null,
      },
      idLess ? 'none' : 'full',
    );
    p.negatives.push({
      id: '',
      kind: 'hard_negative',
      post: truthPost(post),
      roster,
      note: sameDate
        ? 'Same name and birth date as a roster record, but a different resident ID: a different person.'
        : idLess
          ? 'The post has no ID; a roster record has the same name and birth year but another birth date.'
          : 'Same name and birth year as a roster record, different birth date and ID.',
    });
  }
}

function plantInstitutional(p: TPlanter): void {
  const { state } = p;
  const k = state.spec.plantsPerVariant;
  const used = new Set<number>();
  const pick = () => {
    const index = pickAssociation(p, state.evaluationDate, used);
    used.add(index);
    return index;
  };
  const variants: Record<'address' | 'phone' | 'bank_account', (value: string) => string> = {
    address: (v) =>
      // Blanks and full-width digits, which the catalog's normalisation (NFKC, no blanks or punctuation)
      // sees through; a country-name prefix it would not.
      p.rng.chance(0.5)
        ? v.replace(/(省|市)/, '$1 ')
        : v.replace(/(\d+)号/, (_, d: string) => `${toFullWidth(d)} 号`),
    phone: (v) => {
      const [area, number] = v.split('-') as [string, string];
      return p.rng.chance(0.5)
        ? `(${area})${number.slice(0, 4)}-${number.slice(4)}`
        : `${area} ${number.slice(0, 4)} ${number.slice(4)}`;
    },
    bank_account: (v) => v.replace(/(\d{4})(?=\d)/g, '$1 '),
  };
  for (const field of ['address', 'phone', 'bank_account'] as const) {
    for (let j = 0; j < k; j++) {
      const index = pick();
      const association = state.associations[index]!;
      const near = organsNear(state.world, association.level, association.regionCode);
      // Alternate between an organ itself and one of its subordinate units, where the place has both.
      const wanted = near.filter((o) => (j % 2 === 0 ? o.isAdministrative : !o.isAdministrative));
      const organ = p.rng.pick(wanted.length > 0 ? wanted : near);
      const value = variants[field](
        field === 'address' ? organ.address! : field === 'phone' ? organ.phone! : organ.bankAccount!,
      );
      if (field === 'address') association.address = value;
      else if (field === 'phone') association.phone = value;
      else association.bankAccount = value;
      p.planted.push({
        id: '',
        rule: 'INST-4',
        severity: 'risk',
        associationUscc: association.uscc,
        subject: { kind: 'association', field, organCode: organ.code },
        note: `Shares its ${field.replace('_', ' ')} with ${organ.name}${field === 'address' ? ` (${normaliseAddress(value)})` : ''}.`,
      });
    }
  }
  // Open links are planted on associations decoupled from an old sponsor whose officials are clean, so
  // that their case is on record and nothing else re-couples them.
  const officialHosts = new Set(p.planted.map((c) => c.associationUscc));
  const decoupledIndexes = p.eligible.filter(
    (i) => state.decoupling.has(i) && !officialHosts.has(state.associations[i]!.uscc) && !used.has(i),
  );
  for (let j = 0; j < k; j++) {
    const index = p.rng.pick(decoupledIndexes.filter((i) => !used.has(i)));
    used.add(index);
    const association = state.associations[index]!;
    const meta = state.meta[index]!;
    const sponsor = sponsorOrgan(state.world, meta.sponsorKey, association.level, association.regionCode);
    const variant = j % 3;
    let link: TLinkRecord;
    if (variant === 0) {
      link = {
        organCode: sponsor.code,
        associationUscc: association.uscc,
        kind: 'supervisor',
        startedOn: association.registeredOn!,
        endedOn: null,
      };
    } else if (variant === 1) {
      const unit = state.world.organs.find((o) => o.parentCode === sponsor.code) ?? sponsor;
      link = {
        organCode: unit.code,
        associationUscc: association.uscc,
        kind: 'host',
        startedOn: association.registeredOn!,
        endedOn: null,
      };
    } else {
      link = {
        organCode: sponsor.code,
        associationUscc: association.uscc,
        kind: 'contact',
        startedOn: dateBetween(
          p.rng.next,
          maxDate('2021-01-01', addDays(association.registeredOn!, 1)),
          addDays(state.evaluationDate, -30),
        ),
        endedOn: null,
      };
    }
    // An open link replaces the association's ended ones of the same organ and kind, if any.
    state.links = state.links.filter(
      (l) =>
        !(
          l.associationUscc === link.associationUscc &&
          l.organCode === link.organCode &&
          l.kind === link.kind &&
          l.startedOn === link.startedOn
        ),
    );
    state.links.push(link);
    const organ = state.world.organs.find((o) => o.code === link.organCode)!;
    const what =
      variant === 0
        ? 'Its supervising unit link was never ended'
        : variant === 1
          ? `Still hosted (挂靠) by ${organ.name}, a unit of ${sponsor.name}`
          : 'A new contact link was opened after decoupling';
    p.planted.push({
      id: '',
      rule: 'INST-1',
      severity: 'violation',
      candidate: true,
      associationUscc: association.uscc,
      subject: { kind: 'link', organCode: link.organCode, linkKind: link.kind, startedOn: link.startedOn },
      note: `${what} (${organ.name}).`,
    });
  }
}

function toFullWidth(digits: string): string {
  return digits.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
}

/** Roster keys of special records, now that their positions are fixed. */
function assignRosterKeys(state: TState): void {
  state.servingKeys = specialPositions(state.spec.serving, state.specialServing.length).map((pos) =>
    rosterKey('serving', pos),
  );
  state.retiredKeys = specialPositions(state.spec.retired, state.specialRetired.length).map((pos) =>
    rosterKey('retired', pos),
  );
  state.specialServing.forEach((s, j) => {
    s.ref.recordKey = state.servingKeys[j]!;
  });
  state.specialRetired.forEach((s, j) => {
    s.ref.recordKey = state.retiredKeys[j]!;
  });
}

/** Day each association's first sponsoring link ended: its decoupling. */
function decouplingDays(
  records: readonly TAssociationRecord[],
  links: readonly TLinkRecord[],
): Map<number, TIsoDate> {
  const index = new Map(records.map((r, i) => [r.uscc, i]));
  const out = new Map<number, TIsoDate>();
  for (const link of links) {
    const i = index.get(link.associationUscc)!;
    if (link.endedOn !== null && link.endedOn !== undefined && !out.has(i)) out.set(i, link.endedOn);
  }
  return out;
}

const postSubject = (post: TTruthPost): TExpectedFinding['subject'] => ({
  type: 'post',
  id: null,
  key: `${post.personName}|${post.birthDate}|${post.role}|${post.startedOn}`,
});

/**
 * The findings a screening must produce: planted officials' posts it can match exactly (a post with a
 * resident ID), the planted shared contacts, and the policy facts' plants (which also decide the cases
 * of the planted open links).
 */
function planPolicy(state: TState, p: TPlanter) {
  const indexOf = new Map(state.associations.map((a, i) => [a.uscc, i]));
  const officials = new Set<number>();
  const taken = new Set<number>();
  const findings: TExpectedFinding[] = [];
  const linkPlants: { index: number; plantedId: string; link: TLinkRecord }[] = [];
  for (const c of p.planted) {
    const s = c.subject;
    const index = indexOf.get(c.associationUscc)!;
    taken.add(index);
    const add = (rule: string, subject: TExpectedFinding['subject'], uscc = c.associationUscc) =>
      findings.push({ id: '', rule, associationUscc: uscc, subject, plantedId: c.id, note: c.note });
    switch (s.kind) {
      case 'post': {
        const related = s.relatedPosts ?? [s.post];
        for (const post of related) {
          officials.add(indexOf.get(post.associationUscc)!);
          taken.add(indexOf.get(post.associationUscc)!);
        }
        // Without a resident ID only the probabilistic matcher can tie the post to the roster.
        if (s.post.residentId === null) break;
        if (c.rule === 'PERS-4') {
          for (const post of related)
            add(
              'PERS-4',
              { type: 'person', id: null, key: `${post.personName}|${post.birthDate}` },
              post.associationUscc,
            );
        } else add(c.rule, postSubject(s.post));
        break;
      }
      case 'association':
        add('INST-4', { type: 'association', id: c.associationUscc, key: null });
        break;
      case 'link': {
        const link = state.links.find(
          (l) =>
            l.associationUscc === c.associationUscc &&
            l.organCode === s.organCode &&
            l.kind === s.linkKind &&
            l.startedOn === s.startedOn,
        )!;
        linkPlants.push({ index, plantedId: c.id, link });
        break;
      }
      default: {
        const unreachable: never = s;
        throw new Error(`unknown planted subject ${JSON.stringify(unreachable)}`);
      }
    }
  }
  const plan = planPolicyFacts({
    seed: state.seed,
    evaluationDate: state.evaluationDate,
    world: state.world,
    associations: state.associations,
    meta: state.meta,
    links: state.links,
    decoupling: state.decoupling,
    noCase: officials,
    taken,
    linkPlants,
  });
  // One finding per rule and subject: several planted posts of one person give one PERS-4 per association.
  const seen = new Set<string>();
  const all = [...findings, ...plan.expected].filter((f) => {
    const key = `${f.rule}|${f.associationUscc}|${f.subject.type}|${f.subject.id ?? f.subject.key}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  all.forEach((f, i) => {
    f.id = `F${String(i + 1).padStart(5, '0')}`;
  });
  return {
    findings: all,
    scope: plan.scope,
    boundaries: plan.boundaries,
    facts: plan.facts,
    byAssociation: plan.byAssociation,
  };
}

/**
 * Generates a dataset for `seed` and `scale`: the same inputs always give the same records, in the
 * same order, and the same truth.
 */
export function generateDataset({
  seed,
  scale,
  evaluationDate = DEFAULT_EVALUATION_DATE,
}: GenerateDatasetOptions): TDataset {
  const spec = SCALES[scale];
  const world = buildWorld({ seed, prefectureCount: spec.prefectures });
  const associationSet = generateAssociations({ seed, world, count: spec.associations, evaluationDate });
  const state: TState = {
    seed,
    scale,
    spec,
    evaluationDate,
    world,
    associations: associationSet.records,
    meta: associationSet.meta,
    links: associationSet.links,
    specialPosts: new Map(),
    postApprovals: [],
    decoupling: decouplingDays(associationSet.records, associationSet.links),
    specialServing: [],
    specialRetired: [],
    servingKeys: [],
    retiredKeys: [],
  };
  const rng = createRng(seed, 'planted');
  const planter: TPlanter = {
    state,
    rng,
    prescribed: createPrescribedIdAllocator((count) => rng.int(0, count - 1)),
    usedKeys: new Set(),
    planted: [],
    matches: [],
    negatives: [],
    eligible: state.meta.flatMap((m) =>
      m.inScope && state.associations[m.index]!.status === 'active' ? [m.index] : [],
    ),
  };
  plantPersonnel(planter);
  plantClean(planter);
  plantInstitutional(planter);

  assignRosterKeys(state);

  planter.planted.forEach((c, i) => {
    c.id = `T${String(i + 1).padStart(5, '0')}`;
  });
  planter.negatives.forEach((n, i) => {
    n.id = `N${String(i + 1).padStart(5, '0')}`;
  });

  const policy = planPolicy(state, planter);

  let posts = 0;
  for (let index = 0; index < state.associations.length; index++) {
    posts += planSlots(state, index).slots.length + (state.specialPosts.get(index)?.length ?? 0);
  }
  const truth: TTruth = {
    format: 'tuogou-demo-truth/2',
    seed,
    scale,
    evaluationDate,
    counts: {
      organs: world.organs.length,
      associations: state.associations.length,
      links: state.links.length,
      posts,
      servingRoster: spec.serving,
      retiredRoster: spec.retired,
    },
    conventions: CONVENTIONS,
    planted: planter.planted,
    matches: planter.matches,
    negatives: planter.negatives,
    findings: policy.findings,
    scope: policy.scope,
    boundaries: policy.boundaries,
  };
  return {
    seed,
    scale,
    evaluationDate,
    organs: world.organs,
    associations: state.associations,
    links: state.links,
    posts: () => generatePosts(state),
    servingRoster: () => generateRoster(state, 'serving'),
    retiredRoster: () => generateRoster(state, 'retired'),
    postApprovals: state.postApprovals,
    policyFacts: policy.facts,
    policyFactsByAssociation: policy.byAssociation,
    truth,
  };
}
