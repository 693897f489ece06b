import type { TCaseState } from '../../core/cases/types.ts';
import { addMonths } from '../../core/policy/dates.ts';
import type { TLevel } from '../../core/registry/types.ts';
import type { Queryable } from '../database.ts';
import { associationScopeSql } from './findings.repository.ts';
import { regionCodeRange, type TRegistryScope } from './registry-read.repository.ts';

/**
 * The dashboards and the work summary read their numbers here, and only here: every chart is one
 * aggregate over the decoupling cases (or the findings) of a filter, and every chart segment has the
 * list behind it, built from the same predicates, so a segment's count is the length of its list and
 * the summary's text says what the dashboard shows.
 *
 * Dimensions: the jurisdiction is the association's registered region (as the registry scopes it;
 * `100000` national associations), the level is the association's, the former organ is any organ the
 * association was ever linked to (with the units below it). States are the cases' current ones;
 * overdue (CASE-1 / CASE-2, as `src/core/cases/deadlines.ts` decides them) and standing findings are
 * judged on the period's last day; the period's own activity (listed, plan approved, decoupled,
 * blocked) is counted by the day it happened.
 */

/** What the filter bar chooses; everything optional. */
export type TDashboardFilter = {
  /** GB/T 2260 code; a province or a city takes in everything below it. */
  jurisdiction?: string;
  level?: TLevel;
  batch?: string;
  /** Organ code: cases of associations ever linked to it or a unit below it. */
  organ?: string;
  /** First day of the period (inclusive). */
  from?: string;
  /** Last day of the period (inclusive); later than today reads as today. */
  to?: string;
};

/** The stage of a case as the charts group it; `overdue` cuts across the others. */
export const CASE_STAGES = ['in_progress', 'blocked', 'decoupled', 'exempt', 'open', 'overdue'] as const;
export type TCaseStage = (typeof CASE_STAGES)[number];

export const TREND_SERIES = ['listed', 'plan_approved', 'decoupled', 'blocked'] as const;
export type TTrendSeries = (typeof TREND_SERIES)[number];

/** The segment of a chart that a click drills into; every field narrows the list further. */
export type TDashboardSegment = {
  state?: TCaseState;
  stage?: TCaseStage;
  batch?: string;
  /** First two digits of the association's region (`10`: national associations). */
  province?: string;
  level?: TLevel;
  /** Organ code of a former organ (the organ and the units below it). */
  organ?: string;
  /** Blocked reason; `unclassified` for a blocked case without one. */
  reason?: string;
  /** `YYYY-MM` of a trend point, with the series it belongs to. */
  month?: string;
  series?: TTrendSeries;
  rule?: 'CASE-1' | 'CASE-2';
  family?: string;
  severity?: string;
};

export type TDashboardRequest = {
  scope: TRegistryScope;
  filter: TDashboardFilter;
  /** Today's date; the period never reaches past it. */
  today: string;
};

/** The period a request covers: `from` (or `null`, since the beginning) to `asOf`. */
export type TDashboardPeriod = { from: string | null; asOf: string; trendFrom: string };

/** The period of a filter: the end is `to` capped at today; the trend shows at most ten years. */
export function periodOf(filter: TDashboardFilter, today: string): TDashboardPeriod {
  const asOf = filter.to && filter.to < today ? filter.to : today;
  const from = filter.from ?? null;
  const yearBack = `${addMonths(asOf, -11).slice(0, 7)}-01`;
  const tenYears = `${addMonths(asOf, -119).slice(0, 7)}-01`;
  const trendFrom = from === null ? yearBack : from < tenYears ? tenYears : from;
  return { from, asOf, trendFrom };
}

class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

function organSubtreeSql(codeParam: string): string {
  return `(WITH RECURSIVE sub(id) AS (
            SELECT id FROM organs WHERE code = ${codeParam}
            UNION SELECT c.id FROM organs AS c JOIN sub ON c.parent_id = sub.id)
          SELECT id FROM sub)`;
}

function linkedToOrganSql(code: string, p: Params): string {
  return `a.id IN (SELECT l.association_id FROM organ_links AS l
                   WHERE l.organ_id = ANY (ARRAY${organSubtreeSql(p.add(code))}))`;
}

