import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCasesDemo } from '../../src/demo/seed-cases.ts';
import { createDemoUsers } from '../../src/server/demo-users.ts';
import { buildWorld } from '../server/world.ts';
import { openTestDatabase } from '../support/database.ts';
import { testProtector } from '../support/factories.ts';

let db: Awaited<ReturnType<typeof openTestDatabase>>;

beforeAll(async () => {
  db = await openTestDatabase();
  await buildWorld(db, testProtector());
  await createDemoUsers(db);
});

afterAll(async () => {
  await db.drop();
});

describe('demo cases', () => {
  it('puts cases in every state through the workflow, with history, files and notices, once', async () => {
    await seedCasesDemo(db);
    const states = await db.query<{ state: string }>(
      "SELECT DISTINCT state FROM decoupling_cases WHERE ref LIKE 'DEMO-%' ORDER BY state",
    );
    expect(states.rows.map((r) => r.state)).toEqual([
      'blocked',
      'decoupled',
      'executing',
      'exempt',
      'listed',
      'plan_drafted',
      'plan_returned',
      'plan_submitted',
      'verification',
    ]);
    const facts = await db.query<{
      decoupled_on: string | null;
      blocked_reason: string | null;
      state: string;
    }>(
      "SELECT decoupled_on, blocked_reason, state FROM decoupling_cases WHERE state IN ('decoupled', 'blocked') AND ref LIKE 'DEMO-%'",
    );
    for (const row of facts.rows) {
      if (row.state === 'decoupled') expect(row.decoupled_on).not.toBeNull();
      else expect(row.blocked_reason).toBe('policy_gap');
    }
    const counts = async () =>
      (
        await db.query<{ cases: number; events: number; files: number; notices: number }>(
          `SELECT (SELECT count(*)::int FROM decoupling_cases) AS cases, (SELECT count(*)::int FROM case_events) AS events,
                  (SELECT count(*)::int FROM case_evidence) AS files, (SELECT count(*)::int FROM notifications) AS notices`,
        )
      ).rows[0]!;
    const first = await counts();
    expect(first.files).toBeGreaterThan(20);
    expect(first.notices).toBeGreaterThan(0);
    await seedCasesDemo(db);
    expect(await counts()).toEqual(first);
  });
});
