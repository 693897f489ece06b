import type { Db } from '../db/database.ts';
import {
  findBusiestAssociation,
  findBusiestNationalOrgan,
} from '../db/repositories/registry-read.repository.ts';
import { type TUserRole, usernameExists } from '../db/repositories/users.repository.ts';
import { createAccount } from './accounts.ts';

/** The one password of every demonstration account (documented in the README). */
export const DEMO_PASSWORD = 'demo-password-2026';

export type TDemoAccount = {
  username: string;
  role: TUserRole;
  displayName: string;
  /** What the account sees, in words. */
  scope: string;
  created: boolean;
};

type TDemoSpec = Omit<TDemoAccount, 'created'> & {
  scopeRegion?: string;
  scopeOrgan?: string;
  scopeAssociation?: string;
};

/**
 * Creates the demonstration accounts, one per role, scoped to what the database holds: the national
 * ministry with the most linked associations for `organ`, and the busiest association under it for
 * `association`. Accounts that exist already are left as they are, so calling it again is harmless.
 * Without organs or associations in the database those two accounts are skipped.
 */
export async function createDemoUsers(db: Db): Promise<TDemoAccount[]> {
  const organ = await findBusiestNationalOrgan(db);
  const association = await findBusiestAssociation(
    db,
    organ ? { kind: 'organ', organId: organ.id } : { kind: 'all' },
  );
  const specs: TDemoSpec[] = [
    {
      username: 'regulator',
      role: 'regulator',
      displayName: '全国社会组织登记管理机关',
      scope: '全国',
      scopeRegion: '100000',
    },
    {
      username: 'regulator-bj',
      role: 'regulator',
      displayName: '北京市民政局',
      scope: '北京市',
      scopeRegion: '110000',
    },
    {
      username: 'inspector',
      role: 'inspector',
      displayName: '执法检查人员',
      scope: '全国',
      scopeRegion: '100000',
    },
    { username: 'auditor', role: 'auditor', displayName: '纪检审计人员', scope: '全部（只读）' },
    { username: 'admin', role: 'admin', displayName: '系统管理员', scope: '全部' },
  ];
  if (organ) {
    specs.splice(2, 0, {
      username: 'organ',
      role: 'organ',
      displayName: organ.name,
      scope: organ.name,
      scopeOrgan: organ.code,
    });
  }
  if (association) {
    specs.splice(3, 0, {
      username: 'association',
      role: 'association',
      displayName: association.name,
      scope: association.name,
      scopeAssociation: association.uscc,
    });
  }
  const accounts: TDemoAccount[] = [];
  for (const spec of specs) {
    const exists = await usernameExists(db, spec.username);
    if (!exists) {
      await createAccount(db, {
        username: spec.username,
        displayName: spec.displayName,
        password: DEMO_PASSWORD,
        role: spec.role,
        scopeRegion: spec.scopeRegion,
        scopeOrgan: spec.scopeOrgan,
        scopeAssociation: spec.scopeAssociation,
        actor: { id: null, label: 'demo' },
      });
    }
    accounts.push({
      username: spec.username,
      role: spec.role,
      displayName: spec.displayName,
      scope: spec.scope,
      created: !exists,
    });
  }
  return accounts;
}
