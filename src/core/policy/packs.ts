/**
 * Policy packs: the parameters and the set of active rules for a jurisdiction and a period, as
 * versioned data. A pack names a parent and overrides only what differs; `resolvePack` picks the
 * pack in force for a region on a date (most specific jurisdiction first, then the latest).
 */

import type { TCadreRank, TLevel, TLinkKind, TOrganKind } from '../registry/types.ts';
import type { TDate } from './dates.ts';
import { RULE_IDS, type TRuleId, type TTemplate } from './types.ts';

/** `numerator / denominator`, reached when the value is `>=` (inclusive) or `>` (not inclusive). */
export type TRatio = { numerator: number; denominator: number; inclusive: boolean };

/** FIN-3: allowed share of the 2015 base per budget year, for associations decoupled in a year range. */
export type TAppropriationShares = {
  decoupledFromYear: number | null;
  decoupledToYear: number | null;
  /** Budget year → share of the base (1 = 100%). */
  shares: Readonly<Record<string, number>>;
};

export type TPolicyParameters = {
  scope: {
    /** Name endings of industry associations and chambers of commerce (open list). */
    includedSuffixes: readonly string[];
    /** Name endings of academic, professional and federative groups; checked before the included ones. */
    excludedSuffixes: readonly string[];
    /** Whether rules run on an association whose scope still needs a decision. */
    undecidedCountsAsInScope: boolean;
  };
  inst: {
    /** Link kinds that count as a tie to an organ for INST-1. */
    linkKinds: readonly TLinkKind[];
    /** INST-1 also covers listed associations past their completion deadline (2019 opinions). */
    listedPastDeadline: boolean;
  };
  fin: {
    appropriationShares: readonly TAppropriationShares[];
    /** First budget year in which no direct appropriation is allowed. */
    appropriationZeroFromYear: number;
    /** Last day on which administrative office space may still be occupied; `null`: not set. */
    vacatingDeadline: TDate | null;
    /** Whether continued occupation under a recorded paid-use agreement is allowed. */
    paidUseAllowed: boolean;
  };
  pers: {
    /** The lowest rank that counts as a leading cadre (县处级 includes its deputies). */
    leadingCadreMinRank: TCadreRank;
    /** Organ kinds whose serving leading cadres may hold no social-group post without approval. */
    cadreOrganKinds: readonly TOrganKind[];
    yearsAfterRetirement: number;
    maxConcurrentPosts: number;
    ageLimit: number;
    /** True: the limit is reached on the birthday itself; false: on the day after (周岁 practice). */
    ageLimitReachedOnBirthday: boolean;
    maxTerms: number;
    /** Below this match confidence an official status makes a PERS finding `risk`, for review. */
    minMatchConfidence: number;
  };
  party: {
    /** Full party members from which a party organisation is required (党章: 3). */
    memberThreshold: number;
  };
  fee: {
    duesAttendance: TRatio;
    duesApproval: TRatio;
    maxDuesTiers: number;
    /** Words in an award's name that need approval. */
    awardNameWords: readonly string[];
    /** FEE-14: a market-priced fee above this multiple of its reference price goes to review. */
    marketPriceRatio: number;
    /** FEE-14: this many complaints about a market-priced fee send it to review. */
    complaintThreshold: number;
  };
  cred: {
    /** `MM-DD` of the deadline for the previous year's annual work report. */
    annualReportDeadline: string;
    /** First report year checked (民政部令第60号 took effect 2018-03-01, so reports for 2017 on). */
    annualReportFirstYear: number;
    entryWorkingDays: number;
    removalWorkingDays: number;
    autoRemovalMonths: number;
    abnormalToSeriousYears: number;
    seriousRemovalYears: number;
    /** Fines from this amount (yuan) are a serious-list ground; smaller ones an abnormal-list ground. */
    majorFineAmount: number;
    repeatPenaltyCount: number;
    repeatPenaltyWindowYears: number;
  };
  insp: {
    ratioByLevel: Readonly<Record<TLevel, number>>;
    minInspectors: number;
  };
};

type TDeepPartial<T> = {
  [K in keyof T]?: T[K] extends readonly unknown[] ? T[K] : T[K] extends object ? TDeepPartial<T[K]> : T[K];
};