/** Predicates on `a` (associations) shared by cases and findings: scope, jurisdiction, level, organ. */
function associationWhere(request: TDashboardRequest, p: Params): string[] {
  const { filter } = request;
  const where = [associationScopeSql(request.scope, p)];
  if (filter.jurisdiction) {
    const range = regionCodeRange(filter.jurisdiction);
    if (range) where.push(`a.region_code BETWEEN ${p.add(range.low)} AND ${p.add(range.high)}`);
  }
  if (filter.level) where.push(`a.level = ${p.add(filter.level)}`);
  if (filter.organ) where.push(linkedToOrganSql(filter.organ, p));
  return where;
}

/** CASE-1 on `asOf`: no approved plan after the plan deadline (the deadline day is still in time). */
function overduePlanSql(asOf: string): string {
  return `(d.state <> 'exempt' AND d.plan_deadline IS NOT NULL AND ${asOf}::date > d.plan_deadline
           AND d.decoupled_on IS NULL AND (d.plan_approved_on IS NULL OR d.plan_approved_on > ${asOf}::date))`;
}

/** CASE-2 on `asOf`: not decoupled after the completion deadline. */
function overdueCompletionSql(asOf: string): string {
  return `(d.state <> 'exempt' AND d.completion_deadline IS NOT NULL AND ${asOf}::date > d.completion_deadline
           AND (d.decoupled_on IS NULL OR d.decoupled_on > ${asOf}::date))`;
}

const CLOSED = `('decoupled', 'exempt')`;

const TREND_COLUMN: Record<Exclude<TTrendSeries, 'blocked'>, string> = {
  listed: 'd.listed_on',
  plan_approved: 'd.plan_approved_on',
  decoupled: 'd.decoupled_on',
};

type TCaseSql = {
  from: string;
  where: string;
  /** The placeholder of the period's last day (added to the parameters when first read). */
  readonly asOf: string;
  p: Params;
  period: TDashboardPeriod;
};

/** FROM and WHERE of the cases of a request (and of a segment of it), with the overdue columns' day. */
function caseSql(request: TDashboardRequest, segment: TDashboardSegment = {}): TCaseSql {
  const p = new Params();
  const period = periodOf(request.filter, request.today);
  // Added on first use only: a statement may not carry a parameter it never reads.
  let asOfParam: string | undefined;
  const asOfRef = () => {
    asOfParam ??= p.add(period.asOf);
    return asOfParam;
  };
  const where = associationWhere(request, p);
  if (request.filter.batch) where.push(`d.batch = ${p.add(request.filter.batch)}`);
  if (segment.batch) where.push(`d.batch = ${p.add(segment.batch)}`);
  if (segment.state) where.push(`d.state = ${p.add(segment.state)}`);
  if (segment.level) where.push(`a.level = ${p.add(segment.level)}`);
  if (segment.province) where.push(`left(a.region_code, 2) = ${p.add(segment.province)}`);
  if (segment.organ) where.push(linkedToOrganSql(segment.organ, p));
  if (segment.reason)
    where.push(
      segment.reason === 'unclassified'
        ? 'd.blocked_reason IS NULL'
        : `d.blocked_reason = ${p.add(segment.reason)}`,
    );
  if (segment.rule)
    where.push(segment.rule === 'CASE-1' ? overduePlanSql(asOfRef()) : overdueCompletionSql(asOfRef()));
  switch (segment.stage) {
    case undefined:
      break;
    case 'in_progress':
      where.push(`d.state NOT IN ${CLOSED} AND d.state <> 'blocked'`);
      break;
    case 'open':
      where.push(`d.state NOT IN ${CLOSED}`);
      break;
    case 'blocked':
    case 'decoupled':
    case 'exempt':
      where.push(`d.state = ${p.add(segment.stage)}`);
      break;
    case 'overdue':
      where.push(`(${overduePlanSql(asOfRef())} OR ${overdueCompletionSql(asOfRef())})`);
      break;
    default: {
      const never: never = segment.stage;
      throw new Error(`unhandled stage ${String(never)}`);
    }
  }
  if (segment.series) {
    const low = p.add(period.trendFrom);
    const month = segment.month ? ` AND to_char(%s, 'YYYY-MM') = ${p.add(segment.month)}` : '';
    if (segment.series === 'blocked') {
      const at = `(e.at AT TIME ZONE 'Asia/Shanghai')::date`;
      where.push(`EXISTS (SELECT 1 FROM case_events AS e WHERE e.case_id = d.id AND e.to_state = 'blocked'
                   AND ${at} BETWEEN ${low}::date AND ${asOfRef()}::date${month.replace('%s', at)})`);
    } else {
      const column = TREND_COLUMN[segment.series];
      where.push(`${column} BETWEEN ${low}::date AND ${asOfRef()}::date${month.replace('%s', column)}`);
    }
  }
  return {
    from: 'decoupling_cases AS d JOIN associations AS a ON a.id = d.association_id',
    where: where.join(' AND '),
    get asOf() {
      return asOfRef();
    },
    p,
    period,
  };
}

