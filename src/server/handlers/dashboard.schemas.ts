import { z } from '@hono/zod-openapi';
import { BUILT_IN_BATCHES } from '../../core/cases/batches.ts';
import { BLOCKED_REASONS, CASE_STATES } from '../../core/cases/types.ts';
import { isIsoDate } from '../../core/policy/dates.ts';
import { RULE_FAMILIES } from '../../core/policy/types.ts';
import { LEVELS } from '../../core/registry/types.ts';
import { CASE_STAGES, TREND_SERIES } from '../../db/repositories/dashboard.repository.ts';
import { ZRegionCode } from '../schemas.ts';

/** Request and response schemas of the dashboard and work-summary routes. */

function optionalParam<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (value === '' ? undefined : value), schema.optional());
}

const ZDay = z
  .string()
  .refine(isIsoDate, 'must be a date YYYY-MM-DD')
  .openapi({ format: 'date', example: '2020-12-31' });

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

const BATCH_IDS = BUILT_IN_BATCHES.map((b) => b.id) as [string, ...string[]];

/** The filter bar: the same fields for every chart, every list and the work summary. */
export const dashboardFilterFields = {
  jurisdiction: optionalParam(ZRegionCode).openapi({
    description:
      "Region code of the jurisdiction (associations registered in it); '100000' the whole country",
  }),
  level: optionalParam(z.enum(LEVELS)),
  batch: optionalParam(z.enum(BATCH_IDS)).openapi({ description: 'Batch id (see the decoupling batches)' }),
  organ: optionalParam(z.string().min(1).max(40)).openapi({
    description: 'Organ code: cases of associations ever linked to this organ or a unit below it',
  }),
  from: optionalParam(ZDay).openapi({ description: 'First day of the period' }),
  to: optionalParam(ZDay).openapi({
    description: 'Last day of the period (overdue and findings are judged on it)',
  }),
};

const periodInOrder = (q: { from?: string; to?: string }) => !q.from || !q.to || q.from <= q.to;
const PERIOD_MESSAGE = { message: '`from` must not be after `to`', path: ['from'] };

export const ZDashboardFilterQuery = z.object(dashboardFilterFields).refine(periodInOrder, PERIOD_MESSAGE);

/** The segment of a chart a click drills into (besides the filter). */
const segmentFields = {
  state: optionalParam(z.enum(CASE_STATES)),
  stage: optionalParam(z.enum(CASE_STAGES)),
  province: optionalParam(z.string().regex(/^\d{2}$/, 'must be the two digits of a province code')),
  segmentOrgan: optionalParam(z.string().min(1).max(40)).openapi({
    description: 'Former organ of the chart segment (the organ and the units below it)',
  }),
  reason: optionalParam(z.enum([...BLOCKED_REASONS, 'unclassified'])),
  month: optionalParam(z.string().regex(/^\d{4}-\d{2}$/, 'must be a month YYYY-MM')),
  series: optionalParam(z.enum(TREND_SERIES)),
  rule: optionalParam(z.enum(['CASE-1', 'CASE-2'])),
  family: optionalParam(z.enum(RULE_FAMILIES)),
  severity: optionalParam(z.enum(['violation', 'risk', 'open', 'info'])),
};

export const ZDashboardAggregateParam = z.object({
  aggregate: z.enum(DASHBOARD_AGGREGATES).openapi({ param: { name: 'aggregate', in: 'path' } }),
});

const ZPage = z.coerce.number().int().min(1).max(100_000).default(1);
const ZPageSize = z.coerce.number().int().min(1).max(200).default(20);

export const ZDashboardListQuery = z
  .object({ ...dashboardFilterFields, ...segmentFields, page: ZPage, pageSize: ZPageSize })
  .refine(periodInOrder, PERIOD_MESSAGE);
export const ZDashboardExportQuery = z
  .object({ ...dashboardFilterFields, ...segmentFields })
  .refine(periodInOrder, PERIOD_MESSAGE);

const ZPeriod = z.object({ from: z.string().nullable(), asOf: z.string(), trendFrom: z.string() });
const ZStageCounts = {
  total: z.number().int(),
  decoupled: z.number().int(),
  exempt: z.number().int(),
  blocked: z.number().int(),
  inProgress: z.number().int(),
  overdue: z.number().int(),
};

