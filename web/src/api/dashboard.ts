import { apiRequest, buildQuery, type TQueryParams } from './http.ts';
import type { TLevel, TPage } from './types.ts';

/** The charts of the dashboard, as `GET /api/dashboard/{aggregate}` names them. */
export const DASHBOARD_AGGREGATES = [
  'overview',
  'progress',
  'organs',
  'regions',
  'blocked',
  'overdue',
  'trend',
  'findings',
] as const;
export type TDashboardAggregate = (typeof DASHBOARD_AGGREGATES)[number];

export const CASE_STATES = [
  'listed',
  'plan_drafted',
  'plan_submitted',
  'plan_returned',
  'plan_approved',
  'executing',
  'verification',
  'decoupled',
  'blocked',
  'exempt',
] as const;
export type TCaseState = (typeof CASE_STATES)[number];

export const CASE_STAGES = ['in_progress', 'blocked', 'decoupled', 'exempt', 'open', 'overdue'] as const;
export type TCaseStage = (typeof CASE_STAGES)[number];

export const TREND_SERIES = ['listed', 'plan_approved', 'decoupled', 'blocked'] as const;
export type TTrendSeries = (typeof TREND_SERIES)[number];

/** The filter bar, the same for every chart, list and the work summary. */
export type TDashboardFilter = {
  jurisdiction?: string;
  level?: TLevel;
  batch?: string;
  organ?: string;
  from?: string;
  to?: string;
};

/** The chart segment a click drills into. */
export type TDashboardSegment = {
  state?: TCaseState;
  stage?: TCaseStage;
  province?: string;
  segmentOrgan?: string;
  reason?: string;
  month?: string;
  series?: TTrendSeries;
  rule?: 'CASE-1' | 'CASE-2';
  family?: string;
  severity?: string;
  /** The segment's batch and level narrow the filter's (same parameters). */
  batch?: string;
  level?: TLevel;
};

export type TPeriod = { from: string | null; asOf: string; trendFrom: string };

export type TOverview = {
  period: TPeriod;
  associations: number;
  cases: number;
  decoupled: number;
  exempt: number;
  blocked: number;
  inProgress: number;
  overduePlan: number;
  overdueCompletion: number;
  overdue: number;
  listedInPeriod: number;
  planApprovedInPeriod: number;
  decoupledInPeriod: number;
  findings: number;
  findingsViolation: number;
};

type TStageCounts = {
  total: number;
  decoupled: number;
  exempt: number;
  blocked: number;
  inProgress: number;
  overdue: number;
};

export type TDashboardAnswer =
  | { aggregate: 'overview'; period: TPeriod; overview: TOverview }
  | {
      aggregate: 'progress';
      period: TPeriod;
      rows: { batch: string; batchTitle: string; state: TCaseState; count: number }[];
    }
  | { aggregate: 'organs'; period: TPeriod; rows: (TStageCounts & { code: string; name: string })[] }
  | {
      aggregate: 'regions';
      period: TPeriod;
      rows: (TStageCounts & { province: string; provinceName: string; level: TLevel })[];
    }
  | { aggregate: 'blocked'; period: TPeriod; rows: { reason: string; count: number }[] }
  | {
      aggregate: 'overdue';
      period: TPeriod;
      rows: { batch: string; batchTitle: string; plan: number; completion: number }[];
    }
  | { aggregate: 'trend'; period: TPeriod; rows: ({ month: string } & Record<TTrendSeries, number>)[] }
  | { aggregate: 'findings'; period: TPeriod; rows: { family: string; severity: string; count: number }[] };

export type TAnswerOf<A extends TDashboardAggregate> = Extract<TDashboardAnswer, { aggregate: A }>;

export type TDashboardCase = {
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

export type TDashboardFinding = {
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

export type TDashboardList =
  | (TPage<TDashboardCase> & { kind: 'cases' })
  | (TPage<TDashboardFinding> & { kind: 'findings' });

/** `GET /api/dashboard/{aggregate}`: one chart's numbers for the filter. */
export function getDashboardAggregate<A extends TDashboardAggregate>(
  aggregate: A,
  filter: TDashboardFilter,
): Promise<TAnswerOf<A>> {
  return apiRequest<TAnswerOf<A>>(`/api/dashboard/${aggregate}`, { query: filter as TQueryParams });
}

/** `GET /api/dashboard/{aggregate}/list`: one page of what a chart segment counts. */
export function listDashboardSegment(
  aggregate: TDashboardAggregate,
  filter: TDashboardFilter,
  segment: TDashboardSegment,
  page: { page: number; pageSize: number },
): Promise<TDashboardList> {
  return apiRequest<TDashboardList>(`/api/dashboard/${aggregate}/list`, {
    query: { ...filter, ...segment, ...page } as TQueryParams,
  });
}

/** URL of the XLSX download of a chart segment's whole list. */
export function dashboardExportUrl(
  aggregate: TDashboardAggregate,
  filter: TDashboardFilter,
  segment: TDashboardSegment,
): string {
  return `/api/dashboard/${aggregate}/list.xlsx${buildQuery({ ...filter, ...segment } as TQueryParams)}`;
}

/** URL of the work summary of the filter, as Word or PDF. */
export function workSummaryUrl(format: 'docx' | 'pdf', filter: TDashboardFilter): string {
  return `/api/work-summary${buildQuery({ format, ...filter } as TQueryParams)}`;
}
