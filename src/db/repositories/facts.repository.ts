import type { TDate } from '../../core/policy/dates.ts';
import {
  createOrganIndex,
  type TAnnualReportFact,
  type TApprovalFact,
  type TAssociationFacts,
  type TAwardFact,
  type TCaseFact,
  type TCharterAmendmentFact,
  type TCourtDefaultFact,
  type TCreditEntryFact,
  type TDuesDecisionFact,
  type TFeeItemFact,
  type TFinanceYearFact,
  type TFunctionFact,
  type TInstitutionFact,
  type TLinkFact,
  type TMembershipBasis,
  type TOrganFact,
  type TOrganIndex,
  type TOtherPostFact,
  type TPartyFact,
  type TPenaltyFact,
  type TPostFact,
  type TRectificationFact,
  type TRegistrationCategory,
  type TScopeDecisionFact,
  type TStaffFact,
  type TUnreachableFact,
} from '../../core/policy/facts.ts';
import type { Queryable } from '../database.ts';
import { bulkUpsert, idsByKey, type TColumn, type UpsertCounts } from './registry.repository.ts';

/**
 * The facts of the policy rules in the database. Write side: one bulk upsert per fact table, by the
 * natural key (association USCC plus the source's own reference or year), with the same
 * `unnest … ON CONFLICT … WHERE IS DISTINCT FROM` statement as the registry. Read side: the
 * `TAssociationFacts` of a set of associations, one set-based query per table ordered by association,
 * never one query per association.
 */

type TOfAssociation = { associationUscc: string };

export type TCaseRecord = TCaseFact & TOfAssociation;
export type TAssociationExtrasRecord = TOfAssociation & {
  registrationCategory: TRegistrationCategory;
  membershipBasis: TMembershipBasis | null;
  deregisteredOn: TDate | null;
  recordedSupervisingUnit: string | null;
};
export type TScopeDecisionRecord = TScopeDecisionFact & TOfAssociation;
export type TFunctionRecord = TFunctionFact & TOfAssociation;
export type TFinanceBaseRecord = TOfAssociation & {
  base2015Appropriation: number | null;
  base2015RetireeFunding: number | null;
};
export type TFinanceYearRecord = TFinanceYearFact & TOfAssociation;
export type TCharterAmendmentRecord = TCharterAmendmentFact & TOfAssociation;
export type TInstitutionRecord = TInstitutionFact & TOfAssociation;
export type TStaffRecord = TStaffFact & TOfAssociation;
export type TPartyRecord = TPartyFact & TOfAssociation;
export type TForeignAffairsRecord = TOfAssociation & { administeredByFormerOrgan: boolean | null };
export type TFeeItemRecord = TFeeItemFact & TOfAssociation;
export type TDuesDecisionRecord = TDuesDecisionFact & TOfAssociation;
export type TAwardRecord = TAwardFact & TOfAssociation;
export type TAnnualReportRecord = TAnnualReportFact & TOfAssociation;
export type TPenaltyRecord = TPenaltyFact & TOfAssociation;
export type TRectificationRecord = TRectificationFact & TOfAssociation;
export type TUnreachableRecord = TUnreachableFact & TOfAssociation;
export type TCourtDefaultRecord = TCourtDefaultFact & TOfAssociation;
export type TCreditEntryRecord = TCreditEntryFact & TOfAssociation;
/** An approval of a post, named by the post's database id. */
export type TPostApprovalRecord = TApprovalFact & { postId: number };

type TFactTable<R> = {
  table: string;
  /** Natural key columns besides `association_id`. */
  key: string[];
  columns: TColumn<R>[];
  /** Columns given as JSON text and stored as jsonb. */
  json?: string[];
};

const c = <R>(name: string, type: string, value: (row: R) => unknown): TColumn<R> => ({ name, type, value });
const tiersJson = (tiers: readonly number[] | null) => (tiers === null ? null : JSON.stringify(tiers));

