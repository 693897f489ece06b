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
  /** Post whose holder (no resident ID) has two namesakes born the same day on the roster: a possible match. */
  possiblePostId: number;
  /** Post whose holder has the roster record's resident ID: an exact match. */
  exactPostId: number;
  /** The two namesakes' roster records, either of which the possible match may point at. */
  namesakeRecordIds: number[];
};

/**
 * A small registry for matching: one Beijing association with two post holders — one with the
 * resident ID of a serving official on the roster, one without an ID whose name and birth date two
 * serving officials share (the posterior splits between them: a possible match) — and fifty
 * unrelated roster records so the frequency weights have a roster to be measured against.
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
  // The namesakes' employer: a government organ not linked to the association, so it singles
  // neither out, while a serving division-level cadre of it holding a post is a PERS-1 case in or out
  // of the decoupling scope.
  const employer = await createOrgan(db, { name: `测试区交通运输局${regionCode}`, regionCode: '110000' });
  const exactId = residentIdFor({ regionCode: '110105', birthDate: '1966-02-11' });
  await createPost(db, protector, {
    associationUscc: association.uscc,
    person: { name: '欧阳修远', residentId: exactId, sex: 'male', birthDate: '1966-02-11' },
    role: 'vice_president',
  });
  await createPost(db, protector, {
    associationUscc: association.uscc,
    person: { name: '张建国', residentId: null, sex: null, birthDate: '1962-08-01' },
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
          organCode: employer.code,
          rank: 'division',
        },
        {
          source: 'civil-service-roster',
          recordKey: `S-${regionCode}-3`,
          person: {
            name: '张建国',
            residentId: residentIdFor({ regionCode: '110108', birthDate: '1962-08-01' }),
            sex: 'male',
            birthDate: '1962-08-01',
          },
          status: 'serving',
          organCode: employer.code,
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
    'SELECT id FROM roster_records WHERE record_key = ANY($1::text[]) ORDER BY id',
    [[`S-${regionCode}-1`, `S-${regionCode}-3`]],
  );
  return {
    associationUscc: association.uscc,
    organCode: organ.code,
    possiblePostId: Number(posts.find((p) => p.name === '张建国')!.id),
    exactPostId: Number(posts.find((p) => p.name === '欧阳修远')!.id),
    namesakeRecordIds: records.map((r) => Number(r.id)),
  };
}

export type TMatchFixtures = {
  runId: number;
  /** A possible match on a post of `uscc`, fresh for `username`, to confirm or reject. */
  resultFor: (username: string, uscc: string) => number;
  /** A decision in force on a post of `uscc`, fresh for `username`, to undo. */
  reviewFor: (username: string, uscc: string) => number;
};

/**
 * For the authorization matrix: one stored run with, per account and association, a possible match to
 * decide and a decided pair to undo, so that no request depends on another's outcome.
 */
export async function seedMatchFixtures(
  db: Db,
  protector: PersonalDataProtector,
  keys: readonly { key: string; uscc: string }[],
): Promise<TMatchFixtures> {
  await db.transaction((tx) =>
    upsertRosterRecords(
      tx,
      [
        {
          source: 'matrix-roster',
          recordKey: 'M-1',
          person: { name: '矩阵测试', residentId: null, sex: 'male', birthDate: '1961-01-01' },
          status: 'serving',
          rank: 'division',
        },
      ],
      protector,
    ),
  );
  const { rows: record } = await db.query<{ id: number }>(
    `SELECT id FROM roster_records WHERE source = 'matrix-roster' AND record_key = 'M-1'`,
  );
  const { rows: run } = await db.query<{ id: number }>(
    `INSERT INTO match_runs (started_by, started_at, finished_at, scope, inputs, state)
     VALUES ('matrix', now(), now(), '{"kind":"all"}', '{}', 'completed') RETURNING id`,
  );
  const runId = Number(run[0]!.id);
  const results = new Map<string, number>();
  const reviews = new Map<string, number>();
  let n = 0;
  for (const { key, uscc } of keys) {
    const postIds: number[] = [];
    for (const purpose of ['decide', 'undo']) {
      n += 1;
      const name = `矩阵${purpose === 'decide' ? '甲' : '乙'}${n}`;
      await createPost(db, protector, {
        associationUscc: uscc,
        person: { name, residentId: null, sex: 'male', birthDate: '1961-01-01' },
        role: 'director',
      });
      const { rows } = await db.query<{ id: number }>(
        `SELECT p.id FROM posts p JOIN persons pe ON pe.id = p.person_id WHERE pe.name = $1`,
        [name],
      );
      postIds.push(Number(rows[0]!.id));
    }
    const ids: number[] = [];
    for (const postId of postIds) {
      const { rows } = await db.query<{ id: number }>(
        `INSERT INTO match_results (run_id, post_id, roster_record_id, decision, probability, score, reasons, candidates, current)
         VALUES ($1, $2, $3, 'possible', 0.5, 0, '[]', 1, true) RETURNING id`,
        [runId, postId, record[0]!.id],
      );
      ids.push(Number(rows[0]!.id));
    }
    results.set(key, ids[0]!);
    const { rows: review } = await db.query<{ id: number }>(
      `INSERT INTO match_reviews (post_id, roster_record_id, result_id, decision, reason, reviewer, at)
       VALUES ($1, $2, $3, 'confirm', 'fixture', 'matrix', now()) RETURNING id`,
      [postIds[1], record[0]!.id, ids[1]],
    );
    reviews.set(key, Number(review[0]!.id));
  }
  return {
    runId,
    resultFor: (username, uscc) => results.get(`${username}|${uscc}`) ?? 0,
    reviewFor: (username, uscc) => reviews.get(`${username}|${uscc}`) ?? 0,
  };
}