export const ZDashboardOverview = z.object({
  period: ZPeriod,
  associations: z.number().int(),
  cases: z.number().int(),
  decoupled: z.number().int(),
  exempt: z.number().int(),
  blocked: z.number().int(),
  inProgress: z.number().int(),
  overduePlan: z.number().int(),
  overdueCompletion: z.number().int(),
  overdue: z.number().int(),
  listedInPeriod: z.number().int(),
  planApprovedInPeriod: z.number().int(),
  decoupledInPeriod: z.number().int(),
  findings: z.number().int(),
  findingsViolation: z.number().int(),
});

export const ZDashboardAnswer = z
  .discriminatedUnion('aggregate', [
    z.object({ aggregate: z.literal('overview'), period: ZPeriod, overview: ZDashboardOverview }),
    z.object({
      aggregate: z.literal('progress'),
      period: ZPeriod,
      rows: z.array(
        z.object({
          batch: z.string(),
          batchTitle: z.string(),
          state: z.enum(CASE_STATES),
          count: z.number().int(),
        }),
      ),
    }),
    z.object({
      aggregate: z.literal('organs'),
      period: ZPeriod,
      rows: z.array(z.object({ code: z.string(), name: z.string(), ...ZStageCounts })),
    }),
    z.object({
      aggregate: z.literal('regions'),
      period: ZPeriod,
      rows: z.array(
        z.object({ province: z.string(), provinceName: z.string(), level: z.enum(LEVELS), ...ZStageCounts }),
      ),
    }),
    z.object({
      aggregate: z.literal('blocked'),
      period: ZPeriod,
      rows: z.array(z.object({ reason: z.string(), count: z.number().int() })),
    }),
    z.object({
      aggregate: z.literal('overdue'),
      period: ZPeriod,
      rows: z.array(
        z.object({
          batch: z.string(),
          batchTitle: z.string(),
          plan: z.number().int(),
          completion: z.number().int(),
        }),
      ),
    }),
    z.object({
      aggregate: z.literal('trend'),
      period: ZPeriod,
      rows: z.array(
        z.object({
          month: z.string(),
          listed: z.number().int(),
          plan_approved: z.number().int(),
          decoupled: z.number().int(),
          blocked: z.number().int(),
        }),
      ),
    }),
    z.object({
      aggregate: z.literal('findings'),
      period: ZPeriod,
      rows: z.array(z.object({ family: z.string(), severity: z.string(), count: z.number().int() })),
    }),
  ])
  .openapi('DashboardAggregate');

const ZCaseItem = z.object({
  id: z.number().int(),
  ref: z.string(),
  uscc: z.string(),
  associationName: z.string(),
  level: z.enum(LEVELS),
  regionCode: z.string(),
  batch: z.string(),
  state: z.enum(CASE_STATES),
  stateSince: z.string(),
  listedOn: z.string().nullable(),
  planDeadline: z.string().nullable(),
  planApprovedOn: z.string().nullable(),
  completionDeadline: z.string().nullable(),
  decoupledOn: z.string().nullable(),
  blockedReason: z.string().nullable(),
  overduePlan: z.boolean(),
  overdueCompletion: z.boolean(),
});

const ZFindingItem = z.object({
  id: z.number().int(),
  ruleId: z.string(),
  family: z.string(),
  severity: z.string(),
  status: z.string(),
  uscc: z.string(),
  associationName: z.string(),
  regionCode: z.string(),
  firstSeenOn: z.string(),
  deadline: z.string().nullable(),
});

const pageFields = { total: z.number().int(), page: z.number().int(), pageSize: z.number().int() };

export const ZDashboardListPage = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('cases'), items: z.array(ZCaseItem), ...pageFields }),
    z.object({ kind: z.literal('findings'), items: z.array(ZFindingItem), ...pageFields }),
  ])
  .openapi('DashboardList');

export const ZWorkSummaryQuery = z
  .object({ ...dashboardFilterFields, format: z.enum(['docx', 'pdf']).default('docx') })
  .refine(periodInOrder, PERIOD_MESSAGE);
