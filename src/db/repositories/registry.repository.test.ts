import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/support/database.ts';
import { composeUscc } from '../../core/ids/uscc.ts';
import type {
  TAssociationRecord,
  TOrganRecord,
  TPostRecord,
  TRosterRecord,
} from '../../core/registry/types.ts';
import { createPersonalDataProtector } from '../../security/personal-data.ts';
import {
  lookupIds,
  MissingReferenceError,
  upsertAssociations,
  upsertLinks,
  upsertOrgans,
  upsertPosts,
  upsertRosterRecords,
} from './registry.repository.ts';

const protector = createPersonalDataProtector('ab'.repeat(32));
const uscc = composeUscc('5', '1', '100000', 'MJ000001');

const association: TAssociationRecord = {
  uscc,
  name: '中国示例行业协会',
  level: 'national',
  regionCode: '100000',
  status: 'active',
};
const organs: TOrganRecord[] = [
  {
    code: 'ORG-UNIT',
    name: '示例部信息中心',
    kind: 'public_institution',
    isAdministrative: false,
    level: 'national',
    regionCode: '100000',
    parentCode: 'ORG-MIN',
  },
  {
    code: 'ORG-MIN',
    name: '示例部',
    kind: 'government',
    isAdministrative: true,
    level: 'national',
    regionCode: '100000',
  },
];
const post: TPostRecord = {
  associationUscc: uscc,
  person: { name: '张三', residentId: '11010519491231002X', sex: 'female', birthDate: '1949-12-31' },
  role: 'vice_president',
  startedOn: '2020-01-01',
};

describe('registry repository', () => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(() => db.drop());

  it('inserts, then leaves unchanged rows alone on a second upsert', async () => {
    const first = await db.transaction(async (tx) => {
      const a = await upsertAssociations(tx, [association]);
      const o = await upsertOrgans(tx, organs);
      return { a, o };
    });
    expect(first.a).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
    expect(first.o.inserted).toBe(2);
    const second = await db.transaction(async (tx) => ({
      a: await upsertAssociations(tx, [association]),
      o: await upsertOrgans(tx, organs),
    }));
    expect(second.a).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
    expect(second.o).toEqual({ inserted: 0, updated: 0, unchanged: 2 });
    const changed = await db.transaction((tx) =>
      upsertAssociations(tx, [{ ...association, phone: '010-1234' }]),
    );
    expect(changed).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
  });

  it('resolves an organ parent given later in the same batch', async () => {
    const { rows } = await db.query<{ parent: string }>(
      "SELECT p.code AS parent FROM organs o JOIN organs p ON p.id = o.parent_id WHERE o.code = 'ORG-UNIT'",
    );
    expect(rows[0]?.parent).toBe('ORG-MIN');
  });

  it('refuses a link to an unknown organ and writes nothing', async () => {
    await expect(
      db.transaction((tx) =>
        upsertLinks(tx, [
          { organCode: 'NOPE', associationUscc: uscc, kind: 'host', startedOn: '2010-01-01' },
        ]),
      ),
    ).rejects.toBeInstanceOf(MissingReferenceError);
    expect((await db.query('SELECT * FROM organ_links')).rows).toHaveLength(0);
  });

  it('stores a post holder without the resident ID in clear', async () => {
    const counts = await db.transaction((tx) => upsertPosts(tx, [post], protector));
    expect(counts.inserted).toBe(1);
    const again = await db.transaction((tx) => upsertPosts(tx, [post], protector));
    expect(again).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
    const { rows } = await db.query<Record<string, string>>('SELECT * FROM persons');
    expect(JSON.stringify(rows)).not.toContain('11010519491231002X');
    expect(rows[0]!.id_masked).toBe('110***********002X');
    expect(protector.decrypt(rows[0]!.id_cipher!)).toBe('11010519491231002X');
  });

  it('keys roster records by source and record key', async () => {
    const roster: TRosterRecord = {
      source: 'retired-2026',
      recordKey: 'R1',
      person: { name: '张三', residentId: '11010519491231002X', birthDate: '1949-12-31' },
      status: 'retired',
      retiredOn: '2010-01-01',
      organCode: 'ORG-MIN',
      rank: 'department',
    };
    expect(await db.transaction((tx) => upsertRosterRecords(tx, [roster], protector))).toEqual({
      inserted: 1,
      updated: 0,
      unchanged: 0,
    });
    expect(await db.transaction((tx) => upsertRosterRecords(tx, [roster], protector))).toEqual({
      inserted: 0,
      updated: 0,
      unchanged: 1,
    });
    const { rows } = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM roster_records r JOIN persons p ON p.id_hash = r.id_hash',
    );
    expect(rows[0]!.n).toBe(1);
  });

  it('encrypts the resident ID of a new person only, not again when the person is already stored', async () => {
    let encryptions = 0;
    const counting = {
      ...protector,
      encrypt: (value: string) => {
        encryptions += 1;
        return protector.encrypt(value);
      },
    };
    const holder = {
      name: '王五',
      residentId: '110105195001010014',
      sex: 'male',
      birthDate: '1950-01-01',
    } as const;
    const twoPosts: TPostRecord[] = [
      { associationUscc: uscc, person: holder, role: 'director', startedOn: '2021-01-01' },
      { associationUscc: uscc, person: holder, role: 'supervisor', startedOn: '2021-01-01' },
    ];
    expect(await db.transaction((tx) => upsertPosts(tx, twoPosts, counting))).toEqual({
      inserted: 2,
      updated: 0,
      unchanged: 0,
    });
    expect(encryptions).toBe(1);
    const cipher = async () =>
      (await db.query<{ id_cipher: string }>("SELECT id_cipher FROM persons WHERE name = '王五'")).rows;
    const stored = await cipher();
    const third: TPostRecord = {
      associationUscc: uscc,
      person: holder,
      role: 'honorary',
      startedOn: '2022-01-01',
    };
    expect(await db.transaction((tx) => upsertPosts(tx, [...twoPosts, third], counting))).toEqual({
      inserted: 1,
      updated: 0,
      unchanged: 2,
    });
    expect(encryptions).toBe(1);
    expect(await cipher()).toEqual(stored);
  });

  it('looks up ids by natural key, leaving out keys found nowhere and reusing ids already known', async () => {
    const ids = await lookupIds(db, 'organs', ['ORG-MIN', 'NOPE', null]);
    expect([...ids.keys()]).toEqual(['ORG-MIN']);
    const known = new Map([['ORG-ELSEWHERE', 424242]]);
    const again = await lookupIds(db, 'organs', ['ORG-MIN', 'ORG-ELSEWHERE'], known);
    expect(again.get('ORG-ELSEWHERE')).toBe(424242);
    expect(again.get('ORG-MIN')).toBe(ids.get('ORG-MIN'));
  });
});
