import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertCases } from '../../src/db/repositories/facts.repository.ts';
import { searchFindings } from '../../src/db/repositories/findings.repository.ts';
import { upsertLinks } from '../../src/db/repositories/registry.repository.ts';
import { runScreening, ScreeningFailedError } from '../../src/jobs/screen.ts';
import { openTestDatabase } from '../support/database.ts';
import { createAssociation, createLink, createOrgan } from '../support/factories.ts';

let db: Awaited<ReturnType<typeof openTestDatabase>>;
const actor = { id: null, label: 'test' };
const AS_OF = '2020-06-30';

beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

/** An association decoupled in 2017 whose supervising organ link never ended: INST-1 fires. */
async function decoupledButStillLinked(name: string) {
  const organ = await createOrgan(db, { regionCode: '110000', kind: 'government' });
  const association = await createAssociation(db, { name, regionCode: '110105' });
  const link = await createLink(db, {
    organCode: organ.code,
    associationUscc: association.uscc,
    kind: 'supervisor',
    startedOn: '2001-01-01',
  });
  await db.transaction((tx) =>
    upsertCases(tx, [
      {
        associationUscc: association.uscc,
        id: 'C-1',
        batch: '2016',
        jurisdiction: '110000',
        listedOn: '2016-01-01',
        planDeadline: null,
        planApprovedOn: '2016-03-01',
        completionDeadline: '2017-06-30',
        decoupledOn: '2017-03-01',
        blockedReason: null,
      },
    ]),
  );
  return { organ, association, link };
}

async function counts() {
  const { rows } = await db.query<{ findings: number; runs: number; events: number; audit: number }>(
    `SELECT (SELECT count(*) FROM findings) AS findings, (SELECT count(*) FROM screening_runs) AS runs,
            (SELECT count(*) FROM finding_events) AS events,
            (SELECT count(*) FROM audit_events WHERE action = 'screening.run') AS audit`,
  );
  return rows[0]!;
}

