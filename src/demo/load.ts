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
  if (approvals.length === 0) return [];
  const { rows } = await tx.query<{
    id: number;
    uscc: string;
    name: string;
    birth: string;
    role: string;
    started: string;
  }>(
    `SELECT p.id, a.uscc, pe.name, pe.birth_date AS birth, p.role, p.started_on AS started
     FROM posts AS p JOIN persons AS pe ON pe.id = p.person_id JOIN associations AS a ON a.id = p.association_id
     WHERE a.uscc = ANY($1::text[])`,
    [[...new Set(approvals.map((a) => a.associationUscc))]],
  );
  const ids = new Map(
    rows.map((r) => [
      `${String(r.uscc).trimEnd()}|${r.name}|${r.birth}|${r.role}|${r.started}`,
      Number(r.id),
    ]),
  );
  return approvals.map((a) => {
    const key = `${a.associationUscc}|${a.personName}|${a.birthDate}|${a.role}|${a.startedOn}`;
    const postId = ids.get(key);
    if (postId === undefined) throw new Error(`demo post approval ${a.ref}: no post ${key}`);
    return { postId, kind: a.kind, ref: a.ref, date: a.date };
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
