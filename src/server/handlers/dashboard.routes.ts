import { createRoute, z } from '@hono/zod-openapi';
import { ZErrorBody } from '../errors.ts';
import type { TRouteDefinition } from '../routes.ts';
import {
  ZDashboardAggregateParam,
  ZDashboardAnswer,
  ZDashboardExportQuery,
  ZDashboardFilterQuery,
  ZDashboardListPage,
  ZDashboardListQuery,
  ZWorkSummaryQuery,
} from './dashboard.schemas.ts';

/**
 * The dashboard and work-summary routes of the route table (spread into `ROUTES`). Regulators see
 * their jurisdiction (a jurisdiction outside it is refused, 403 `outside_scope`), organ staff the
 * cases of the associations linked to their organ, auditors and admins everything; association
 * staff and inspectors are refused: the dashboards supervise the decoupling across associations.
 */

const DASHBOARD_ROLES = ['regulator', 'organ', 'auditor', 'admin'] as const;
const ACCESS = { kind: 'roles', roles: DASHBOARD_ROLES, scope: { kind: 'filtered' } } as const;

function errors(...statuses: (400 | 401 | 403)[]) {
  const descriptions = {
    400: 'Invalid request (validation_failed)',
    401: 'Not logged in (unauthenticated)',
    403: 'Role not allowed (forbidden) or a jurisdiction outside the caller’s (outside_scope)',
  } as const;
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      { description: descriptions[status], content: { 'application/json': { schema: ZErrorBody } } },
    ]),
  );
}

const binary = z.string().openapi({ format: 'binary' });

export const DASHBOARD_ROUTES = {
  dashboardAggregate: {
    access: ACCESS,
    route: createRoute({
      method: 'get',
      path: '/api/dashboard/{aggregate}',
      tags: ['dashboard'],
      summary:
        'One dashboard chart: the headline numbers or one aggregate of the cases or findings of the filter',
      request: { params: ZDashboardAggregateParam, query: ZDashboardFilterQuery },
      responses: {
        200: { description: 'The aggregate', content: { 'application/json': { schema: ZDashboardAnswer } } },
        ...errors(400, 401, 403),
      },
    }),
  },
  dashboardList: {
    access: ACCESS,
    route: createRoute({
      method: 'get',
      path: '/api/dashboard/{aggregate}/list',
      tags: ['dashboard'],
      summary: 'The cases (or, for the findings chart, the findings) behind a chart segment, one page',
      request: { params: ZDashboardAggregateParam, query: ZDashboardListQuery },
      responses: {
        200: { description: 'One page', content: { 'application/json': { schema: ZDashboardListPage } } },
        ...errors(400, 401, 403),
      },
    }),
  },
  dashboardExport: {
    access: ACCESS,
    route: createRoute({
      method: 'get',
      path: '/api/dashboard/{aggregate}/list.xlsx',
      tags: ['dashboard'],
      summary: 'Download the whole list behind a chart segment as XLSX (audit-logged)',
      request: { params: ZDashboardAggregateParam, query: ZDashboardExportQuery },
      responses: {
        200: {
          description: 'The workbook',
          content: {
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: binary },
          },
        },
        ...errors(400, 401, 403),
      },
    }),
  },
  workSummary: {
    access: ACCESS,
    route: createRoute({
      method: 'get',
      path: '/api/work-summary',
      tags: ['dashboard'],
      summary:
        'The work summary (脱钩工作总结) of a jurisdiction and a period as Word or PDF, in Chinese, with the dashboard’s numbers and charts (audit-logged)',
      request: { query: ZWorkSummaryQuery },
      responses: {
        200: {
          description: 'The document',
          content: {
            'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { schema: binary },
            'application/pdf': { schema: binary },
          },
        },
        ...errors(400, 401, 403),
      },
    }),
  },
} satisfies Record<string, TRouteDefinition>;
