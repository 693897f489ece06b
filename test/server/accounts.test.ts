import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../src/server/accounts.ts';
import { createDemoUsers, DEMO_PASSWORD } from '../../src/server/demo-users.ts';
import { openTestDatabase } from '../support/database.ts';
import {
  createAssociation,
  createLink,
  createOrgan,
  createPost,
  testProtector,
} from '../support/factories.ts';
import { call, createTestApp, login } from './support.ts';
import { buildWorld } from './world.ts';

let db: Awaited<ReturnType<typeof openTestDatabase>>;
const protector = testProtector();
const cli = { id: null, label: 'cli' };

beforeAll(async () => {
  db = await openTestDatabase();
  await buildWorld(db, protector);
});

afterAll(async () => {
  await db.drop();
});

describe('createAccount', () => {
  it('creates an account that can log in, and records the creation in the audit log', async () => {
    const { id } = await createAccount(db, {
      username: 'new-regulator',
      password: 'a-long-password',
      role: 'regulator',
      scopeRegion: '310000',
      actor: cli,
    });
    const app = createTestApp(db, protector);
    const session = await login(app, 'new-regulator', 'a-long-password');
    const me = (await (await call(app, '/api/auth/me', { session })).json()) as { user: { scope: unknown } };
    expect(me.user.scope).toEqual({ regionCode: '310000', regionName: '上海市' });
    const { rows } = await db.query<{ entity_id: string; detail: Record<string, unknown> }>(
      "SELECT entity_id, detail FROM audit_events WHERE action = 'user.create'",
    );
    expect(rows).toContainEqual(expect.objectContaining({ entity_id: String(id) }));
    expect(JSON.stringify(rows)).not.toContain('a-long-password');
  });

  it('refuses a short password, a role without its scope and a bad region, naming each', async () => {
    await expect(
      createAccount(db, {
        username: 'x1',
        password: 'short',
        role: 'inspector',
        scopeRegion: '999999',
        actor: cli,
      }),
    ).rejects.toThrow(
      /password: at least 10 characters; scope region: 999999 is not a GB\/T 2260 region code/,
    );
    await expect(
      createAccount(db, { username: 'x2', password: 'long-enough-1', role: 'organ', actor: cli }),
    ).rejects.toThrow('scope organ: required for the role organ');
  });

  it('refuses a taken username and a scope naming an unknown association, writing nothing', async () => {
    await expect(
      createAccount(db, { username: 'admin', password: 'long-enough-1', role: 'admin', actor: cli }),
    ).rejects.toMatchObject({ code: 'conflict' });
    await expect(
      createAccount(db, {
        username: 'ghost',
        password: 'long-enough-1',
        role: 'association',
        scopeAssociation: '51100000MA0000000X',
        actor: cli,
      }),
    ).rejects.toThrow('scope association: 51100000MA0000000X is not in the registry');
    const { rows } = await db.query("SELECT 1 FROM users WHERE username = 'ghost'");
    expect(rows).toHaveLength(0);
  });
});

describe('createDemoUsers', () => {
  it('scopes the organ account to the national ministry with the most links, and is idempotent', async () => {
    const busy = await createOrgan(db, { name: '国家另一部', regionCode: '100000' });
    for (let i = 0; i < 2; i++) {
      const association = await createAssociation(db, { name: `另一部主管协会${i}` });
      await createLink(db, { organCode: busy.code, associationUscc: association.uscc });
      if (i === 1) {
        await createPost(db, protector, { associationUscc: association.uscc });
        await createPost(db, protector, { associationUscc: association.uscc, role: 'secretary_general' });
      }
    }
    const accounts = await createDemoUsers(db);
    expect(accounts.map((a) => a.username)).toEqual([
      'regulator',
      'regulator-bj',
      'organ',
      'association',
      'inspector',
      'auditor',
      'admin',
    ]);
    expect(accounts.find((a) => a.username === 'organ')?.scope).toBe('国家另一部');
    expect(accounts.find((a) => a.username === 'association')?.scope).toBe('另一部主管协会1');
    // `admin` already existed in the fixture and is left alone.
    expect(accounts.find((a) => a.username === 'admin')?.created).toBe(false);

    const again = await createDemoUsers(db);
    expect(again.every((a) => !a.created)).toBe(true);

    const app = createTestApp(db, protector);
    const session = await login(app, 'association', DEMO_PASSWORD);
    const page = (await (await call(app, '/api/associations', { session })).json()) as {
      items: { name: string }[];
    };
    expect(page.items.map((i) => i.name)).toEqual(['另一部主管协会1']);
  });
});