describe('screening runs', () => {
  it('stores the findings of a run with its pack, wording and first/last seen run', async () => {
    const { association, organ } = await decoupledButStillLinked('测试一号行业协会');
    const result = await runScreening({ db, asOf: AS_OF, actor });
    expect(result.counts.associations).toBe(1);
    expect(result.counts.newFindings).toBe(result.counts.findings);
    const { rows } = await searchFindings(db, {
      scope: { kind: 'all' },
      filters: { rule: 'INST-1' },
      page: 1,
      pageSize: 50,
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      ruleId: 'INST-1',
      family: 'INST',
      uscc: association.uscc,
      packId: 'national-2019',
      status: 'open',
      firstSeenRunId: result.runId,
      lastSeenRunId: result.runId,
      firstSeenOn: AS_OF,
      resolvedRunId: null,
      subjectType: 'link',
    });
    expect(rows[0]!.explanationEn).toContain(organ.name);
    const run = await db.query<{ status: string; findings: number }>(
      'SELECT status, findings FROM screening_runs WHERE id = $1',
      [result.runId],
    );
    expect(run.rows[0]).toEqual({ status: 'completed', findings: result.counts.findings });
    expect((await counts()).audit).toBe(1);
  });

  it('a second run marks findings persisting, and resolved once the facts no longer break the rule', async () => {
    const second = await runScreening({ db, asOf: AS_OF, actor });
    expect(second.counts.newFindings).toBe(0);
    expect(second.counts.persistingFindings).toBe(second.counts.findings);
    expect(second.counts.resolvedFindings).toBe(0);
    const [inst1] = (
      await searchFindings(db, { scope: { kind: 'all' }, filters: { rule: 'INST-1' }, page: 1, pageSize: 5 })
    ).rows;
    expect(inst1!.firstSeenRunId).toBeLessThan(second.runId);
    expect(inst1!.lastSeenRunId).toBe(second.runId);

    // The link ends: INST-1 is resolved by the next run, and a new association's finding is new.
    const { rows } = await db.query<{ organ_code: string; started_on: string }>(
      `SELECT o.code AS organ_code, l.started_on FROM organ_links l JOIN organs o ON o.id = l.organ_id
       JOIN associations a ON a.id = l.association_id WHERE a.uscc = $1`,
      [inst1!.uscc],
    );
    await db.transaction((tx) =>
      upsertLinks(tx, [
        {
          organCode: rows[0]!.organ_code,
          associationUscc: inst1!.uscc,
          kind: 'supervisor',
          startedOn: rows[0]!.started_on,
          endedOn: '2017-03-01',
        },
      ]),
    );
    await decoupledButStillLinked('测试二号行业协会');
    const third = await runScreening({ db, asOf: AS_OF, actor });
    expect(third.counts.resolvedFindings).toBeGreaterThanOrEqual(1);
    expect(third.counts.newFindings).toBeGreaterThanOrEqual(1);
    const current = await searchFindings(db, {
      scope: { kind: 'all' },
      filters: { rule: 'INST-1' },
      page: 1,
      pageSize: 5,
    });
    expect(current.rows.map((r) => r.uscc)).not.toContain(inst1!.uscc);
    const all = await searchFindings(db, {
      scope: { kind: 'all' },
      filters: { rule: 'INST-1', includeResolved: true },
      page: 1,
      pageSize: 5,
    });
    const resolved = all.rows.find((r) => r.uscc === inst1!.uscc)!;
    expect(resolved.resolvedRunId).toBe(third.runId);
    expect(resolved.resolvedOn).toBe(AS_OF);
  });

  it('a finding that comes back after being resolved counts as new and loses its resolution', async () => {
    const all = await searchFindings(db, {
      scope: { kind: 'all' },
      filters: { rule: 'INST-1', includeResolved: true },
      page: 1,
      pageSize: 5,
    });
    const resolved = all.rows.find((r) => r.resolvedRunId !== null)!;
    const { rows } = await db.query<{ organ_code: string; started_on: string }>(
      `SELECT o.code AS organ_code, l.started_on FROM organ_links l JOIN organs o ON o.id = l.organ_id
       JOIN associations a ON a.id = l.association_id WHERE a.uscc = $1`,
      [resolved.uscc],
    );
    await db.transaction((tx) =>
      upsertLinks(tx, [
        {
          organCode: rows[0]!.organ_code,
          associationUscc: resolved.uscc,
          kind: 'supervisor',
          startedOn: rows[0]!.started_on,
          endedOn: null,
        },
      ]),
    );
    const wasResolved = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM findings f JOIN associations a ON a.id = f.association_id
       WHERE a.uscc = $1 AND f.resolved_run_id IS NOT NULL`,
      [resolved.uscc],
    );
    const run = await runScreening({ db, asOf: AS_OF, actor });
    // INST-1 and whatever else the link's end had resolved for this association come back.
    expect(wasResolved.rows[0]!.n).toBeGreaterThanOrEqual(1);
    expect(run.counts.newFindings).toBe(wasResolved.rows[0]!.n);
    expect(run.counts.resolvedFindings).toBe(0);
    const back = (
      await searchFindings(db, { scope: { kind: 'all' }, filters: { rule: 'INST-1' }, page: 1, pageSize: 5 })
    ).rows.find((r) => r.id === resolved.id)!;
    expect(back).toMatchObject({
      resolvedRunId: null,
      lastSeenRunId: run.runId,
      firstSeenRunId: resolved.firstSeenRunId,
    });
  });

  it('a run over one region leaves the findings of other regions alone', async () => {
    const before = await counts();
    const scoped = await runScreening({
      db,
      asOf: AS_OF,
      actor,
      scope: { kind: 'region', regionCode: '310000' },
    });
    expect(scoped.counts.associations).toBe(0);
    expect(scoped.counts.resolvedFindings).toBe(0);
    expect((await counts()).findings).toBe(before.findings);
  });

  it('a run killed mid-way leaves no findings and no changed ones, only the record of its failure', async () => {
    await decoupledButStillLinked('测试三号行业协会');
    const before = await db.query('SELECT id, last_seen_run_id, resolved_run_id FROM findings ORDER BY id');
    const sightingsBefore = await db.query('SELECT * FROM association_screenings ORDER BY association_id');
    const runsBefore = (await counts()).runs;
    const error = await runScreening({
      db,
      asOf: AS_OF,
      actor,
      chunkSize: 1,
      onProgress: ({ done }) => {
        if (done === 2) throw new Error('killed');
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScreeningFailedError);
    const after = await db.query('SELECT id, last_seen_run_id, resolved_run_id FROM findings ORDER BY id');
    expect(after.rows).toEqual(before.rows);
    expect((await db.query('SELECT * FROM association_screenings ORDER BY association_id')).rows).toEqual(
      sightingsBefore.rows,
    );
    const runs = await db.query<{ status: string; error: string; findings: number }>(
      'SELECT status, error, findings FROM screening_runs ORDER BY id DESC LIMIT 1',
    );
    expect((await counts()).runs).toBe(runsBefore + 1);
    expect(runs.rows[0]).toEqual({ status: 'failed', error: 'killed', findings: 0 });
  });
});

describe('work after a run', () => {
  it('finishes before the run counts as done, and its failure leaves the committed run as it is', async () => {
    const seen: number[] = [];
    const first = await runScreening({
      db,
      asOf: AS_OF,
      actor,
      afterRun: async (result) => {
        const { rows } = await db.query<{ status: string }>(
          'SELECT status FROM screening_runs WHERE id = $1',
          [result.runId],
        );
        // The run's transaction is committed by then: the work reads what it stored.
        expect(rows[0]!.status).toBe('completed');
        await new Promise((resolve) => setTimeout(resolve, 50));
        seen.push(result.runId);
      },
    });
    expect(seen).toEqual([first.runId]);

    const second = await runScreening({
      db,
      asOf: AS_OF,
      actor,
      afterRun: async () => {
        throw new Error('notices unavailable');
      },
    });
    const { rows } = await db.query<{ status: string }>('SELECT status FROM screening_runs WHERE id = $1', [
      second.runId,
    ]);
    expect(rows[0]!.status).toBe('completed');
  });
});
