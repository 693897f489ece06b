/**
 * Fact builders for the policy tests: each returns a plain, valid, "clean" record that breaks no rule,
 * so a test states only the facts that matter to it.
 */

import { createWorkingDayCalendar, type TDate } from './dates.ts';
import { evaluate, type TEvaluation } from './engine.ts';
import {
  createOrganIndex,
  type TAssociationFact,
  type TAssociationFacts,
  type TCaseFact,
  type TCreditEntryFact,
  type TDuesDecisionFact,
  type TFeeItemFact,
  type TFinanceYearFact,
  type TFunctionFact,
  type TLinkFact,
  type TOfficialStatusFact,
  type TOrganFact,
  type TPersonFact,
  type TPostFact,
  type TStaffFact,
} from './facts.ts';
import {
  BUILT_IN_PACK_DEFINITIONS,
  getPack,
  resolvePackDefinitions,
  type TPackDefinition,
  type TResolvedPack,
} from './packs.ts';
import type { TFinding, TRuleId } from './types.ts';

/** A calendar with the 2025 public holidays and swapped working days as published. */
export const TEST_CALENDAR = createWorkingDayCalendar({
  id: 'test-cn-2025',
  holidays: [
    '2025-01-01',
    '2025-01-28',
    '2025-01-29',
    '2025-01-30',
    '2025-01-31',
    '2025-02-03',
    '2025-02-04',
    '2025-04-04',
    '2025-05-01',
    '2025-05-02',
    '2025-05-05',
    '2025-06-02',
    '2025-10-01',
    '2025-10-02',
    '2025-10-03',
    '2025-10-06',
    '2025-10-07',
    '2025-10-08',
  ],
  workingWeekendDays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
});

export function buildOrgan(overrides: Partial<TOrganFact> & Pick<TOrganFact, 'code'>): TOrganFact {
  return {
    name: `机关${overrides.code}`,
    kind: 'government',
    isAdministrative: true,
    parentCode: null,
    address: null,
    phone: null,
    bankAccount: null,
    ...overrides,
  };
}

/** A ministry, a centre subordinate to it, a unit of that centre, and a private company. */
export const TEST_ORGANS: readonly TOrganFact[] = [
  buildOrgan({
    code: 'MIN',
    name: '某省工业和信息化厅',
    address: '杭州市西湖区省府路8号',
    phone: '0571-87050000',
    bankAccount: '6222 0000 1111 2222',
  }),
  buildOrgan({
    code: 'CTR',
    name: '某省工业和信息化厅信息中心',
    kind: 'public_institution',
    isAdministrative: false,
    parentCode: 'MIN',
    address: '杭州市西湖区省府路10号',
  }),
  buildOrgan({
    code: 'LAB',
    name: '信息中心检测实验室',
    kind: 'public_institution',
    isAdministrative: false,
    parentCode: 'CTR',
  }),
  buildOrgan({
    code: 'CO',
    name: '某科技有限公司',
    kind: 'other',
    isAdministrative: false,
    address: '杭州市滨江区网商路99号',
    phone: '0571-88880000',
  }),
];

export const TEST_ORGAN_INDEX = createOrganIndex(TEST_ORGANS);

export const TEST_USCC = '51330000MJ8800001A';

export function buildAssociation(overrides: Partial<TAssociationFact> = {}): TAssociationFact {
  return {
    uscc: TEST_USCC,
    name: '某省软件行业协会',
    level: 'provincial',
    regionCode: '330000',
    registrationCategory: 'social_group',
    membershipBasis: 'same_industry',
    memberCount: 120,
    address: '杭州市拱墅区协会路1号',
    phone: '0571-86660000',
    bankAccount: '6228 4800 0000 0001',
    status: 'active',
    registeredOn: '2005-04-01',
    deregisteredOn: null,
    recordedSupervisingUnit: null,
    scopeDecision: null,
    ...overrides,
  };
}

