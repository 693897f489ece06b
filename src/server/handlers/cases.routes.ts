import { createRoute, z } from '@hono/zod-openapi';
import { ITEM_STATES, SEPARATIONS } from '../../core/cases/checklist.ts';
import { BLOCKED_REASONS, CASE_STATES } from '../../core/cases/types.ts';
import { CASE_OVERDUE_FILTERS } from '../../db/repositories/cases.repository.ts';
import { USER_ROLES } from '../../db/repositories/users.repository.ts';
import { ZErrorBody } from '../errors.ts';
import type { TRouteDefinition } from '../routes.ts';

/**
 * The decoupling-case and notification routes of the route table (spread into `ROUTES`), with their
 * schemas. Routes on one case check its association against the caller's scope in the handler
 * (403 `outside_scope`), as the finding routes do.
 */

function optionalParam<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (value === '' ? undefined : value), schema.optional());
}

const ZPage = z.coerce.number().int().min(1).max(100_000).default(1);
const ZPageSize = z.coerce.number().int().min(1).max(200).default(20);
const ZText = z.object({ zh: z.string(), en: z.string() });

const caseFilterFields = {
  state: optionalParam(z.enum(CASE_STATES)),
  batch: optionalParam(z.string().max(40)),
  region: optionalParam(z.string().regex(/^\d{6}$/)),
  q: optionalParam(z.string().max(100)),
  overdue: optionalParam(z.enum(CASE_OVERDUE_FILTERS)).openapi({
    description: 'Overdue today by CASE-1 (plan), CASE-2 (completion) or either',
  }),
};

export const ZCaseQuery = z.object({ ...caseFilterFields, page: ZPage, pageSize: ZPageSize });
export const ZCaseExportQuery = z.object({
  ...caseFilterFields,
  format: z.enum(['xlsx', 'csv']).default('xlsx'),
});

export const ZCaseIdParam = z.object({
  id: z.coerce
    .number()
    .int()
    .min(1)
    .openapi({ param: { name: 'id', in: 'path' }, example: 3 }),
});
export const ZCaseItemParam = ZCaseIdParam.extend({
  key: z
    .string()
    .regex(/^[a-z]+\.[a-z_]+$/)
    .openapi({ param: { name: 'key', in: 'path' }, example: 'inst.links_ended' }),
});
export const ZEvidenceParam = ZCaseIdParam.extend({
  evidenceId: z.coerce
    .number()
    .int()
    .min(1)
    .openapi({ param: { name: 'evidenceId', in: 'path' }, example: 9 }),
});

const ZOverdue = z.object({
  rule: z.enum(['CASE-1', 'CASE-2']),
  deadline: z.string(),
  daysOverdue: z.number(),
});

export const ZCaseSummary = z
  .object({
    id: z.number().int(),
    ref: z.string(),
    association: z.object({ uscc: z.string(), name: z.string(), regionCode: z.string() }),
    batch: z.object({ id: z.string(), title: ZText }),
    jurisdiction: z.string(),
    state: z.enum(CASE_STATES),
    stateTitle: ZText,
    stateSince: z.string(),
    listedOn: z.string().nullable(),
    planDeadline: z.string().nullable(),
    planSubmittedOn: z.string().nullable(),
    planApprovedOn: z.string().nullable(),
    completionDeadline: z.string().nullable(),
    decoupledOn: z.string().nullable(),
    blockedReason: z.enum(BLOCKED_REASONS).nullable(),
    overdue: z.array(ZOverdue),
  })
  .openapi('CaseSummary');

