import type { Db } from '../../src/db/database.ts';
import { upsertRosterRecords } from '../../src/db/repositories/registry.repository.ts';
import type { PersonalDataProtector } from '../../src/security/personal-data.ts';
import {
  createAssociation,
  createLink,
  createOrgan,
  createPost,
  residentIdFor,
} from '../support/factories.ts';

export type TMatchWorld = {
  associationUscc: string;
  organCode: string;
  /** Post whose holder (no resident ID, month and day of birth exchanged) is a possible match. */
  possiblePostId: number;
  /** Post whose holder has the roster record's resident ID: an exact match. */
  exactPostId: number;
  /** Roster record of the serving official the possible match points at. */
  possibleRecordId: number;
};

/**
 * A small registry for matching: one Beijing association with two post holders, a serving official
 * on the roster for each, and fifty unrelated roster records so the frequency weights have a roster
 * to be measured against.
 */
export async function buildMatchWorld(
  db: Db,
  protector: PersonalDataProtector,
  options: { regionCode?: string } = {},
): Promise<TMatchWorld> {
  const regionCode = options.regionCode ?? '110105';
  const organ = await createOrgan(db, { name: `测试区发展改革委${regionCode}`, regionCode: '110000' });
  const association = await createAssociation(db, { name: `测试机械行业协会${regionCode}`, regionCode });
  await createLink(db, { organCode: organ.code, associationUscc: association.uscc });
  const exactId = residentIdFor({ regionCode: '110105', birthDate: '1966-02-11' });
  await createPost(db, protector, {
    associationUscc: association.uscc,
    person: { name: '欧阳修远', residentId: exactId, sex: 'male', birthDate: '1966-02-11' },
    role: 'vice_president',
  });
  await createPost(db, protector, {
    associationUscc: association.uscc,
    person: { name: '张建国', residentId: null, sex: null, birthDate: '1962-01-08' },
    role: 'president',
  });
  const filler = Array.from({ length: 50 }, (_, i) => ({
    source: 'civil-service-roster',
    recordKey: `F-${regionCode}-${i}`,
    person: {
      name: `路人${'甲乙丙丁戊己庚辛壬癸'[i % 10]}${i}`,
      residentId: residentIdFor({ regionCode: '110105', birthDate: '1960-01-01' }),
      sex: 'male' as const,
      birthDate: '1960-01-01',
    },
    status: 'serving' as const,
    rank: 'none' as const,
  }));
  await db.transaction((tx) =>
    upsertRosterRecords(
      tx,
      [
        {
          source: 'civil-service-roster',
          recordKey: `S-${regionCode}-1`,
          person: {
            name: '张建国',
            residentId: residentIdFor({ regionCode: '110105', birthDate: '1962-08-01' }),
            sex: 'male',
            birthDate: '1962-08-01',
          },
          status: 'serving',
          // No employer on the record: an organ linked to the association would make it a match.
          organCode: null,
          rank: 'division',
        },
        {
          source: 'civil-service-roster',
          recordKey: `S-${regionCode}-2`,
          person: { name: '欧阳修远', residentId: exactId, sex: 'male', birthDate: '1966-02-11' },
          status: 'serving',
          organCode: organ.code,
          rank: 'division',
        },
        ...filler,
      ],
      protector,
    ),
  );
  const { rows: posts } = await db.query<{ id: number; name: string }>(
    `SELECT p.id, pe.name FROM posts p JOIN persons pe ON pe.id = p.person_id
     JOIN associations a ON a.id = p.association_id WHERE a.uscc = $1`,
    [association.uscc],
  );
  const { rows: records } = await db.query<{ id: number }>(
    'SELECT id FROM roster_records WHERE record_key = $1',
    [`S-${regionCode}-1`],
  );
  return {
    associationUscc: association.uscc,
    organCode: organ.code,
    possiblePostId: Number(posts.find((p) => p.name === '张建国')!.id),
    exactPostId: Number(posts.find((p) => p.name === '欧阳修远')!.id),
    possibleRecordId: Number(records[0]!.id),
  };
}
