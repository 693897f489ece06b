import type { Queryable } from '../db/database.ts';
import {
  upsertAnnualReports,
  upsertAssociationExtras,
  upsertAwards,
  upsertCases,
  upsertCharterAmendments,
  upsertCourtDefaults,
  upsertCreditEntries,
  upsertDuesDecisions,
  upsertFeeItems,
  upsertFinanceBases,
  upsertFinanceYears,
  upsertForeignAffairs,
  upsertFunctions,
  upsertInstitutions,
  upsertPartyOrganisations,
  upsertPenalties,
  upsertRectifications,
  upsertScopeDecisions,
  upsertStaff,
  upsertUnreachable,
} from '../db/repositories/facts.repository.ts';
import type { UpsertCounts } from '../db/repositories/registry.repository.ts';
import type { TFactKind, TFactRecordOf } from './fact-formats.ts';

type TAssociationFactKind = Exclude<TFactKind, 'post_approvals'>;

/** The upsert of each fact kind whose rows name only their association (approvals of posts aside). */
const UPSERTS: {
  [K in TAssociationFactKind]: (tx: Queryable, records: readonly TFactRecordOf[K][]) => Promise<UpsertCounts>;
} = {
  association_extras: upsertAssociationExtras,
  scope_decisions: upsertScopeDecisions,
  decoupling_cases: upsertCases,
  functions: upsertFunctions,
  finance_bases: upsertFinanceBases,
  finance_years: upsertFinanceYears,
  charter_amendments: upsertCharterAmendments,
  institutions: upsertInstitutions,
  staff: upsertStaff,
  party_organisations: upsertPartyOrganisations,
  foreign_affairs: upsertForeignAffairs,
  fee_items: upsertFeeItems,
  dues_decisions: upsertDuesDecisions,
  awards: upsertAwards,
  annual_reports: upsertAnnualReports,
  penalties: upsertPenalties,
  rectifications: upsertRectifications,
  unreachable: upsertUnreachable,
  court_defaults: upsertCourtDefaults,
  credit_entries: upsertCreditEntries,
};

export function isAssociationFactKind(kind: string): kind is TAssociationFactKind {
  return Object.hasOwn(UPSERTS, kind);
}

/** Writes a batch of one fact kind by natural key; unchanged rows are counted, not rewritten. */
export function writeAssociationFacts<K extends TAssociationFactKind>(
  tx: Queryable,
  kind: K,
  records: readonly TFactRecordOf[K][],
): Promise<UpsertCounts> {
  return (UPSERTS[kind] as (tx: Queryable, records: readonly TFactRecordOf[K][]) => Promise<UpsertCounts>)(
    tx,
    records,
  );
}
