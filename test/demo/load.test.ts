import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/db/repositories/audit.repository.ts';
import { generateDataset, type TDataset } from '../../src/demo/dataset.ts';
import { loadDemoDataset, type TDemoLoadResult } from '../../src/demo/load.ts';
import { createPersonalDataProtector } from '../../src/security/personal-data.ts';
import { openTestDatabase } from '../support/database.ts';

const protector = createPersonalDataProtector('cd'.repeat(32));
const SEED = 2015;

type TSnapshot = Record<string, { rows: number; lastUpdate: string | null }>;

/** The policy-fact tables the demo fills, with the dataset's record list for each. */
const POLICY_TABLES = [
  'association_extras',
  'scope_decisions',
  'decoupling_cases',
  'association_functions',
  'finance_bases',
  'finance_years',
  'charter_amendments',
  'subordinate_institutions',
  'staff_members',
  'party_organisations',
  'foreign_affairs',
  'fee_items',
  'dues_decisions',
  'awards',
  'annual_reports',
  'penalties',
  'rectifications',
  'unreachable_records',
  'court_defaults',
  'credit_entries',
] as const;

describe('loading the demo dataset', () => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  let dataset: TDataset;
  let first: TDemoLoadResult;

  const snapshot = async (): Promise<TSnapshot> => {
    const out: TSnapshot = {};
    for (const table of [
      'organs',
      'associations',
      'organ_links',
      'persons',
      'posts',
      'roster_records',
      ...POLICY_TABLES,
    ]) {
      const { rows } = await db.query<{ rows: number; last: string | null }>(
        `SELECT count(*)::int AS rows, max(updated_at)::text AS last FROM ${table}`,
      );
      out[table] = { rows: rows[0]!.rows, lastUpdate: rows[0]!.last };
    }
    return out;
  };

  beforeAll(async () => {
    db = await openTestDatabase();
    dataset = generateDataset({ seed: SEED, scale: 'demo' });
    first = await loadDemoDataset({ db, protector, scale: 'demo', seed: SEED });
  }, 300_000);
  afterAll(async () => {
    await db?.drop();
  });

  it('inserts every generated record in one go and reports the counts', async () => {
    const { counts } = dataset.truth;
    expect(first.changed).toBe(true);
    expect(first.organs.inserted).toBe(counts.organs);
    expect(first.associations.inserted).toBe(counts.associations);
    expect(first.links.inserted).toBe(counts.links);
    expect(first.posts.inserted).toBe(counts.posts);
    expect(first.rosterRecords.inserted).toBe(counts.servingRoster + counts.retiredRoster);
    const now = await snapshot();
    expect(now.associations!.rows).toBe(counts.associations);
    expect(now.posts!.rows).toBe(counts.posts);
    expect(now.roster_records!.rows).toBe(counts.servingRoster + counts.retiredRoster);
  });

  it('loads the policy facts of every kind in the same transaction', async () => {
    const facts = dataset.policyFacts();
    const lists = [
      facts.extras,
      facts.scopeDecisions,
      facts.cases,
      facts.functions,
      facts.financeBases,
      facts.financeYears,
      facts.charterAmendments,
      facts.institutions,
      facts.staff,
      facts.party,
      facts.foreignAffairs,
      facts.feeItems,
      facts.duesDecisions,
      facts.awards,
      facts.annualReports,
      facts.penalties,
      facts.rectifications,
      facts.unreachable,
      facts.courtDefaults,
      facts.creditEntries,
    ];
    const total = lists.reduce((n, list) => n + list.length, 0) + dataset.postApprovals.length;
    expect(first.policyFacts.inserted).toBe(total);
    const { rows } = await db.query<{ kind: string; n: number }>(
      'SELECT kind, count(*)::int AS n FROM post_approvals GROUP BY kind ORDER BY kind',
    );
    expect(rows).toEqual([
      { kind: 'filing', n: dataset.postApprovals.filter((a) => a.kind === 'filing').length },
      {
        kind: 'special_approval',
        n: dataset.postApprovals.filter((a) => a.kind === 'special_approval').length,
      },
    ]);
    const now = await snapshot();
    POLICY_TABLES.forEach((table, k) => {
      expect(lists[k]!.length, table).toBeGreaterThan(0);
      expect(now[table]!.rows, table).toBe(lists[k]!.length);
    });
    expect(first.expectedFindings).toBe(dataset.truth.findings.length);
  });

  it('records one audit event for the load, on an intact chain', async () => {
    const { rows } = await db.query<{ action: string; entity_id: string }>(
      'SELECT action, entity_id FROM audit_events ORDER BY seq',
    );
    expect(rows).toEqual([{ action: 'demo.load', entity_id: `demo:${SEED}` }]);
    expect(await verifyAuditChain(db)).toEqual({ ok: true, events: 1 });
  });

  it('stores resident IDs only hashed, encrypted and masked', async () => {
    const someId = dataset.truth.planted.find((c) => c.subject.kind === 'post' && c.subject.post.residentId);
    const id = someId?.subject.kind === 'post' ? someId.subject.post.residentId! : '';
    const { rows } = await db.query<{ id_hash: string; id_masked: string; id_cipher: string }>(
      'SELECT id_hash, id_masked, id_cipher FROM persons WHERE id_hash = $1',
      [protector.hash(id)],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id_masked).not.toContain(id.slice(6, 14));
    expect(protector.decrypt(rows[0]!.id_cipher)).toBe(id);
    const { rows: clear } = await db.query('SELECT 1 FROM persons WHERE id_masked = $1 OR name = $1', [id]);
    expect(clear).toHaveLength(0);
  });

  it('lets a PERS-1 case be found in the database by keyed ID hash', async () => {
    const { rows } = await db.query<{ uscc: string; record_key: string }>(
      `SELECT a.uscc, r.record_key
         FROM posts p
         JOIN persons pe ON pe.id = p.person_id
         JOIN associations a ON a.id = p.association_id
         JOIN roster_records r ON r.id_hash = pe.id_hash
        WHERE r.status IN ('serving', 'left_not_retired')`,
    );
    const expected = dataset.truth.planted
      .filter((c) => c.rule === 'PERS-1')
      .map((c) => (c.subject.kind === 'post' ? `${c.associationUscc}|${c.subject.roster.recordKey}` : ''));
    expect(rows.map((r) => `${r.uscc}|${r.record_key}`).sort()).toEqual(expected.sort());
  });

  it('changes nothing and records no event when the same seed is loaded again', async () => {
    const before = await snapshot();
    const second = await loadDemoDataset({ db, protector, scale: 'demo', seed: SEED });
    expect(second.changed).toBe(false);
    for (const counts of [
      second.organs,
      second.associations,
      second.links,
      second.posts,
      second.rosterRecords,
      second.policyFacts,
    ]) {
      expect(counts.inserted).toBe(0);
      expect(counts.updated).toBe(0);
    }
    expect(await snapshot()).toEqual(before);
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_events');
    expect(rows[0]!.n).toBe(1);
  }, 300_000);
});