export const ZCasePage = z
  .object({
    items: z.array(ZCaseSummary),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .openapi('CasePage');

const ZEvidenceFile = z.object({
  id: z.number().int(),
  kind: z.string(),
  fileName: z.string(),
  mimeType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  uploadedBy: z.string().nullable(),
  uploaderRole: z.string(),
  uploadedAt: z.string(),
  /** False while the file waits for the rest of the item's evidence (or for the plan's submission). */
  submitted: z.boolean(),
});

const ZCaseFindingBrief = z.object({
  id: z.number().int(),
  rule: z.string(),
  severity: z.string(),
  status: z.string(),
  explanationZh: z.string(),
  explanationEn: z.string(),
});

const ZChecklistItem = z.object({
  key: z.string(),
  separation: z.enum(SEPARATIONS),
  title: ZText,
  detail: ZText,
  owner: z.enum(['association', 'organ', 'regulator']),
  signers: z.array(z.enum(USER_ROLES)),
  organHandOver: z.boolean(),
  state: z.enum(ITEM_STATES),
  reason: z.string().nullable(),
  signedOffBy: z.string().nullable(),
  signedOffAt: z.string().nullable(),
  rules: z.array(z.string()),
  requirements: z.array(
    z.object({
      kind: z.string(),
      title: ZText,
      mimeTypes: z.array(z.string()),
      maxBytes: z.number().int(),
      minCount: z.number().int(),
    }),
  ),
  files: z.array(ZEvidenceFile),
  /** The moves the caller may make on the item now (`evidence_submitted` means: may upload). */
  allowed: z.array(z.enum(ITEM_STATES)),
  findings: z.array(ZCaseFindingBrief),
});

const ZTimelineEntry = z.object({
  at: z.string(),
  item: z.string().nullable(),
  itemTitle: ZText.nullable(),
  from: z.string().nullable(),
  to: z.string(),
  actor: z.string().nullable(),
  role: z.string(),
  reason: z.string().nullable(),
});

export const ZCaseDetail = z
  .object({
    case: ZCaseSummary.extend({
      planApprovalRef: z.string().nullable(),
      blockedFrom: z.string().nullable(),
      blockedNote: z.string().nullable(),
      exemptApprovalRef: z.string().nullable(),
      version: z.number().int(),
    }),
    transitions: z.array(z.object({ to: z.enum(CASE_STATES), title: ZText, inputs: z.array(z.string()) })),
    separations: z.array(z.object({ key: z.enum(SEPARATIONS), title: ZText })),
    planDocuments: z.array(ZEvidenceFile),
    mayUploadPlan: z.boolean(),
    checklist: z.array(ZChecklistItem),
    otherFindings: z.array(ZCaseFindingBrief),
    timeline: z.array(ZTimelineEntry),
  })
  .openapi('CaseDetail');

export const ZOpenCaseBody = z.object({
  uscc: z.string().regex(/^[0-9A-Z]{18}$/),
  batch: z.string().max(40),
  ref: z.string().max(60).optional(),
});

export const ZCaseTransitionBody = z.object({
  to: z.enum(CASE_STATES),
  reason: z.string().max(2000).optional(),
  blockedReason: z.enum(BLOCKED_REASONS).optional(),
  approvalRef: z.string().max(200).optional(),
});

export const ZItemTransitionBody = z.object({
  to: z.enum(['signed_off', 'waived', 'open']),
  reason: z.string().max(2000).optional(),
});

export const ZEvidenceForm = z.object({
  file: z.instanceof(File).openapi({ type: 'string', format: 'binary' }),
  kind: z.string().min(1).max(60),
  /** The checklist item key; left out for the plan document. */
  item: optionalParam(z.string().max(60)),
});

export const ZEvidenceResult = z.object({
  evidenceId: z.number().int(),
  sha256: z.string(),
  itemState: z.enum(ITEM_STATES).nullable(),
  missingKinds: z.array(z.string()),
});

export const ZNotificationQuery = z.object({
  unread: optionalParam(z.enum(['true', 'false'])),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const ZNotificationIdParam = z.object({
  id: z.coerce
    .number()
    .int()
    .min(1)
    .openapi({ param: { name: 'id', in: 'path' }, example: 5 }),
});
export const ZNotificationPage = z
  .object({
    items: z.array(
      z.object({
        id: z.number().int(),
        kind: z.string(),
        caseId: z.number().int().nullable(),
        caseRef: z.string().nullable(),
        associationName: z.string().nullable(),
        title: ZText,
        body: ZText,
        createdAt: z.string(),
        readAt: z.string().nullable(),
      }),
    ),
    unread: z.number().int(),
    total: z.number().int(),
  })
  .openapi('NotificationPage');

export const ZUnreadCount = z.object({ unread: z.number().int() });

export type TCaseSummaryBody = z.infer<typeof ZCaseSummary>;
export type TCaseDetailBody = z.infer<typeof ZCaseDetail>;

function errors(...statuses: (400 | 401 | 403 | 404 | 409 | 413 | 415)[]) {
  const descriptions = {
    400: 'Invalid request, a missing reason or input, or a file that is empty or too large (validation_failed)',
    401: 'Not logged in (unauthenticated)',
    403: 'Role not allowed (forbidden), outside the caller’s scope (outside_scope) or CSRF token missing (csrf_failed)',
    404: 'Not found (not_found)',
    409: 'Not a legal move now, or the case changed meanwhile (conflict)',
    413: 'A request larger than the endpoint accepts, refused before it is read (payload_too_large)',
    415: 'A file whose content does not match its declared type, or a type the item does not accept (unsupported_media_type)',
  } as const;
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      { description: descriptions[s], content: { 'application/json': { schema: ZErrorBody } } },
    ]),
  );
}

function json<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

const READERS = USER_ROLES;

export const CASE_ROUTES = {
  listCases: {
    access: { kind: 'roles', roles: READERS, scope: { kind: 'filtered' } },
    route: createRoute({
      method: 'get',
      path: '/api/cases',
      tags: ['cases'],
      summary: 'Decoupling cases inside the caller’s scope, filtered by state, batch, region and overdue',
      request: { query: ZCaseQuery },
      responses: { 200: json(ZCasePage, 'One page of cases'), ...errors(400, 401, 403) },
    }),
  },
  exportCases: {
    access: { kind: 'roles', roles: READERS, scope: { kind: 'filtered' } },
    route: createRoute({
      method: 'get',
      path: '/api/cases/export',
      tags: ['cases'],
      summary: 'Download every matching case as XLSX or CSV',
      request: { query: ZCaseExportQuery },
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
        ...errors(400, 401, 403),
      },
    }),
  },
  openCase: {
    access: { kind: 'roles', roles: ['regulator', 'admin'], scope: { kind: 'filtered' } },
    route: createRoute({
      method: 'post',
      path: '/api/cases',
      tags: ['cases'],
      summary: 'Put an association of the caller’s jurisdiction on a batch’s decoupling list (a new case)',
      request: { body: { required: true, content: { 'application/json': { schema: ZOpenCaseBody } } } },
      responses: { 200: json(ZCaseDetail, 'The new case'), ...errors(400, 401, 403, 404, 409) },
    }),
  },
  getCase: {
    access: { kind: 'roles', roles: READERS, scope: { kind: 'filtered' } },
    route: createRoute({
      method: 'get',
      path: '/api/cases/{id}',
      tags: ['cases'],
      summary:
        'One case: its checklist by the five separations, evidence, findings beside each item and timeline',
      request: { params: ZCaseIdParam },
      responses: { 200: json(ZCaseDetail, 'The case'), ...errors(400, 401, 403, 404) },
    }),
  },
  transitionCase: {
    access: {
      kind: 'roles',
      roles: ['regulator', 'organ', 'association', 'admin'],
      scope: { kind: 'filtered' },
    },
    route: createRoute({
      method: 'post',
      path: '/api/cases/{id}/transition',
      tags: ['cases'],
      summary: 'Move a case (which role may make which move is the case state machine’s; see docs/cases.md)',
      request: {
        params: ZCaseIdParam,
        body: { required: true, content: { 'application/json': { schema: ZCaseTransitionBody } } },
      },
      responses: { 200: json(ZCaseDetail, 'The case after the move'), ...errors(400, 401, 403, 404, 409) },
    }),
  },
  uploadCaseEvidence: {
    access: { kind: 'roles', roles: ['association', 'organ', 'admin'], scope: { kind: 'filtered' } },
    route: createRoute({
      method: 'post',
      path: '/api/cases/{id}/evidence',
      tags: ['cases'],
      summary:
        'Upload a plan document or a checklist item’s evidence (multipart: file, kind, item); the item is submitted once every required kind is there',
      request: {
        params: ZCaseIdParam,
        body: { required: true, content: { 'multipart/form-data': { schema: ZEvidenceForm } } },
      },
      responses: {
        200: json(ZEvidenceResult, 'The stored file'),
        ...errors(400, 401, 403, 404, 409, 413, 415),
      },
    }),
  },
  downloadCaseEvidence: {
    access: { kind: 'roles', roles: READERS, scope: { kind: 'filtered' } },
    route: createRoute({
      method: 'get',
      path: '/api/cases/{id}/evidence/{evidenceId}',
      tags: ['cases'],
      summary: 'Download one evidence file of a case',
      request: { params: ZEvidenceParam },
      responses: {
        200: {
          description: 'The file as uploaded',
          content: { 'application/octet-stream': { schema: z.string() } },
        },
        ...errors(400, 401, 403, 404),
      },
    }),
  },
  transitionCaseItem: {
    access: { kind: 'roles', roles: ['regulator', 'organ'], scope: { kind: 'filtered' } },
    route: createRoute({
      method: 'post',
      path: '/api/cases/{id}/items/{key}/transition',
      tags: ['cases'],
      summary: 'Sign off, return (to open), waive or reopen one checklist item, with a reason where needed',
      request: {
        params: ZCaseItemParam,
        body: { required: true, content: { 'application/json': { schema: ZItemTransitionBody } } },
      },
      responses: { 200: json(ZCaseDetail, 'The case after the move'), ...errors(400, 401, 403, 404, 409) },
    }),
  },
  listNotifications: {
    access: { kind: 'roles', roles: READERS, scope: { kind: 'filtered' } },
    route: createRoute({
      method: 'get',
      path: '/api/notifications',
      tags: ['notifications'],
      summary: 'The caller’s notifications, newest first, with the unread count',
      request: { query: ZNotificationQuery },
      responses: { 200: json(ZNotificationPage, 'The notifications'), ...errors(400, 401, 403) },
    }),
  },
  markNotificationRead: {
    access: { kind: 'roles', roles: READERS, scope: { kind: 'filtered' } },
    route: createRoute({
      method: 'post',
      path: '/api/notifications/{id}/read',
      tags: ['notifications'],
      summary: 'Mark one notification read',
      request: { params: ZNotificationIdParam },
      responses: {
        200: json(ZUnreadCount, 'The unread count after the mark'),
        ...errors(400, 401, 403, 404),
      },
    }),
  },
  markAllNotificationsRead: {
    access: { kind: 'roles', roles: READERS, scope: { kind: 'filtered' } },
    route: createRoute({
      method: 'post',
      path: '/api/notifications/read-all',
      tags: ['notifications'],
      summary: 'Mark every notification of the caller read',
      responses: { 200: json(ZUnreadCount, 'The unread count after the mark'), ...errors(401, 403) },
    }),
  },
} satisfies Record<string, TRouteDefinition>;
