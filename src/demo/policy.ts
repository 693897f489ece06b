import { deadlinesFor, findBatch } from '../core/cases/batches.ts';
import type { TSubjectType } from '../core/policy/types.ts';
import type { TAssociationRecord, TIsoDate, TLinkRecord, TOrganRecord } from '../core/registry/types.ts';
import type {
  TAnnualReportRecord,
  TAssociationExtrasRecord,
  TAwardRecord,
  TCaseRecord,
  TCharterAmendmentRecord,
  TCourtDefaultRecord,
  TCreditEntryRecord,
  TDuesDecisionRecord,
  TFeeItemRecord,
  TFinanceBaseRecord,
  TFinanceYearRecord,
  TForeignAffairsRecord,
  TFunctionRecord,
  TInstitutionRecord,
  TPartyRecord,
  TPenaltyRecord,
  TRectificationRecord,
  TScopeDecisionRecord,
  TStaffRecord,
  TUnreachableRecord,
} from '../db/repositories/facts.repository.ts';
import type { TAssociationMeta } from './associations.ts';
import { addDays, addMonths, addYears, dateBetween, maxDate, minDate } from './dates.ts';
import { drawFullName } from './names.ts';
import { createRng, type Rng } from './prng.ts';
import { sponsorOrgan, type TWorld } from './world.ts';

/**
 * The policy facts of the demo: decoupling cases, functions, finance, charter amendments, subordinate
 * institutions, staff, party organisations, foreign affairs, fees and dues, awards, annual reports,
 * penalties, rectifications and credit entries — clean for every association, with planted breaches
 * of each rule of the catalog recorded as the findings a screening must produce.
 *
 * Plants are chosen eagerly (they are few and the truth names them); the bulk of clean facts is built
 * on demand, one association at a time from its own random stream, so that the demo loader pays for it
 * and the national scale never holds it.
 */

/** A finding the screening must produce on the evaluation date. */
export type TExpectedFinding = {
  id: string;
  rule: string;
  associationUscc: string;
  /**
   * The subject as the engine fingerprints it. Subjects keyed by database ids (posts, persons, links)
   * carry a natural `key` instead: `name|birthDate|role|startedOn` for a post, `name|birthDate` for a
   * person, `organCode|kind|startedOn` for a link; all others carry the `id` the engine uses.
   */
  subject: { type: TSubjectType; id: string | null; key: string | null };
  /** The planted case of the registry this finding comes from, if any. */
  plantedId: string | null;
  note: string;
};

/** What SCOPE-1 decides for an association the truth singles out. */
export type TScopeCase = {
  associationUscc: string;
  outcome: 'in' | 'out' | 'needs_decision';
  note: string;
};

export type TDemoPolicyFacts = {
  extras: TAssociationExtrasRecord[];
  scopeDecisions: TScopeDecisionRecord[];
  cases: TCaseRecord[];
  functions: TFunctionRecord[];
  financeBases: TFinanceBaseRecord[];
  financeYears: TFinanceYearRecord[];
  charterAmendments: TCharterAmendmentRecord[];
  institutions: TInstitutionRecord[];
  staff: TStaffRecord[];
  party: TPartyRecord[];
  foreignAffairs: TForeignAffairsRecord[];
  feeItems: TFeeItemRecord[];
  duesDecisions: TDuesDecisionRecord[];
  awards: TAwardRecord[];
  annualReports: TAnnualReportRecord[];
  penalties: TPenaltyRecord[];
  rectifications: TRectificationRecord[];
  unreachable: TUnreachableRecord[];
  courtDefaults: TCourtDefaultRecord[];
  creditEntries: TCreditEntryRecord[];
};

/** Every fact of one association, built clean and then changed by the plants it hosts. */
export type TAssociationPolicyFacts = TBundle;
type TBundle = {
  extras: TAssociationExtrasRecord;
  scopeDecision: TScopeDecisionRecord | null;
  case: TCaseRecord | null;
  functions: TFunctionRecord[];
  financeBase: TFinanceBaseRecord | null;
  financeYears: TFinanceYearRecord[];
  charterAmendments: TCharterAmendmentRecord[];
  institutions: TInstitutionRecord[];
  staff: TStaffRecord[];
  party: TPartyRecord | null;
  foreignAffairs: TForeignAffairsRecord | null;
  feeItems: TFeeItemRecord[];
  duesDecisions: TDuesDecisionRecord[];
  awards: TAwardRecord[];
  annualReports: TAnnualReportRecord[];
  penalties: TPenaltyRecord[];
  rectifications: TRectificationRecord[];
  unreachable: TUnreachableRecord[];
  courtDefaults: TCourtDefaultRecord[];
  creditEntries: TCreditEntryRecord[];
};

type TMutation = (bundle: TBundle, rng: Rng) => void;

/** An association sitting exactly on a rule's threshold, on the allowed side: it must give no finding. */
export type TBoundaryCase = { rule: string; associationUscc: string; note: string };

export type TPolicyPlan = {
  expected: TExpectedFinding[];
  scope: TScopeCase[];
  boundaries: TBoundaryCase[];
  /** Builds the facts of every association (clean, then planted); each call gives the same records. */
  facts(): TDemoPolicyFacts;
  /** The same facts one association at a time, in association order, for streaming at any scale. */
  byAssociation(): IterableIterator<TAssociationPolicyFacts>;
};

export type PlanPolicyFactsOptions = {
  seed: number;
  evaluationDate: TIsoDate;
  world: TWorld;
  associations: readonly TAssociationRecord[];
  meta: readonly TAssociationMeta[];
  /** The links of the dataset; plants that reopen a link change it in place. */
  links: TLinkRecord[];
  /** Day each association's sponsoring link ended (its decoupling), before any plant touched links. */
  decoupling: ReadonlyMap<number, TIsoDate>;
  /** Associations whose registry plants (officials' posts) must not be coupled with a case. */
  noCase: ReadonlySet<number>;
  /** Associations already hosting a registry plant; facts plants go elsewhere. */
  taken: ReadonlySet<number>;
  /** The registry's planted open links (INST-1), whose cases this module decides. */
  linkPlants: readonly { index: number; plantedId: string; link: TLinkRecord }[];
};

const FIRST_REPORT_YEAR = 2017;
const ZHEJIANG = '33';

function year(date: TIsoDate): number {
  return Number(date.slice(0, 4));
}

function batchOf(level: TAssociationRecord['level'], decoupledOn: TIsoDate): string {
  if (level === 'national') {
    if (decoupledOn <= '2016-06-30') return 'pilot-2015-1';
    if (decoupledOn <= '2016-12-31') return 'pilot-2016-2';
    if (decoupledOn <= '2017-12-31') return 'pilot-2017-3';
    return 'rollout-2019';
  }
  return decoupledOn <= '2017-12-31' ? 'pilot-2017-3' : 'rollout-2019';
}

/** Amount in whole yuan drawn log-uniformly between `low` and `high`. */
function yuan(rng: Rng, low: number, high: number): number {
  return Math.round(low * (high / low) ** rng.next());
}

const BASE_RANGE: Record<TAssociationRecord['level'], [number, number]> = {
  national: [600_000, 6_000_000],
  provincial: [150_000, 1_500_000],
  municipal: [40_000, 400_000],
  county: [10_000, 120_000],
};

const DUES_TIERS: Record<TAssociationRecord['level'], number[][]> = {
  national: [
    [2_000, 5_000, 10_000, 30_000],
    [3_000, 8_000, 20_000],
    [1_000, 5_000, 15_000, 50_000],
  ],
  provincial: [
    [1_000, 3_000, 8_000],
    [800, 2_000, 5_000, 10_000],
  ],
  municipal: [
    [500, 1_500, 3_000],
    [300, 1_000, 2_000, 5_000],
  ],
  county: [
    [200, 600, 1_200],
    [300, 800],
    [100, 500, 1_000, 2_000],
  ],
};

const SERVICE_FEES: readonly {
  name: string;
  category: TFeeItemRecord['category'];
  low: number;
  high: number;
}[] = [
  { name: '行业年会参会费', category: 'meeting', low: 600, high: 3_000 },
  { name: '专业技术培训费', category: 'training', low: 800, high: 4_800 },
  { name: '行业博览会展位费', category: 'exhibition', low: 6_000, high: 30_000 },
  { name: '行业发展报告', category: 'publication', low: 180, high: 980 },
  { name: '企业信用评价咨询服务费', category: 'service', low: 2_000, high: 12_000 },
];

