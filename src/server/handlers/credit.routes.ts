import { createRoute, z } from '@hono/zod-openapi';
import { ZErrorBody } from '../errors.ts';
import type { TRouteDefinition } from '../routes.ts';
import { ZUsccParam } from '../schemas.ts';
import { ZCreditHistoryEntry } from './public.routes.ts';

/** Credit-list management for registrars: the lists, one association's timeline and the workflow steps. */

const ZDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .openapi({ format: 'date' });
const ZText = z.object({ zh: z.string(), en: z.string() });
const ZList = z.enum(['abnormal', 'serious']);
const STATUS = ['clear', 'abnormal', 'serious', 'abnormal_and_serious'] as const;

function json<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

function errors(...statuses: (400 | 401 | 403 | 404 | 409)[]) {
  const descriptions = {
    400: 'Invalid request (validation_failed)',
    401: 'Not logged in (unauthenticated)',
    403: 'Role not allowed (forbidden), outside the caller’s scope (outside_scope) or CSRF token missing',
    404: 'Not found (not_found)',
    409: 'The step is refused (conflict); the message says why in Chinese and English',
  } as const;
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      { description: descriptions[s], content: { 'application/json': { schema: ZErrorBody } } },
    ]),
  );
}

const ZDue = z.object({
  action: z.enum(['list', 'add_ground', 'escalate', 'remove', 'may_apply']),
  list: ZList,
  entryId: z.string().nullable(),
  groundIds: z.array(z.string()),
  removalReason: z.string().nullable(),
  state: z.enum(['waiting', 'scheduled', 'due', 'overdue', 'available']),
  triggerOn: ZDate.nullable(),
  dueOn: ZDate.nullable(),
  provisional: z.boolean(),
  reason: ZText,
  basis: z.object({ clause: z.string(), summary: ZText }),
});

export const ZCreditQuery = z.object({
  status: z.enum(STATUS).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const ZCreditListPage = z
  .object({
    asOf: ZDate,
    items: z.array(
      z.object({
        uscc: z.string(),
        name: z.string(),
        regionCode: z.string(),
        status: z.enum(STATUS),
        abnormalSince: ZDate.nullable(),
        seriousSince: ZDate.nullable(),
        next: ZDue.nullable(),
        openObjections: z.number().int(),
        openRepairs: z.number().int(),
      }),
    ),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .openapi('CreditListPage');

export const ZAssociationCredit = z
  .object({
    uscc: z.string(),
    name: z.string(),
    asOf: ZDate,
    calendarId: z.string(),
    status: z.enum(STATUS),
    abnormal: z.object({ entryId: z.string(), listedOn: ZDate, groundIds: z.array(z.string()) }).nullable(),
    serious: z.object({ entryId: z.string(), listedOn: ZDate, groundIds: z.array(z.string()) }).nullable(),
    grounds: z.array(
      z.object({
        id: z.string(),
        list: ZList,
        ground: z.string(),
        arisenOn: ZDate,
        curable: z.boolean(),
        detail: ZText.nullable(),
      }),
    ),
    due: z.array(ZDue),
    history: z.array(ZCreditHistoryEntry),
    objections: z.array(
      z.object({
        id: z.string(),
        list: ZList,
        entryId: z.string(),
        state: z.string(),
        filedOn: ZDate,
        acceptBy: ZDate,
        acceptedOn: ZDate.nullable(),
        decideBy: ZDate.nullable(),
        decidedOn: ZDate.nullable(),
        statement: ZText,
        answer: ZText.nullable(),
      }),
    ),
    repairs: z.array(
      z.object({
        id: z.string(),
        list: ZList,
        entryId: z.string(),
        state: z.string(),
        appliedOn: ZDate,
        dueOn: ZDate,
        decidedOn: ZDate.nullable(),
        reason: ZText.nullable(),
      }),
    ),
  })
  .openapi('AssociationCredit');

const ZWords = z.string().trim().min(1).max(4000);
const on = { on: ZDate.optional().openapi({ description: 'The day of the step; today when left out' }) };

export const ZCreditAction = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('verify'), groundKey: z.string().min(1).max(300), ...on }),
    z.object({
      type: z.literal('record_ground'),
      groundKey: z.string().min(1).max(300),
      list: ZList,
      ground: z.enum([
        'annual_report',
        'no_party_organisation',
        'rectification_overdue',
        'minor_penalty',
        'unreachable',
        'change_registration_revoked',
        'stop_activities',
        'major_fine',
        'repeat_penalties',
        'court_defaulter',
        'certificate_revoked',
        'other',
      ]),
      arisenOn: ZDate,
      detailZh: ZWords,
      detailEn: ZWords,
      ...on,
    }),
    z.object({ type: z.literal('object'), list: ZList, statementZh: ZWords, statementEn: ZWords, ...on }),
    z.object({
      type: z.literal('decide_objection'),
      objectionId: z.coerce.number().int().min(1),
      decision: z.enum(['accept', 'not_accept', 'uphold', 'reject']),
      textZh: z.string().max(4000).default(''),
      textEn: z.string().max(4000).default(''),
      ...on,
    }),
    z.object({ type: z.literal('apply_repair'), list: ZList, ...on }),
    z.object({
      type: z.literal('decide_repair'),
      repairId: z.coerce.number().int().min(1),
      decision: z.enum(['approve', 'refuse']),
      reasonZh: z.string().max(4000).default(''),
      reasonEn: z.string().max(4000).default(''),
      ...on,
    }),
  ])
  .openapi('CreditAction');

export const CREDIT_ROUTES = {
  listCredit: {
    access: {
      kind: 'roles',
      roles: ['regulator', 'admin', 'inspector', 'auditor'],
      scope: { kind: 'filtered' },
    },
    route: createRoute({
      method: 'get',
      path: '/api/credit',
      tags: ['credit'],
      summary: 'Associations with a credit record inside the caller’s scope: status and the next timer',
      request: { query: ZCreditQuery },
      responses: { 200: json(ZCreditListPage, 'One page'), ...errors(400, 401, 403) },
    }),
  },
  associationCredit: {
    access: {
      kind: 'roles',
      roles: ['regulator', 'admin', 'inspector', 'auditor', 'organ', 'association'],
      scope: { kind: 'association', param: 'uscc' },
    },
    route: createRoute({
      method: 'get',
      path: '/api/associations/{uscc}/credit',
      tags: ['credit'],
      summary: 'One association’s credit timeline: grounds, what is due by when, history, objections, repair',
      request: { params: ZUsccParam },
      responses: { 200: json(ZAssociationCredit, 'The credit record'), ...errors(400, 401, 403, 404) },
    }),
  },
  actOnCredit: {
    access: { kind: 'roles', roles: ['regulator', 'admin'], scope: { kind: 'association', param: 'uscc' } },
    route: createRoute({
      method: 'post',
      path: '/api/associations/{uscc}/credit/actions',
      tags: ['credit'],
      summary:
        'Registrar steps: verify a fulfilled obligation, record a ground, record and decide an objection or a repair application; audited',
      request: {
        params: ZUsccParam,
        body: { required: true, content: { 'application/json': { schema: ZCreditAction } } },
      },
      responses: {
        200: json(ZAssociationCredit, 'The record after the step'),
        ...errors(400, 401, 403, 404, 409),
      },
    }),
  },
} satisfies Record<string, TRouteDefinition>;
