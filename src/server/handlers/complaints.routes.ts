import { createRoute, z } from '@hono/zod-openapi';
import { ZErrorBody } from '../errors.ts';
import type { TRouteDefinition } from '../routes.ts';

/** The regulator's complaints inbox: list, one complaint with its steps, and the workflow actions. */

const ZDate = z.string().openapi({ format: 'date', example: '2026-10-09' });
const ZText = z.object({ zh: z.string(), en: z.string() });
const STATES = ['received', 'assigned', 'investigating', 'resolved', 'dismissed'] as const;
const FAMILIES = ['FEE', 'PERS', 'FUNC'] as const;

function json<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

function errors(...statuses: (400 | 401 | 403 | 404 | 409)[]) {
  const descriptions = {
    400: 'Invalid request (validation_failed)',
    401: 'Not logged in (unauthenticated)',
    403: 'Role not allowed (forbidden), outside the caller’s scope (outside_scope) or CSRF token missing',
    404: 'Not found (not_found)',
    409: 'The step is not possible in the complaint’s state (conflict); the message says why',
  } as const;
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      { description: descriptions[s], content: { 'application/json': { schema: ZErrorBody } } },
    ]),
  );
}

export const ZComplaintQuery = z.object({
  state: z.enum(STATES).optional(),
  family: z.enum(FAMILIES).optional(),
  open: z
    .enum(['true', 'false'])
    .optional()
    .openapi({ description: 'Only received, assigned or investigating' }),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const ZComplaintIdParam = z.object({
  id: z.coerce
    .number()
    .int()
    .min(1)
    .openapi({ param: { name: 'id', in: 'path' }, example: 1 }),
});

export const ZComplaint = z
  .object({
    id: z.number().int(),
    trackingCode: z.string(),
    association: z.object({ uscc: z.string(), name: z.string(), regionCode: z.string() }),
    receivedOn: ZDate,
    topic: z.string().nullable(),
    text: z.string().openapi({ description: 'What the complainant wrote; internal, never published' }),
    compulsory: z.boolean().nullable(),
    family: z.enum(FAMILIES).nullable(),
    feeRule: z.string().nullable(),
    feeItem: z.object({ id: z.string(), name: z.string() }).nullable(),
    classification: z.object({
      primary: z.enum(FAMILIES).nullable(),
      needsTriage: z.boolean(),
      families: z.array(z.object({ family: z.enum(FAMILIES), score: z.number(), cues: z.array(z.string()) })),
      feeRuleCues: z.array(z.string()),
    }),
    state: z.enum(STATES),
    assignee: z.string().nullable(),
    assignBy: ZDate,
    resolveBy: ZDate,
    closedOn: ZDate.nullable(),
    outcome: ZText.nullable(),
    dismissalReason: ZText.nullable(),
    timeliness: z.enum(['on_time', 'assignment_overdue', 'resolution_overdue']),
    hasContact: z
      .boolean()
      .openapi({ description: 'Whether the complainant left a contact (not shown here)' }),
  })
  .openapi('Complaint');

export const ZComplaintPage = z
  .object({
    items: z.array(ZComplaint),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .openapi('ComplaintPage');

export const ZComplaintDetail = ZComplaint.extend({
  events: z.array(
    z.object({
      on: ZDate,
      at: z.string(),
      action: z.string(),
      fromState: z.string().nullable(),
      toState: z.string(),
      actor: z.string(),
      note: z.string().nullable(),
    }),
  ),
}).openapi('ComplaintDetail');

const ZTextBody = z.string().trim().min(1).max(4000);

export const ZComplaintAction = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('assign'), assignee: z.string().min(1).max(100) }),
    z.object({ type: z.literal('start') }),
    z.object({
      type: z.literal('resolve'),
      outcomeZh: ZTextBody,
      outcomeEn: z.string().max(4000).default(''),
    }),
    z.object({ type: z.literal('dismiss'), reasonZh: ZTextBody, reasonEn: z.string().max(4000).default('') }),
    z.object({
      type: z.literal('reclassify'),
      family: z.enum(FAMILIES),
      feeRule: z.string().max(20).nullable().optional(),
    }),
    z.object({ type: z.literal('set_deadline'), resolveBy: ZDate }),
  ])
  .openapi('ComplaintAction');

const STAFF = ['regulator', 'admin', 'auditor'] as const;

export const COMPLAINT_ROUTES = {
  listComplaints: {
    access: { kind: 'roles', roles: STAFF, scope: { kind: 'filtered' } },
    route: createRoute({
      method: 'get',
      path: '/api/complaints',
      tags: ['complaints'],
      summary:
        'The complaints inbox: complaints about associations inside the caller’s scope, most urgent first',
      request: { query: ZComplaintQuery },
      responses: { 200: json(ZComplaintPage, 'One page of complaints'), ...errors(400, 401, 403) },
    }),
  },
  // The complaint's association decides the scope; the handler checks it (403 outside_scope).
  getComplaint: {
    access: { kind: 'roles', roles: STAFF, scope: { kind: 'filtered' } },
    route: createRoute({
      method: 'get',
      path: '/api/complaints/{id}',
      tags: ['complaints'],
      summary: 'One complaint with every step taken on it',
      request: { params: ZComplaintIdParam },
      responses: { 200: json(ZComplaintDetail, 'The complaint'), ...errors(400, 401, 403, 404) },
    }),
  },
  actOnComplaint: {
    access: { kind: 'roles', roles: ['regulator', 'admin'], scope: { kind: 'filtered' } },
    route: createRoute({
      method: 'post',
      path: '/api/complaints/{id}/actions',
      tags: ['complaints'],
      summary:
        'Assign, start, resolve (the outcome is published), dismiss, reclassify or move the deadline; audited',
      request: {
        params: ZComplaintIdParam,
        body: { required: true, content: { 'application/json': { schema: ZComplaintAction } } },
      },
      responses: {
        200: json(ZComplaintDetail, 'The complaint after the step'),
        ...errors(400, 401, 403, 404, 409),
      },
    }),
  },
} satisfies Record<string, TRouteDefinition>;
