import type { Db, Queryable } from '../db/database.ts';
import { type AuditActor, appendAuditEvent } from '../db/repositories/audit.repository.ts';
import {
  type TPostApprovalRecord,
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
  upsertPostApprovals,
  upsertRectifications,
  upsertScopeDecisions,
  upsertStaff,
  upsertUnreachable,
} from '../db/repositories/facts.repository.ts';
import { lookupPostIds } from '../db/repositories/facts-import.repository.ts';
import {
  type UpsertCounts,
  upsertAssociations,
  upsertLinks,
  upsertOrgans,
  upsertPosts,
  upsertRosterRecords,
} from '../db/repositories/registry.repository.ts';
import type { PersonalDataProtector } from '../security/personal-data.ts';
import { generateDataset, type TPostApproval } from './dataset.ts';

/**
 * Loads the seeded demo dataset into the registry so that a first start shows a living system. The
 * whole load is one transaction with one audit event; loading the same seed again changes nothing
 * (every upsert is by natural key and skips unchanged rows) and records no event.
 */

export type LoadDemoDatasetOptions = {
  db: Db;
  protector: PersonalDataProtector;
  /** Only the demo scale loads straight into the database; the national one is written as files. */
  scale: 'demo';
  seed: number;
  actor?: AuditActor;
};

export type TDemoLoadResult = {
  seed: number;
  scale: 'demo';
  changed: boolean;
  organs: UpsertCounts;
  associations: UpsertCounts;
  links: UpsertCounts;
  posts: UpsertCounts;
  rosterRecords: UpsertCounts;
  /** The policy facts (cases, finance, fees, credit…), summed over their tables. */
  policyFacts: UpsertCounts;
  planted: number;
  /** Findings the truth expects a screening on the evaluation date to produce. */
  expectedFindings: number;
};

const sum = (counts: readonly UpsertCounts[]): UpsertCounts =>
  counts.reduce(
    (a, c) => ({
      inserted: a.inserted + c.inserted,
      updated: a.updated + c.updated,
      unchanged: a.unchanged + c.unchanged,
    }),
    { inserted: 0, updated: 0, unchanged: 0 },
  );

const DEMO_ACTOR: AuditActor = { id: null, label: 'demo-loader' };

/** Names each approval's post by its database id, found by the post's natural key. */
async function resolvePostApprovals(
  tx: Queryable,
  approvals: readonly TPostApproval[],
): Promise<TPostApprovalRecord[]> {
  const found = await lookupPostIds(
    tx,
    approvals.map((a) => ({
      associationUscc: a.associationUscc,
      idHash: null,
      name: a.personName,
      birthDate: a.birthDate,
      role: a.role,
      startedOn: a.startedOn,
    })),
  );
  return approvals.map((a, i) => {
    const ids = found.get(i) ?? [];
    if (ids.length !== 1) {
      throw new Error(`demo post approval ${a.ref}: ${ids.length} posts of ${a.personName} as ${a.role}`);
    }
    return { postId: ids[0]!, kind: a.kind, ref: a.ref, date: a.date };
  });
}

/** Generates the demo dataset for `seed` and upserts it in one transaction; returns the counts. */
export async function loadDemoDataset({
  db,
  protector,
  scale,
  seed,
  actor = DEMO_ACTOR,
}: LoadDemoDatasetOptions): Promise<TDemoLoadResult> {
  const dataset = generateDataset({ seed, scale });
  const posts = [...dataset.posts()];
  const rosters = [...dataset.servingRoster(), ...dataset.retiredRoster()];
  const facts = dataset.policyFacts();
  return db.transaction(async (tx) => {
    const organs = await upsertOrgans(tx, dataset.organs);
    const associations = await upsertAssociations(tx, dataset.associations);
    const links = await upsertLinks(tx, dataset.links);
    const postCounts = await upsertPosts(tx, posts, protector);
    const rosterRecords = await upsertRosterRecords(tx, rosters, protector);
    const policyFacts = sum([
      await upsertPostApprovals(tx, await resolvePostApprovals(tx, dataset.postApprovals)),
      await upsertAssociationExtras(tx, facts.extras),
      await upsertScopeDecisions(tx, facts.scopeDecisions),
      await upsertCases(tx, facts.cases),
      await upsertFunctions(tx, facts.functions),
      await upsertFinanceBases(tx, facts.financeBases),
      await upsertFinanceYears(tx, facts.financeYears),
      await upsertCharterAmendments(tx, facts.charterAmendments),
      await upsertInstitutions(tx, facts.institutions),
      await upsertStaff(tx, facts.staff),
      await upsertPartyOrganisations(tx, facts.party),
      await upsertForeignAffairs(tx, facts.foreignAffairs),
      await upsertFeeItems(tx, facts.feeItems),
      await upsertDuesDecisions(tx, facts.duesDecisions),
      await upsertAwards(tx, facts.awards),
      await upsertAnnualReports(tx, facts.annualReports),
      await upsertPenalties(tx, facts.penalties),
      await upsertRectifications(tx, facts.rectifications),
      await upsertUnreachable(tx, facts.unreachable),
      await upsertCourtDefaults(tx, facts.courtDefaults),
      await upsertCreditEntries(tx, facts.creditEntries),
    ]);
    const all = [organs, associations, links, postCounts, rosterRecords, policyFacts];
    const changed = all.some((c) => c.inserted > 0 || c.updated > 0);
    const result: TDemoLoadResult = {
      seed,
      scale,
      changed,
      organs,
      associations,
      links,
      posts: postCounts,
      rosterRecords,
      policyFacts,
      planted: dataset.truth.planted.length,
      expectedFindings: dataset.truth.findings.length,
    };
    if (changed) {
      await appendAuditEvent(tx, {
        actor,
        action: 'demo.load',
        entity: 'dataset',
        entityId: `${scale}:${seed}`,
        detail: {
          seed,
          scale,
          evaluationDate: dataset.evaluationDate,
          organs,
          associations,
          links,
          posts: postCounts,
          rosterRecords,
          policyFacts,
        },
      });
    }
    return result;
  });
}
