import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { overdue } from '../../src/core/cases/deadlines.ts';
import type { TCase } from '../../src/core/cases/types.ts';
import {
  dashboardBlocked,
  dashboardFindingRules,
  dashboardFindings,
  dashboardOrgans,
  dashboardOverdue,
  dashboardOverview,
  dashboardProgress,
  dashboardRegions,
  dashboardTrend,
  listDashboardCases,
  listDashboardFindings,
  streamDashboardCases,
  type TDashboardFilter,
  type TDashboardRequest,
  type TDashboardSegment,
} from '../../src/db/repositories/dashboard.repository.ts';
import { openTestDatabase } from '../support/database.ts';
import { SEED_TODAY, SEEDED_CASES, SEEDED_FINDINGS, seedDashboard, type TSeed } from './seed.ts';

let db: Awaited<ReturnType<typeof openTestDatabase>>;
let seed: TSeed;

beforeAll(async () => {
  db = await openTestDatabase();
  seed = await seedDashboard(db);
});
afterAll(async () => {
  await db?.drop();
});

function request(filter: TDashboardFilter = {}, scope: TDashboardRequest['scope'] = { kind: 'all' }) {
  return { scope, filter, today: SEED_TODAY };
}

/** The seeded cases as the core's case records, for the core's own overdue rule. */
function coreCases(keys: readonly string[]): TCase[] {
  return SEEDED_CASES.filter((c) => keys.includes(c.key)).map((c) => ({
    id: c.key,
    associationUscc: c.key,
    batch: c.batch,
    jurisdiction: c.regionCode,
    state: c.state,
    listedOn: c.listedOn,
    planDeadline: c.planDeadline,
    completionDeadline: c.completionDeadline,
    planSubmittedOn: null,
    planApprovedOn: c.planApprovedOn,
    planApprovalRef: null,
    decoupledOn: c.decoupledOn,
    blocked: null,
    lastBlockedReason: c.blockedReason,
    exemption: null,
    version: 0,
  }));
}

async function listKeys(filter: TDashboardFilter, segment: TDashboardSegment): Promise<string[]> {
  const { rows, total } = await listDashboardCases(db, request(filter), segment, { page: 1, pageSize: 200 });
  expect(rows).toHaveLength(total);
  const byUscc = new Map([...seed.cases].map(([key, c]) => [c.uscc, key]));
  return rows.map((r) => byUscc.get(r.uscc)!).sort();
}