/** The headline numbers: cases by stage, overdue, the period's progress, and the findings standing. */
export type TDashboardOverview = {
  period: TDashboardPeriod;
  associations: number;
  cases: number;
  decoupled: number;
  exempt: number;
  blocked: number;
  inProgress: number;
  overduePlan: number;
  overdueCompletion: number;
  /** Cases late on either deadline (a case late on both counts once). */
  overdue: number;
  listedInPeriod: number;
  planApprovedInPeriod: number;
  decoupledInPeriod: number;
  findings: number;
  findingsViolation: number;
};

/** The headline numbers of a request. */
export async function dashboardOverview(
  q: Queryable,
  request: TDashboardRequest,
): Promise<TDashboardOverview> {
  const { from, where, asOf, p, period } = caseSql(request);
  const low = p.add(period.from ?? '0001-01-01');
  const inPeriod = (column: string) =>
    `count(*) FILTER (WHERE ${column} BETWEEN ${low}::date AND ${asOf}::date)`;
  const { rows } = await q.query<
    Omit<TDashboardOverview, 'period' | 'associations' | 'findings' | 'findingsViolation'>
  >(
    `SELECT count(*) AS cases,
       count(*) FILTER (WHERE d.state = 'decoupled') AS decoupled,
       count(*) FILTER (WHERE d.state = 'exempt') AS exempt,
       count(*) FILTER (WHERE d.state = 'blocked') AS blocked,
       count(*) FILTER (WHERE d.state NOT IN ${CLOSED} AND d.state <> 'blocked') AS "inProgress",
       count(*) FILTER (WHERE ${overduePlanSql(asOf)}) AS "overduePlan",
       count(*) FILTER (WHERE ${overdueCompletionSql(asOf)}) AS "overdueCompletion",
       count(*) FILTER (WHERE ${overduePlanSql(asOf)} OR ${overdueCompletionSql(asOf)}) AS overdue,
       ${inPeriod('d.listed_on')} AS "listedInPeriod",
       ${inPeriod('d.plan_approved_on')} AS "planApprovedInPeriod",
       ${inPeriod('d.decoupled_on')} AS "decoupledInPeriod"
     FROM ${from} WHERE ${where}`,
    p.values,
  );
  const ap = new Params();
  const associationWhereSql = associationWhere(request, ap);
  if (request.filter.batch)
    associationWhereSql.push(
      `a.id IN (SELECT association_id FROM decoupling_cases WHERE batch = ${ap.add(request.filter.batch)})`,
    );
  const associations = await q.query<{ n: number }>(
    `SELECT count(*) AS n FROM associations AS a WHERE ${associationWhereSql.join(' AND ')}`,
    ap.values,
  );
  const findings = await dashboardFindings(q, request);
  return {
    period,
    associations: Number(associations.rows[0]!.n),
    ...numbers(rows[0]!),
    findings: findings.reduce((sum, r) => sum + r.count, 0),
    findingsViolation: findings
      .filter((r) => r.severity === 'violation')
      .reduce((sum, r) => sum + r.count, 0),
  };
}

function numbers<T extends Record<string, unknown>>(row: T): { [K in keyof T]: number } {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)])) as {
    [K in keyof T]: number;
  };
}

export type TProgressRow = { batch: string; state: TCaseState; count: number };

/** Cases by batch and current state. Segment: `{ batch, state }`. */
export async function dashboardProgress(q: Queryable, request: TDashboardRequest): Promise<TProgressRow[]> {
  const { from, where, p } = caseSql(request);
  const { rows } = await q.query<TProgressRow>(
    `SELECT d.batch, d.state, count(*) AS count FROM ${from} WHERE ${where}
     GROUP BY d.batch, d.state ORDER BY d.batch, d.state`,
    p.values,
  );
  return rows.map((r) => ({ ...r, count: Number(r.count) }));
}

