import type { TAssociationRecord, TOrganRecord, TPostRecord } from '../../src/core/registry/types.ts';
import type { Db } from '../../src/db/database.ts';
import type { PersonalDataProtector } from '../../src/security/personal-data.ts';
import {
  createAssociation,
  createLink,
  createOrgan,
  createPost,
  createUser,
  personIdOf,
  residentIdFor,
} from '../support/factories.ts';

/**
 * A small registry with two provinces and a national ministry, and one account per role:
 *
 *   ministry (national) ── ministryUnit ──(sponsor, ended 2018)── national
 *   beijingBureau (110000) ──(supervisor)── beijing (110105)
 *   shanghaiBureau (310000) ──(supervisor)── shanghai (310101)
 *
 * Regulator and inspector accounts are scoped to Beijing, the organ account to the ministry and the
 * association account to `beijing`, so each has something outside its jurisdiction.
 */
export type TWorld = Awaited<ReturnType<typeof buildWorld>>;

export async function buildWorld(db: Db, protector: PersonalDataProtector) {
  const ministry = await createOrgan(db, { name: '国家测试部', regionCode: '100000', level: 'national' });
  const ministryUnit = await createOrgan(db, {
    name: '国家测试部信息中心',
    kind: 'public_institution',
    isAdministrative: false,
    regionCode: '100000',
    level: 'national',
    parentCode: ministry.code,
  });
  const beijingBureau = await createOrgan(db, {
    name: '北京市测试局',
    regionCode: '110000',
    level: 'provincial',
  });
  const shanghaiBureau = await createOrgan(db, {
    name: '上海市测试局',
    regionCode: '310000',
    level: 'provincial',
  });

  const national = await createAssociation(db, {
    name: '中国钢铁工业协会',
    regionCode: '100000',
    level: 'national',
    industry: '冶金',
  });
  const beijing = await createAssociation(db, {
    name: '北京市软件行业协会',
    regionCode: '110105',
    level: 'municipal',
    industry: '软件',
  });
  const shanghai = await createAssociation(db, {
    name: '上海市纺织行业协会',
    regionCode: '310101',
    level: 'municipal',
    industry: '纺织',
  });

  await createLink(db, {
    organCode: ministryUnit.code,
    associationUscc: national.uscc,
    kind: 'sponsor',
    startedOn: '1999-01-01',
    endedOn: '2018-06-30',
  });
  await createLink(db, {
    organCode: beijingBureau.code,
    associationUscc: beijing.uscc,
    kind: 'supervisor',
    startedOn: '2005-01-01',
  });
  await createLink(db, {
    organCode: shanghaiBureau.code,
    associationUscc: shanghai.uscc,
    kind: 'supervisor',
    startedOn: '2006-01-01',
  });

  const nationalPost = await createPost(db, protector, {
    associationUscc: national.uscc,
    person: {
      name: '王建国',
      residentId: residentIdFor({ regionCode: '110101', birthDate: '1955-01-02' }),
      sex: 'male',
      birthDate: '1955-01-02',
    },
  });
  const beijingPost = await createPost(db, protector, {
    associationUscc: beijing.uscc,
    person: {
      name: '李秀英',
      residentId: residentIdFor({ regionCode: '110105', birthDate: '1962-07-08' }),
      sex: 'female',
      birthDate: '1962-07-08',
    },
  });
  const shanghaiPost = await createPost(db, protector, {
    associationUscc: shanghai.uscc,
    person: {
      name: '张伟',
      residentId: residentIdFor({ regionCode: '310101', birthDate: '1970-11-12' }),
      sex: 'male',
      birthDate: '1970-11-12',
    },
  });

  const accounts = {
    regulator: await createUser(db, { username: 'regulator-bj', role: 'regulator', scopeRegion: '110000' }),
    organ: await createUser(db, { username: 'organ-ministry', role: 'organ', scopeOrganCode: ministry.code }),
    association: await createUser(db, {
      username: 'association-bj',
      role: 'association',
      scopeAssociationUscc: beijing.uscc,
    }),
    inspector: await createUser(db, { username: 'inspector-bj', role: 'inspector', scopeRegion: '110000' }),
    auditor: await createUser(db, { username: 'auditor', role: 'auditor' }),
    admin: await createUser(db, { username: 'admin', role: 'admin' }),
  } as const;

  return {
    organs: { ministry, ministryUnit, beijingBureau, shanghaiBureau } satisfies Record<string, TOrganRecord>,
    associations: { national, beijing, shanghai } satisfies Record<string, TAssociationRecord>,
    posts: { national: nationalPost, beijing: beijingPost, shanghai: shanghaiPost } satisfies Record<
      string,
      TPostRecord
    >,
    persons: {
      national: await personIdOf(db, nationalPost),
      beijing: await personIdOf(db, beijingPost),
      shanghai: await personIdOf(db, shanghaiPost),
    },
    accounts,
  };
}