export type TPackDefinition = {
  id: string;
  version: string;
  title: TTemplate;
  parent: string | null;
  /** `''` for the whole country; otherwise a region-code prefix (`33` for a province). */
  jurisdiction: string;
  effectiveFrom: TDate;
  /** First day no longer in force; `null`: open-ended. */
  effectiveTo: TDate | null;
  sources: readonly string[];
  notes: readonly TTemplate[];
  /** Rules switched on (`true`) or off (`false`) relative to the parent; a root pack lists all. */
  rules: Partial<Record<TRuleId, boolean>>;
  parameters: TDeepPartial<TPolicyParameters>;
};

export type TResolvedPack = {
  id: string;
  version: string;
  title: TTemplate;
  /** This pack and its ancestors, nearest first. */
  lineage: readonly string[];
  jurisdiction: string;
  effectiveFrom: TDate;
  effectiveTo: TDate | null;
  sources: readonly string[];
  notes: readonly TTemplate[];
  rules: Readonly<Record<TRuleId, boolean>>;
  parameters: TPolicyParameters;
};

const NATIONAL_2015_PARAMETERS: TPolicyParameters = {
  scope: {
    includedSuffixes: ['行业协会', '协会', '商会', '同业公会', '联合会', '促进会'],
    excludedSuffixes: [
      '学会',
      '研究会',
      '研究院',
      '联谊会',
      '校友会',
      '同学会',
      '科学技术协会',
      '文学艺术界联合会',
      '基金会',
    ],
    undecidedCountsAsInScope: true,
  },
  inst: {
    linkKinds: ['sponsor', 'supervisor', 'contact', 'host', 'custodian'],
    listedPastDeadline: false,
  },
  fin: {
    appropriationShares: [
      { decoupledFromYear: null, decoupledToYear: 2015, shares: { '2016': 1, '2017': 1 } },
      { decoupledFromYear: 2016, decoupledToYear: 2016, shares: { '2016': 0.8, '2017': 0.8 } },
      { decoupledFromYear: 2017, decoupledToYear: null, shares: { '2016': 0.8, '2017': 0.6 } },
    ],
    appropriationZeroFromYear: 2018,
    vacatingDeadline: null,
    paidUseAllowed: true,
  },
  pers: {
    leadingCadreMinRank: 'deputy_division',
    cadreOrganKinds: ['party', 'congress', 'government', 'cppcc', 'court', 'procuratorate'],
    yearsAfterRetirement: 3,
    maxConcurrentPosts: 1,
    ageLimit: 70,
    ageLimitReachedOnBirthday: false,
    maxTerms: 2,
    minMatchConfidence: 0.99,
  },
  party: { memberThreshold: 3 },
  fee: {
    duesAttendance: { numerator: 2, denominator: 3, inclusive: true },
    duesApproval: { numerator: 1, denominator: 2, inclusive: false },
    maxDuesTiers: 4,
    awardNameWords: ['中华人民共和国', '中国', '全国', '国际', '世界'],
    marketPriceRatio: 1.5,
    complaintThreshold: 3,
  },
  cred: {
    annualReportDeadline: '05-31',
    annualReportFirstYear: 2017,
    entryWorkingDays: 5,
    removalWorkingDays: 5,
    autoRemovalMonths: 6,
    abnormalToSeriousYears: 2,
    seriousRemovalYears: 2,
    majorFineAmount: 50_000,
    repeatPenaltyCount: 2,
    repeatPenaltyWindowYears: 3,
  },
  insp: {
    ratioByLevel: { county: 0.03, municipal: 0.04, provincial: 0.05, national: 0.1 },
    minInspectors: 2,
  },
};

const ALL_RULES_ON = Object.fromEntries(RULE_IDS.map((id) => [id, true])) as Record<TRuleId, boolean>;

/** Provincial overrides taken from the catalog's example of a province's own cut-offs. */
const PROVINCE_33_OVERRIDES: TDeepPartial<TPolicyParameters> = {
  fin: { appropriationZeroFromYear: 2018, vacatingDeadline: '2017-12-31', paidUseAllowed: false },
};

