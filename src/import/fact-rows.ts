import type { TFactKind, TFactRecordOf } from './fact-formats.ts';
import { FORMATS, type TImportKind } from './formats.ts';

/** A cell as a writer of import files hands it over; `null` is an empty cell. */
export type TOutCell = string | number | boolean | null | undefined;

const tiers = (values: readonly number[] | null): string | null =>
  values === null || values.length === 0 ? null : values.join(';');

/**
 * The inverse of each fact format's `build`: a record as the cells of its file, by column key. Writers
 * of import files (the demo generator, exports) go through it, so that the files they write are the
 * files the importer reads.
 */
const FACT_CELLS: { [K in TFactKind]: (r: TFactRecordOf[K]) => Record<string, TOutCell> } = {
  association_extras: (r) => ({
    association_uscc: r.associationUscc,
    registration_category: r.registrationCategory,
    membership_basis: r.membershipBasis,
    deregistered_on: r.deregisteredOn,
    recorded_supervising_unit: r.recordedSupervisingUnit,
  }),
  scope_decisions: (r) => ({
    association_uscc: r.associationUscc,
    scope_decision_ref: r.ref,
    decision_kind: r.kind,
    outcome: r.outcome,
    decided_on: r.decidedOn,
    reason: r.reason,
  }),
  decoupling_cases: (r) => ({
    association_uscc: r.associationUscc,
    case_ref: r.id,
    batch: r.batch,
    jurisdiction: r.jurisdiction,
    listed_on: r.listedOn,
    plan_deadline: r.planDeadline,
    plan_approved_on: r.planApprovedOn,
    completion_deadline: r.completionDeadline,
    decoupled_on: r.decoupledOn,
    blocked_reason: r.blockedReason,
  }),
  functions: (r) => ({
    association_uscc: r.associationUscc,
    function_ref: r.id,
    function_name: r.name,
    function_kind: r.kind,
    origin: r.origin,
    handed_over_by_organ_code: r.handedOverByOrganCode,
    legal_basis: r.legalBasis,
    catalogue_entry: r.catalogueEntry,
    contract_ref: r.contractRef,
    published: r.published,
    tied_approval_organ_code: r.tiedApprovalOrganCode,
    started_on: r.startedOn,
    ended_on: r.endedOn,
  }),
  finance_bases: (r) => ({
    association_uscc: r.associationUscc,
    base_2015_appropriation: r.base2015Appropriation,
    base_2015_retiree_funding: r.base2015RetireeFunding,
  }),
  finance_years: (r) => ({
    association_uscc: r.associationUscc,
    fiscal_year: r.year,
    independent_account: r.independentAccount,
    separate_books: r.separateBooks,
    accounting_standard: r.accountingStandard,
    direct_appropriation: r.directAppropriation,
    placement_funds: r.placementFunds,
    office_in_administrative_space: r.officeInAdministrativeSpace,
    office_organ_code: r.officeOrganCode,
    vacated_on: r.vacatedOn,
    paid_use_agreement_ref: r.paidUseAgreementRef,
    state_assets_used: r.stateAssetsUsed,
    state_assets_registered_on: r.stateAssetsRegisteredOn,
  }),
  charter_amendments: (r) => ({
    association_uscc: r.associationUscc,
    amendment_ref: r.id,
    amended_on: r.amendedOn,
    filed_on: r.filedOn,
  }),
  institutions: (r) => ({
    association_uscc: r.associationUscc,
    institution_ref: r.id,
    institution_name: r.name,
    disposition: r.disposition,
    legal_person_cancelled_on: r.legalPersonCancelledOn,
    transferred_to: r.transferredTo,
  }),
  staff: (r) => ({
    association_uscc: r.associationUscc,
    staff_ref: r.id,
    staff_name: r.name,
    labour_contract: r.labourContract,
    social_insurance: r.socialInsurance,
    housing_fund: r.housingFund,
    on_establishment: r.onEstablishment,
    started_on: r.startedOn,
    ended_on: r.endedOn,
  }),
  party_organisations: (r) => ({
    association_uscc: r.associationUscc,
    organisation_exists: r.organisationExists,
    party_member_count: r.memberCount,
    relationship: r.relationship,
    transferred_on: r.transferredOn,
  }),
  foreign_affairs: (r) => ({
    association_uscc: r.associationUscc,
    administered_by_former_organ: r.administeredByFormerOrgan,
  }),
  fee_items: (r) => ({
    association_uscc: r.associationUscc,
    fee_ref: r.id,
    fee_name: r.name,
    fee_category: r.category,
    amount: r.amount,
    tiers: tiers(r.tiers),
    payer: r.payer,
    compulsory: r.compulsory,
    disguised_compulsory: r.disguisedCompulsory,
    obstructs_withdrawal: r.obstructsWithdrawal,
    services_provided: r.servicesProvided,
    covered_by_dues: r.coveredByDues,
    linked_function_ref: r.linkedFunctionId,
    linked_award_ref: r.linkedAwardId,
    collected_by: r.collectedBy,
    branch_name: r.branchName,
    standard_set_by: r.standardSetBy,
    published: r.published,
    pricing: r.pricing,
    priced_by_procedure: r.pricedByProcedure,
    kickback: r.kickback,
    legal_basis: r.legalBasis,
    dues_decision_ref: r.duesDecisionId,
    reference_amount: r.referenceAmount,
    complaint_count: r.complaintCount,
    started_on: r.startedOn,
    ended_on: r.endedOn,
  }),
  dues_decisions: (r) => ({
    association_uscc: r.associationUscc,
    dues_decision_ref: r.id,
    assembly_date: r.assemblyDate,
    made_by: r.madeBy,
    secret_ballot: r.secretBallot,
    eligible: r.eligible,
    present: r.present,
    votes_for: r.votesFor,
    tiers: tiers(r.tiers),
    floating: r.floating,
    published: r.published,
    adopted: r.adopted,
    effective_from: r.effectiveFrom,
    superseded_on: r.supersededOn,
  }),
  awards: (r) => ({
    association_uscc: r.associationUscc,
    award_ref: r.id,
    award_name: r.name,
    approval_ref: r.approvalRef,
    started_on: r.startedOn,
  }),
  annual_reports: (r) => ({ association_uscc: r.associationUscc, report_year: r.year, filed_on: r.filedOn }),
  penalties: (r) => ({
    association_uscc: r.associationUscc,
    penalty_ref: r.id,
    penalty_kind: r.kind,
    amount: r.amount,
    decided_on: r.decidedOn,
  }),
  rectifications: (r) => ({
    association_uscc: r.associationUscc,
    rectification_ref: r.id,
    ordered_on: r.orderedOn,
    due_on: r.dueOn,
    completed_on: r.completedOn,
  }),
  unreachable: (r) => ({
    association_uscc: r.associationUscc,
    unreachable_ref: r.id,
    verified_on: r.verifiedOn,
    resolved_on: r.resolvedOn,
  }),
  court_defaults: (r) => ({
    association_uscc: r.associationUscc,
    court_case_ref: r.id,
    defaulter_listed_on: r.listedOn,
    defaulter_removed_on: r.removedOn,
  }),
  credit_entries: (r) => ({
    association_uscc: r.associationUscc,
    credit_entry_ref: r.id,
    credit_list: r.list,
    ground: r.ground,
    ground_on: r.groundOn,
    listed_on: r.listedOn,
    removed_on: r.removedOn,
    obligation_fulfilled_on: r.obligationFulfilledOn,
    removal_applied_on: r.removalAppliedOn,
  }),
  post_approvals: (r) => ({
    association_uscc: r.associationUscc,
    person_name: r.person.name,
    resident_id: r.person.residentId,
    birth_date: r.person.birthDate,
    role: r.role,
    started_on: r.startedOn,
    approval_kind: r.kind,
    approval_doc_ref: r.ref,
    approval_doc_date: r.date,
  }),
};

/** The English headers of a kind of file, in template order: the header row writers use. */
export function headerKeys(kind: TImportKind): string[] {
  return FORMATS[kind].columns.map((column) => column.key);
}

/**
 * Cells by column key laid out in the order of the kind's columns. A key the format does not know is
 * a programming error (a renamed column), so it throws rather than writing a file that fails to import.
 */
export function rowCells(kind: TImportKind, cells: Record<string, TOutCell>): TOutCell[] {
  let layout = LAYOUTS.get(kind);
  if (!layout) {
    const keys = headerKeys(kind);
    layout = { keys, known: new Set(keys) };
    LAYOUTS.set(kind, layout);
  }
  for (const key in cells) {
    if (!layout.known.has(key)) throw new Error(`${kind} files have no column ${key}`);
  }
  return layout.keys.map((key) => cells[key] ?? null);
}

const LAYOUTS = new Map<TImportKind, { keys: string[]; known: Set<string> }>();

/** A fact record as the row of its import file, in column order. */
export function factRow<K extends TFactKind>(kind: K, record: TFactRecordOf[K]): TOutCell[] {
  return rowCells(kind, FACT_CELLS[kind](record));
}
