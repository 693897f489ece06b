import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDashboardDemo } from '../../src/demo/seed-dashboard.ts';
import { openTestDatabase } from '../support/database.ts';
import { createAssociation } from '../support/factories.ts';

let db: Awaited<ReturnType<typeof openTestDatabase>>;

beforeAll(async () => {
  db = await openTestDatabase();
  await createAssociation(db);
});
afterAll(async () => {
  await db?.drop();
});

describe('the dashboard demo data', () => {
  it('screens a demo without a screening run once, and leaves one that has runs alone', async () => {
    const runs = async () =>
      Number((await db.query<{ n: number }>('SELECT count(*) AS n FROM screening_runs')).rows[0]!.n);
    await seedDashboardDemo({ db, today: '2020-12-31' });
    expect(await runs()).toBe(1);
    const { rows } = await db.query<{ status: string; as_of: string }>(
      'SELECT status, as_of FROM screening_runs',
    );
    expect(rows[0]).toEqual({ status: 'completed', as_of: '2020-12-31' });
    await seedDashboardDemo({ db, today: '2021-01-01' });
    expect(await runs()).toBe(1);
  });
});