/** The packs shipped with the product. */
export const BUILT_IN_PACK_DEFINITIONS: readonly TPackDefinition[] = [
  {
    id: 'national-2015',
    version: '2015.1',
    title: { zh: '全国（2015年总体方案）', en: 'National (2015 General Plan)' },
    parent: null,
    jurisdiction: '',
    effectiveFrom: '2015-07-08',
    effectiveTo: '2019-06-14',
    sources: [
      '《行业协会商会与行政机关脱钩总体方案》（2015）',
      '财建〔2015〕788号',
      '《全国性行业协会商会负责人任职管理办法（试行）》（2015）',
      '中办发〔1998〕17号',
      '国办发〔2020〕21号',
      '发改经体〔2017〕1999号',
      '民政部令第60号（2018）',
      '民发〔2017〕45号',
    ],
    notes: [
      {
        zh: '办公用房腾退期限由各地规定，本包不设全国统一期限（FIN-4 在此包下不触发）。',
        en: 'The office-vacating deadline is set by each jurisdiction; this pack sets none, so FIN-4 does not fire under it.',
      },
    ],
    rules: { ...ALL_RULES_ON, 'INST-2': false },
    parameters: NATIONAL_2015_PARAMETERS,
  },
  {
    id: 'national-2019',
    version: '2019.1',
    title: { zh: '全国（2019年全面推开）', en: 'National (2019 full roll-out)' },
    parent: 'national-2015',
    jurisdiction: '',
    effectiveFrom: '2019-06-14',
    effectiveTo: null,
    sources: ['发改体改〔2019〕1063号'],
    notes: [
      {
        zh: 'INST-1 扩展至脱钩名单内已过期限仍未脱钩的协会；启用 INST-2。',
        en: 'INST-1 extends to listed associations past their deadline; INST-2 is active.',
      },
    ],
    rules: { 'INST-2': true },
    parameters: { inst: { listedPastDeadline: true } },
  },
  {
    id: 'provincial-33-2016',
    version: '2016.1',
    title: { zh: '省级包（33，示例参数）', en: 'Provincial pack (33, example parameters)' },
    parent: 'national-2015',
    jurisdiction: '33',
    effectiveFrom: '2016-01-01',
    effectiveTo: '2019-06-14',
    sources: ['省级脱钩实施方案（参数须与该省文件核对）'],
    notes: [
      {
        zh: '2018年起零拨款，行政办公用房须于2017-12-31前腾退，不允许有偿使用。',
        en: 'Zero appropriation from 2018; administrative office space to be vacated by 2017-12-31; no paid use.',
      },
    ],
    rules: {},
    parameters: PROVINCE_33_OVERRIDES,
  },
  {
    id: 'provincial-33-2019',
    version: '2019.1',
    title: {
      zh: '省级包（33，示例参数，2019起）',
      en: 'Provincial pack (33, example parameters, from 2019)',
    },
    parent: 'national-2019',
    jurisdiction: '33',
    effectiveFrom: '2019-06-14',
    effectiveTo: null,
    sources: ['省级脱钩实施方案（参数须与该省文件核对）'],
    notes: [
      {
        zh: '在2019年全国包之上沿用本省的拨款与腾退参数。',
        en: "Keeps the province's appropriation and vacating parameters on top of the 2019 national pack.",
      },
    ],
    rules: {},
    parameters: PROVINCE_33_OVERRIDES,
  },
];

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Objects merge key by key; arrays and scalars replace. */
function deepMerge<T>(base: T, override: unknown): T {
  if (!isPlainObject(base) || !isPlainObject(override))
    return (override === undefined ? base : override) as T;
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    if (value === undefined) continue;
    result[key] = deepMerge(result[key], value);
  }
  return result as T;
}

export type ResolvePackDefinitionsOptions = { definitions: readonly TPackDefinition[] };

/**
 * Resolve every definition against its ancestors. Throws on an unknown parent, a cycle, or a root
 * pack that does not set every parameter and rule.
 */