export type TStageCounts = {
  total: number;
  decoupled: number;
  exempt: number;
  blocked: number;
  inProgress: number;
  overdue: number;
};

export type TOrganProgressRow = TStageCounts & { code: string; name: string };

function stageCountsSql(asOf: string): string {
  return `count(*) AS total,
       count(*) FILTER (WHERE d.state = 'decoupled') AS decoupled,
       count(*) FILTER (WHERE d.state = 'exempt') AS exempt,
       count(*) FILTER (WHERE d.state = 'blocked') AS blocked,
       count(*) FILTER (WHERE d.state NOT IN ${CLOSED} AND d.state <> 'blocked') AS "inProgress",
       count(*) FILTER (WHERE ${overduePlanSql(asOf)} OR ${overdueCompletionSql(asOf)}) AS overdue`;
}

/**
 * Cases by former organ, rolled up to the top of each organ's tree (the ministry or the provincial
 * department): which organs lag. A case linked to two organs counts under both, so the bars can add
 * up to more than the cases. The organs with most open cases come first. Segment: `{ organ, stage }`.
 */
export async function dashboardOrgans(
  q: Queryable,
  request: TDashboardRequest,
  options: { limit?: number } = {},
): Promise<TOrganProgressRow[]> {
  const { from, where, asOf, p } = caseSql(request);
  const limit = p.add(options.limit ?? 15);
  const { rows } = await q.query<TOrganProgressRow>(
    `WITH RECURSIVE roots(id, root_id) AS (
       SELECT id, id FROM organs WHERE parent_id IS NULL
       UNION ALL SELECT o.id, r.root_id FROM organs AS o JOIN roots AS r ON o.parent_id = r.id),
     pairs AS (
       SELECT DISTINCT d.id AS case_id, r.root_id
       FROM ${from} JOIN organ_links AS l ON l.association_id = a.id JOIN roots AS r ON r.id = l.organ_id
       WHERE ${where})
     SELECT o.code, o.name, ${stageCountsSql(asOf)}
     FROM pairs JOIN decoupling_cases AS d ON d.id = pairs.case_id JOIN organs AS o ON o.id = pairs.root_id
     GROUP BY o.id, o.code, o.name
     ORDER BY count(*) FILTER (WHERE d.state NOT IN ${CLOSED}) DESC, count(*) DESC, o.code
     LIMIT ${limit}`,
    p.values,
  );
  return rows.map((r) => ({ ...numbers(r), code: r.code, name: r.name }));
}

export type TRegionProgressRow = TStageCounts & { province: string; level: TLevel };

/** Cases by province (first two digits of the region; `10` national) and level. Segment: `{ province, level, stage }`. */
export async function dashboardRegions(
  q: Queryable,
  request: TDashboardRequest,
): Promise<TRegionProgressRow[]> {
  const { from, where, asOf, p } = caseSql(request);
  const { rows } = await q.query<TRegionProgressRow>(
    `SELECT left(a.region_code, 2) AS province, a.level, ${stageCountsSql(asOf)}
     FROM ${from} WHERE ${where}
     GROUP BY left(a.region_code, 2), a.level ORDER BY 1, 2`,
    p.values,
  );
  return rows.map((r) => ({ ...numbers(r), province: r.province, level: r.level }));
}

export type TBlockedRow = { reason: string; count: number };

/** Blocked cases by reason (`unclassified` when none is recorded). Segment: `{ stage: 'blocked', reason }`. */
export async function dashboardBlocked(q: Queryable, request: TDashboardRequest): Promise<TBlockedRow[]> {
  const { from, where, p } = caseSql(request, { stage: 'blocked' });
  const { rows } = await q.query<TBlockedRow>(
    `SELECT coalesce(d.blocked_reason, 'unclassified') AS reason, count(*) AS count
     FROM ${from} WHERE ${where} GROUP BY 1 ORDER BY 2 DESC, 1`,
    p.values,
  );
  return rows.map((r) => ({ reason: r.reason, count: Number(r.count) }));
}

export type TOverdueRow = { batch: string; plan: number; completion: number };

