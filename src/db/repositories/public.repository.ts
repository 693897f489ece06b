import type { Queryable } from '../database.ts';

/**
 * Reads of the public portal beyond the registry record. Every statement names its columns: nothing
 * about persons, posts, staff or contacts can reach a public answer by a `SELECT *`.
 */

export type TPublicFeeRow = {
  ref: string;
  name: string;
  category: string;
  amount: number | null;
  tiers: number[] | null;
  payer: string;
  pricing: string | null;
  standardSetBy: string | null;
  legalBasis: string | null;
  startedOn: string | null;
  endedOn: string | null;
};

/** Fee items the association published, current ones first. */
export async function listPublishedFees(q: Queryable, associationId: number): Promise<TPublicFeeRow[]> {
  const { rows } = await q.query<TPublicFeeRow>(
    `SELECT ref, name, category, amount, tiers, payer, pricing, standard_set_by AS "standardSetBy",
            legal_basis AS "legalBasis", started_on AS "startedOn", ended_on AS "endedOn"
     FROM fee_items WHERE association_id = $1 AND published
     ORDER BY (ended_on IS NOT NULL), category, name`,
    [associationId],
  );
  return rows;
}

export type TPublicDuesRow = {
  ref: string;
  assemblyDate: string;
  madeBy: string;
  secretBallot: boolean | null;
  tiers: number[];
  floating: boolean;
  effectiveFrom: string | null;
  supersededOn: string | null;
};

/** Dues standards the association adopted and published, newest first. */
export async function listPublishedDues(q: Queryable, associationId: number): Promise<TPublicDuesRow[]> {
  const { rows } = await q.query<TPublicDuesRow>(
    `SELECT ref, assembly_date AS "assemblyDate", made_by AS "madeBy", secret_ballot AS "secretBallot", tiers,
            floating, effective_from AS "effectiveFrom", superseded_on AS "supersededOn"
     FROM dues_decisions WHERE association_id = $1 AND published AND adopted
     ORDER BY assembly_date DESC`,
    [associationId],
  );
  return rows;
}

export type TPublicCaseRow = {
  batch: string;
  state: string;
  listedOn: string | null;
  planDeadline: string | null;
  completionDeadline: string | null;
  decoupledOn: string | null;
};

/** The association's decoupling case, if it has one (the latest by listing). */
export async function findPublicCase(
  q: Queryable,
  associationId: number,
): Promise<TPublicCaseRow | undefined> {
  const { rows } = await q.query<TPublicCaseRow>(
    `SELECT batch, state, listed_on AS "listedOn", plan_deadline AS "planDeadline",
            completion_deadline AS "completionDeadline", decoupled_on AS "decoupledOn"
     FROM decoupling_cases WHERE association_id = $1 ORDER BY listed_on DESC NULLS LAST, id DESC LIMIT 1`,
    [associationId],
  );
  return rows[0];
}

/** Open findings of the association by rule family and severity (not yet resolved, not waived). */
export async function countOpenFindingsByFamily(
  q: Queryable,
  associationId: number,
): Promise<{ family: string; severity: string; n: number }[]> {
  const { rows } = await q.query<{ family: string; severity: string; n: number }>(
    `SELECT family, severity, count(*)::int AS n FROM findings
     WHERE association_id = $1 AND resolved_run_id IS NULL AND status IN ('open', 'acknowledged', 'appealed')
     GROUP BY family, severity`,
    [associationId],
  );
  return rows;
}

export type TImportedCreditRow = {
  ref: string;
  list: 'abnormal' | 'serious';
  ground: string;
  groundOn: string | null;
  listedOn: string;
  removedOn: string | null;
  obligationFulfilledOn: string | null;
};

/** Listings recorded before the credit ledger (imported credit facts; ledger mirrors start with `CR-`). */
export async function listImportedCreditEntries(
  q: Queryable,
  associationId: number,
): Promise<TImportedCreditRow[]> {
  const { rows } = await q.query<TImportedCreditRow>(
    `SELECT ref, list, ground, ground_on AS "groundOn", listed_on AS "listedOn", removed_on AS "removedOn",
            obligation_fulfilled_on AS "obligationFulfilledOn"
     FROM credit_entries WHERE association_id = $1 AND ref NOT LIKE 'CR-%' ORDER BY listed_on, id`,
    [associationId],
  );
  return rows;
}