async function upsertFacts<R extends TOfAssociation>(
  tx: Queryable,
  spec: TFactTable<R>,
  records: readonly R[],
): Promise<UpsertCounts> {
  if (records.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
  const ids = await idsByKey(
    tx,
    'associations',
    records.map((r) => r.associationUscc),
  );
  const input: TColumn<R>[] = [
    c('association_id', 'bigint', (r: R) => ids.get(r.associationUscc)),
    ...spec.columns,
  ];
  const names = input.map((column) => column.name);
  const json = new Set(spec.json ?? []);
  return bulkUpsert(tx, {
    table: spec.table,
    conflict: ['association_id', ...spec.key],
    input,
    target: names,
    select: names.map((name) => (json.has(name) ? `${name}::jsonb` : name)),
    rows: [...records],
  });
}

const CASES: TFactTable<TCaseRecord> = {
  table: 'decoupling_cases',
  key: ['ref'],
  columns: [
    c('ref', 'text', (r) => r.id),
    c('batch', 'text', (r) => r.batch),
    c('jurisdiction', 'text', (r) => r.jurisdiction),
    c('listed_on', 'date', (r) => r.listedOn),
    c('plan_deadline', 'date', (r) => r.planDeadline),
    c('plan_approved_on', 'date', (r) => r.planApprovedOn),
    c('completion_deadline', 'date', (r) => r.completionDeadline),
    c('decoupled_on', 'date', (r) => r.decoupledOn),
    c('blocked_reason', 'text', (r) => r.blockedReason),
  ],
};

const EXTRAS: TFactTable<TAssociationExtrasRecord> = {
  table: 'association_extras',
  key: [],
  columns: [
    c('registration_category', 'text', (r) => r.registrationCategory),
    c('membership_basis', 'text', (r) => r.membershipBasis),
    c('deregistered_on', 'date', (r) => r.deregisteredOn),
    c('recorded_supervising_unit', 'text', (r) => r.recordedSupervisingUnit),
  ],
};

const SCOPE_DECISIONS: TFactTable<TScopeDecisionRecord> = {
  table: 'scope_decisions',
  key: ['ref'],
  columns: [
    c('ref', 'text', (r) => r.ref),
    c('kind', 'text', (r) => r.kind),
    c('outcome', 'text', (r) => r.outcome),
    c('decided_on', 'date', (r) => r.decidedOn),
    c('reason', 'text', (r) => r.reason),
  ],
};

const FUNCTIONS: TFactTable<TFunctionRecord> = {
  table: 'association_functions',
  key: ['ref'],
  columns: [
    c('ref', 'text', (r) => r.id),
    c('name', 'text', (r) => r.name),
    c('kind', 'text', (r) => r.kind),
    c('origin', 'text', (r) => r.origin),
    c('handed_over_by_organ_code', 'text', (r) => r.handedOverByOrganCode),
    c('legal_basis', 'text', (r) => r.legalBasis),
    c('catalogue_entry', 'text', (r) => r.catalogueEntry),
    c('contract_ref', 'text', (r) => r.contractRef),
    c('published', 'bool', (r) => r.published),
    c('tied_approval_organ_code', 'text', (r) => r.tiedApprovalOrganCode),
    c('started_on', 'date', (r) => r.startedOn),
    c('ended_on', 'date', (r) => r.endedOn),
  ],
};

const FINANCE_BASES: TFactTable<TFinanceBaseRecord> = {
  table: 'finance_bases',
  key: [],
  columns: [
    c('base_2015_appropriation', 'numeric', (r) => r.base2015Appropriation),
    c('base_2015_retiree_funding', 'numeric', (r) => r.base2015RetireeFunding),
  ],
};

const FINANCE_YEARS: TFactTable<TFinanceYearRecord> = {
  table: 'finance_years',
  key: ['year'],
  columns: [
    c('year', 'int', (r) => r.year),
    c('independent_account', 'bool', (r) => r.independentAccount),
    c('separate_books', 'bool', (r) => r.separateBooks),
    c('accounting_standard', 'text', (r) => r.accountingStandard),
    c('direct_appropriation', 'numeric', (r) => r.directAppropriation),
    c('placement_funds', 'numeric', (r) => r.placementFunds),
    c('office_in_administrative_space', 'bool', (r) => r.officeInAdministrativeSpace),
    c('office_organ_code', 'text', (r) => r.officeOrganCode),
    c('vacated_on', 'date', (r) => r.vacatedOn),
    c('paid_use_agreement_ref', 'text', (r) => r.paidUseAgreementRef),
    c('state_assets_used', 'bool', (r) => r.stateAssetsUsed),
    c('state_assets_registered_on', 'date', (r) => r.stateAssetsRegisteredOn),
  ],
};

const CHARTER_AMENDMENTS: TFactTable<TCharterAmendmentRecord> = {
  table: 'charter_amendments',
  key: ['ref'],
  columns: [
    c('ref', 'text', (r) => r.id),
    c('amended_on', 'date', (r) => r.amendedOn),
    c('filed_on', 'date', (r) => r.filedOn),
  ],
};

const INSTITUTIONS: TFactTable<TInstitutionRecord> = {
  table: 'subordinate_institutions',
  key: ['ref'],
  columns: [
    c('ref', 'text', (r) => r.id),
    c('name', 'text', (r) => r.name),
    c('disposition', 'text', (r) => r.disposition),
    c('legal_person_cancelled_on', 'date', (r) => r.legalPersonCancelledOn),
    c('transferred_to', 'text', (r) => r.transferredTo),
  ],
};

const STAFF: TFactTable<TStaffRecord> = {
  table: 'staff_members',
  key: ['ref'],
  columns: [
    c('ref', 'text', (r) => r.id),
    c('name', 'text', (r) => r.name),
    c('labour_contract', 'bool', (r) => r.labourContract),
    c('social_insurance', 'bool', (r) => r.socialInsurance),
    c('housing_fund', 'bool', (r) => r.housingFund),
    c('on_establishment', 'bool', (r) => r.onEstablishment),
    c('started_on', 'date', (r) => r.startedOn),
    c('ended_on', 'date', (r) => r.endedOn),
  ],
};

const PARTY: TFactTable<TPartyRecord> = {
  table: 'party_organisations',
  key: [],
  columns: [
    c('organisation_exists', 'bool', (r) => r.organisationExists),
    c('member_count', 'int', (r) => r.memberCount),
    c('relationship', 'text', (r) => r.relationship),
    c('transferred_on', 'date', (r) => r.transferredOn),
  ],
};

const FOREIGN_AFFAIRS: TFactTable<TForeignAffairsRecord> = {
  table: 'foreign_affairs',
  key: [],
  columns: [c('administered_by_former_organ', 'bool', (r) => r.administeredByFormerOrgan)],
};

const FEE_ITEMS: TFactTable<TFeeItemRecord> = {
  table: 'fee_items',
  key: ['ref'],
  json: ['tiers'],
  columns: [
    c('ref', 'text', (r) => r.id),
    c('name', 'text', (r) => r.name),
    c('category', 'text', (r) => r.category),
    c('amount', 'numeric', (r) => r.amount),
    c('tiers', 'text', (r) => tiersJson(r.tiers)),
    c('payer', 'text', (r) => r.payer),
    c('compulsory', 'bool', (r) => r.compulsory),
    c('disguised_compulsory', 'bool', (r) => r.disguisedCompulsory),
    c('obstructs_withdrawal', 'bool', (r) => r.obstructsWithdrawal),
    c('services_provided', 'bool', (r) => r.servicesProvided),
    c('covered_by_dues', 'bool', (r) => r.coveredByDues),
    c('linked_function_ref', 'text', (r) => r.linkedFunctionId),
    c('linked_award_ref', 'text', (r) => r.linkedAwardId),
    c('collected_by', 'text', (r) => r.collectedBy),
    c('branch_name', 'text', (r) => r.branchName),
    c('standard_set_by', 'text', (r) => r.standardSetBy),
    c('published', 'bool', (r) => r.published),
    c('pricing', 'text', (r) => r.pricing),
    c('priced_by_procedure', 'bool', (r) => r.pricedByProcedure),
    c('kickback', 'bool', (r) => r.kickback),
    c('legal_basis', 'text', (r) => r.legalBasis),
    c('dues_decision_ref', 'text', (r) => r.duesDecisionId),
    c('reference_amount', 'numeric', (r) => r.referenceAmount),
    c('complaint_count', 'int', (r) => r.complaintCount),
    c('started_on', 'date', (r) => r.startedOn),
    c('ended_on', 'date', (r) => r.endedOn),
  ],
};

const DUES_DECISIONS: TFactTable<TDuesDecisionRecord> = {
  table: 'dues_decisions',
  key: ['ref'],
  json: ['tiers'],
  columns: [
    c('ref', 'text', (r) => r.id),
    c('assembly_date', 'date', (r) => r.assemblyDate),
    c('made_by', 'text', (r) => r.madeBy),
    c('secret_ballot', 'bool', (r) => r.secretBallot),
    c('eligible', 'int', (r) => r.eligible),
    c('present', 'int', (r) => r.present),
    c('votes_for', 'int', (r) => r.votesFor),
    c('tiers', 'text', (r) => tiersJson(r.tiers)),
    c('floating', 'bool', (r) => r.floating),
    c('published', 'bool', (r) => r.published),
    c('adopted', 'bool', (r) => r.adopted),
    c('effective_from', 'date', (r) => r.effectiveFrom),
    c('superseded_on', 'date', (r) => r.supersededOn),
  ],
};

const AWARDS: TFactTable<TAwardRecord> = {
  table: 'awards',
  key: ['ref'],
  columns: [
    c('ref', 'text', (r) => r.id),
    c('name', 'text', (r) => r.name),
    c('approval_ref', 'text', (r) => r.approvalRef),
    c('started_on', 'date', (r) => r.startedOn),
  ],
};

const ANNUAL_REPORTS: TFactTable<TAnnualReportRecord> = {
  table: 'annual_reports',
  key: ['year'],
  columns: [c('year', 'int', (r) => r.year), c('filed_on', 'date', (r) => r.filedOn)],
};

const PENALTIES: TFactTable<TPenaltyRecord> = {
  table: 'penalties',
  key: ['ref'],
  columns: [
    c('ref', 'text', (r) => r.id),
    c('kind', 'text', (r) => r.kind),
    c('amount', 'numeric', (r) => r.amount),
    c('decided_on', 'date', (r) => r.decidedOn),
  ],
};

const RECTIFICATIONS: TFactTable<TRectificationRecord> = {
  table: 'rectifications',
  key: ['ref'],
  columns: [
    c('ref', 'text', (r) => r.id),
    c('ordered_on', 'date', (r) => r.orderedOn),
    c('due_on', 'date', (r) => r.dueOn),
    c('completed_on', 'date', (r) => r.completedOn),
  ],
};

const UNREACHABLE: TFactTable<TUnreachableRecord> = {
  table: 'unreachable_records',
  key: ['ref'],
  columns: [
    c('ref', 'text', (r) => r.id),
    c('verified_on', 'date', (r) => r.verifiedOn),
    c('resolved_on', 'date', (r) => r.resolvedOn),
  ],
};

const COURT_DEFAULTS: TFactTable<TCourtDefaultRecord> = {
  table: 'court_defaults',
  key: ['ref'],
  columns: [
    c('ref', 'text', (r) => r.id),
    c('listed_on', 'date', (r) => r.listedOn),
    c('removed_on', 'date', (r) => r.removedOn),
  ],
};

const CREDIT_ENTRIES: TFactTable<TCreditEntryRecord> = {
  table: 'credit_entries',
  key: ['ref'],
  columns: [
    c('ref', 'text', (r) => r.id),
    c('list', 'text', (r) => r.list),
    c('ground', 'text', (r) => r.ground),
    c('ground_on', 'date', (r) => r.groundOn),
    c('listed_on', 'date', (r) => r.listedOn),
    c('removed_on', 'date', (r) => r.removedOn),
    c('obligation_fulfilled_on', 'date', (r) => r.obligationFulfilledOn),
    c('removal_applied_on', 'date', (r) => r.removalAppliedOn),
  ],
};

/** The workflow state a case takes when its facts first arrive: what its dates say has happened. */
export function initialCaseState(record: TCaseFact): { state: string; blockedFrom: string | null } {
  if (record.decoupledOn !== null) return { state: 'decoupled', blockedFrom: null };
  if (record.blockedReason !== null) return { state: 'blocked', blockedFrom: 'listed' };
  if (record.planApprovedOn !== null) return { state: 'executing', blockedFrom: null };
  return { state: 'listed', blockedFrom: null };
}

/**
 * Upserts decoupling cases by association and case reference (`id`). A new case takes the state its
 * facts imply; an existing case keeps its state, since the case workflow owns it once the case exists.
 */
export async function upsertCases(tx: Queryable, records: readonly TCaseRecord[]): Promise<UpsertCounts> {
  if (records.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
  const ids = await idsByKey(
    tx,
    'associations',
    records.map((r) => r.associationUscc),
  );
  const input: TColumn<TCaseRecord>[] = [
    c('association_id', 'bigint', (r: TCaseRecord) => ids.get(r.associationUscc)),
    ...CASES.columns,
    c('state', 'text', (r: TCaseRecord) => initialCaseState(r).state),
    c('blocked_from', 'text', (r: TCaseRecord) => initialCaseState(r).blockedFrom),
  ];
  const compared = CASES.columns.map((column) => column.name).filter((name) => name !== 'ref');
  const names = input.map((column) => column.name);
  let counts: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 };
  for (let start = 0; start < records.length; start += 5_000) {
    const chunk = records.slice(start, start + 5_000);
    const { rows } = await tx.query<{ inserted: number; written: number }>(
      `WITH w AS (
         INSERT INTO decoupling_cases AS t (${names.join(', ')})
         SELECT ${names.join(', ')}
         FROM unnest(${input.map((column, i) => `$${i + 1}::${column.type}[]`).join(', ')}) AS u(${names.join(', ')})
         ON CONFLICT (association_id, ref) DO UPDATE
           SET ${compared.map((name) => `${name} = EXCLUDED.${name}`).join(', ')}, updated_at = now()
           WHERE (${compared.map((name) => `t.${name}`).join(', ')}) IS DISTINCT FROM (${compared.map((name) => `EXCLUDED.${name}`).join(', ')})
         RETURNING (xmax::text = '0') AS inserted
       )
       SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*)::int AS written FROM w`,
      input.map((column) => chunk.map((row) => column.value(row) ?? null)),
    );
    const inserted = Number(rows[0]!.inserted);
    const written = Number(rows[0]!.written);
    counts = {
      inserted: counts.inserted + inserted,
      updated: counts.updated + written - inserted,
      unchanged: counts.unchanged + chunk.length - written,
    };
  }
  return counts;
}
/** Upserts the registration extras of associations (one row each). */
export const upsertAssociationExtras = (tx: Queryable, records: readonly TAssociationExtrasRecord[]) =>
  upsertFacts(tx, EXTRAS, records);
/** Upserts scope decisions by association and decision reference. */
export const upsertScopeDecisions = (tx: Queryable, records: readonly TScopeDecisionRecord[]) =>
  upsertFacts(tx, SCOPE_DECISIONS, records);
/** Upserts functions performed by association and function reference. */
export const upsertFunctions = (tx: Queryable, records: readonly TFunctionRecord[]) =>
  upsertFacts(tx, FUNCTIONS, records);
/** Upserts the 2015 appropriation base of associations (one row each). */
export const upsertFinanceBases = (tx: Queryable, records: readonly TFinanceBaseRecord[]) =>
  upsertFacts(tx, FINANCE_BASES, records);
/** Upserts finance facts by association and year. */
export const upsertFinanceYears = (tx: Queryable, records: readonly TFinanceYearRecord[]) =>
  upsertFacts(tx, FINANCE_YEARS, records);
/** Upserts charter amendments by association and reference. */
export const upsertCharterAmendments = (tx: Queryable, records: readonly TCharterAmendmentRecord[]) =>
  upsertFacts(tx, CHARTER_AMENDMENTS, records);
/** Upserts subordinate public institutions by association and reference. */
export const upsertInstitutions = (tx: Queryable, records: readonly TInstitutionRecord[]) =>
  upsertFacts(tx, INSTITUTIONS, records);
/** Upserts staff members by association and reference. */
export const upsertStaff = (tx: Queryable, records: readonly TStaffRecord[]) =>
  upsertFacts(tx, STAFF, records);
/** Upserts the party organisation of associations (one row each). */
export const upsertPartyOrganisations = (tx: Queryable, records: readonly TPartyRecord[]) =>
  upsertFacts(tx, PARTY, records);
/** Upserts how associations handle foreign affairs (one row each). */
export const upsertForeignAffairs = (tx: Queryable, records: readonly TForeignAffairsRecord[]) =>
  upsertFacts(tx, FOREIGN_AFFAIRS, records);
/** Upserts fee items by association and reference. */
export const upsertFeeItems = (tx: Queryable, records: readonly TFeeItemRecord[]) =>
  upsertFacts(tx, FEE_ITEMS, records);
/** Upserts dues decisions by association and reference. */
export const upsertDuesDecisions = (tx: Queryable, records: readonly TDuesDecisionRecord[]) =>
  upsertFacts(tx, DUES_DECISIONS, records);
/** Upserts awards by association and reference. */
export const upsertAwards = (tx: Queryable, records: readonly TAwardRecord[]) =>
  upsertFacts(tx, AWARDS, records);
/** Upserts annual work reports by association and year. */
export const upsertAnnualReports = (tx: Queryable, records: readonly TAnnualReportRecord[]) =>
  upsertFacts(tx, ANNUAL_REPORTS, records);
/** Upserts administrative penalties by association and reference. */
export const upsertPenalties = (tx: Queryable, records: readonly TPenaltyRecord[]) =>
  upsertFacts(tx, PENALTIES, records);
/** Upserts rectification orders by association and reference. */
export const upsertRectifications = (tx: Queryable, records: readonly TRectificationRecord[]) =>
  upsertFacts(tx, RECTIFICATIONS, records);
/** Upserts "unreachable at the registered address" records by association and reference. */
export const upsertUnreachable = (tx: Queryable, records: readonly TUnreachableRecord[]) =>
  upsertFacts(tx, UNREACHABLE, records);
/** Upserts court judgment-defaulter listings by association and reference. */
export const upsertCourtDefaults = (tx: Queryable, records: readonly TCourtDefaultRecord[]) =>
  upsertFacts(tx, COURT_DEFAULTS, records);
/** Upserts credit-list entries by association and reference. */
export const upsertCreditEntries = (tx: Queryable, records: readonly TCreditEntryRecord[]) =>
  upsertFacts(tx, CREDIT_ENTRIES, records);

/** Upserts approvals of posts by post, kind and reference. */
export function upsertPostApprovals(
  tx: Queryable,
  records: readonly TPostApprovalRecord[],
): Promise<UpsertCounts> {
  const input: TColumn<TPostApprovalRecord>[] = [
    c('post_id', 'bigint', (r) => r.postId),
    c('kind', 'text', (r) => r.kind),
    c('ref', 'text', (r) => r.ref),
    c('date', 'date', (r) => r.date),
  ];
  const names = input.map((column) => column.name);
  return bulkUpsert(tx, {
    table: 'post_approvals',
    conflict: ['post_id', 'kind', 'ref'],
    input,
    target: names,
    select: names,
    rows: [...records],
  });
}

// ---------------------------------------------------------------------------------------------------
// Read side

type TRow = Record<string, unknown>;

const str = (v: unknown): string => String(v);
const optStr = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const optNum = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const optBool = (v: unknown): boolean | null => (v === null || v === undefined ? null : Boolean(v));
const tiersOf = (v: unknown): number[] | null => {
  if (v === null || v === undefined) return null;
  const parsed: unknown = typeof v === 'string' ? JSON.parse(v) : v;
  return Array.isArray(parsed) ? parsed.map(Number) : null;
};

/** Every organ with its hierarchy and contact data, indexed once for all associations. */
export async function loadOrganIndex(q: Queryable): Promise<TOrganIndex> {
  const { rows } = await q.query<TRow>(
    `SELECT o.code, o.name, o.kind, o.is_administrative, p.code AS parent_code, o.address, o.phone, o.bank_account
     FROM organs AS o LEFT JOIN organs AS p ON p.id = o.parent_id ORDER BY o.code`,
  );
  const organs: TOrganFact[] = rows.map((r) => ({
    code: str(r.code),
    name: str(r.name),
    kind: r.kind as TOrganFact['kind'],
    isAdministrative: Boolean(r.is_administrative),
    parentCode: optStr(r.parent_code),
    address: optStr(r.address),
    phone: optStr(r.phone),
    bankAccount: optStr(r.bank_account),
  }));
  return createOrganIndex(organs);
}

/** Groups rows by `association_id` (rows come ordered by it, but a map does not depend on that). */
function groupBy<T>(rows: TRow[], map: (row: TRow) => T, key = 'association_id'): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    const id = Number(row[key]);
    const list = groups.get(id);
    const value = map(row);
    if (list) list.push(value);
    else groups.set(id, [value]);
  }
  return groups;
}