describe('dashboard queries', () => {
  it('counts the cases by stage, overdue as the core decides it, and the period’s progress', async () => {
    const overview = await dashboardOverview(db, request({ from: '2020-01-01' }));
    const core = overdue({ cases: coreCases(SEEDED_CASES.map((c) => c.key)), asOf: SEED_TODAY });
    expect(overview).toMatchObject({
      associations: 11,
      cases: 11,
      decoupled: 3,
      exempt: 1,
      blocked: 2,
      inProgress: 5,
      overduePlan: core.filter((e) => e.ruleId === 'CASE-1').length,
      overdueCompletion: core.filter((e) => e.ruleId === 'CASE-2').length,
      overdue: new Set(core.map((e) => e.caseId)).size,
      decoupledInPeriod: 2,
      planApprovedInPeriod: 0,
      listedInPeriod: 0,
      findings: 6,
      findingsViolation: 4,
    });
    // b1 and z1 have no approved plan; n4 too; the exempt n5 is out of scope.
    expect(overview.overduePlan).toBe(3);
    expect(overview.overdueCompletion).toBe(5);
  });

  it('judges overdue on the period’s last day, not today', async () => {
    const mid2020 = await dashboardOverview(db, request({ to: '2020-06-30' }));
    const core = overdue({ cases: coreCases(SEEDED_CASES.map((c) => c.key)), asOf: '2020-06-30' });
    expect(mid2020.overdueCompletion).toBe(core.filter((e) => e.ruleId === 'CASE-2').length);
    expect(mid2020.overdueCompletion).toBe(0);
    // A resolved finding stands until its resolution; the one first seen in 2021 does not yet.
    expect(mid2020.findings).toBe(6);
    const spring = await dashboardOverview(db, request({ to: '2020-03-15' }));
    expect(spring.findings).toBe(4);
  });

  it('narrows by jurisdiction, level, batch and former organ (with the units below it)', async () => {
    expect((await dashboardOverview(db, request({ jurisdiction: '110000' }))).cases).toBe(3);
    expect((await dashboardOverview(db, request({ jurisdiction: '330100' }))).cases).toBe(1);
    expect((await dashboardOverview(db, request({ level: 'national' }))).cases).toBe(5);
    expect((await dashboardOverview(db, request({ batch: 'pilot-2016-2' }))).cases).toBe(1);
    expect((await dashboardOverview(db, request({ organ: seed.organs.ministry }))).cases).toBe(8);
    expect((await dashboardOverview(db, request({ organ: seed.organs.bureau }))).cases).toBe(2);
    const scoped = await dashboardOverview(db, request({}, { kind: 'region', regionCode: '330000' }));
    expect(scoped.cases).toBe(3);
    expect(scoped.findings).toBe(2);
  });

  it('gives every chart segment a list of exactly its count', async () => {
    const progress = await dashboardProgress(db, request());
    expect(progress.reduce((s, r) => s + r.count, 0)).toBe(11);
    for (const row of progress) {
      expect(await listKeys({}, { batch: row.batch, state: row.state })).toHaveLength(row.count);
    }
    const organs = await dashboardOrgans(db, request());
    expect(organs.map((o) => [o.code, o.total, o.decoupled, o.blocked])).toEqual([
      [seed.organs.ministry, 8, 3, 2],
      [seed.organs.zhejiang, 3, 0, 0],
    ]);
    for (const organ of organs) {
      expect(await listKeys({}, { organ: organ.code })).toHaveLength(organ.total);
      expect(await listKeys({}, { organ: organ.code, stage: 'overdue' })).toHaveLength(organ.overdue);
    }
    const regions = await dashboardRegions(db, request());
    expect(regions.map((r) => [r.province, r.level, r.total])).toEqual([
      ['10', 'national', 5],
      ['11', 'municipal', 1],
      ['11', 'provincial', 2],
      ['33', 'municipal', 1],
      ['33', 'provincial', 2],
    ]);
    for (const r of regions) {
      expect(await listKeys({}, { province: r.province, level: r.level, stage: 'decoupled' })).toHaveLength(
        r.decoupled,
      );
    }
    const blocked = await dashboardBlocked(db, request());
    expect(blocked).toEqual([
      { reason: 'insufficient_work', count: 1 },
      { reason: 'policy_gap', count: 1 },
    ]);
    expect(await listKeys({}, { stage: 'blocked', reason: 'policy_gap' })).toEqual(['n4']);
    const late = await dashboardOverdue(db, request());
    for (const row of late) {
      expect(await listKeys({}, { batch: row.batch, rule: 'CASE-1' })).toHaveLength(row.plan);
      expect(await listKeys({}, { batch: row.batch, rule: 'CASE-2' })).toHaveLength(row.completion);
    }
  });

  it('draws the trend month by month from the dates and the workflow events', async () => {
    const trend = await dashboardTrend(db, request({ from: '2020-01-01' }));
    expect(trend).toHaveLength(12);
    expect(trend.find((t) => t.month === '2020-05')).toMatchObject({ decoupled: 1 });
    expect(trend.find((t) => t.month === '2020-11')).toMatchObject({ decoupled: 1, blocked: 1 });
    expect(trend.find((t) => t.month === '2020-12')).toMatchObject({ blocked: 1 });
    expect(await listKeys({ from: '2020-01-01' }, { month: '2020-11', series: 'decoupled' })).toEqual(['b2']);
    expect(await listKeys({ from: '2020-01-01' }, { month: '2020-12', series: 'blocked' })).toEqual(['b3']);
    // Without a start the trend covers the twelve months up to the period's end.
    const lastYear = await dashboardTrend(db, request());
    expect(lastYear.map((t) => t.month)).toEqual(trend.map((t) => t.month));
  });

  it('counts standing findings by family and severity, and by rule with example associations', async () => {
    const findings = await dashboardFindings(db, request());
    const standing = SEEDED_FINDINGS.filter(
      (f) => f.firstSeenOn <= SEED_TODAY && (f.resolvedOn === null || f.resolvedOn > SEED_TODAY),
    );
    expect(findings.reduce((s, r) => s + r.count, 0)).toBe(standing.length);
    for (const row of findings) {
      const { rows, total } = await listDashboardFindings(
        db,
        request(),
        { family: row.family, severity: row.severity },
        { page: 1, pageSize: 50 },
      );
      expect(total).toBe(row.count);
      expect(rows).toHaveLength(row.count);
    }
    const rules = await dashboardFindingRules(db, request());
    const pers = rules.find((r) => r.ruleId === 'PERS-1')!;
    expect(pers).toMatchObject({ family: 'PERS', count: 3, associations: 3 });
    expect(pers.exampleAssociations).toHaveLength(2);
    for (const name of pers.exampleAssociations) expect(name).toMatch(/^测试(n3|n4|b1)行业协会$/);
  });

  it('streams the export of a segment in batches equal to its list', async () => {
    const batches: number[] = [];
    for await (const batch of streamDashboardCases(db, request(), { stage: 'open' }, 2))
      batches.push(batch.length);
    expect(batches.reduce((s, n) => s + n, 0)).toBe(7);
    expect(Math.max(...batches)).toBe(2);
  });
});
