import { createRoute, type RouteConfig, z } from '@hono/zod-openapi';
import { type TUserRole, USER_ROLES } from '../db/repositories/users.repository.ts';
import { ZErrorBody } from './errors.ts';
import { CASE_ROUTES } from './handlers/cases.routes.ts';
import { COMPLAINT_ROUTES } from './handlers/complaints.routes.ts';
import { CREDIT_ROUTES } from './handlers/credit.routes.ts';
import { DASHBOARD_ROUTES } from './handlers/dashboard.routes.ts';
import { INSPECTION_ROUTE_CONFIGS as INSPECTIONS } from './handlers/inspections.schemas.ts';
import { MATCH_ROUTES } from './handlers/match.routes.ts';
import { OPEN_DATA_ROUTE_CONFIGS as OPEN_DATA } from './handlers/open-data.schemas.ts';
import { PUBLIC_PORTAL_ROUTES } from './handlers/public.routes.ts';
import {
  ZAssociationFindingQuery,
  ZAssociationPage,
  ZAssociationQuery,
  ZAssociationRecord,
  ZAuditPage,
  ZAuditQuery,
  ZDisclosure,
  ZDisclosureQuery,
  ZExportQuery,
  ZFindingDetail,
  ZFindingExportQuery,
  ZFindingIdParam,
  ZFindingPage,
  ZFindingQuery,
  ZHealth,
  ZLoginBody,
  ZOrganCodeParam,
  ZOrganPage,
  ZOrganQuery,
  ZOrganRecord,
  ZPersonIdParam,
  ZPublicAssociationPage,
  ZPublicAssociationQuery,
  ZPublicAssociationRecord,
  ZRegionList,
  ZRegionQuery,
  ZRegistrySummary,
  ZRuleCatalog,
  ZScreeningRun,
  ZScreeningRunBody,
  ZScreeningRunPage,
  ZScreeningRunQuery,
  ZSession,
  ZTransitionBody,
  ZUsccParam,
} from './schemas.ts';

/**
 * The one route table of the API. Each route declares who may call it and how its jurisdiction is
 * checked; the authorization middleware reads this declaration, the app registers exactly these
 * routes, and the authorization matrix test enumerates them, so a route cannot exist without a rule.
 */

/**
 * How a route limits what a permitted role reaches.
 * `global`: the role sees all of it. `filtered`: a listing that leaves out rows outside the caller's
 * scope. `association` / `organ` / `person`: one entity named by a path parameter, refused with
 * 403 `outside_scope` when it lies outside the caller's scope.
 */
export type TScopeCheck =
  | { kind: 'global' }
  | { kind: 'filtered' }
  | { kind: 'association'; param: 'uscc' }
  | { kind: 'organ'; param: 'code' }
  | { kind: 'person'; param: 'id' };

/**
 * `public`: anyone, no session. `session`: any logged-in account, about itself. `roles`: the listed
 * roles, within their scope.
 */
export type TRouteAccess =
  | { kind: 'public' }
  | { kind: 'session' }
  | { kind: 'roles'; roles: readonly TUserRole[]; scope: TScopeCheck };

export type TRouteDefinition = { route: RouteConfig; access: TRouteAccess };

const PUBLIC = { kind: 'public' } as const;
const SESSION = { kind: 'session' } as const;
const ALL_ROLES = USER_ROLES;

function errorResponses(...statuses: (400 | 401 | 403 | 404 | 423 | 429)[]) {
  const descriptions = {
    400: 'Invalid request (validation_failed)',
    401: 'Not logged in (unauthenticated) or wrong credentials (invalid_credentials)',
    403: 'Role not allowed (forbidden), outside the caller’s scope (outside_scope) or CSRF token missing (csrf_failed)',
    404: 'Not found (not_found)',
    423: 'Account locked after repeated failures (locked)',
    429: 'Too many attempts (rate_limited)',
  } as const;
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      { description: descriptions[status], content: { 'application/json': { schema: ZErrorBody } } },
    ]),
  );
}

function json<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