/** CASE-1 and CASE-2 cases on the period's last day, by batch. Segment: `{ batch, rule }`. */
export async function dashboardOverdue(q: Queryable, request: TDashboardRequest): Promise<TOverdueRow[]> {
  const { from, where, asOf, p } = caseSql(request);
  const { rows } = await q.query<TOverdueRow>(
    `SELECT d.batch, count(*) FILTER (WHERE ${overduePlanSql(asOf)}) AS plan,
            count(*) FILTER (WHERE ${overdueCompletionSql(asOf)}) AS completion
     FROM ${from} WHERE ${where} AND (${overduePlanSql(asOf)} OR ${overdueCompletionSql(asOf)})
     GROUP BY d.batch ORDER BY d.batch`,
    p.values,
  );
  return rows.map((r) => ({ batch: r.batch, plan: Number(r.plan), completion: Number(r.completion) }));
}

export type TTrendRow = { month: string } & Record<TTrendSeries, number>;

/**
 * Month by month over the period (the last twelve months when the period has no start): cases
 * listed, plans approved, cases decoupled (by their dates) and cases blocked (by their workflow
 * events). Segment: `{ month, series }`.
 */
export async function dashboardTrend(q: Queryable, request: TDashboardRequest): Promise<TTrendRow[]> {
  const { from, where, asOf, p, period } = caseSql(request);
  const low = p.add(period.trendFrom);
  const monthOf = (column: string) =>
    `SELECT to_char(${column}, 'YYYY-MM') AS month, count(*) AS n FROM ${from}
     WHERE ${where} AND ${column} BETWEEN ${low}::date AND ${asOf}::date GROUP BY 1`;
  const eventDay = `(e.at AT TIME ZONE 'Asia/Shanghai')::date`;
  const { rows } = await q.query<TTrendRow>(
    `WITH months AS (
       SELECT to_char(m, 'YYYY-MM') AS month
       FROM generate_series(date_trunc('month', ${low}::date), date_trunc('month', ${asOf}::date), interval '1 month') AS m),
     listed AS (${monthOf('d.listed_on')}),
     approved AS (${monthOf('d.plan_approved_on')}),
     decoupled AS (${monthOf('d.decoupled_on')}),
     blocked AS (
       SELECT to_char(day, 'YYYY-MM') AS month, count(DISTINCT case_id) AS n FROM (
         SELECT d.id AS case_id, ${eventDay} AS day FROM ${from} JOIN case_events AS e ON e.case_id = d.id
         WHERE ${where} AND e.to_state = 'blocked' AND ${eventDay} BETWEEN ${low}::date AND ${asOf}::date) AS b
       GROUP BY 1)
     SELECT months.month, coalesce(listed.n, 0) AS listed, coalesce(approved.n, 0) AS plan_approved,
            coalesce(decoupled.n, 0) AS decoupled, coalesce(blocked.n, 0) AS blocked
     FROM months LEFT JOIN listed USING (month) LEFT JOIN approved USING (month)
       LEFT JOIN decoupled USING (month) LEFT JOIN blocked USING (month)
     ORDER BY months.month`,
    p.values,
  );
  return rows.map((r) => ({
    month: r.month,
    listed: Number(r.listed),
    plan_approved: Number(r.plan_approved),
    decoupled: Number(r.decoupled),
    blocked: Number(r.blocked),
  }));
}

type TFindingSql = { where: string; p: Params };

/** Findings standing on the period's last day (seen by then, not resolved by then) of the filter's associations. */
function findingSql(request: TDashboardRequest, segment: TDashboardSegment = {}): TFindingSql {
  const p = new Params();
  const { asOf } = periodOf(request.filter, request.today);
  const where = associationWhere(request, p);
  if (request.filter.batch)
    where.push(
      `a.id IN (SELECT association_id FROM decoupling_cases WHERE batch = ${p.add(request.filter.batch)})`,
    );
  const day = p.add(asOf);
  where.push(`f.first_seen_on <= ${day}::date AND (f.resolved_on IS NULL OR f.resolved_on > ${day}::date)`);
  if (segment.family) where.push(`f.family = ${p.add(segment.family)}`);
  if (segment.severity) where.push(`f.severity = ${p.add(segment.severity)}`);
  return { where: where.join(' AND '), p };
}

const FINDINGS_FROM = 'findings AS f JOIN associations AS a ON a.id = f.association_id';

export type TFindingCountRow = { family: string; severity: string; count: number };