export function buildCase(overrides: Partial<TCaseFact> = {}): TCaseFact {
  return {
    id: 'case-1',
    batch: '2016年第二批',
    jurisdiction: '330000',
    listedOn: '2016-06-01',
    planDeadline: '2016-09-30',
    planApprovedOn: '2016-09-01',
    completionDeadline: '2016-12-31',
    decoupledOn: '2016-12-01',
    blockedReason: null,
    ...overrides,
  };
}

export function buildLink(overrides: Partial<TLinkFact> = {}): TLinkFact {
  return {
    id: 'link-1',
    organCode: 'MIN',
    kind: 'supervisor',
    startedOn: '2005-04-01',
    endedOn: null,
    ...overrides,
  };
}

export function buildFunction(overrides: Partial<TFunctionFact> = {}): TFunctionFact {
  return {
    id: 'fn-1',
    name: '行业统计',
    kind: 'statistics',
    origin: 'own',
    handedOverByOrganCode: null,
    legalBasis: null,
    catalogueEntry: null,
    contractRef: null,
    published: true,
    tiedApprovalOrganCode: null,
    startedOn: '2018-01-01',
    endedOn: null,
    ...overrides,
  };
}

export function buildFinanceYear(overrides: Partial<TFinanceYearFact> & Pick<TFinanceYearFact, 'year'>) {
  const year: TFinanceYearFact = {
    independentAccount: true,
    separateBooks: true,
    accountingStandard: 'npo',
    directAppropriation: 0,
    placementFunds: 0,
    officeInAdministrativeSpace: false,
    officeOrganCode: null,
    vacatedOn: null,
    paidUseAgreementRef: null,
    stateAssetsUsed: false,
    stateAssetsRegisteredOn: null,
    ...overrides,
  };
  return year;
}

export function buildStatus(overrides: Partial<TOfficialStatusFact> = {}): TOfficialStatusFact {
  return {
    status: 'retired',
    retiredOn: '2020-03-01',
    rank: 'deputy_department',
    organKind: 'government',
    organName: '某省发展和改革委员会',
    source: 'retired-cadres-2025',
    recordKey: 'R-0001',
    matchConfidence: 1,
    ...overrides,
  };
}

export function buildPerson(overrides: Partial<TPersonFact> = {}): TPersonFact {
  return {
    id: 'person-1',
    name: '张三',
    birthDate: '1958-06-15',
    status: null,
    otherPosts: [],
    ...overrides,
  };
}

export function buildPost(overrides: Partial<TPostFact> = {}): TPostFact {
  return {
    id: 'post-1',
    role: 'vice_president',
    branchName: null,
    startedOn: '2024-01-01',
    endedOn: null,
    termNumber: 1,
    remunerated: false,
    approvals: [{ kind: 'approval', ref: '组干〔2023〕12号', date: '2023-12-01' }],
    recommendedByOrganCode: null,
    person: buildPerson(),
    ...overrides,
  };
}

export function buildStaff(overrides: Partial<TStaffFact> = {}): TStaffFact {
  return {
    id: 'staff-1',
    name: '李四',
    labourContract: true,
    socialInsurance: true,
    housingFund: true,
    onEstablishment: false,
    startedOn: '2015-01-01',
    endedOn: null,
    ...overrides,
  };
}

export function buildFee(overrides: Partial<TFeeItemFact> = {}): TFeeItemFact {
  return {
    id: 'fee-1',
    name: '会员会费',
    category: 'dues',
    amount: 2000,
    tiers: null,
    payer: 'members',
    compulsory: false,
    disguisedCompulsory: false,
    obstructsWithdrawal: false,
    servicesProvided: true,
    coveredByDues: false,
    linkedFunctionId: null,
    linkedAwardId: null,
    collectedBy: 'hq',
    branchName: null,
    standardSetBy: 'assembly',
    published: true,
    pricing: null,
    pricedByProcedure: true,
    kickback: false,
    legalBasis: null,
    duesDecisionId: 'dues-1',
    referenceAmount: null,
    complaintCount: 0,
    startedOn: '2021-01-01',
    endedOn: null,
    ...overrides,
  };
}

