import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findMatchRun, listReviewQueue } from '../../src/db/repositories/match-runs.repository.ts';
import { runMatchRun } from '../../src/jobs/match-runs.ts';
import { decideMatch, MatchReviewError, undoMatchReview } from '../../src/jobs/match-runs-review.ts';
import { runScreening } from '../../src/jobs/screen.ts';
import { openTestDatabase } from '../support/database.ts';
import { testProtector } from '../support/factories.ts';
import { buildMatchWorld, type TMatchWorld } from './support.ts';

const protector = testProtector();
const actor = { id: null, label: 'test-reviewer' };
const everywhere = { kind: 'all' } as const;
let db: Awaited<ReturnType<typeof openTestDatabase>>;
let world: TMatchWorld;

beforeAll(async () => {
  db = await openTestDatabase();
  world = await buildMatchWorld(db, protector);
});

afterAll(async () => {
  await db.drop();
});

async function pers1Of(postId: number) {
  const { rows } = await db.query<{ id: number; resolved_run_id: number | null; severity: string }>(
    `SELECT id, resolved_run_id, severity FROM findings WHERE rule_id = 'PERS-1' AND subject_id = $1`,
    [String(postId)],
  );
  return rows[0] ?? null;
}

const screen = () => runScreening({ db, asOf: '2026-12-01', actor });

async function pendingQueue() {
  return (await listReviewQueue(db, { scope: everywhere, state: 'pending', page: 1, pageSize: 50 })).rows;
}