/** Standing findings by rule family and severity. Segment: `{ family, severity }`. */
export async function dashboardFindings(
  q: Queryable,
  request: TDashboardRequest,
): Promise<TFindingCountRow[]> {
  const { where, p } = findingSql(request);
  const { rows } = await q.query<TFindingCountRow>(
    `SELECT f.family, f.severity, count(*) AS count FROM ${FINDINGS_FROM} WHERE ${where}
     GROUP BY f.family, f.severity ORDER BY f.family, f.severity`,
    p.values,
  );
  return rows.map((r) => ({ ...r, count: Number(r.count) }));
}

export type TFindingRuleRow = {
  family: string;
  ruleId: string;
  count: number;
  /** How many associations the rule found something at. */
  associations: number;
  /** Names of up to `examples` of those associations (public bodies; never a person). */
  exampleAssociations: string[];
};

/** Standing findings by rule, most frequent first, with a few associations as examples (for the work summary). */
export async function dashboardFindingRules(
  q: Queryable,
  request: TDashboardRequest,
  options: { examples?: number } = {},
): Promise<TFindingRuleRow[]> {
  const { where, p } = findingSql(request);
  const examples = p.add(options.examples ?? 2);
  const { rows } = await q.query<TFindingRuleRow>(
    `WITH standing AS (SELECT f.family, f.rule_id, a.id AS association_id, a.uscc, a.name
                       FROM ${FINDINGS_FROM} WHERE ${where})
     SELECT family, rule_id AS "ruleId", count(*) AS count, count(DISTINCT association_id) AS associations,
       (SELECT coalesce(json_agg(e.name ORDER BY e.uscc), '[]')::text FROM (
          SELECT DISTINCT s2.uscc, s2.name FROM standing AS s2 WHERE s2.rule_id = s.rule_id
          ORDER BY s2.uscc LIMIT ${examples}) AS e) AS "exampleAssociations"
     FROM standing AS s GROUP BY family, rule_id ORDER BY family, count(*) DESC, rule_id`,
    p.values,
  );
  return rows.map((r) => ({
    family: r.family,
    ruleId: r.ruleId,
    count: Number(r.count),
    associations: Number(r.associations),
    exampleAssociations:
      typeof r.exampleAssociations === 'string'
        ? (JSON.parse(r.exampleAssociations) as string[])
        : r.exampleAssociations,
  }));
}

export type TDashboardCaseRow = {
  id: number;
  ref: string;
  uscc: string;
  associationName: string;
  level: TLevel;
  regionCode: string;
  batch: string;
  state: TCaseState;
  stateSince: string;
  listedOn: string | null;
  planDeadline: string | null;
  planApprovedOn: string | null;
  completionDeadline: string | null;
  decoupledOn: string | null;
  blockedReason: string | null;
  overduePlan: boolean;
  overdueCompletion: boolean;
};

function caseColumns(asOf: string): string {
  return `d.id, d.ref, a.uscc, a.name AS "associationName", a.level, a.region_code AS "regionCode", d.batch,
    d.state, d.state_since AS "stateSince", d.listed_on AS "listedOn", d.plan_deadline AS "planDeadline",
    d.plan_approved_on AS "planApprovedOn", d.completion_deadline AS "completionDeadline",
    d.decoupled_on AS "decoupledOn", d.blocked_reason AS "blockedReason",
    ${overduePlanSql(asOf)} AS "overduePlan", ${overdueCompletionSql(asOf)} AS "overdueCompletion"`;
}

function normaliseCase(row: TDashboardCaseRow): TDashboardCaseRow {
  return {
    ...row,
    id: Number(row.id),
    uscc: row.uscc.trimEnd(),
    regionCode: row.regionCode.trimEnd(),
    stateSince: typeof row.stateSince === 'string' ? row.stateSince : new Date(row.stateSince).toISOString(),
  };
}

export type TPageOptions = { page: number; pageSize: number };

/** One page of the cases behind a chart segment, by USCC then case reference. */
export async function listDashboardCases(
  q: Queryable,
  request: TDashboardRequest,
  segment: TDashboardSegment,
  page: TPageOptions,
): Promise<{ rows: TDashboardCaseRow[]; total: number }> {
  const sql = caseSql(request, segment);
  const { from, where, p } = sql;
  const total = await q.query<{ n: number }>(`SELECT count(*) AS n FROM ${from} WHERE ${where}`, [
    ...p.values,
  ]);
  const asOf = sql.asOf;
  const limit = p.add(page.pageSize);
  const offset = p.add((page.page - 1) * page.pageSize);
  const { rows } = await q.query<TDashboardCaseRow>(
    `SELECT ${caseColumns(asOf)} FROM ${from} WHERE ${where}
     ORDER BY a.uscc, d.ref, d.id LIMIT ${limit} OFFSET ${offset}`,
    p.values,
  );
  return { rows: rows.map(normaliseCase), total: Number(total.rows[0]!.n) };
}

