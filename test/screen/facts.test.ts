import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TAssociationFacts } from '../../src/core/policy/facts.ts';
import {
  loadFacts,
  loadOrganIndex,
  upsertAwards,
  upsertCases,
  upsertPostApprovals,
} from '../../src/db/repositories/facts.repository.ts';
import { listAssociationIds } from '../../src/db/repositories/findings.repository.ts';
import { upsertRosterRecords } from '../../src/db/repositories/registry.repository.ts';
import { openTestDatabase } from '../support/database.ts';
import {
  createAssociation,
  createLink,
  createOrgan,
  createPost,
  residentIdFor,
  testProtector,
} from '../support/factories.ts';
import { ALL_FACT_ROWS, type TFactRows, writeFactRows } from './support.ts';

let db: Awaited<ReturnType<typeof openTestDatabase>>;
const protector = testProtector();

beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

async function factsOf(uscc: string): Promise<TAssociationFacts> {
  const ids = await listAssociationIds(db, { kind: 'all' });
  const organs = await loadOrganIndex(db);
  const loaded = await loadFacts(db, { ids, organs });
  const found = loaded.find((l) => l.facts.association.uscc === uscc);
  if (!found) throw new Error(`no facts for ${uscc}`);
  return found.facts;
}

describe('facts round trip', () => {
  it('loads every fact table back into TAssociationFacts as written', async () => {
    const association = await createAssociation(db, { name: '测试机械行业协会', regionCode: '110105' });
    const rows: TFactRows = ALL_FACT_ROWS(association.uscc);
    await writeFactRows(db, rows);
    const facts = await factsOf(association.uscc);

    expect(facts.association).toMatchObject({
      uscc: association.uscc,
      name: '测试机械行业协会',
      regionCode: '110105',
      registrationCategory: rows.extras.registrationCategory,
      membershipBasis: rows.extras.membershipBasis,
      deregisteredOn: rows.extras.deregisteredOn,
      recordedSupervisingUnit: rows.extras.recordedSupervisingUnit,
      scopeDecision: {
        kind: rows.scopeDecision.kind,
        outcome: rows.scopeDecision.outcome,
        ref: rows.scopeDecision.ref,
        decidedOn: rows.scopeDecision.decidedOn,
        reason: rows.scopeDecision.reason,
      },
    });
    const strip = <T extends { associationUscc: string }>(r: T) => {
      const { associationUscc: _, ...rest } = r;
      return rest;
    };
    expect(facts.case).toEqual(strip(rows.case));
    expect(facts.functions).toEqual([strip(rows.function)]);
    expect(facts.finance).toEqual({
      base2015Appropriation: rows.financeBase.base2015Appropriation,
      base2015RetireeFunding: rows.financeBase.base2015RetireeFunding,
      years: rows.financeYears.map(strip),
    });
    expect(facts.charterAmendments).toEqual([strip(rows.charterAmendment)]);
    expect(facts.institutions).toEqual([strip(rows.institution)]);
    expect(facts.staff).toEqual([strip(rows.staff)]);
    expect(facts.party).toEqual(strip(rows.party));
    expect(facts.foreignAffairs).toEqual({ administeredByFormerOrgan: true });
    expect(facts.feeItems).toEqual([strip(rows.feeItem)]);
    expect(facts.duesDecisions).toEqual([strip(rows.duesDecision)]);
    expect(facts.awards).toEqual([strip(rows.award)]);
    expect(facts.annualReports).toEqual(rows.annualReports.map(strip));
    expect(facts.penalties).toEqual([strip(rows.penalty)]);
    expect(facts.rectifications).toEqual([strip(rows.rectification)]);
    expect(facts.unreachable).toEqual([strip(rows.unreachable)]);
    expect(facts.courtDefaults).toEqual([strip(rows.courtDefault)]);
    expect(facts.creditEntries).toEqual([strip(rows.creditEntry)]);
  });

  it('upserting the same facts again changes nothing, and a changed value is updated', async () => {
    const association = await createAssociation(db);
    const rows = ALL_FACT_ROWS(association.uscc);
    await writeFactRows(db, rows);
    const again = await db.transaction((tx) => upsertCases(tx, [rows.case]));
    expect(again).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
    const changed = await db.transaction((tx) =>
      upsertCases(tx, [{ ...rows.case, decoupledOn: '2018-03-01' }]),
    );
    expect(changed).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    expect((await factsOf(association.uscc)).case?.decoupledOn).toBe('2018-03-01');
  });

  it('refuses facts of an association that is not in the registry', async () => {
    const rows = ALL_FACT_ROWS('91110000MA00000000');
    await expect(db.transaction((tx) => upsertAwards(tx, [rows.award]))).rejects.toThrow(
      /unknown association/,
    );
  });

  it('gives a post holder the official status of the roster record with the same resident ID, and the other posts', async () => {
    const organ = await createOrgan(db, {
      name: '测试市发展改革委',
      regionCode: '110000',
      kind: 'government',
    });
    const own = await createAssociation(db, { name: '测试纺织行业协会', regionCode: '110105' });
    const other = await createAssociation(db, { name: '测试服装行业协会', regionCode: '110105' });
    const residentId = residentIdFor({ regionCode: '110105', birthDate: '1953-04-05' });
    const person = { name: '赵退休', residentId, sex: 'male' as const, birthDate: '1953-04-05' };
    await createPost(db, protector, {
      associationUscc: own.uscc,
      person,
      role: 'president',
      startedOn: '2019-01-01',
    });
    await createPost(db, protector, {
      associationUscc: other.uscc,
      person,
      role: 'vice_president',
      startedOn: '2020-01-01',
    });
    const bystander = await createPost(db, protector, {
      associationUscc: own.uscc,
      role: 'secretary_general',
      startedOn: '2019-01-01',
    });
    await db.transaction((tx) =>
      upsertRosterRecords(
        tx,
        [
          {
            source: 'retired-cadre-roster',
            recordKey: 'R-1',
            person,
            status: 'retired',
            retiredOn: '2013-05-01',
            organCode: organ.code,
            organName: null,
            rank: 'department',
          },
        ],
        protector,
      ),
    );
    await createLink(db, { organCode: organ.code, associationUscc: own.uscc });
    const { rows } = await db.query<{ id: number }>(
      `SELECT p.id FROM posts p JOIN associations a ON a.id = p.association_id WHERE a.uscc = $1 AND p.role = 'president'`,
      [own.uscc],
    );
    await db.transaction((tx) =>
      upsertPostApprovals(tx, [
        { postId: Number(rows[0]!.id), kind: 'special_approval', ref: '组干〔2019〕1号', date: '2018-12-20' },
      ]),
    );

    const facts = await factsOf(own.uscc);
    const president = facts.posts.find((p) => p.role === 'president')!;
    expect(president.person.status).toEqual({
      status: 'retired',
      retiredOn: '2013-05-01',
      rank: 'department',
      organKind: 'government',
      organName: '测试市发展改革委',
      source: 'retired-cadre-roster',
      recordKey: 'R-1',
      matchConfidence: 1,
    });
    expect(president.person.otherPosts).toEqual([
      {
        associationUscc: other.uscc,
        associationName: '测试服装行业协会',
        role: 'vice_president',
        startedOn: '2020-01-01',
        endedOn: null,
      },
    ]);
    expect(president.approvals).toEqual([
      { kind: 'special_approval', ref: '组干〔2019〕1号', date: '2018-12-20' },
    ]);
    const secretary = facts.posts.find((p) => p.person.name === bystander.person.name)!;
    expect(secretary.person.status).toBeNull();
    expect(facts.links).toHaveLength(1);
    expect(facts.links[0]).toMatchObject({ organCode: organ.code, kind: 'supervisor', endedOn: null });
    expect(facts.organs.byCode.get(organ.code)?.administrativeCode).toBe(organ.code);
  });

  it('loads associations without any extra facts with empty lists and defaults', async () => {
    const association = await createAssociation(db);
    const facts = await factsOf(association.uscc);
    expect(facts.association.registrationCategory).toBe('social_group');
    expect(facts.case).toBeNull();
    expect(facts.party).toBeNull();
    expect(facts.feeItems).toEqual([]);
    expect(facts.finance).toEqual({ base2015Appropriation: null, base2015RetireeFunding: null, years: [] });
  });

  it('loads any number of associations with the same number of queries (set-based, not one per association)', async () => {
    const organs = await loadOrganIndex(db);
    const ids = await listAssociationIds(db, { kind: 'all' });
    expect(ids.length).toBeGreaterThanOrEqual(4);
    const counting = () => {
      let count = 0;
      return {
        q: {
          query: (sql: string, params?: unknown[]) => {
            count += 1;
            return db.query(sql, params);
          },
          exec: db.exec,
        },
        count: () => count,
      };
    };
    const one = counting();
    await loadFacts(one.q as typeof db, { ids: ids.slice(0, 1), organs });
    const all = counting();
    const loaded = await loadFacts(all.q as typeof db, { ids, organs });
    expect(loaded.map((l) => l.associationId)).toEqual(ids);
    // The query for officials' other posts only runs when some post holder is an official.
    expect(all.count()).toBeLessThanOrEqual(one.count() + 1);
    expect(all.count()).toBeLessThanOrEqual(23);
  });
});