describe('stored matching runs', () => {
  it('stores a completed run with its counts, the exact match and the possible match', async () => {
    const run = await runMatchRun({ db, protector, actor, scope: everywhere, asOf: '2026-12-01' });
    expect(run).toMatchObject({ postsTotal: 2, postsDone: 2, rosterRecords: 53, matches: 1, possibles: 1 });
    const stored = await findMatchRun(db, run.runId);
    expect(stored).toMatchObject({
      state: 'completed',
      phase: null,
      matches: 1,
      possibles: 1,
      startedBy: 'test-reviewer',
    });
    const queue = await pendingQueue();
    expect(queue).toHaveLength(1);
    expect(queue[0]!.post.id).toBe(world.possiblePostId);
    expect(world.namesakeRecordIds).toContain(queue[0]!.record.id);
    expect(queue[0]!.decision).toBe('possible');
    // Reasons add up to the score, and nothing in them or in the records is an identifier in clear.
    const sum = queue[0]!.reasons.reduce((s, r) => s + r.weight, 0);
    expect(sum).toBeCloseTo(queue[0]!.score, 1);
    expect(JSON.stringify(queue[0])).not.toMatch(/\d{17}[\dX]/);
    const { rows: audit } = await db.query<{ action: string }>(
      `SELECT action FROM audit_events WHERE entity = 'match_run' AND entity_id = $1 ORDER BY seq`,
      [String(run.runId)],
    );
    expect(audit.map((a) => a.action)).toEqual(['match_run.start', 'match_run.complete']);
  });

  it('raises PERS-1 once a reviewer confirms the possible match, keeps it over a new run, and resolves it after undo', async () => {
    await screen();
    expect(await pers1Of(world.possiblePostId)).toBeNull();
    expect(await pers1Of(world.exactPostId)).toMatchObject({ resolved_run_id: null, severity: 'violation' });

    const [item] = await pendingQueue();
    const decided = await decideMatch({
      db,
      actor,
      scope: everywhere,
      resultId: item!.resultId,
      decision: 'confirm',
      reason: '组织部门核实为同一人',
    });
    expect(decided.review).toMatchObject({ decision: 'confirm', reviewer: 'test-reviewer' });
    await expect(
      decideMatch({
        db,
        actor,
        scope: everywhere,
        resultId: item!.resultId,
        decision: 'reject',
        reason: 'x',
      }),
    ).rejects.toMatchObject({ code: 'conflict' });

    await screen();
    const raised = await pers1Of(world.possiblePostId);
    expect(raised).toMatchObject({ resolved_run_id: null, severity: 'violation' });

    // A later run applies the confirmation: the pair is a match and is not queued again.
    const rerun = await runMatchRun({ db, protector, actor, scope: everywhere, asOf: '2026-12-01' });
    expect(rerun).toMatchObject({ matches: 2, possibles: 0, confirmedApplied: 1 });
    expect(await pendingQueue()).toEqual([]);
    await screen();
    expect(await pers1Of(world.possiblePostId)).toMatchObject({ resolved_run_id: null });

    await undoMatchReview({ db, actor, scope: everywhere, reviewId: decided.review!.id, reason: '核实有误' });
    await expect(
      undoMatchReview({ db, actor, scope: everywhere, reviewId: decided.review!.id, reason: 'again' }),
    ).rejects.toMatchObject({ code: 'conflict' });
    const second = await screen();
    const resolved = await pers1Of(world.possiblePostId);
    expect(resolved!.resolved_run_id).toBe(second.runId);
    // The exact resident-ID match is untouched by any of this.
    expect(await pers1Of(world.exactPostId)).toMatchObject({ resolved_run_id: null });
    // Undone, the pair is back in the queue.
    expect((await pendingQueue()).map((q) => q.post.id)).toEqual([world.possiblePostId]);

    const { rows: audit } = await db.query<{
      action: string;
      actor_label: string;
      detail: { reason: string };
    }>(`SELECT action, actor_label, detail FROM audit_events WHERE entity = 'match_review' ORDER BY seq`);
    expect(audit.map((a) => [a.action, a.actor_label, a.detail.reason])).toEqual([
      ['match_review.confirm', 'test-reviewer', '组织部门核实为同一人'],
      ['match_review.undo', 'test-reviewer', '核实有误'],
    ]);
  });

  it('never proposes a rejected pair again, and a rejection also removes an exact-ID status', async () => {
    const [item] = await pendingQueue();
    const rejectedRecord = item!.record.id;
    await decideMatch({
      db,
      actor,
      scope: everywhere,
      resultId: item!.resultId,
      decision: 'reject',
      reason: '出生日期不符，非同一人',
    });
    const rerun = await runMatchRun({ db, protector, actor, scope: everywhere, asOf: '2026-12-01' });
    expect(rerun).toMatchObject({ rejectedApplied: 1 });
    // The other namesake, if anyone, is decided on its own.
    const { rows: current } = await db.query<{ roster_record_id: number }>(
      'SELECT roster_record_id FROM match_results WHERE current AND post_id = $1',
      [world.possiblePostId],
    );
    expect(current.map((r) => Number(r.roster_record_id))).not.toContain(rejectedRecord);
    expect((await pendingQueue()).map((q) => q.record.id)).not.toContain(rejectedRecord);
    const decided = await listReviewQueue(db, { scope: everywhere, state: 'decided', page: 1, pageSize: 50 });
    expect(decided.rows.map((r) => [r.post.id, r.review?.decision])).toEqual([
      [world.possiblePostId, 'reject'],
    ]);

    const { rows } = await db.query<{ id: number }>(
      `SELECT m.id FROM match_results m WHERE m.current AND m.post_id = $1`,
      [world.exactPostId],
    );
    await decideMatch({
      db,
      actor,
      scope: everywhere,
      resultId: Number(rows[0]!.id),
      decision: 'reject',
      reason: '同号不同人',
    });
    await screen();
    expect((await pers1Of(world.exactPostId))!.resolved_run_id).not.toBeNull();
  });

  it('refuses a decision without a reason, on a result that does not exist, or outside the jurisdiction', async () => {
    const shanghai = { kind: 'region', regionCode: '310000' } as const;
    const { rows } = await db.query<{ id: number }>('SELECT id FROM match_results ORDER BY id LIMIT 1');
    const resultId = Number(rows[0]!.id);
    await expect(
      decideMatch({ db, actor, scope: everywhere, resultId, decision: 'confirm', reason: '  ' }),
    ).rejects.toBeInstanceOf(MatchReviewError);
    await expect(
      decideMatch({ db, actor, scope: everywhere, resultId: 999_999, decision: 'confirm', reason: 'r' }),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      decideMatch({ db, actor, scope: shanghai, resultId, decision: 'confirm', reason: 'r' }),
    ).rejects.toMatchObject({ code: 'outside_scope' });
  });
});