export const ROUTES = {
  health: {
    access: PUBLIC,
    route: createRoute({
      method: 'get',
      path: '/api/health',
      tags: ['system'],
      summary: 'Liveness and the database in use',
      responses: { 200: json(ZHealth, 'The server is up') },
    }),
  },
  login: {
    access: PUBLIC,
    route: createRoute({
      method: 'post',
      path: '/api/auth/login',
      tags: ['auth'],
      summary: 'Log in; sets the session cookie',
      request: { body: { required: true, content: { 'application/json': { schema: ZLoginBody } } } },
      responses: { 200: json(ZSession, 'Logged in'), ...errorResponses(400, 401, 423, 429) },
    }),
  },
  logout: {
    access: SESSION,
    route: createRoute({
      method: 'post',
      path: '/api/auth/logout',
      tags: ['auth'],
      summary: 'End the session',
      responses: { 204: { description: 'Logged out' }, ...errorResponses(401, 403) },
    }),
  },
  me: {
    access: SESSION,
    route: createRoute({
      method: 'get',
      path: '/api/auth/me',
      tags: ['auth'],
      summary: 'The logged-in account and its CSRF token',
      responses: { 200: json(ZSession, 'The current session'), ...errorResponses(401) },
    }),
  },
  searchAssociations: {
    access: { kind: 'roles', roles: ALL_ROLES, scope: { kind: 'filtered' } },
    route: createRoute({
      method: 'get',
      path: '/api/associations',
      tags: ['registry'],
      summary: 'Search the associations inside the caller’s scope',
      request: { query: ZAssociationQuery },
      responses: { 200: json(ZAssociationPage, 'One page of matches'), ...errorResponses(400, 401, 403) },
    }),
  },
  registrySummary: {
    access: { kind: 'roles', roles: ALL_ROLES, scope: { kind: 'filtered' } },
    route: createRoute({
      method: 'get',
      path: '/api/registry/summary',
      tags: ['registry'],
      summary: 'Exact counts of the associations inside the caller’s scope, by status and by level',
      responses: { 200: json(ZRegistrySummary, 'The counts'), ...errorResponses(401, 403) },
    }),
  },
  exportAssociations: {
    access: { kind: 'roles', roles: ALL_ROLES, scope: { kind: 'filtered' } },
    route: createRoute({
      method: 'get',
      path: '/api/associations/export',
      tags: ['registry'],
      summary: 'Download every matching association as XLSX or CSV',
      request: { query: ZExportQuery },
      responses: {
        200: {
          description: 'The file',
          content: {
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
              schema: z.string().openapi({ format: 'binary' }),
            },
            'text/csv': { schema: z.string() },
          },
        },
        ...errorResponses(400, 401, 403),
      },
    }),
  },
  getAssociation: {
    access: { kind: 'roles', roles: ALL_ROLES, scope: { kind: 'association', param: 'uscc' } },
    route: createRoute({
      method: 'get',
      path: '/api/associations/{uscc}',
      tags: ['registry'],
      summary: 'One association with its links to organs and its posts',
      request: { params: ZUsccParam },
      responses: {
        200: json(ZAssociationRecord, 'The association'),
        ...errorResponses(400, 401, 403, 404),
      },
    }),
  },
  discloseIdentifier: {
    access: { kind: 'roles', roles: ['regulator', 'admin'], scope: { kind: 'person', param: 'id' } },
    route: createRoute({
      method: 'get',
      path: '/api/persons/{id}/identifier',
      tags: ['registry'],
      summary: 'Reveal a person’s full resident ID (audit-logged with the reason)',
      request: { params: ZPersonIdParam, query: ZDisclosureQuery },
      responses: { 200: json(ZDisclosure, 'The full ID'), ...errorResponses(400, 401, 403, 404) },
    }),
  },
  searchOrgans: {
    access: { kind: 'roles', roles: ALL_ROLES, scope: { kind: 'filtered' } },
    route: createRoute({
      method: 'get',
      path: '/api/organs',
      tags: ['registry'],
      summary: 'Search the organs inside the caller’s scope',
      request: { query: ZOrganQuery },
      responses: { 200: json(ZOrganPage, 'One page of organs'), ...errorResponses(400, 401, 403) },
    }),
  },
  getOrgan: {
    access: { kind: 'roles', roles: ALL_ROLES, scope: { kind: 'organ', param: 'code' } },
    route: createRoute({
      method: 'get',
      path: '/api/organs/{code}',
      tags: ['registry'],
      summary: 'One organ with the units below it and its linked associations',
      request: { params: ZOrganCodeParam },
      responses: { 200: json(ZOrganRecord, 'The organ'), ...errorResponses(400, 401, 403, 404) },
    }),
  },
  listRegions: {
    access: PUBLIC,
    route: createRoute({
      method: 'get',
      path: '/api/regions',
      tags: ['reference'],
      summary: 'Current GB/T 2260 regions: provinces, or the units of one region',
      request: { query: ZRegionQuery },
      responses: { 200: json(ZRegionList, 'The regions'), ...errorResponses(400) },
    }),
  },
  listAuditEvents: {
    access: { kind: 'roles', roles: ['auditor', 'admin'], scope: { kind: 'global' } },
    route: createRoute({
      method: 'get',
      path: '/api/audit-events',
      tags: ['audit'],
      summary: 'The audit log, newest first',
      request: { query: ZAuditQuery },
      responses: { 200: json(ZAuditPage, 'One page of events'), ...errorResponses(400, 401, 403) },
    }),
  },
  publicSearchAssociations: {
    access: PUBLIC,
    route: createRoute({
      method: 'get',
      path: '/api/public/associations',
      tags: ['public'],
      summary: 'Public search of the registry (no personal data)',
      request: { query: ZPublicAssociationQuery },
      responses: { 200: json(ZPublicAssociationPage, 'One page of matches'), ...errorResponses(400) },
    }),
  },
  publicGetAssociation: {
    access: PUBLIC,
    route: createRoute({
      method: 'get',
      path: '/api/public/associations/{uscc}',
      tags: ['public'],
      summary: 'Public record of one association and the organs it was linked to (no personal data)',
      request: { params: ZUsccParam },
      responses: { 200: json(ZPublicAssociationRecord, 'The association'), ...errorResponses(400, 404) },
    }),
  },
  listFindings: {
    access: { kind: 'roles', roles: ALL_ROLES, scope: { kind: 'filtered' } },
    route: createRoute({
      method: 'get',
      path: '/api/findings',
      tags: ['findings'],
      summary: 'Findings of the screening runs inside the caller’s scope, filtered',
      request: { query: ZFindingQuery },
      responses: { 200: json(ZFindingPage, 'One page of findings'), ...errorResponses(400, 401, 403) },
    }),
  },
  exportFindings: {
    access: { kind: 'roles', roles: ALL_ROLES, scope: { kind: 'filtered' } },
    route: createRoute({
      method: 'get',
      path: '/api/findings/export',
      tags: ['findings'],
      summary: 'Download every matching finding as XLSX or CSV',
      request: { query: ZFindingExportQuery },
      responses: {
        200: {
          description: 'The file',
          content: {
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
              schema: z.string().openapi({ format: 'binary' }),
            },
            'text/csv': { schema: z.string() },
          },
        },
        ...errorResponses(400, 401, 403),
      },
    }),
  },
  // The finding's association decides the scope; the handler checks it (403 outside_scope).
  getFinding: {
    access: { kind: 'roles', roles: ALL_ROLES, scope: { kind: 'filtered' } },
    route: createRoute({
      method: 'get',
      path: '/api/findings/{id}',
      tags: ['findings'],
      summary: 'One finding with its workflow events',
      request: { params: ZFindingIdParam },
      responses: { 200: json(ZFindingDetail, 'The finding'), ...errorResponses(400, 401, 403, 404) },
    }),
  },
  transitionFinding: {
    access: {
      kind: 'roles',
      roles: ['regulator', 'admin', 'organ', 'association'],
      scope: { kind: 'filtered' },
    },
    route: createRoute({
      method: 'post',
      path: '/api/findings/{id}/transition',
      tags: ['findings'],
      summary:
        'Move a finding along its workflow (regulators and admins: any legal move; organs and associations: acknowledge or appeal their own)',
      request: {
        params: ZFindingIdParam,
        body: { required: true, content: { 'application/json': { schema: ZTransitionBody } } },
      },
      responses: {
        200: json(ZFindingDetail, 'The finding after the move'),
        409: {
          description: 'Not a legal move from the current status (conflict)',
          content: { 'application/json': { schema: ZErrorBody } },
        },
        ...errorResponses(400, 401, 403, 404),
      },
    }),
  },
  associationFindings: {
    access: { kind: 'roles', roles: ALL_ROLES, scope: { kind: 'association', param: 'uscc' } },
    route: createRoute({
      method: 'get',
      path: '/api/associations/{uscc}/findings',
      tags: ['findings'],
      summary: 'Findings of one association',
      request: { params: ZUsccParam, query: ZAssociationFindingQuery },
      responses: { 200: json(ZFindingPage, 'One page of findings'), ...errorResponses(400, 401, 403, 404) },
    }),
  },
  listRules: {
    access: { kind: 'roles', roles: ALL_ROLES, scope: { kind: 'global' } },
    route: createRoute({
      method: 'get',
      path: '/api/rules',
      tags: ['findings'],
      summary: 'The rule catalog: each rule’s clause, severity, parameters per policy pack and an example',
      responses: { 200: json(ZRuleCatalog, 'The catalog'), ...errorResponses(401, 403) },
    }),
  },
  startScreeningRun: {
    access: { kind: 'roles', roles: ['regulator', 'admin'], scope: { kind: 'filtered' } },
    route: createRoute({
      method: 'post',
      path: '/api/screening-runs',
      tags: ['findings'],
      summary:
        'Start screening the associations of the caller’s jurisdiction in the background; the runs list shows its progress',
      request: {
        body: { required: false, content: { 'application/json': { schema: ZScreeningRunBody } } },
      },
      responses: {
        202: json(ZScreeningRun, 'The run, started (status running): poll the runs list for its progress'),
        409: {
          description: 'Another screening run is still running (conflict)',
          content: { 'application/json': { schema: ZErrorBody } },
        },
        ...errorResponses(400, 401, 403),
      },
    }),
  },
  listScreeningRuns: {
    access: {
      kind: 'roles',
      roles: ['regulator', 'admin', 'inspector', 'auditor'],
      scope: { kind: 'global' },
    },
    route: createRoute({
      method: 'get',
      path: '/api/screening-runs',
      tags: ['findings'],
      summary: 'Screening runs, newest first',
      request: { query: ZScreeningRunQuery },
      responses: { 200: json(ZScreeningRunPage, 'One page of runs'), ...errorResponses(400, 401, 403) },
    }),
  },
  // Random inspections (双随机一公开). Draw routes are `filtered`: the handler refuses a draw of another
  // jurisdiction (403 outside_scope); an inspector records results only where assigned.
  listDraws: {
    access: {
      kind: 'roles',
      roles: ['regulator', 'admin', 'inspector', 'auditor'],
      scope: { kind: 'filtered' },
    },
    route: INSPECTIONS.listDraws,
  },
  createDraw: {
    access: { kind: 'roles', roles: ['regulator', 'admin'], scope: { kind: 'filtered' } },
    route: INSPECTIONS.createDraw,
  },
  getDraw: {
    access: {
      kind: 'roles',
      roles: ['regulator', 'admin', 'inspector', 'auditor'],
      scope: { kind: 'filtered' },
    },
    route: INSPECTIONS.getDraw,
  },
  revealDraw: {
    access: { kind: 'roles', roles: ['regulator', 'admin'], scope: { kind: 'filtered' } },
    route: INSPECTIONS.revealDraw,
  },
  assignInspectors: {
    access: { kind: 'roles', roles: ['regulator', 'admin'], scope: { kind: 'filtered' } },
    route: INSPECTIONS.assignInspectors,
  },
  recordResult: {
    access: { kind: 'roles', roles: ['regulator', 'admin', 'inspector'], scope: { kind: 'filtered' } },
    route: INSPECTIONS.recordResult,
  },
  publishDraw: {
    access: { kind: 'roles', roles: ['regulator', 'admin'], scope: { kind: 'filtered' } },
    route: INSPECTIONS.publishDraw,
  },
  listAssignments: {
    access: {
      kind: 'roles',
      roles: ['regulator', 'admin', 'inspector', 'auditor'],
      scope: { kind: 'filtered' },
    },
    route: INSPECTIONS.listAssignments,
  },
  listInspectors: {
    access: { kind: 'roles', roles: ['regulator', 'admin', 'auditor'], scope: { kind: 'filtered' } },
    route: INSPECTIONS.listInspectors,
  },
  createInspector: {
    access: { kind: 'roles', roles: ['regulator', 'admin'], scope: { kind: 'filtered' } },
    route: INSPECTIONS.createInspector,
  },
  declareConflict: {
    access: { kind: 'roles', roles: ['regulator', 'admin', 'inspector'], scope: { kind: 'filtered' } },
    route: INSPECTIONS.declareConflict,
  },
  publicListDraws: { access: PUBLIC, route: INSPECTIONS.publicListDraws },
  publicGetDraw: { access: PUBLIC, route: INSPECTIONS.publicGetDraw },
  publicAssociationInspections: { access: PUBLIC, route: INSPECTIONS.publicAssociationInspections },
  publicOpenDataIndex: { access: PUBLIC, route: OPEN_DATA.publicOpenDataIndex },
  publicOpenDataFile: { access: PUBLIC, route: OPEN_DATA.publicOpenDataFile },
  ...PUBLIC_PORTAL_ROUTES,
  ...COMPLAINT_ROUTES,
  ...CREDIT_ROUTES,
  ...CASE_ROUTES,
  ...DASHBOARD_ROUTES,
  ...MATCH_ROUTES,
} satisfies Record<string, TRouteDefinition>;

export type TRouteId = keyof typeof ROUTES;

/** The route table as a list, for the authorization matrix and the documentation. */
export const ROUTE_TABLE: { id: TRouteId; definition: TRouteDefinition }[] = (
  Object.keys(ROUTES) as TRouteId[]
).map((id) => ({ id, definition: ROUTES[id] }));

/** Hono's path syntax (`/api/associations/:uscc`) of a route declared as `/api/associations/{uscc}`. */
export function honoPath(route: RouteConfig): string {
  return route.path.replaceAll(/\/{(.+?)}/g, '/:$1');
}
