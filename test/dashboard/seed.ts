import type { TCaseState } from '../../src/core/cases/types.ts';
import type { Db } from '../../src/db/database.ts';
import { createAssociation, createLink, createOrgan } from '../support/factories.ts';

/**
 * A small country for the dashboard and summary tests, with every count known by construction:
 * a ministry with a bureau below it and a Zhejiang department as former organs; national, Beijing
 * and Zhejiang associations; cases in each state, late on either deadline, blocked for each reason;
 * workflow events; standing, resolved and not-yet-seen findings.
 */

export type TSeededCase = {
  key: string;
  regionCode: string;
  level: 'national' | 'provincial' | 'municipal';
  organ: 'ministry' | 'bureau' | 'zhejiang';
  batch: string;
  state: TCaseState;
  listedOn: string | null;
  planDeadline: string | null;
  planApprovedOn: string | null;
  completionDeadline: string | null;
  decoupledOn: string | null;
  blockedReason: 'policy_gap' | 'insufficient_work' | null;
};

/** A person's name in the findings' explanations, which a work summary must never print. */
export const PERSON_IN_EXPLANATION = '王晓明';

/** The day the tests read the dashboard on. */
export const SEED_TODAY = '2020-12-15';

const R19 = {
  batch: 'rollout-2019',
  listedOn: '2019-06-14',
  planDeadline: '2019-12-31',
  completionDeadline: '2020-06-30',
};
const P16 = {
  batch: 'pilot-2016-2',
  listedOn: '2016-06-01',
  planDeadline: '2016-09-30',
  completionDeadline: '2016-12-31',
};

export const SEEDED_CASES: readonly TSeededCase[] = [
  // National, under the ministry (one through its bureau).
  {
    key: 'n1',
    regionCode: '100000',
    level: 'national',
    organ: 'ministry',
    ...P16,
    state: 'decoupled',
    planApprovedOn: '2016-08-01',
    decoupledOn: '2016-11-20',
    blockedReason: null,
  },
  {
    key: 'n2',
    regionCode: '100000',
    level: 'national',
    organ: 'ministry',
    ...R19,
    state: 'decoupled',
    planApprovedOn: '2019-11-01',
    decoupledOn: '2020-05-10',
    blockedReason: null,
  },
  {
    key: 'n3',
    regionCode: '100000',
    level: 'national',
    organ: 'bureau',
    ...R19,
    state: 'executing',
    planApprovedOn: '2019-12-20',
    decoupledOn: null,
    blockedReason: null,
  },
  {
    key: 'n4',
    regionCode: '100000',
    level: 'national',
    organ: 'bureau',
    ...R19,
    state: 'blocked',
    planApprovedOn: null,
    decoupledOn: null,
    blockedReason: 'policy_gap',
  },
  {
    key: 'n5',
    regionCode: '100000',
    level: 'national',
    organ: 'ministry',
    ...R19,
    state: 'exempt',
    planApprovedOn: null,
    decoupledOn: null,
    blockedReason: null,
  },
  // Beijing, under the ministry.
  {
    key: 'b1',
    regionCode: '110000',
    level: 'provincial',
    organ: 'ministry',
    ...R19,
    state: 'plan_submitted',
    planApprovedOn: null,
    decoupledOn: null,
    blockedReason: null,
  },
  {
    key: 'b2',
    regionCode: '110105',
    level: 'municipal',
    organ: 'ministry',
    ...R19,
    state: 'decoupled',
    planApprovedOn: '2019-09-01',
    decoupledOn: '2020-11-30',
    blockedReason: null,
  },
  {
    key: 'b3',
    regionCode: '110000',
    level: 'provincial',
    organ: 'ministry',
    ...R19,
    state: 'blocked',
    planApprovedOn: '2019-10-01',
    decoupledOn: null,
    blockedReason: 'insufficient_work',
  },
  // Zhejiang: its own deadlines for the 2019 list (plan 2019-10-31, completion 2020-06-30).
  {
    key: 'z1',
    regionCode: '330000',
    level: 'provincial',
    organ: 'zhejiang',
    batch: 'rollout-2019',
    listedOn: '2019-06-14',
    planDeadline: '2019-10-31',
    completionDeadline: '2020-06-30',
    state: 'listed',
    planApprovedOn: null,
    decoupledOn: null,
    blockedReason: null,
  },
  {
    key: 'z2',
    regionCode: '330100',
    level: 'municipal',
    organ: 'zhejiang',
    batch: 'rollout-2019',
    listedOn: '2019-06-14',
    planDeadline: '2019-10-31',
    completionDeadline: '2021-06-30',
    state: 'verification',
    planApprovedOn: '2019-10-15',
    decoupledOn: null,
    blockedReason: null,
  },
  {
    key: 'z3',
    regionCode: '330000',
    level: 'provincial',
    organ: 'zhejiang',
    batch: 'dual-management',
    listedOn: null,
    planDeadline: null,
    completionDeadline: null,
    state: 'listed',
    planApprovedOn: null,
    decoupledOn: null,
    blockedReason: null,
  },
];

export type TSeededFinding = {
  caseKey: string;
  ruleId: string;
  family: string;
  severity: 'violation' | 'risk' | 'open' | 'info';
  firstSeenOn: string;
  resolvedOn: string | null;
};