/**
 * Runs a query and hands back its rows, aggregated to one JSON text in the database: parsing one JSON
 * document is several times cheaper for the client than decoding the rows one by one, and the rows
 * keep their column names (dates stay `YYYY-MM-DD`, numbers stay numbers).
 */
async function jsonRows(q: Queryable, sql: string, params: unknown[]): Promise<TRow[]> {
  const { rows } = await q.query<{ j: string }>(
    `SELECT coalesce(json_agg(x), '[]')::text AS j FROM (${sql}) AS x`,
    params,
  );
  return JSON.parse(rows[0]!.j) as TRow[];
}

async function byAssociation<T>(
  q: Queryable,
  sql: string,
  ids: readonly number[],
  map: (row: TRow) => T,
): Promise<Map<number, T[]>> {
  return groupBy(await jsonRows(q, sql, [ids]), map);
}

/** Only the named columns: the bookkeeping timestamps would cost a date parse per row for nothing. */
const perAssociation = (table: string, order: string, columns: string) =>
  `SELECT association_id, ${columns} FROM ${table} WHERE association_id = ANY($1::bigint[]) ORDER BY association_id, ${order}`;

export type LoadFactsOptions = {
  /** Database ids of the associations to load. */
  ids: readonly number[];
  organs: TOrganIndex;
};