const STAFF_ROLES_COUNT: Record<TAssociationRecord['level'], [number, number]> = {
  national: [4, 8],
  provincial: [3, 6],
  municipal: [2, 4],
  county: [1, 3],
};

/**
 * Chooses the plants, records the findings they must produce, and returns a builder for the facts.
 * Deterministic for the options.
 */
export function planPolicyFacts(options: PlanPolicyFactsOptions): TPolicyPlan {
  const {
    seed,
    evaluationDate: ev,
    world,
    associations,
    meta,
    links,
    decoupling,
    noCase,
    taken,
    linkPlants,
  } = options;
  const evYear = year(ev);
  const rng = createRng(seed, 'policy:plants');
  const expected: TExpectedFinding[] = [];
  const scope: TScopeCase[] = [];
  const boundaries: TBoundaryCase[] = [];
  const mutations = new Map<number, TMutation[]>();
  const caseOverrides = new Map<number, TCaseRecord | null>();
  const used = new Set<number>(taken);
  const organByCode = new Map(world.organs.map((o) => [o.code, o]));
  const linksOf = new Map<string, TLinkRecord[]>();
  for (const link of links) {
    const list = linksOf.get(link.associationUscc);
    if (list) list.push(link);
    else linksOf.set(link.associationUscc, [link]);
  }

  const sponsorOf = (i: number): TOrganRecord => {
    const a = associations[i]!;
    return sponsorOrgan(world, meta[i]!.sponsorKey, a.level, a.regionCode);
  };

  /** The clean decoupling case of an association: on a list and decoupled when its link ended. */
  const cleanCases = new Map<number, TCaseRecord | null>();
  const cleanCase = (i: number): TCaseRecord | null => {
    let c = cleanCases.get(i);
    if (c === undefined) {
      c = draftCase(i);
      cleanCases.set(i, c);
    }
    return c;
  };
  function draftCase(i: number): TCaseRecord | null {
    const a = associations[i]!;
    const decoupledOn = decoupling.get(i);
    if (!meta[i]!.inScope || decoupledOn === undefined || noCase.has(i)) return null;
    const r = createRng(seed, `case:${i}`);
    const batch = batchOf(a.level, decoupledOn);
    const deadlines = deadlinesFor({ batch, jurisdiction: a.regionCode });
    const listedOn = findBatch({ batch }).listedOn!;
    const planDeadline = deadlines.planDeadline!;
    const approvedBy = minDate(planDeadline, addDays(decoupledOn, -1));
    const approvedFrom = minDate(addDays(listedOn, 20), approvedBy);
    return {
      associationUscc: a.uscc,
      id: `${batch}:${a.uscc}`,
      batch,
      jurisdiction: a.regionCode,
      listedOn,
      planDeadline,
      planApprovedOn: dateBetween(r.next, approvedFrom, approvedBy),
      completionDeadline: maxDate(deadlines.completionDeadline!, decoupledOn),
      decoupledOn,
      blockedReason: null,
    };
  }
  const caseOf = (i: number): TCaseRecord | null =>
    caseOverrides.has(i) ? caseOverrides.get(i)! : cleanCase(i);
  const decoupledOf = (i: number): TIsoDate | null => {
    const c = caseOf(i);
    return c?.decoupledOn != null && c.decoupledOn <= ev ? c.decoupledOn : null;
  };

  const expect = (
    rule: string,
    i: number,
    subject: TExpectedFinding['subject'],
    note: string,
    plantedId: string | null = null,
  ) => {
    expected.push({ id: '', rule, associationUscc: associations[i]!.uscc, subject, plantedId, note });
  };
  const byId = (type: TSubjectType, id: string) => ({ type, id, key: null });
  /**
   * CASE-3: a violation of INST, FIN, PERS or FEE-5 that arose after the association's decoupling is a
   * re-coupling of the case.
   */
  const afterViolation = (i: number, rule: string, arisenOn: TIsoDate | null, note: string) => {
    const decoupledOn = decoupledOf(i);
    if (decoupledOn === null || arisenOn === null || arisenOn <= decoupledOn) return;
    expect('CASE-3', i, byId('case', caseOf(i)!.id), `Re-coupling: ${rule} arose on ${arisenOn}. ${note}`);
  };
  const mutate = (i: number, m: TMutation) => {
    const list = mutations.get(i);
    if (list) list.push(m);
    else mutations.set(i, [m]);
  };

  const active = (i: number) => associations[i]!.status === 'active';
  const oldStyle = (i: number) => decoupling.has(i);
  /** An association for a plant: active, in scope, not yet used, meeting `when`. */
  const candidates: number[] = [];
  for (let i = 0; i < associations.length; i++) if (active(i) && meta[i]!.inScope) candidates.push(i);
  const pick = (when: (i: number) => boolean = () => true, what = 'a plant'): number => {
    const pool = candidates.filter((i) => !used.has(i) && when(i));
    if (pool.length === 0) throw new Error(`no association left for ${what}`);
    const i = rng.pick(pool);
    used.add(i);
    return i;
  };
  const decoupledPick = (what: string, when: (i: number) => boolean = () => true) =>
    pick((i) => cleanCase(i) !== null && when(i), what);
  const neverListedPick = (what: string) => pick((i) => !oldStyle(i), what);

  // ------------------------------------------------------------------------------------------------
  // The registry's open links: a decoupled case makes them INST-1 findings; an open supervisor link
  // is a supervising unit still on record (INST-2); a link opened after decoupling re-couples (CASE-3).

  for (const { index, plantedId, link } of linkPlants) {
    const decoupledOn = decoupledOf(index);
    if (decoupledOn === null) throw new Error(`planted link of association ${index} has no decoupled case`);
    const organ = organByCode.get(link.organCode)?.name ?? link.organCode;
    const key = { type: 'link' as const, id: null, key: `${link.organCode}|${link.kind}|${link.startedOn}` };
    expect(
      'INST-1',
      index,
      key,
      `Decoupled on ${decoupledOn}, still linked (${link.kind}) to ${organ}.`,
      plantedId,
    );
    if (link.kind === 'supervisor')
      expect(
        'INST-2',
        index,
        byId('association', associations[index]!.uscc),
        `${organ} is still its supervising unit.`,
        plantedId,
      );
    afterViolation(index, 'INST-1', maxDate(link.startedOn, decoupledOn), `A ${link.kind} link to ${organ}.`);
  }

  // ------------------------------------------------------------------------------------------------
  // SCOPE-1

  for (const [basis, note] of [
    [null, 'Membership basis not recorded: scope needs a decision.'],
    ['other', 'Membership basis recorded as "other": scope needs a decision.'],
  ] as const) {
    const i = neverListedPick('SCOPE-1');
    mutate(i, (b) => {
      b.extras.membershipBasis = basis;
    });
    expect('SCOPE-1', i, byId('association', associations[i]!.uscc), note);
    scope.push({ associationUscc: associations[i]!.uscc, outcome: 'needs_decision', note });
  }
  {
    const academic: number[] = [];
    for (let i = 0; i < associations.length; i++)
      if (!used.has(i) && active(i) && meta[i]!.kind === 'academic') academic.push(i);
    const out = rng.pick(academic);
    used.add(out);
    scope.push({
      associationUscc: associations[out]!.uscc,
      outcome: 'out',
      note: `${associations[out]!.name}: an academic group (学会/研究会), out of the decoupling scope.`,
    });
    const manual = rng.pick(academic.filter((i) => i !== out && !used.has(i)));
    used.add(manual);
    mutate(manual, (b) => {
      b.extras.membershipBasis = 'same_industry';
      b.scopeDecision = {
        associationUscc: associations[manual]!.uscc,
        kind: 'manual',
        outcome: 'in',
        ref: `民社认〔${evYear - 1}〕${rng.int(2, 60)}号`,
        decidedOn: `${evYear - 1}-11-20`,
        reason: '会员均为同一行业企业，实为行业协会',
      };
    });
    scope.push({
      associationUscc: associations[manual]!.uscc,
      outcome: 'in',
      note: 'Named like an academic group, but a recorded manual decision puts it in scope.',
    });
    const exempt = neverListedPick('central exemption');
    mutate(exempt, (b) => {
      b.scopeDecision = {
        associationUscc: associations[exempt]!.uscc,
        kind: 'central_exemption',
        outcome: 'out',
        ref: `中编办函〔2016〕${rng.int(10, 200)}号`,
        decidedOn: '2016-08-15',
        reason: '经中央批准暂不脱钩',
      };
    });
    scope.push({
      associationUscc: associations[exempt]!.uscc,
      outcome: 'out',
      note: 'A central exemption keeps it out of scope despite its name.',
    });
  }

  // ------------------------------------------------------------------------------------------------
  // Cases: open ones past a deadline, and one still within an extended deadline.

  const openCase = (
    i: number,
    fields: Partial<TCaseRecord> & { planApprovedOn: TIsoDate | null; completionDeadline: TIsoDate },
  ): TCaseRecord => {
    const a = associations[i]!;
    const deadlines = deadlinesFor({ batch: 'rollout-2019', jurisdiction: a.regionCode });
    const c: TCaseRecord = {
      associationUscc: a.uscc,
      id: `rollout-2019:${a.uscc}`,
      batch: 'rollout-2019',
      jurisdiction: a.regionCode,
      listedOn: findBatch({ batch: 'rollout-2019' }).listedOn,
      planDeadline: deadlines.planDeadline,
      decoupledOn: null,
      blockedReason: null,
      ...fields,
    };
    caseOverrides.set(i, c);
    // Not decoupled: the organ links the registry shows as ended are still in force.
    for (const link of linksOf.get(a.uscc) ?? []) link.endedOn = null;
    return c;
  };
  const linkKey = (l: TLinkRecord) => ({
    type: 'link' as const,
    id: null,
    key: `${l.organCode}|${l.kind}|${l.startedOn}`,
  });

  for (let j = 0; j < 2; j++) {
    const i = pick(oldStyle, 'CASE-1');
    const c = openCase(i, { planApprovedOn: null, completionDeadline: `${evYear}-12-31` });
    expect(
      'CASE-1',
      i,
      byId('case', c.id),
      `No approved plan by ${c.planDeadline}; the completion deadline was extended to ${c.completionDeadline}.`,
    );
  }
  for (const reason of ['policy_gap', 'insufficient_work', null] as const) {
    const i = pick(oldStyle, 'CASE-2');
    const a = associations[i]!;
    const deadlines = deadlinesFor({ batch: 'rollout-2019', jurisdiction: a.regionCode });
    const c = openCase(i, {
      planApprovedOn: addDays(deadlines.planDeadline!, -rng.int(5, 60)),
      completionDeadline: deadlines.completionDeadline!,
      blockedReason: reason,
    });
    expect(
      'CASE-2',
      i,
      byId('case', c.id),
      `Not decoupled by ${c.completionDeadline}; blocked: ${reason ?? 'reason not classified'}.`,
    );
    for (const link of linksOf.get(a.uscc) ?? []) {
      expect(
        'INST-1',
        i,
        linkKey(link),
        `Past its completion deadline (${c.completionDeadline}) and still linked (${link.kind}) to ${organByCode.get(link.organCode)?.name}.`,
      );
    }
  }

  // ------------------------------------------------------------------------------------------------
  // INST

  for (let j = 0; j < 2; j++) {
    const i = decoupledPick('INST-2');
    const unit = sponsorOf(i).name;
    mutate(i, (b) => {
      b.extras.recordedSupervisingUnit = unit;
    });
    expect(
      'INST-2',
      i,
      byId('association', associations[i]!.uscc),
      `The registration still records ${unit} as supervising unit.`,
    );
  }
  for (const disposition of ['neither', 'merged'] as const) {
    const i = decoupledPick('INST-3');
    const id = `SY-${associations[i]!.uscc.slice(-8)}-1`;
    mutate(i, (b) => {
      b.institutions = [
        {
          associationUscc: associations[i]!.uscc,
          id,
          name: `${associations[i]!.name.replace(/(行业协会|协会|商会|同业公会|联合会|促进会)$/, '')}信息中心`,
          disposition,
          legalPersonCancelledOn: null,
          transferredTo: null,
        },
      ];
    });
    expect(
      'INST-3',
      i,
      byId('institution', id),
      disposition === 'neither'
        ? 'Its public institution was neither merged nor transferred.'
        : 'Its public institution was merged but its legal person never cancelled.',
    );
  }
  for (const variant of ['none', 'before'] as const) {
    const i = decoupledPick('INST-5');
    const d = decoupledOf(i)!;
    mutate(i, (b) => {
      b.charterAmendments =
        variant === 'none'
          ? []
          : [
              {
                associationUscc: associations[i]!.uscc,
                id: `ZC-${year(d) - 2}-01`,
                amendedOn: addYears(d, -2),
                filedOn: addDays(addYears(d, -2), 30),
              },
            ];
    });
    expect(
      'INST-5',
      i,
      byId('association', associations[i]!.uscc),
      variant === 'none'
        ? 'Decoupled with no charter amendment filed.'
        : 'The only charter amendment predates the decoupling.',
    );
  }

  // ------------------------------------------------------------------------------------------------
  // FUNC

  const fn = (
    i: number,
    fields: Partial<TFunctionRecord> & Pick<TFunctionRecord, 'id' | 'name' | 'kind' | 'origin'>,
  ): TFunctionRecord => ({
    associationUscc: associations[i]!.uscc,
    handedOverByOrganCode: null,
    legalBasis: null,
    catalogueEntry: null,
    contractRef: null,
    published: null,
    tiedApprovalOrganCode: null,
    startedOn: '2021-03-01',
    endedOn: null,
    ...fields,
  });
  for (const kind of ['disguised_licence', 'qualification_recognition'] as const) {
    const i = pick(() => true, 'FUNC-1');
    const f = fn(i, {
      id: `ZN-${kind === 'disguised_licence' ? 'BXXK' : 'ZZRD'}-01`,
      name: kind === 'disguised_licence' ? '会员企业生产经营备案核准' : '从业人员执业资格认定',
      kind,
      origin: 'own',
      startedOn: '2020-05-01',
    });
    mutate(i, (b) => b.functions.push(f));
    expect('FUNC-1', i, byId('function', f.id), `${f.name}: an administrative function without legal basis.`);
  }
  for (let j = 0; j < 2; j++) {
    const i = pick(() => true, 'FUNC-2');
    const f = fn(i, {
      id: `ZN-YJ-0${j + 1}`,
      name: j === 0 ? '行业统计数据汇总上报' : '行业企业年度检查',
      kind: j === 0 ? 'statistics' : 'other',
      origin: 'handed_over',
      handedOverByOrganCode: sponsorOf(i).code,
    });
    mutate(i, (b) => b.functions.push(f));
    expect(
      'FUNC-2',
      i,
      byId('function', f.id),
      'Handed over by an organ with no catalogue entry and no contract.',
    );
  }
  {
    const i = neverListedPick('FUNC-3');
    const f = fn(i, {
      id: 'ZN-WT-01',
      name: '行业统计调查（政府购买服务）',
      kind: 'statistics',
      origin: 'commissioned',
      handedOverByOrganCode: sponsorOf(i).code,
      contractRef: `购买服务合同〔${evYear - 1}〕${rng.int(10, 99)}号`,
      published: false,
    });
    mutate(i, (b) => b.functions.push(f));
    expect('FUNC-3', i, byId('function', f.id), 'A commissioned item that is not published.');
  }
  {
    const i = neverListedPick('FUNC-3 fee');
    const f = fn(i, {
      id: 'ZN-WT-02',
      name: '产品质量抽检（委托）',
      kind: 'other',
      origin: 'commissioned',
      handedOverByOrganCode: sponsorOf(i).code,
      contractRef: `委托协议〔${evYear - 2}〕${rng.int(10, 99)}号`,
      published: true,
    });
    mutate(i, (b) => {
      b.functions.push(f);
      b.feeItems.push(
        feeItem(associations[i]!.uscc, {
          id: 'SF-CJ-01',
          name: '抽检服务费',
          category: 'service',
          amount: 1_200,
          linkedFunctionId: f.id,
          published: false,
          pricing: 'government_guided',
          startedOn: '2024-04-01',
        }),
      );
    });
    expect('FUNC-3', i, byId('function', f.id), 'The fee of a commissioned item is not published.');
    expect('FEE-5', i, byId('fee_item', 'SF-CJ-01'), 'Charges for a service commissioned by an organ.');
    afterViolation(i, 'FEE-5', '2024-04-01', 'Fee for a commissioned service.');
  }
  for (let j = 0; j < 2; j++) {
    const i = pick(oldStyle, 'FUNC-4');
    const a = associations[i]!;
    openCase(i, {
      planApprovedOn: '2019-11-20',
      completionDeadline: `${evYear}-12-31`,
    });
    const organCode = (linksOf.get(a.uscc) ?? [])[0]!.organCode;
    const unit = world.organs.find((o) => o.parentCode === organCode);
    const tied = j === 1 && unit ? unit.code : organCode;
    const f = fn(i, {
      id: `ZN-ZJ-0${j + 1}`,
      name: '建设项目行政审批前置技术评审',
      kind: 'intermediary_service',
      origin: 'own',
      tiedApprovalOrganCode: tied,
      startedOn: '2018-09-01',
    });
    mutate(i, (b) => b.functions.push(f));
    expect(
      'FUNC-4',
      i,
      byId('function', f.id),
      `Not yet decoupled (extended deadline) and provides an intermediary service for the approvals of ${organByCode.get(tied)?.name}, an organ it is linked to${tied === organCode ? '' : ' (through its unit)'}.`,
    );
  }

  // ------------------------------------------------------------------------------------------------
  // FIN

  const setYear = (b: TBundle, y: number, fields: Partial<TFinanceYearRecord>) => {
    const found = b.financeYears.find((f) => f.year === y);
    if (found) Object.assign(found, fields);
    else b.financeYears.push({ ...cleanYear(b.extras.associationUscc, y), ...fields });
  };
  {
    const i = neverListedPick('FIN-1');
    mutate(i, (b) => setYear(b, evYear - 1, { independentAccount: false }));
    expect(
      'FIN-1',
      i,
      byId('finance_year', `${associations[i]!.uscc}:${evYear - 1}`),
      'No independent bank account.',
    );
  }
  {
    const i = decoupledPick('FIN-1 after decoupling', (k) => decoupling.get(k)! < `${evYear - 2}-01-01`);
    mutate(i, (b) => setYear(b, evYear - 2, { separateBooks: false }));
    expect('FIN-1', i, byId('finance_year', `${associations[i]!.uscc}:${evYear - 2}`), 'No separate books.');
    afterViolation(i, 'FIN-1', `${evYear - 2}-01-01`, 'Books merged again after decoupling.');
  }
  for (const standard of ['public_institution', 'government'] as const) {
    const i = neverListedPick('FIN-2');
    mutate(i, (b) => setYear(b, evYear - 1, { accountingStandard: standard }));
    expect(
      'FIN-2',
      i,
      byId('finance_year', `${associations[i]!.uscc}:${evYear - 1}`),
      `Keeps ${standard} accounts.`,
    );
  }
  {
    // Decoupled in 2017: 60% of the 2015 base allowed for 2017; 5,000 yuan more was paid.
    const i = decoupledPick('FIN-3 2017', (k) => year(decoupling.get(k)!) === 2017);
    mutate(i, (b) => {
      const base = b.financeBase!;
      const net = base.base2015Appropriation! - (base.base2015RetireeFunding ?? 0);
      setYear(b, 2017, { directAppropriation: Math.round(net * 0.6 * 100) / 100 + 5_000, placementFunds: 0 });
    });
    expect(
      'FIN-3',
      i,
      byId('finance_year', `${associations[i]!.uscc}:2017`),
      'Appropriation above 60% of the 2015 base in 2017.',
    );
  }
  {
    const i = decoupledPick('FIN-3 zero', (k) => year(decoupling.get(k)!) >= 2019);
    const y = 2021;
    mutate(i, (b) => setYear(b, y, { directAppropriation: 86_000, placementFunds: 0 }));
    expect(
      'FIN-3',
      i,
      byId('finance_year', `${associations[i]!.uscc}:${y}`),
      'Direct appropriation in 2021, after it should have stopped (2018).',
    );
    afterViolation(i, 'FIN-3', `${y}-01-01`, 'Appropriation resumed after decoupling.');
  }
  for (const paidUse of [false, true]) {
    const i = pick((k) => associations[k]!.regionCode.startsWith(ZHEJIANG), 'FIN-4');
    const organ = sponsorOf(i);
    mutate(i, (b) =>
      setYear(b, evYear - 1, {
        officeInAdministrativeSpace: true,
        officeOrganCode: organ.code,
        paidUseAgreementRef: paidUse ? `有偿使用协议〔${evYear - 3}〕${rng.int(1, 40)}号` : null,
      }),
    );
    expect(
      'FIN-4',
      i,
      byId('association', associations[i]!.uscc),
      `Still in ${organ.name}'s office space after the provincial deadline${paidUse ? ' (paid use is not allowed there)' : ''}.`,
    );
    afterViolation(i, 'FIN-4', '2018-01-01', 'Office space not vacated.');
  }
  for (let j = 0; j < 2; j++) {
    const i = decoupledPick('FIN-5');
    mutate(i, (b) => setYear(b, evYear - 1, { stateAssetsUsed: true, stateAssetsRegisteredOn: null }));
    expect(
      'FIN-5',
      i,
      byId('finance_year', `${associations[i]!.uscc}:${evYear - 1}`),
      'Uses state assets that were never inventoried.',
    );
  }

  // ------------------------------------------------------------------------------------------------
  // PERS-10 and PARTY

  for (let j = 0; j < 2; j++) {
    const i = decoupledPick('PERS-10');
    const id = `YG-${associations[i]!.uscc.slice(-6)}-99`;
    mutate(i, (b, r) => {
      b.staff.push({
        associationUscc: associations[i]!.uscc,
        id,
        name: drawFullName(r, 'female', 1985),
        labourContract: true,
        socialInsurance: j === 0,
        housingFund: j === 0,
        onEstablishment: j === 0,
        startedOn: '2012-07-01',
        endedOn: null,
      });
    });
    expect(
      'PERS-10',
      i,
      byId('staff', id),
      j === 0
        ? 'A staff member still on a public-institution establishment.'
        : 'A staff member without social insurance or housing fund.',
    );
  }
  for (let j = 0; j < 2; j++) {
    const i = decoupledPick('PARTY-1');
    mutate(i, (b) => {
      b.party = {
        associationUscc: associations[i]!.uscc,
        organisationExists: true,
        memberCount: 6 + j,
        relationship: 'former_organ',
        transferredOn: null,
      };
    });
    expect(
      'PARTY-1',
      i,
      byId('association', associations[i]!.uscc),
      'Party organisation still under the former organ.',
    );
  }
  for (const [members, listed] of [
    [5, false],
    [3, true],
  ] as const) {
    const i = pick(() => true, 'PARTY-2');
    const uscc = associations[i]!.uscc;
    mutate(i, (b) => {
      b.party = {
        associationUscc: uscc,
        organisationExists: false,
        memberCount: members,
        relationship: null,
        transferredOn: null,
      };
      if (listed)
        b.creditEntries.push({
          associationUscc: uscc,
          id: `YC-${evYear}-DJ-01`,
          list: 'abnormal',
          ground: 'no_party_organisation',
          groundOn: null,
          listedOn: `${evYear}-03-02`,
          removedOn: null,
          obligationFulfilledOn: null,
          removalAppliedOn: null,
        });
    });
    expect('PARTY-2', i, byId('association', uscc), `${members} party members and no party organisation.`);
    if (!listed)
      expect(
        'CRED-1',
        i,
        byId('association', uscc),
        'No party organisation where one is required: an abnormal-list ground, not yet listed.',
      );
  }
  for (let j = 0; j < 2; j++) {
    const i = decoupledPick('PARTY-3');
    mutate(i, (b) => {
      b.foreignAffairs = { associationUscc: associations[i]!.uscc, administeredByFormerOrgan: true };
    });
    expect(
      'PARTY-3',
      i,
      byId('association', associations[i]!.uscc),
      'Foreign affairs still run by the former organ.',
    );
  }

  // ------------------------------------------------------------------------------------------------
  // FEE

  const duesOf = (b: TBundle) => b.feeItems.find((f) => f.category === 'dues')!;
  const duesPlant = (rule: string, note: string, change: (dues: TFeeItemRecord, b: TBundle) => void) => {
    const i = pick(() => true, rule);
    mutate(i, (b) => change(duesOf(b), b));
    expect(rule, i, byId('fee_item', `HF-${associations[i]!.uscc.slice(-6)}`), note);
  };
  const extraFee = (
    rule: string,
    note: string,
    fields: Partial<TFeeItemRecord> & Pick<TFeeItemRecord, 'id' | 'name' | 'category'>,
  ) => {
    const i = neverListedPick(rule);
    const fee = feeItem(associations[i]!.uscc, fields);
    mutate(i, (b) => b.feeItems.push(fee));
    expect(rule, i, byId('fee_item', fee.id), note);
    return i;
  };
  duesPlant('FEE-1', 'Dues made compulsory.', (d) => {
    d.compulsory = true;
  });
  duesPlant('FEE-1', 'Members are obstructed from withdrawing.', (d) => {
    d.obstructsWithdrawal = true;
  });
  duesPlant('FEE-2', 'Dues collected without the services they pay for.', (d) => {
    d.servicesProvided = false;
  });
  extraFee('FEE-2', 'Charges again for a service dues already cover.', {
    id: 'SF-HY-01',
    name: '会员信息服务费',
    category: 'service',
    amount: 800,
    coveredByDues: true,
  });
  duesPlant('FEE-3', 'Dues collected by a branch.', (d) => {
    d.collectedBy = 'branch';
    d.branchName = '会员服务部';
  });
  duesPlant('FEE-3', 'Dues standard set by a branch.', (d) => {
    d.standardSetBy = 'branch';
    d.branchName = '标准化工作委员会';
  });
  for (let j = 0; j < 2; j++)
    extraFee('FEE-4', 'Kickbacks from an exhibition contractor.', {
      id: `SF-ZL-0${j + 1}`,
      name: '行业博览会展位费',
      category: 'exhibition',
      amount: 12_000 + j * 3_000,
      referenceAmount: 10_000 + j * 3_000,
      kickback: true,
    });
  {
    const i = neverListedPick('FEE-5');
    const f = fn(i, {
      id: 'ZN-FD-01',
      name: '行业统计报表报送',
      kind: 'statistics',
      origin: 'statutory_duty',
      legalBasis: '《统计法》第七条',
    });
    mutate(i, (b) => {
      b.functions.push(f);
      b.feeItems.push(
        feeItem(associations[i]!.uscc, {
          id: 'SF-TJ-01',
          name: '统计报表服务费',
          category: 'service',
          amount: 500,
          linkedFunctionId: f.id,
        }),
      );
    });
    expect('FEE-5', i, byId('fee_item', 'SF-TJ-01'), 'Charges for a statutory duty.');
  }
  extraFee('FEE-6', 'A rating fee.', {
    id: 'SF-PB-01',
    name: '优秀会员单位评选费',
    category: 'rating',
    amount: 3_000,
  });
  {
    const i = pick(() => true, 'FEE-6 award');
    const id = 'JX-QG-01';
    mutate(i, (b) =>
      b.awards.push({
        associationUscc: associations[i]!.uscc,
        id,
        name: '全国行业质量金奖',
        approvalRef: null,
        startedOn: '2023-09-01',
      }),
    );
    expect('FEE-6', i, byId('award', id), 'An award named 全国… without approval.');
  }
  for (let j = 0; j < 2; j++)
    extraFee('FEE-7', 'A qualification fee without legal basis.', {
      id: `SF-ZG-0${j + 1}`,
      name: j === 0 ? '从业人员资格认证费' : '企业资质等级评定费',
      category: 'qualification',
      amount: 1_500 + 500 * j,
    });
  extraFee('FEE-8', 'Compulsory training.', {
    id: 'SF-PX-01',
    name: '年度继续教育培训费',
    category: 'training',
    amount: 1_800,
    compulsory: true,
  });
  extraFee('FEE-8', 'A meeting fee compulsory in disguise.', {
    id: 'SF-HY-02',
    name: '行业年会会务费',
    category: 'meeting',
    amount: 2_600,
    disguisedCompulsory: true,
  });
  extraFee('FEE-9', 'Compulsory sponsorship.', {
    id: 'SF-ZZ-01',
    name: '年会赞助',
    category: 'sponsorship',
    amount: 20_000,
    compulsory: true,
  });
  extraFee('FEE-9', 'A subscription compulsory in disguise.', {
    id: 'SF-DG-01',
    name: '行业年鉴订购',
    category: 'subscription',
    amount: 680,
    disguisedCompulsory: true,
  });
  for (let j = 0; j < 2; j++)
    extraFee('FEE-10', 'Charges for setting up a branch.', {
      id: `SF-FZ-0${j + 1}`,
      name: '分支机构设立管理费',
      category: 'branch_setup',
      amount: 10_000,
    });
  for (let j = 0; j < 2; j++)
    extraFee('FEE-11', 'Charges for a leadership seat.', {
      id: `SF-LS-0${j + 1}`,
      name: j === 0 ? '副会长单位费' : '常务理事单位费',
      category: 'leadership_seat',
      amount: 50_000 - 20_000 * j,
    });
  {
    const i = pick(() => true, 'FEE-12 attendance');
    mutate(i, (b) => Object.assign(b.duesDecisions[0]!, { eligible: 300, present: 199, votesFor: 180 }));
    expect(
      'FEE-12',
      i,
      byId('dues_decision', `HFJY-${associations[i]!.uscc.slice(-6)}`),
      'Attendance 199 of 300, below 2/3.',
    );
  }
  {
    const i = pick(() => true, 'FEE-12 approval');
    mutate(i, (b) => Object.assign(b.duesDecisions[0]!, { eligible: 300, present: 240, votesFor: 120 }));
    expect(
      'FEE-12',
      i,
      byId('dues_decision', `HFJY-${associations[i]!.uscc.slice(-6)}`),
      'Exactly half voted for: not more than half.',
    );
  }
  duesPlant('FEE-12', 'Dues with no adopted decision behind them.', (d, b) => {
    d.duesDecisionId = null;
    b.duesDecisions = [];
  });
  for (let j = 0; j < 2; j++)
    extraFee('FEE-13', 'A compulsory service priced without procedure.', {
      id: `SF-JY-0${j + 1}`,
      name: j === 0 ? '企业信用评价咨询服务费' : '产品检测服务费',
      category: 'service',
      amount: 6_000,
      compulsory: true,
      pricing: 'government_guided',
      pricedByProcedure: false,
    });
  extraFee('FEE-14', 'Priced above 1.5 times the reference price.', {
    id: 'SF-SC-01',
    name: '专业技术培训费',
    category: 'training',
    amount: 3_001,
    referenceAmount: 2_000,
  });
  extraFee('FEE-14', 'Three complaints about the price.', {
    id: 'SF-SC-02',
    name: '行业博览会展位费',
    category: 'exhibition',
    amount: 15_000,
    referenceAmount: 12_000,
    complaintCount: 3,
  });
  {
    const i = pick(() => true, 'FEE-15 decision');
    mutate(i, (b) => {
      b.duesDecisions[0]!.published = false;
    });
    expect(
      'FEE-15',
      i,
      byId('dues_decision', `HFJY-${associations[i]!.uscc.slice(-6)}`),
      'Dues decision adopted but not published.',
    );
  }
  duesPlant('FEE-15', 'Dues standard not published.', (d) => {
    d.published = false;
  });

  // ------------------------------------------------------------------------------------------------
  // Boundaries: exactly on the threshold, on the allowed side.

  const boundary = (rule: string, note: string, when: (i: number) => boolean, change: TMutation) => {
    const i = pick(when, `${rule} boundary`);
    mutate(i, change);
    boundaries.push({ rule, associationUscc: associations[i]!.uscc, note });
  };
  boundary(
    'FEE-12',
    'Attendance exactly 2/3 (200 of 300) and votes one more than half (101 of 200).',
    () => true,
    (b) => {
      Object.assign(b.duesDecisions[0]!, { eligible: 300, present: 200, votesFor: 101 });
    },
  );
  boundary(
    'FEE-12',
    'Four dues tiers, the most allowed.',
    () => true,
    (b) => {
      const tiers = [500, 2_000, 5_000, 10_000];
      b.duesDecisions[0]!.tiers = tiers;
      b.feeItems.find((f) => f.category === 'dues')!.tiers = tiers;
    },
  );
  boundary(
    'FEE-14',
    'Priced exactly 1.5 times the reference price, with two complaints.',
    (k) => !oldStyle(k),
    (b) => {
      b.feeItems.push(
        feeItem(b.extras.associationUscc, {
          id: 'SF-SC-09',
          name: '专业技术培训费',
          category: 'training',
          amount: 3_000,
          referenceAmount: 2_000,
          complaintCount: 2,
        }),
      );
    },
  );
  boundary(
    'FIN-3',
    'Decoupled in 2017; the 2017 appropriation is exactly 60% of the 2015 base net of retiree funding.',
    (k) => cleanCase(k) !== null && year(decoupling.get(k)!) === 2017,
    (b) => {
      const base = b.financeBase!;
      const net = base.base2015Appropriation! - (base.base2015RetireeFunding ?? 0);
      setYear(b, 2017, { directAppropriation: Math.round(net * 0.6 * 100) / 100, placementFunds: 0 });
    },
  );
  boundary(
    'FIN-3',
    'Appropriation in 2022 entirely for staff placed by an earlier restructuring, which is exempt.',
    (k) => cleanCase(k) !== null,
    (b) => setYear(b, 2022, { directAppropriation: 64_000, placementFunds: 64_000 }),
  );
  boundary(
    'PARTY-2',
    'Two party members and no organisation: below the threshold of 3.',
    () => true,
    (b) => {
      b.party = {
        associationUscc: b.extras.associationUscc,
        organisationExists: false,
        memberCount: 2,
        relationship: null,
        transferredOn: null,
      };
    },
  );
  boundary(
    'CRED-1',
    'The last annual report was filed on the deadline day itself.',
    () => true,
    (b) => {
      const last = b.annualReports[b.annualReports.length - 1]!;
      last.filedOn = `${last.year + 1}-05-31`;
    },
  );
  boundary(
    'CRED-1',
    'A warning exactly six months before the evaluation date: no longer a ground.',
    () => true,
    (b) => {
      b.penalties.push({
        associationUscc: b.extras.associationUscc,
        id: `CF-${evYear}-09`,
        kind: 'warning',
        amount: null,
        decidedOn: addMonths(ev, -6),
      });
    },
  );

  // ------------------------------------------------------------------------------------------------
  // CRED

  {
    const i = pick(() => true, 'CRED-1 report');
    const y = evYear - 1;
    mutate(i, (b) => {
      b.annualReports = b.annualReports.filter((r) => r.year !== y);
    });
    expect(
      'CRED-1',
      i,
      byId('annual_report', `${associations[i]!.uscc}:${y}`),
      `The ${y} annual report was never filed.`,
    );
  }
  {
    const i = pick(() => true, 'CRED-1 rectification');
    const id = `ZG-${evYear}-01`;
    mutate(i, (b) =>
      b.rectifications.push({
        associationUscc: associations[i]!.uscc,
        id,
        orderedOn: `${evYear}-01-12`,
        dueOn: `${evYear}-03-12`,
        completedOn: null,
      }),
    );
    expect('CRED-1', i, byId('rectification', id), 'A rectification order not completed by its due date.');
  }
  {
    const i = pick(() => true, 'CRED-1 penalty');
    const id = `CF-${evYear}-01`;
    mutate(i, (b) =>
      b.penalties.push({
        associationUscc: associations[i]!.uscc,
        id,
        kind: 'warning',
        amount: null,
        decidedOn: `${evYear}-04-08`,
      }),
    );
    expect('CRED-1', i, byId('penalty', id), 'A warning within the last six months.');
  }
  {
    const i = pick(() => true, 'CRED-1 unreachable');
    const id = 'SL-01';
    mutate(i, (b) =>
      b.unreachable.push({
        associationUscc: associations[i]!.uscc,
        id,
        verifiedOn: `${evYear}-05-11`,
        resolvedOn: null,
      }),
    );
    expect(
      'CRED-1',
      i,
      byId('association', `${associations[i]!.uscc}#unreachable:${id}`),
      'Unreachable at its registered address.',
    );
  }
  {
    const i = pick((k) => year(associations[k]!.registeredOn!) <= evYear - 3, 'CRED-2 fulfilled');
    const y = evYear - 2;
    const id = `YC-${y + 1}-NB-01`;
    mutate(i, (b) => {
      const report = b.annualReports.find((r) => r.year === y)!;
      report.filedOn = `${y + 1}-09-20`;
      b.creditEntries.push({
        associationUscc: associations[i]!.uscc,
        id,
        list: 'abnormal',
        ground: 'annual_report',
        groundOn: `${y + 1}-06-01`,
        listedOn: `${y + 1}-06-09`,
        removedOn: null,
        obligationFulfilledOn: `${y + 1}-09-25`,
        removalAppliedOn: null,
      });
    });
    expect(
      'CRED-2',
      i,
      byId('credit_entry', id),
      'The late report was filed and verified; the removal is overdue.',
    );
  }
  {
    const i = pick(() => true, 'CRED-2 automatic');
    const id = `YC-${evYear - 1}-CF-01`;
    const uscc = associations[i]!.uscc;
    mutate(i, (b) => {
      b.penalties.push({
        associationUscc: uscc,
        id: `CF-${evYear - 1}-02`,
        kind: 'warning',
        amount: null,
        decidedOn: `${evYear - 1}-08-20`,
      });
      b.creditEntries.push({
        associationUscc: uscc,
        id,
        list: 'abnormal',
        ground: 'minor_penalty',
        groundOn: `${evYear - 1}-08-20`,
        listedOn: `${evYear - 1}-08-27`,
        removedOn: null,
        obligationFulfilledOn: null,
        removalAppliedOn: null,
      });
    });
    expect(
      'CRED-2',
      i,
      byId('credit_entry', id),
      'Listed for a warning more than six months ago: automatic removal due.',
    );
  }
  {
    const i = pick(() => true, 'CRED-3 fine');
    const id = `CF-${evYear - 1}-03`;
    mutate(i, (b) =>
      b.penalties.push({
        associationUscc: associations[i]!.uscc,
        id,
        kind: 'fine',
        amount: 80_000,
        decidedOn: `${evYear - 1}-11-15`,
      }),
    );
    expect('CRED-3', i, byId('penalty', id), 'A fine of 80,000 yuan: a serious-list ground, not listed.');
  }
  {
    const i = pick(() => true, 'CRED-3 two years');
    const id = `YC-${evYear - 2}-SL-01`;
    const uscc = associations[i]!.uscc;
    mutate(i, (b) => {
      b.unreachable.push({
        associationUscc: uscc,
        id: 'SL-02',
        verifiedOn: `${evYear - 2}-02-20`,
        resolvedOn: null,
      });
      b.creditEntries.push({
        associationUscc: uscc,
        id,
        list: 'abnormal',
        ground: 'unreachable',
        groundOn: `${evYear - 2}-02-20`,
        listedOn: `${evYear - 2}-03-01`,
        removedOn: null,
        obligationFulfilledOn: null,
        removalAppliedOn: null,
      });
    });
    expect('CRED-3', i, byId('credit_entry', id), 'Two years on the abnormal list: due on the serious list.');
  }
  {
    const i = pick(() => true, 'CRED-3 court');
    const id = `SX-${evYear}-01`;
    const uscc = associations[i]!.uscc;
    mutate(i, (b) =>
      b.courtDefaults.push({ associationUscc: uscc, id, listedOn: `${evYear}-02-16`, removedOn: null }),
    );
    expect(
      'CRED-3',
      i,
      byId('association', `${uscc}#court:${id}`),
      'Listed by a court as a judgement defaulter.',
    );
  }
  {
    const pool: number[] = [];
    for (let k = 0; k < associations.length; k++)
      if (!used.has(k) && associations[k]!.status === 'revoked') pool.push(k);
    const i = rng.pick(pool);
    used.add(i);
    const id = `YZ-${evYear - 1}-01`;
    const uscc = associations[i]!.uscc;
    mutate(i, (b) => {
      b.extras.deregisteredOn = `${evYear - 1}-12-01`;
      b.penalties = [
        {
          associationUscc: uscc,
          id: `CF-${evYear - 1}-CX`,
          kind: 'certificate_revoked',
          amount: null,
          decidedOn: `${evYear - 1}-10-10`,
        },
      ];
      b.creditEntries = [
        {
          associationUscc: uscc,
          id,
          list: 'serious',
          ground: 'certificate_revoked',
          groundOn: `${evYear - 1}-10-10`,
          listedOn: `${evYear - 1}-10-20`,
          removedOn: null,
          obligationFulfilledOn: null,
          removalAppliedOn: null,
        },
      ];
    });
    expect(
      'CRED-4',
      i,
      byId('credit_entry', id),
      'Certificate revoked and then deregistered: removal from the serious list due.',
    );
  }
  {
    const i = pick(() => true, 'CRED-4 eligible');
    const id = `YZ-${evYear - 3}-02`;
    const uscc = associations[i]!.uscc;
    mutate(i, (b) => {
      b.penalties.push({
        associationUscc: uscc,
        id: `CF-${evYear - 3}-05`,
        kind: 'fine',
        amount: 60_000,
        decidedOn: `${evYear - 3}-04-28`,
      });
      b.creditEntries.push({
        associationUscc: uscc,
        id,
        list: 'serious',
        ground: 'major_fine',
        groundOn: `${evYear - 3}-04-28`,
        listedOn: `${evYear - 3}-05-10`,
        removedOn: null,
        obligationFulfilledOn: null,
        removalAppliedOn: null,
      });
    });
    expect(
      'CRED-4',
      i,
      byId('credit_entry', id),
      'Two years on the serious list with no new ground: may apply for removal.',
    );
  }

  // ------------------------------------------------------------------------------------------------
  // Clean facts

  function cleanYear(uscc: string, y: number): TFinanceYearRecord {
    return {
      associationUscc: uscc,
      year: y,
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
    };
  }

  const build = (i: number): TBundle => {
    const a = associations[i]!;
    const m = meta[i]!;
    const r = createRng(seed, `policy:${i}`);
    const uscc = a.uscc;
    const registeredOn = a.registeredOn!;
    const isActive = a.status === 'active';
    const c = caseOf(i);
    const decoupledOn = c?.decoupledOn ?? null;
    const sponsor = sponsorOf(i);
    const bundle: TBundle = {
      extras: {
        associationUscc: uscc,
        registrationCategory: 'social_group',
        membershipBasis:
          m.kind === 'academic'
            ? 'academic'
            : m.kind === 'chamber' && a.industry === '异地商会'
              ? 'area_economic'
              : 'same_industry',
        deregisteredOn:
          a.status === 'deregistered'
            ? dateBetween(r.next, maxDate(registeredOn, addYears(ev, -4)), addDays(ev, -30))
            : null,
        recordedSupervisingUnit: m.kind === 'academic' ? sponsor.name : null,
      },
      scopeDecision: null,
      case: c,
      functions: [],
      financeBase: null,
      financeYears: [],
      charterAmendments: [],
      institutions: [],
      staff: [],
      party: null,
      foreignAffairs: null,
      feeItems: [],
      duesDecisions: [],
      awards: [],
      annualReports: [],
      penalties: [],
      rectifications: [],
      unreachable: [],
      courtDefaults: [],
      creditEntries: [],
    };
    if (a.status === 'revoked') {
      const decidedOn = dateBetween(
        r.next,
        maxDate(addDays(registeredOn, 200), addYears(ev, -5)),
        addDays(ev, -60),
      );
      bundle.penalties.push({
        associationUscc: uscc,
        id: `CF-${year(decidedOn)}-CX`,
        kind: 'certificate_revoked',
        amount: null,
        decidedOn,
      });
      bundle.creditEntries.push({
        associationUscc: uscc,
        id: `YZ-${year(decidedOn)}-01`,
        list: 'serious',
        ground: 'certificate_revoked',
        groundOn: decidedOn,
        listedOn: addDays(decidedOn, 7),
        removedOn: null,
        obligationFulfilledOn: null,
        removalAppliedOn: null,
      });
    }
    if (!isActive) return bundle;

    // Annual reports from the first year checked, each filed before 31 May of the next year.
    for (let y = Math.max(FIRST_REPORT_YEAR, year(registeredOn)); y < year(ev); y++) {
      bundle.annualReports.push({
        associationUscc: uscc,
        year: y,
        filedOn: dateBetween(r.next, `${y + 1}-02-15`, `${y + 1}-05-31`),
      });
    }
    // A few filed one report late, were listed and removed once it was in.
    if (bundle.annualReports.length > 3 && r.chance(0.03)) {
      const report = bundle.annualReports[1]!;
      const groundOn = `${report.year + 1}-06-01`;
      report.filedOn = `${report.year + 1}-08-${String(r.int(10, 28)).padStart(2, '0')}`;
      bundle.creditEntries.push({
        associationUscc: uscc,
        id: `YC-${report.year + 1}-NB-01`,
        list: 'abnormal',
        ground: 'annual_report',
        groundOn,
        listedOn: `${report.year + 1}-06-07`,
        removedOn: addDays(report.filedOn, 4),
        obligationFulfilledOn: addDays(report.filedOn, 2),
        removalAppliedOn: null,
      });
    }
    // An old warning, listed and removed automatically after six months.
    if (registeredOn < '2021-01-01' && r.chance(0.02)) {
      // Before mid-2021, so that it is outside the 3-year window of any penalty planted from 2025 on.
      const decidedOn = dateBetween(r.next, maxDate(addDays(registeredOn, 60), '2019-01-01'), '2021-06-30');
      bundle.penalties.push({
        associationUscc: uscc,
        id: `CF-${year(decidedOn)}-01`,
        kind: 'warning',
        amount: null,
        decidedOn,
      });
      bundle.creditEntries.push({
        associationUscc: uscc,
        id: `YC-${year(decidedOn)}-CF-01`,
        list: 'abnormal',
        ground: 'minor_penalty',
        groundOn: decidedOn,
        listedOn: addDays(decidedOn, 5),
        removedOn: addMonths(addDays(decidedOn, 5), 6),
        obligationFulfilledOn: null,
        removalAppliedOn: null,
      });
    }
    if (registeredOn < '2023-01-01' && r.chance(0.01)) {
      // Once listed by a court as a judgement defaulter, removed when the judgement was paid.
      const listedOn = dateBetween(
        r.next,
        maxDate(addDays(registeredOn, 200), '2018-01-01'),
        addDays(ev, -400),
      );
      bundle.courtDefaults.push({
        associationUscc: uscc,
        id: `SX-${year(listedOn)}-01`,
        listedOn,
        removedOn: addDays(listedOn, r.int(30, 300)),
      });
    }
    if (r.chance(0.03)) {
      const orderedOn = dateBetween(
        r.next,
        maxDate(addDays(registeredOn, 60), '2020-01-01'),
        addDays(ev, -120),
      );
      bundle.rectifications.push({
        associationUscc: uscc,
        id: `ZG-${year(orderedOn)}-01`,
        orderedOn,
        dueOn: addDays(orderedOn, 60),
        completedOn: addDays(orderedOn, r.int(10, 55)),
      });
    }

    // Party: members among the full-time staff; from 3 on there is an organisation.
    const partyMembers = r.int(0, 12);
    bundle.party = {
      associationUscc: uscc,
      organisationExists: partyMembers >= 3,
      memberCount: partyMembers,
      relationship: partyMembers >= 3 ? (m.inScope ? 'designated_committee' : 'former_organ') : null,
      transferredOn:
        partyMembers >= 3 && decoupledOn !== null
          ? minDate(addDays(decoupledOn, r.int(15, 200)), addDays(ev, -1))
          : null,
    };
    if (!m.inScope) return bundle;

    // Dues: one adopted decision of the member assembly, the dues item it sets.
    const tiers = r.pick(DUES_TIERS[a.level]);
    const eligible = Math.max(12, Math.min(a.memberCount ?? 60, 400));
    const present = Math.ceil((eligible * 2) / 3) + r.int(0, Math.floor(eligible / 3));
    const assemblyDate = dateBetween(
      r.next,
      maxDate(addDays(registeredOn, 30), '2018-01-01'),
      addDays(ev, -200),
    );
    const decisionId = `HFJY-${uscc.slice(-6)}`;
    bundle.duesDecisions.push({
      associationUscc: uscc,
      id: decisionId,
      assemblyDate,
      madeBy: 'assembly',
      secretBallot: true,
      eligible,
      present: Math.min(present, eligible),
      votesFor:
        Math.floor(Math.min(present, eligible) / 2) +
        1 +
        r.int(0, Math.floor(Math.min(present, eligible) / 3)),
      tiers,
      floating: false,
      published: true,
      adopted: true,
      effectiveFrom: addDays(assemblyDate, 30),
      supersededOn: null,
    });
    bundle.feeItems.push(
      feeItem(uscc, {
        id: `HF-${uscc.slice(-6)}`,
        name: '会费',
        category: 'dues',
        amount: null,
        tiers,
        payer: 'members',
        servicesProvided: true,
        standardSetBy: 'assembly',
        duesDecisionId: decisionId,
        pricing: null,
        startedOn: addDays(assemblyDate, 30),
      }),
    );
    if (r.chance(0.35)) {
      const s = r.pick(SERVICE_FEES);
      const amount = yuan(r, s.low, s.high);
      bundle.feeItems.push(
        feeItem(uscc, {
          id: `SF-${uscc.slice(-6)}-01`,
          name: s.name,
          category: s.category,
          amount,
          referenceAmount: Math.round(amount / (0.8 + 0.6 * r.next())),
          complaintCount: r.int(0, 2),
          startedOn: dateBetween(r.next, maxDate(addDays(registeredOn, 30), '2019-01-01'), addDays(ev, -30)),
        }),
      );
    }
    if (r.chance(0.25)) {
      const own = r.chance(0.6);
      bundle.functions.push(
        fn(i, {
          id: `ZN-${uscc.slice(-6)}-01`,
          name: own ? '团体标准制定' : '行业运行监测分析（政府购买服务）',
          kind: own ? 'standard_setting' : 'statistics',
          origin: own ? 'own' : 'commissioned',
          handedOverByOrganCode: own ? null : sponsor.code,
          contractRef: own ? null : `购买服务合同〔${evYear - 1}〕${r.int(1, 99)}号`,
          published: own ? null : true,
          startedOn: maxDate(addDays(registeredOn, 90), `${evYear - 4}-03-01`),
        }),
      );
    }
    if (a.level !== 'county' && r.chance(0.08)) {
      bundle.awards.push({
        associationUscc: uscc,
        id: `JX-${uscc.slice(-6)}`,
        name: `${a.name.replace(/(行业协会|协会|商会|同业公会|联合会|促进会)$/, '')}科技进步奖`,
        approvalRef: `国评组函〔${evYear - 3}〕${r.int(1, 60)}号`,
        startedOn: `${evYear - 3}-06-01`,
      });
    }

    // Finance: books of its own in every year on record.
    const firstYear = decoupledOn === null ? evYear - 3 : Math.max(2016, year(decoupledOn));
    for (let y = firstYear; y < evYear; y++) bundle.financeYears.push(cleanYear(uscc, y));
    if (decoupledOn === null) return bundle;

    // Decoupled: the 2015 base, appropriations within the transition shares, then none.
    const [low, high] = BASE_RANGE[a.level];
    const base = yuan(r, low, high);
    const retiree = r.chance(0.4) ? Math.round(base * (0.05 + 0.15 * r.next())) : 0;
    bundle.financeBase = {
      associationUscc: uscc,
      base2015Appropriation: base,
      base2015RetireeFunding: retiree,
    };
    const decoupledYear = year(decoupledOn);
    for (const y of bundle.financeYears) {
      const share = y.year >= 2018 ? 0 : decoupledYear <= 2016 ? 0.8 : 0.6;
      // Some pay exactly the allowed share (the boundary is allowed); placement staff funding is exempt.
      const factor = r.chance(0.2) ? 1 : 0.4 + 0.5 * r.next();
      y.directAppropriation = Math.floor((base - retiree) * share * factor);
      if (a.level === 'national' && r.chance(0.3)) {
        y.placementFunds = yuan(r, 20_000, 120_000);
        y.directAppropriation += y.placementFunds;
      }
    }
    const last = bundle.financeYears[bundle.financeYears.length - 1];
    if (last && r.chance(0.1)) {
      // Uses a state-owned car or equipment, inventoried and registered.
      last.stateAssetsUsed = true;
      last.stateAssetsRegisteredOn = dateBetween(r.next, `${last.year}-02-01`, `${last.year}-11-30`);
    }
    if (last && !a.regionCode.startsWith(ZHEJIANG) && r.chance(0.04)) {
      // Outside the province with a vacating deadline, paid use of organ space is allowed.
      last.officeInAdministrativeSpace = true;
      last.officeOrganCode = sponsor.code;
      last.paidUseAgreementRef = `有偿使用协议〔${last.year - 1}〕${r.int(1, 40)}号`;
    }
    const amendedOn = minDate(addDays(decoupledOn, r.int(20, 150)), addDays(ev, -60));
    bundle.charterAmendments.push({
      associationUscc: uscc,
      id: `ZC-${year(amendedOn)}-01`,
      amendedOn,
      filedOn: addDays(amendedOn, r.int(10, 45)),
    });
    bundle.foreignAffairs = { associationUscc: uscc, administeredByFormerOrgan: false };
    if (a.level === 'national' && r.chance(0.3)) {
      const merged = r.chance(0.4);
      bundle.institutions.push({
        associationUscc: uscc,
        id: `SY-${uscc.slice(-8)}-1`,
        name: `${a.name.replace(/(行业协会|协会|商会|同业公会|联合会|促进会)$/, '')}信息中心`,
        disposition: merged ? 'merged' : 'transferred',
        legalPersonCancelledOn: merged ? addDays(decoupledOn, r.int(60, 300)) : null,
        transferredTo: merged ? null : sponsor.name,
      });
    }
    const [sLow, sHigh] = STAFF_ROLES_COUNT[a.level];
    const staffCount = r.int(sLow, sHigh);
    for (let k = 0; k < staffCount; k++) {
      const born = r.int(1965, 1998);
      bundle.staff.push({
        associationUscc: uscc,
        id: `YG-${uscc.slice(-6)}-${String(k + 1).padStart(2, '0')}`,
        name: drawFullName(r, r.chance(0.55) ? 'female' : 'male', born),
        labourContract: true,
        socialInsurance: true,
        housingFund: true,
        onEstablishment: false,
        startedOn: dateBetween(r.next, maxDate(registeredOn, `${born + 22}-07-01`), addDays(ev, -60)),
        endedOn: null,
      });
    }
    return bundle;
  };

  function* byAssociation(): IterableIterator<TBundle> {
    for (let i = 0; i < associations.length; i++) {
      const bundle = build(i);
      const r = createRng(seed, `policy:plant:${i}`);
      for (const m of mutations.get(i) ?? []) m(bundle, r);
      yield bundle;
    }
  }

  return {
    expected,
    scope,
    boundaries,
    byAssociation,
    facts(): TDemoPolicyFacts {
      const out: TDemoPolicyFacts = {
        extras: [],
        scopeDecisions: [],
        cases: [],
        functions: [],
        financeBases: [],
        financeYears: [],
        charterAmendments: [],
        institutions: [],
        staff: [],
        party: [],
        foreignAffairs: [],
        feeItems: [],
        duesDecisions: [],
        awards: [],
        annualReports: [],
        penalties: [],
        rectifications: [],
        unreachable: [],
        courtDefaults: [],
        creditEntries: [],
      };
      for (const bundle of byAssociation()) {
        out.extras.push(bundle.extras);
        if (bundle.scopeDecision) out.scopeDecisions.push(bundle.scopeDecision);
        if (bundle.case) out.cases.push(bundle.case);
        out.functions.push(...bundle.functions);
        if (bundle.financeBase) out.financeBases.push(bundle.financeBase);
        out.financeYears.push(...bundle.financeYears);
        out.charterAmendments.push(...bundle.charterAmendments);
        out.institutions.push(...bundle.institutions);
        out.staff.push(...bundle.staff);
        if (bundle.party) out.party.push(bundle.party);
        if (bundle.foreignAffairs) out.foreignAffairs.push(bundle.foreignAffairs);
        out.feeItems.push(...bundle.feeItems);
        out.duesDecisions.push(...bundle.duesDecisions);
        out.awards.push(...bundle.awards);
        out.annualReports.push(...bundle.annualReports);
        out.penalties.push(...bundle.penalties);
        out.rectifications.push(...bundle.rectifications);
        out.unreachable.push(...bundle.unreachable);
        out.courtDefaults.push(...bundle.courtDefaults);
        out.creditEntries.push(...bundle.creditEntries);
      }
      return out;
    },
  };
}

/** A fee item with every field clean unless given. */
function feeItem(
  uscc: string,
  fields: Partial<TFeeItemRecord> & Pick<TFeeItemRecord, 'id' | 'name' | 'category'>,
): TFeeItemRecord {
  return {
    associationUscc: uscc,
    amount: null,
    tiers: null,
    payer: 'all',
    compulsory: false,
    disguisedCompulsory: false,
    obstructsWithdrawal: false,
    servicesProvided: null,
    coveredByDues: false,
    linkedFunctionId: null,
    linkedAwardId: null,
    collectedBy: 'hq',
    branchName: null,
    standardSetBy: null,
    published: true,
    pricing: 'market',
    pricedByProcedure: null,
    kickback: false,
    legalBasis: null,
    duesDecisionId: null,
    referenceAmount: null,
    complaintCount: 0,
    startedOn: '2022-03-01',
    endedOn: null,
    ...fields,
  };
}