export function buildDuesDecision(overrides: Partial<TDuesDecisionFact> = {}): TDuesDecisionFact {
  return {
    id: 'dues-1',
    assemblyDate: '2020-12-10',
    madeBy: 'assembly',
    secretBallot: true,
    eligible: 90,
    present: 80,
    votesFor: 70,
    tiers: [500, 2000, 5000, 10000],
    floating: false,
    published: true,
    adopted: true,
    effectiveFrom: '2021-01-01',
    supersededOn: null,
    ...overrides,
  };
}

export function buildCreditEntry(overrides: Partial<TCreditEntryFact> = {}): TCreditEntryFact {
  return {
    id: 'entry-1',
    list: 'abnormal',
    ground: 'annual_report',
    groundOn: '2024-06-01',
    listedOn: '2024-06-05',
    removedOn: null,
    obligationFulfilledOn: null,
    removalAppliedOn: null,
    ...overrides,
  };
}

export type TFactsOverrides = Partial<Omit<TAssociationFacts, 'association'>> & {
  association?: Partial<TAssociationFact>;
};

/**
 * A clean, in-scope association decoupled on 2016-12-01, with its reports filed, a clean dues
 * decision in force, and no links, posts or fees unless given.
 */
export function buildFacts(overrides: TFactsOverrides = {}): TAssociationFacts {
  const { association, ...rest } = overrides;
  const reportYears = Array.from({ length: 2030 - 2017 }, (_, i) => 2017 + i);
  return {
    association: buildAssociation(association),
    organs: TEST_ORGAN_INDEX,
    links: [],
    case: buildCase(),
    functions: [],
    finance: { base2015Appropriation: 1_000_000, base2015RetireeFunding: 200_000, years: [] },
    charterAmendments: [{ id: 'charter-1', amendedOn: '2017-03-01', filedOn: '2017-04-01' }],
    institutions: [],
    staff: [],
    party: {
      organisationExists: true,
      memberCount: 5,
      relationship: 'designated_committee',
      transferredOn: null,
    },
    foreignAffairs: { administeredByFormerOrgan: false },
    feeItems: [],
    duesDecisions: [buildDuesDecision()],
    awards: [],
    annualReports: reportYears.map((year) => ({ year, filedOn: `${year + 1}-03-31` })),
    penalties: [],
    rectifications: [],
    unreachable: [],
    courtDefaults: [],
    creditEntries: [],
    posts: [],
    ...rest,
  };
}

export type RunOptions = { facts?: TFactsOverrides; asOf?: TDate; packId?: string; pack?: TResolvedPack };

/** Evaluate the built facts under a pack (default `national-2019`) on a date (default 2025-07-01). */
export function run({
  facts = {},
  asOf = '2025-07-01',
  packId = 'national-2019',
  pack,
}: RunOptions = {}): TEvaluation {
  return evaluate({ pack: pack ?? getPack(packId), facts: buildFacts(facts), asOf, calendar: TEST_CALENDAR });
}

/** A pack derived from a built-in one with some parameters overridden. */
export function derivePack(parentId: string, parameters: TPackDefinition['parameters']): TResolvedPack {
  const packs = resolvePackDefinitions({
    definitions: [
      ...BUILT_IN_PACK_DEFINITIONS,
      {
        id: 'test-derived',
        version: 'test.1',
        title: { zh: '测试包', en: 'Test pack' },
        parent: parentId,
        jurisdiction: '',
        effectiveFrom: '2015-01-01',
        effectiveTo: null,
        sources: [],
        notes: [],
        rules: {},
        parameters,
      },
    ],
  });
  return getPack('test-derived', packs);
}

/** The findings of one rule in an evaluation. */
export function findingsOf(evaluation: TEvaluation, ruleId: TRuleId): TFinding[] {
  return evaluation.findings.filter((f) => f.ruleId === ruleId);
}

/** The findings of one rule for the built facts. */
export function ruleFindings(ruleId: TRuleId, options: RunOptions = {}): TFinding[] {
  return findingsOf(run(options), ruleId);
}
