import type { Db } from '../db/database.ts';
import { runMatchRun } from '../jobs/match-runs.ts';
import type { PersonalDataProtector } from '../security/personal-data.ts';

/**
 * The demo's stored matching run: on a database without any completed run, matches every post of the
 * demo registry against its rosters once, so the review queue of the web app opens with the possible
 * matches the demo data gives (namesakes without a resident ID, dates with month and day exchanged).
 * Returns the counts, or null when a run was already there.
 */
export async function seedMatchingDemo(ctx: { db: Db; protector: PersonalDataProtector }) {
  const { rows } = await ctx.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM match_runs WHERE state = 'completed'`,
  );
  if (Number(rows[0]!.n) > 0) return null;
  const { done: _, ...counts } = await runMatchRun({
    db: ctx.db,
    protector: ctx.protector,
    actor: { id: null, label: 'demo' },
    scope: { kind: 'all' },
  });
  return counts;
}