export type TLoadedFacts = { associationId: number; facts: TAssociationFacts };

/**
 * The facts of the given associations, in id order. Post holders' official status comes from an
 * exact match of the keyed resident-ID hash between `persons` and `roster_records` (confidence 1).
 */
export async function loadFacts(q: Queryable, { ids, organs }: LoadFactsOptions): Promise<TLoadedFacts[]> {
  if (ids.length === 0) return [];
  const { rows: associationRows } = await q.query<TRow>(
    `SELECT a.id, a.uscc, a.name, a.level, a.region_code, a.member_count, a.address, a.phone, a.bank_account,
            a.status, a.registered_on, x.registration_category, x.membership_basis, x.deregistered_on,
            x.recorded_supervising_unit,
            s.ref AS scope_ref, s.kind AS scope_kind, s.outcome AS scope_outcome, s.decided_on AS scope_decided_on,
            s.reason AS scope_reason
     FROM associations AS a
     LEFT JOIN association_extras AS x ON x.association_id = a.id
     LEFT JOIN LATERAL (
       SELECT d.ref, d.kind, d.outcome, d.decided_on, d.reason FROM scope_decisions AS d WHERE d.association_id = a.id ORDER BY d.decided_on DESC, d.ref DESC LIMIT 1
     ) AS s ON TRUE
     WHERE a.id = ANY($1::bigint[]) ORDER BY a.id`,
    [ids],
  );

  const links = await byAssociation<TLinkFact>(
    q,
    `SELECT l.id, l.association_id, o.code, l.kind, l.started_on, l.ended_on
     FROM organ_links AS l JOIN organs AS o ON o.id = l.organ_id
     WHERE l.association_id = ANY($1::bigint[]) ORDER BY l.association_id, l.id`,
    ids,
    (r) => ({
      id: str(r.id),
      organCode: str(r.code),
      kind: r.kind as TLinkFact['kind'],
      startedOn: optStr(r.started_on),
      endedOn: optStr(r.ended_on),
    }),
  );

  const cases = await byAssociation<TCaseFact>(
    q,
    `SELECT DISTINCT ON (association_id) association_id, ref, batch, jurisdiction, listed_on, plan_deadline,
            plan_approved_on, completion_deadline, decoupled_on, blocked_reason
     FROM decoupling_cases WHERE association_id = ANY($1::bigint[])
     ORDER BY association_id, listed_on DESC NULLS LAST, ref DESC`,
    ids,
    (r) => ({
      id: str(r.ref),
      batch: str(r.batch),
      jurisdiction: str(r.jurisdiction),
      listedOn: optStr(r.listed_on),
      planDeadline: optStr(r.plan_deadline),
      planApprovedOn: optStr(r.plan_approved_on),
      completionDeadline: optStr(r.completion_deadline),
      decoupledOn: optStr(r.decoupled_on),
      blockedReason: r.blocked_reason as TCaseFact['blockedReason'],
    }),
  );

  const functions = await byAssociation<TFunctionFact>(
    q,
    perAssociation(
      'association_functions',
      'ref',
      'ref, name, kind, origin, handed_over_by_organ_code, legal_basis, catalogue_entry, contract_ref, published, tied_approval_organ_code, started_on, ended_on',
    ),
    ids,
    (r) => ({
      id: str(r.ref),
      name: str(r.name),
      kind: r.kind as TFunctionFact['kind'],
      origin: r.origin as TFunctionFact['origin'],
      handedOverByOrganCode: optStr(r.handed_over_by_organ_code),
      legalBasis: optStr(r.legal_basis),
      catalogueEntry: optStr(r.catalogue_entry),
      contractRef: optStr(r.contract_ref),
      published: optBool(r.published),
      tiedApprovalOrganCode: optStr(r.tied_approval_organ_code),
      startedOn: optStr(r.started_on),
      endedOn: optStr(r.ended_on),
    }),
  );

  const bases = await byAssociation(
    q,
    perAssociation('finance_bases', 'id', 'base_2015_appropriation, base_2015_retiree_funding'),
    ids,
    (r) => ({
      base2015Appropriation: optNum(r.base_2015_appropriation),
      base2015RetireeFunding: optNum(r.base_2015_retiree_funding),
    }),
  );

  const years = await byAssociation<TFinanceYearFact>(
    q,
    perAssociation(
      'finance_years',
      'year',
      'year, independent_account, separate_books, accounting_standard, direct_appropriation, placement_funds, office_in_administrative_space, office_organ_code, vacated_on, paid_use_agreement_ref, state_assets_used, state_assets_registered_on',
    ),
    ids,
    (r) => ({
      year: Number(r.year),
      independentAccount: optBool(r.independent_account),
      separateBooks: optBool(r.separate_books),
      accountingStandard: r.accounting_standard as TFinanceYearFact['accountingStandard'],
      directAppropriation: optNum(r.direct_appropriation),
      placementFunds: optNum(r.placement_funds),
      officeInAdministrativeSpace: optBool(r.office_in_administrative_space),
      officeOrganCode: optStr(r.office_organ_code),
      vacatedOn: optStr(r.vacated_on),
      paidUseAgreementRef: optStr(r.paid_use_agreement_ref),
      stateAssetsUsed: optBool(r.state_assets_used),
      stateAssetsRegisteredOn: optStr(r.state_assets_registered_on),
    }),
  );

  const amendments = await byAssociation<TCharterAmendmentFact>(
    q,
    perAssociation('charter_amendments', 'ref', 'ref, amended_on, filed_on'),
    ids,
    (r) => ({ id: str(r.ref), amendedOn: str(r.amended_on), filedOn: optStr(r.filed_on) }),
  );

  const institutions = await byAssociation<TInstitutionFact>(
    q,
    perAssociation(
      'subordinate_institutions',
      'ref',
      'ref, name, disposition, legal_person_cancelled_on, transferred_to',
    ),
    ids,
    (r) => ({
      id: str(r.ref),
      name: str(r.name),
      disposition: r.disposition as TInstitutionFact['disposition'],
      legalPersonCancelledOn: optStr(r.legal_person_cancelled_on),
      transferredTo: optStr(r.transferred_to),
    }),
  );

  const staff = await byAssociation<TStaffFact>(
    q,
    perAssociation(
      'staff_members',
      'ref',
      'ref, name, labour_contract, social_insurance, housing_fund, on_establishment, started_on, ended_on',
    ),
    ids,
    (r) => ({
      id: str(r.ref),
      name: str(r.name),
      labourContract: optBool(r.labour_contract),
      socialInsurance: optBool(r.social_insurance),
      housingFund: optBool(r.housing_fund),
      onEstablishment: optBool(r.on_establishment),
      startedOn: optStr(r.started_on),
      endedOn: optStr(r.ended_on),
    }),
  );

  const party = await byAssociation<TPartyFact>(
    q,
    perAssociation(
      'party_organisations',
      'id',
      'organisation_exists, member_count, relationship, transferred_on',
    ),
    ids,
    (r) => ({
      organisationExists: Boolean(r.organisation_exists),
      memberCount: optNum(r.member_count),
      relationship: r.relationship as TPartyFact['relationship'],
      transferredOn: optStr(r.transferred_on),
    }),
  );

  const foreign = await byAssociation(
    q,
    perAssociation('foreign_affairs', 'id', 'administered_by_former_organ'),
    ids,
    (r) => ({
      administeredByFormerOrgan: optBool(r.administered_by_former_organ),
    }),
  );

  const fees = await byAssociation<TFeeItemFact>(
    q,
    perAssociation(
      'fee_items',
      'ref',
      'ref, name, category, amount, tiers, payer, compulsory, disguised_compulsory, obstructs_withdrawal, services_provided, covered_by_dues, linked_function_ref, linked_award_ref, collected_by, branch_name, standard_set_by, published, pricing, priced_by_procedure, kickback, legal_basis, dues_decision_ref, reference_amount, complaint_count, started_on, ended_on',
    ),
    ids,
    (r) => ({
      id: str(r.ref),
      name: str(r.name),
      category: r.category as TFeeItemFact['category'],
      amount: optNum(r.amount),
      tiers: tiersOf(r.tiers),
      payer: r.payer as TFeeItemFact['payer'],
      compulsory: Boolean(r.compulsory),
      disguisedCompulsory: Boolean(r.disguised_compulsory),
      obstructsWithdrawal: Boolean(r.obstructs_withdrawal),
      servicesProvided: optBool(r.services_provided),
      coveredByDues: Boolean(r.covered_by_dues),
      linkedFunctionId: optStr(r.linked_function_ref),
      linkedAwardId: optStr(r.linked_award_ref),
      collectedBy: r.collected_by as TFeeItemFact['collectedBy'],
      branchName: optStr(r.branch_name),
      standardSetBy: r.standard_set_by as TFeeItemFact['standardSetBy'],
      published: Boolean(r.published),
      pricing: r.pricing as TFeeItemFact['pricing'],
      pricedByProcedure: optBool(r.priced_by_procedure),
      kickback: Boolean(r.kickback),
      legalBasis: optStr(r.legal_basis),
      duesDecisionId: optStr(r.dues_decision_ref),
      referenceAmount: optNum(r.reference_amount),
      complaintCount: Number(r.complaint_count),
      startedOn: optStr(r.started_on),
      endedOn: optStr(r.ended_on),
    }),
  );

  const dues = await byAssociation<TDuesDecisionFact>(
    q,
    perAssociation(
      'dues_decisions',
      'ref',
      'ref, assembly_date, made_by, secret_ballot, eligible, present, votes_for, tiers, floating, published, adopted, effective_from, superseded_on',
    ),
    ids,
    (r) => ({
      id: str(r.ref),
      assemblyDate: str(r.assembly_date),
      madeBy: r.made_by as TDuesDecisionFact['madeBy'],
      secretBallot: optBool(r.secret_ballot),
      eligible: optNum(r.eligible),
      present: optNum(r.present),
      votesFor: optNum(r.votes_for),
      tiers: tiersOf(r.tiers) ?? [],
      floating: Boolean(r.floating),
      published: Boolean(r.published),
      adopted: Boolean(r.adopted),
      effectiveFrom: optStr(r.effective_from),
      supersededOn: optStr(r.superseded_on),
    }),
  );

  const awards = await byAssociation<TAwardFact>(
    q,
    perAssociation('awards', 'ref', 'ref, name, approval_ref, started_on'),
    ids,
    (r) => ({
      id: str(r.ref),
      name: str(r.name),
      approvalRef: optStr(r.approval_ref),
      startedOn: optStr(r.started_on),
    }),
  );

  const reports = await byAssociation<TAnnualReportFact>(
    q,
    perAssociation('annual_reports', 'year', 'year, filed_on'),
    ids,
    (r) => ({
      year: Number(r.year),
      filedOn: optStr(r.filed_on),
    }),
  );

  const penalties = await byAssociation<TPenaltyFact>(
    q,
    perAssociation('penalties', 'ref', 'ref, kind, amount, decided_on'),
    ids,
    (r) => ({
      id: str(r.ref),
      kind: r.kind as TPenaltyFact['kind'],
      amount: optNum(r.amount),
      decidedOn: str(r.decided_on),
    }),
  );

  const rectifications = await byAssociation<TRectificationFact>(
    q,
    perAssociation('rectifications', 'ref', 'ref, ordered_on, due_on, completed_on'),
    ids,
    (r) => ({
      id: str(r.ref),
      orderedOn: str(r.ordered_on),
      dueOn: str(r.due_on),
      completedOn: optStr(r.completed_on),
    }),
  );

  const unreachable = await byAssociation<TUnreachableFact>(
    q,
    perAssociation('unreachable_records', 'ref', 'ref, verified_on, resolved_on'),
    ids,
    (r) => ({ id: str(r.ref), verifiedOn: str(r.verified_on), resolvedOn: optStr(r.resolved_on) }),
  );

  const courtDefaults = await byAssociation<TCourtDefaultFact>(
    q,
    perAssociation('court_defaults', 'ref', 'ref, listed_on, removed_on'),
    ids,
    (r) => ({ id: str(r.ref), listedOn: str(r.listed_on), removedOn: optStr(r.removed_on) }),
  );

  const credit = await byAssociation<TCreditEntryFact>(
    q,
    perAssociation(
      'credit_entries',
      'ref',
      'ref, list, ground, ground_on, listed_on, removed_on, obligation_fulfilled_on, removal_applied_on',
    ),
    ids,
    (r) => ({
      id: str(r.ref),
      list: r.list as TCreditEntryFact['list'],
      ground: r.ground as TCreditEntryFact['ground'],
      groundOn: optStr(r.ground_on),
      listedOn: str(r.listed_on),
      removedOn: optStr(r.removed_on),
      obligationFulfilledOn: optStr(r.obligation_fulfilled_on),
      removalAppliedOn: optStr(r.removal_applied_on),
    }),
  );

  const posts = await loadPosts(q, ids);

  const result: TLoadedFacts[] = [];
  for (const r of associationRows) {
    const id = Number(r.id);
    const scopeDecision: TScopeDecisionFact | null =
      r.scope_ref === null || r.scope_ref === undefined
        ? null
        : {
            kind: r.scope_kind as TScopeDecisionFact['kind'],
            outcome: r.scope_outcome as TScopeDecisionFact['outcome'],
            ref: str(r.scope_ref),
            decidedOn: str(r.scope_decided_on),
            reason: optStr(r.scope_reason),
          };
    const base = bases.get(id)?.[0];
    result.push({
      associationId: id,
      facts: {
        association: {
          uscc: str(r.uscc).trimEnd(),
          name: str(r.name),
          level: r.level as TAssociationFacts['association']['level'],
          regionCode: str(r.region_code).trimEnd(),
          registrationCategory: (r.registration_category as TRegistrationCategory | null) ?? 'social_group',
          membershipBasis: r.membership_basis as TMembershipBasis | null,
          memberCount: optNum(r.member_count),
          address: optStr(r.address),
          phone: optStr(r.phone),
          bankAccount: optStr(r.bank_account),
          status: r.status as TAssociationFacts['association']['status'],
          registeredOn: optStr(r.registered_on),
          deregisteredOn: optStr(r.deregistered_on),
          recordedSupervisingUnit: optStr(r.recorded_supervising_unit),
          scopeDecision,
        },
        organs,
        links: links.get(id) ?? [],
        case: cases.get(id)?.[0] ?? null,
        functions: functions.get(id) ?? [],
        finance: {
          base2015Appropriation: base?.base2015Appropriation ?? null,
          base2015RetireeFunding: base?.base2015RetireeFunding ?? null,
          years: years.get(id) ?? [],
        },
        charterAmendments: amendments.get(id) ?? [],
        institutions: institutions.get(id) ?? [],
        staff: staff.get(id) ?? [],
        party: party.get(id)?.[0] ?? null,
        foreignAffairs: foreign.get(id)?.[0] ?? null,
        feeItems: fees.get(id) ?? [],
        duesDecisions: dues.get(id) ?? [],
        awards: awards.get(id) ?? [],
        annualReports: reports.get(id) ?? [],
        penalties: penalties.get(id) ?? [],
        rectifications: rectifications.get(id) ?? [],
        unreachable: unreachable.get(id) ?? [],
        courtDefaults: courtDefaults.get(id) ?? [],
        creditEntries: credit.get(id) ?? [],
        posts: posts.get(id) ?? [],
      },
    });
  }
  return result;
}