/** Every case behind a chart segment in batches (keyset by id), for exports. */
export async function* streamDashboardCases(
  q: Queryable,
  request: TDashboardRequest,
  segment: TDashboardSegment,
  batchSize = 2_000,
): AsyncGenerator<TDashboardCaseRow[]> {
  let after = 0;
  for (;;) {
    const { from, where, asOf, p } = caseSql(request, segment);
    const { rows } = await q.query<TDashboardCaseRow>(
      `SELECT ${caseColumns(asOf)} FROM ${from} WHERE ${where} AND d.id > ${p.add(after)}
       ORDER BY d.id LIMIT ${p.add(batchSize)}`,
      p.values,
    );
    if (rows.length === 0) return;
    const batch = rows.map(normaliseCase);
    yield batch;
    after = batch[batch.length - 1]!.id;
    if (rows.length < batchSize) return;
  }
}

export type TDashboardFindingRow = {
  id: number;
  ruleId: string;
  family: string;
  severity: string;
  status: string;
  uscc: string;
  associationName: string;
  regionCode: string;
  firstSeenOn: string;
  deadline: string | null;
};

const FINDING_COLUMNS = `f.id, f.rule_id AS "ruleId", f.family, f.severity, f.status, a.uscc,
  a.name AS "associationName", a.region_code AS "regionCode", f.first_seen_on AS "firstSeenOn", f.deadline`;

function normaliseFinding(row: TDashboardFindingRow): TDashboardFindingRow {
  return { ...row, id: Number(row.id), uscc: row.uscc.trimEnd(), regionCode: row.regionCode.trimEnd() };
}

/** One page of the standing findings behind a segment of the findings chart. */
export async function listDashboardFindings(
  q: Queryable,
  request: TDashboardRequest,
  segment: TDashboardSegment,
  page: TPageOptions,
): Promise<{ rows: TDashboardFindingRow[]; total: number }> {
  const { where, p } = findingSql(request, segment);
  const total = await q.query<{ n: number }>(
    `SELECT count(*) AS n FROM ${FINDINGS_FROM} WHERE ${where}`,
    p.values,
  );
  const limit = p.add(page.pageSize);
  const offset = p.add((page.page - 1) * page.pageSize);
  const { rows } = await q.query<TDashboardFindingRow>(
    `SELECT ${FINDING_COLUMNS} FROM ${FINDINGS_FROM} WHERE ${where}
     ORDER BY a.uscc, f.rule_id, f.id LIMIT ${limit} OFFSET ${offset}`,
    p.values,
  );
  return { rows: rows.map(normaliseFinding), total: Number(total.rows[0]!.n) };
}

/** Every standing finding behind a segment, in batches, for exports. */
export async function* streamDashboardFindings(
  q: Queryable,
  request: TDashboardRequest,
  segment: TDashboardSegment,
  batchSize = 2_000,
): AsyncGenerator<TDashboardFindingRow[]> {
  let after = 0;
  for (;;) {
    const { where, p } = findingSql(request, segment);
    const { rows } = await q.query<TDashboardFindingRow>(
      `SELECT ${FINDING_COLUMNS} FROM ${FINDINGS_FROM} WHERE ${where} AND f.id > ${p.add(after)}
       ORDER BY f.id LIMIT ${p.add(batchSize)}`,
      p.values,
    );
    if (rows.length === 0) return;
    const batch = rows.map(normaliseFinding);
    yield batch;
    after = batch[batch.length - 1]!.id;
    if (rows.length < batchSize) return;
  }
}

/** The names of organs by code (for labels of a filter or a chart). */
export async function findOrganNames(q: Queryable, codes: readonly string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const { rows } = await q.query<{ code: string; name: string }>(
    'SELECT code, name FROM organs WHERE code = ANY($1::text[])',
    [codes],
  );
  return new Map(rows.map((r) => [r.code, r.name]));
}
