import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduleDailyJobs, serverDailyJobs } from '../../src/jobs/daily.ts';
import { openTestDatabase } from '../support/database.ts';

/** A clock the test moves by hand. */
function clock(start: string) {
  let at = new Date(start);
  return { now: () => at, set: (iso: string) => (at = new Date(iso)) };
}

/** Lets the scheduler's timer fire (a 5 ms interval) and waits for the pass it started. */
async function nextCheck(schedule: { idle: () => Promise<void> }) {
  await new Promise((resolve) => setTimeout(resolve, 20));
  await schedule.idle();
}

describe('the daily jobs of the server', () => {
  it('runs each job once per date, in order, and the new day at the first check after midnight', async () => {
    const time = clock('2026-09-30T23:00:00Z');
    const ran: string[] = [];
    const schedule = scheduleDailyJobs({
      jobs: ['credit', 'notices', 'open-data'].map((name) => ({
        name,
        run: async (asOf: string) => void ran.push(`${name} ${asOf}`),
      })),
      now: time.now,
      intervalMs: 5,
    });
    await schedule.idle();
    await nextCheck(schedule);
    await nextCheck(schedule);
    expect(ran).toEqual(['credit 2026-09-30', 'notices 2026-09-30', 'open-data 2026-09-30']);
    time.set('2026-10-01T00:10:00Z');
    await nextCheck(schedule);
    schedule.stop();
    expect(ran.slice(3)).toEqual(['credit 2026-10-01', 'notices 2026-10-01', 'open-data 2026-10-01']);
  });

  it('tries a failed job again at the next check, and still runs the jobs after it', async () => {
    let failures = 1;
    const ran: string[] = [];
    const errors: string[] = [];
    const schedule = scheduleDailyJobs({
      jobs: [
        {
          name: 'flaky',
          run: async (asOf) => {
            if (failures-- > 0) throw new Error('database restarting');
            ran.push(`flaky ${asOf}`);
          },
        },
        { name: 'after', run: async (asOf) => void ran.push(`after ${asOf}`) },
      ],
      now: () => new Date('2026-10-08T08:00:00Z'),
      intervalMs: 5,
      onError: (job, asOf, error) => errors.push(`${job} ${asOf} ${(error as Error).message}`),
    });
    await schedule.idle();
    expect(ran).toEqual(['after 2026-10-08']);
    expect(errors).toEqual(['flaky 2026-10-08 database restarting']);
    await nextCheck(schedule);
    await nextCheck(schedule);
    schedule.stop();
    expect(ran).toEqual(['after 2026-10-08', 'flaky 2026-10-08']);
  });

  it('never starts a second pass while one is still running', async () => {
    let concurrent = 0;
    let most = 0;
    let runs = 0;
    let day = 1;
    const schedule = scheduleDailyJobs({
      jobs: [
        {
          name: 'slow',
          run: async () => {
            concurrent += 1;
            most = Math.max(most, concurrent);
            runs += 1;
            await new Promise((resolve) => setTimeout(resolve, 60));
            concurrent -= 1;
          },
        },
      ],
      // Every check sees a new day, so only the overlap guard can keep passes apart.
      now: () => new Date(Date.UTC(2026, 9, day++)),
      intervalMs: 5,
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    schedule.stop();
    await schedule.idle();
    expect(most).toBe(1);
    expect(runs).toBeGreaterThan(1);
  });
});

describe('the server daily jobs on a database', () => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('ticks credit, raises case notices and publishes the day’s open data, and a second pass changes nothing', async () => {
    const results = new Map<string, unknown>();
    const errors: unknown[] = [];
    const now = () => new Date('2026-10-09T02:00:00Z');
    const run = async () => {
      const schedule = scheduleDailyJobs({
        jobs: serverDailyJobs(db, now),
        now,
        onDone: (job, _asOf, result) => results.set(job, result),
        onError: (_job, _asOf, error) => errors.push(error),
      });
      await schedule.idle();
      schedule.stop();
    };
    await run();
    expect(errors).toEqual([]);
    expect([...results.keys()]).toEqual(['credit', 'case-notices', 'open-data']);
    expect(results.get('open-data')).toMatchObject({ asOf: '2026-10-09', created: true });
    const snapshots = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM open_data_snapshots');
    expect(snapshots.rows[0]!.n).toBe(1);

    await run();
    expect(errors).toEqual([]);
    expect(results.get('open-data')).toMatchObject({ asOf: '2026-10-09', created: false });
  });
});