/**
 * Posts of the associations with their holders. A holder's official status is a roster record of
 * `post_official_candidates`: the same keyed resident-ID hash or a reviewer's confirmation (confidence 1),
 * or a match of the latest matching run (its posterior), never a pair a reviewer rejected; when several rosters hold the person the
 * retired record (latest retirement) wins over left-office and serving ones, since retirement is the
 * later state. Other posts are loaded only for holders with a status: only the rules on officials
 * read them.
 */
async function loadPosts(q: Queryable, ids: readonly number[]): Promise<Map<number, TPostFact[]>> {
  const rows = await jsonRows(
    q,
    `SELECT p.id, p.association_id, p.role, p.branch_name, p.started_on, p.ended_on, p.term_number, p.remunerated,
            p.approval_ref, p.approval_date, ro.code AS recommended_by, pe.id AS person_id, pe.name AS person_name,
            pe.birth_date, r.status, r.retired_on, r.rank, r.source, r.record_key, r.match_confidence,
            COALESCE(r.organ_name, ok.name) AS organ_name, ok.kind AS organ_kind
     FROM posts AS p
     JOIN persons AS pe ON pe.id = p.person_id
     LEFT JOIN organs AS ro ON ro.id = p.recommended_by_organ_id
     LEFT JOIN LATERAL (
       SELECT rr.status, rr.retired_on, rr.rank, rr.source, rr.record_key, rr.organ_name, rr.organ_id,
              c.match_confidence
       FROM post_official_candidates AS c JOIN roster_records AS rr ON rr.id = c.roster_record_id
       WHERE c.post_id = p.id
       ORDER BY CASE rr.status WHEN 'retired' THEN 0 WHEN 'left_not_retired' THEN 1 ELSE 2 END,
                rr.retired_on DESC NULLS LAST, c.match_confidence DESC, rr.source, rr.record_key
       LIMIT 1
     ) AS r ON TRUE
     LEFT JOIN organs AS ok ON ok.id = r.organ_id
     WHERE p.association_id = ANY($1::bigint[])
     ORDER BY p.association_id, p.id`,
    [ids],
  );
  const postIds = rows.map((r) => Number(r.id));
  const { rows: approvalRows } = await q.query<TRow>(
    'SELECT post_id, kind, ref, date FROM post_approvals WHERE post_id = ANY($1::bigint[]) ORDER BY post_id, id',
    [postIds],
  );
  const approvals = groupBy<TApprovalFact>(
    approvalRows,
    (r) => ({ kind: r.kind as TApprovalFact['kind'], ref: str(r.ref), date: optStr(r.date) }),
    'post_id',
  );
  const officials = [...new Set(rows.filter((r) => r.status != null).map((r) => Number(r.person_id)))];
  const other = new Map<number, (TOtherPostFact & { associationId: number })[]>();
  if (officials.length > 0) {
    const { rows: otherRows } = await q.query<TRow>(
      `SELECT p.person_id, p.association_id, a.uscc, a.name, p.role, p.started_on, p.ended_on
       FROM posts AS p JOIN associations AS a ON a.id = p.association_id
       WHERE p.person_id = ANY($1::bigint[]) ORDER BY p.person_id, a.uscc, p.started_on, p.id`,
      [officials],
    );
    for (const [personId, list] of groupBy(
      otherRows,
      (r) => ({
        associationId: Number(r.association_id),
        associationUscc: str(r.uscc).trimEnd(),
        associationName: str(r.name),
        role: r.role as TOtherPostFact['role'],
        startedOn: optStr(r.started_on),
        endedOn: optStr(r.ended_on),
      }),
      'person_id',
    ))
      other.set(personId, list);
  }
  return groupBy<TPostFact>(rows, (r) => {
    const associationId = Number(r.association_id);
    const personId = Number(r.person_id);
    const own: TApprovalFact[] =
      r.approval_ref === null || r.approval_ref === undefined
        ? []
        : [{ kind: 'approval', ref: str(r.approval_ref), date: optStr(r.approval_date) }];
    return {
      id: str(r.id),
      role: r.role as TPostFact['role'],
      branchName: optStr(r.branch_name),
      startedOn: str(r.started_on),
      endedOn: optStr(r.ended_on),
      termNumber: optNum(r.term_number),
      remunerated: optBool(r.remunerated),
      approvals: [...own, ...(approvals.get(Number(r.id)) ?? [])],
      recommendedByOrganCode: optStr(r.recommended_by),
      person: {
        id: str(personId),
        name: str(r.person_name),
        birthDate: optStr(r.birth_date),
        status:
          r.status === null || r.status === undefined
            ? null
            : {
                status: r.status as NonNullable<TPostFact['person']['status']>['status'],
                retiredOn: optStr(r.retired_on),
                rank: r.rank as NonNullable<TPostFact['person']['status']>['rank'],
                organKind: (r.organ_kind ?? null) as NonNullable<TPostFact['person']['status']>['organKind'],
                organName: optStr(r.organ_name),
                source: str(r.source),
                recordKey: str(r.record_key),
                matchConfidence: Number(r.match_confidence),
              },
        otherPosts: (other.get(personId) ?? [])
          .filter((o) => o.associationId !== associationId)
          .map(({ associationId: _, ...rest }) => rest),
      },
    };
  });
}