export const SEEDED_FINDINGS: readonly TSeededFinding[] = [
  {
    caseKey: 'n3',
    ruleId: 'PERS-1',
    family: 'PERS',
    severity: 'violation',
    firstSeenOn: '2020-03-01',
    resolvedOn: null,
  },
  {
    caseKey: 'n4',
    ruleId: 'PERS-1',
    family: 'PERS',
    severity: 'violation',
    firstSeenOn: '2020-03-01',
    resolvedOn: null,
  },
  {
    caseKey: 'b1',
    ruleId: 'PERS-1',
    family: 'PERS',
    severity: 'violation',
    firstSeenOn: '2020-03-01',
    resolvedOn: null,
  },
  {
    caseKey: 'b3',
    ruleId: 'FIN-1',
    family: 'FIN',
    severity: 'violation',
    firstSeenOn: '2020-04-01',
    resolvedOn: null,
  },
  {
    caseKey: 'z1',
    ruleId: 'FEE-1',
    family: 'FEE',
    severity: 'risk',
    firstSeenOn: '2020-05-01',
    resolvedOn: null,
  },
  {
    caseKey: 'z2',
    ruleId: 'INST-1',
    family: 'INST',
    severity: 'risk',
    firstSeenOn: '2020-05-01',
    resolvedOn: null,
  },
  // Resolved before the reading day: not standing.
  {
    caseKey: 'n2',
    ruleId: 'FIN-1',
    family: 'FIN',
    severity: 'violation',
    firstSeenOn: '2020-01-01',
    resolvedOn: '2020-06-01',
  },
  // First seen after the reading day: not yet standing.
  {
    caseKey: 'b2',
    ruleId: 'FEE-1',
    family: 'FEE',
    severity: 'risk',
    firstSeenOn: '2021-01-05',
    resolvedOn: null,
  },
];

export type TSeed = {
  organs: { ministry: string; bureau: string; zhejiang: string };
  /** Case key → database id and the association's USCC and name. */
  cases: Map<string, { id: number; uscc: string; name: string }>;
};

/** Inserts the seeded country into an empty, migrated database. */
export async function seedDashboard(db: Db): Promise<TSeed> {
  const ministry = await createOrgan(db, { name: '测试工业部' });
  const bureau = await createOrgan(db, { name: '测试工业部直属局' });
  await db.query('UPDATE organs SET parent_id = (SELECT id FROM organs WHERE code = $1) WHERE code = $2', [
    ministry.code,
    bureau.code,
  ]);
  const zhejiang = await createOrgan(db, { name: '浙江省测试厅', regionCode: '330000', level: 'provincial' });
  const organCode = { ministry: ministry.code, bureau: bureau.code, zhejiang: zhejiang.code };
  const cases = new Map<string, { id: number; uscc: string; name: string }>();
  for (const c of SEEDED_CASES) {
    const association = await createAssociation(db, {
      regionCode: c.regionCode,
      level: c.level,
      name: `测试${c.key}行业协会`,
    });
    await createLink(db, {
      organCode: organCode[c.organ],
      associationUscc: association.uscc,
      kind: 'supervisor',
    });
    const { rows } = await db.query<{ id: number }>(
      `INSERT INTO decoupling_cases (association_id, ref, batch, jurisdiction, listed_on, plan_deadline,
         plan_approved_on, completion_deadline, decoupled_on, blocked_reason, state, blocked_from)
       SELECT id, $2, $3, region_code, $4, $5, $6, $7, $8, $9, $10, $11 FROM associations WHERE uscc = $1
       RETURNING id`,
      [
        association.uscc,
        `${c.batch}:${association.uscc}`,
        c.batch,
        c.listedOn,
        c.planDeadline,
        c.planApprovedOn,
        c.completionDeadline,
        c.decoupledOn,
        c.blockedReason,
        c.state,
        c.state === 'blocked' ? 'executing' : null,
      ],
    );
    cases.set(c.key, { id: Number(rows[0]!.id), uscc: association.uscc, name: association.name });
  }
  // The two blocked cases were blocked by the workflow in November and December 2020.
  for (const [key, at] of [
    ['n4', '2020-11-03T10:00:00+08:00'],
    ['b3', '2020-12-01T09:00:00+08:00'],
  ] as const) {
    await db.query(
      `INSERT INTO case_events (case_id, from_state, to_state, actor_role, reason, at)
       VALUES ($1, 'executing', 'blocked', 'regulator', '测试', $2)`,
      [cases.get(key)!.id, at],
    );
  }
  const { rows: run } = await db.query<{ id: number }>(
    `INSERT INTO screening_runs (started_at, finished_at, as_of, status, actor_label)
     VALUES (now(), now(), '2020-03-01', 'completed', 'test') RETURNING id`,
  );
  const runId = Number(run[0]!.id);
  let n = 0;
  for (const f of SEEDED_FINDINGS) {
    n += 1;
    const association = cases.get(f.caseKey)!;
    await db.query(
      `INSERT INTO findings (fingerprint, rule_id, family, severity, pack_id, pack_version, association_id,
         subject_type, subject_id, facts, clause, explanation_zh, explanation_en, first_seen_run_id,
         first_seen_on, last_seen_run_id, last_seen_on, resolved_run_id, resolved_on)
       SELECT $1, $2, $3, $4, 'national', '1', a.id, 'association', a.uscc, '{}'::jsonb, '测试条款',
         $9, 'test', $5, $6, $5, $6, CASE WHEN $7::date IS NULL THEN NULL ELSE $5::bigint END, $7
       FROM associations AS a WHERE a.uscc = $8`,
      [
        `fp-${n}`,
        f.ruleId,
        f.family,
        f.severity,
        runId,
        f.firstSeenOn,
        f.resolvedOn,
        association.uscc,
        `${PERSON_IN_EXPLANATION}（公务员）兼任该会会长`,
      ],
    );
  }
  return { organs: organCode, cases };
}