export function resolvePackDefinitions({
  definitions,
}: ResolvePackDefinitionsOptions): ReadonlyMap<string, TResolvedPack> {
  const byId = new Map(definitions.map((d) => [d.id, d]));
  const resolved = new Map<string, TResolvedPack>();
  const resolving = new Set<string>();
  const resolve = (id: string): TResolvedPack => {
    const done = resolved.get(id);
    if (done) return done;
    const definition = byId.get(id);
    if (!definition) throw new Error(`Policy pack "${id}" is not defined`);
    if (resolving.has(id)) throw new Error(`Policy pack "${id}" inherits from itself`);
    resolving.add(id);
    let pack: TResolvedPack;
    if (definition.parent === null) {
      const missing = RULE_IDS.filter((rule) => definition.rules[rule] === undefined);
      if (missing.length > 0)
        throw new Error(`Root policy pack "${id}" does not set rules ${missing.join(', ')}`);
      pack = {
        id,
        version: definition.version,
        title: definition.title,
        lineage: [id],
        jurisdiction: definition.jurisdiction,
        effectiveFrom: definition.effectiveFrom,
        effectiveTo: definition.effectiveTo,
        sources: definition.sources,
        notes: definition.notes,
        rules: { ...ALL_RULES_ON, ...definition.rules },
        parameters: definition.parameters as TPolicyParameters,
      };
    } else {
      const parent = resolve(definition.parent);
      pack = {
        id,
        version: definition.version,
        title: definition.title,
        lineage: [id, ...parent.lineage],
        jurisdiction: definition.jurisdiction,
        effectiveFrom: definition.effectiveFrom,
        effectiveTo: definition.effectiveTo,
        sources: [...parent.sources, ...definition.sources],
        // Notes describe what this pack changes; a parent's notes may no longer hold for the child.
        notes: definition.notes,
        rules: { ...parent.rules, ...definition.rules },
        parameters: deepMerge(parent.parameters, definition.parameters),
      };
    }
    resolving.delete(id);
    resolved.set(id, pack);
    return pack;
  };
  for (const definition of definitions) resolve(definition.id);
  return resolved;
}

/** The built-in packs, resolved. */
export const BUILT_IN_PACKS: ReadonlyMap<string, TResolvedPack> = resolvePackDefinitions({
  definitions: BUILT_IN_PACK_DEFINITIONS,
});

export type ResolvePackOptions = {
  /** GB/T 2260 code of the jurisdiction (the registering region; `100000` national). */
  regionCode: string;
  asOf: TDate;
  packs?: ReadonlyMap<string, TResolvedPack>;
};

/**
 * The pack in force for a jurisdiction on a date: among packs whose jurisdiction prefix matches the
 * region (national packs match every region) and whose period contains the date, the most specific
 * jurisdiction wins, then the latest start. Throws when no pack is in force.
 */
export function resolvePack({ regionCode, asOf, packs = BUILT_IN_PACKS }: ResolvePackOptions): TResolvedPack {
  let best: TResolvedPack | undefined;
  for (const pack of packs.values()) {
    if (!regionCode.startsWith(pack.jurisdiction)) continue;
    if (pack.effectiveFrom > asOf || (pack.effectiveTo !== null && pack.effectiveTo <= asOf)) continue;
    if (
      !best ||
      pack.jurisdiction.length > best.jurisdiction.length ||
      (pack.jurisdiction.length === best.jurisdiction.length && pack.effectiveFrom > best.effectiveFrom)
    ) {
      best = pack;
    }
  }
  if (!best) throw new Error(`No policy pack is in force for region ${regionCode} on ${asOf}`);
  return best;
}

/** A built-in pack by id; throws for an unknown id. */
export function getPack(
  id: string,
  packs: ReadonlyMap<string, TResolvedPack> = BUILT_IN_PACKS,
): TResolvedPack {
  const pack = packs.get(id);
  if (!pack) throw new Error(`Policy pack "${id}" is not defined`);
  return pack;
}

/** The value at a dotted parameter path (`pers.ageLimit`), for the catalog. */
export function parameterValue(parameters: TPolicyParameters, path: string): unknown {
  let value: unknown = parameters;
  for (const key of path.split('.')) {
    if (!isPlainObject(value)) return undefined;
    value = value[key];
  }
  return value;
}
