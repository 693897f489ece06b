import { createRoute, z } from '@hono/zod-openapi';
import { ZErrorBody } from '../errors.ts';
import type { TRouteDefinition } from '../routes.ts';
import { ZUsccParam } from '../schemas.ts';

/**
 * The public portal's routes beyond search and the registry record: scorecard, fees and dues, credit
 * status and history, complaint outcomes, the complaint form and tracking. No login; nothing about a
 * person in any answer; rate-limited per client (429 with Retry-After).
 */

const PUBLIC = { kind: 'public' } as const;
const ZDate = z.string().openapi({ format: 'date', example: '2026-10-09' });
const ZText = z.object({ zh: z.string(), en: z.string() });

function json<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

function errors(...statuses: (400 | 404 | 429)[]) {
  const descriptions = {
    400: 'Invalid request (validation_failed)',
    404: 'Not found (not_found)',
    429: 'Too many requests from this client (rate_limited); see Retry-After',
  } as const;
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      { description: descriptions[s], content: { 'application/json': { schema: ZErrorBody } } },
    ]),
  );
}

export const SEPARATION_STATES = [
  'done',
  'in_progress',
  'issues',
  'not_started',
  'exempt',
  'no_case',
] as const;

export const ZPublicScorecard = z
  .object({
    uscc: z.string(),
    case: z
      .object({
        batch: z.string(),
        state: z.string(),
        listedOn: ZDate.nullable(),
        planDeadline: ZDate.nullable(),
        completionDeadline: ZDate.nullable(),
        decoupledOn: ZDate.nullable(),
      })
      .nullable(),
    separations: z.array(
      z.object({
        id: z.string(),
        title: ZText,
        state: z.enum(SEPARATION_STATES),
        openFindings: z.number().int(),
      }),
    ),
    basis: z.string().openapi({ description: 'How the separation states were derived' }),
  })
  .openapi('PublicScorecard');

export const ZPublicFees = z
  .object({
    fees: z.array(
      z.object({
        ref: z.string(),
        name: z.string(),
        category: z.string(),
        amount: z.number().nullable(),
        tiers: z.array(z.number()).nullable(),
        payer: z.string(),
        pricing: z.string().nullable(),
        standardSetBy: z.string().nullable(),
        legalBasis: z.string().nullable(),
        startedOn: ZDate.nullable(),
        endedOn: ZDate.nullable(),
      }),
    ),
    dues: z.array(
      z.object({
        ref: z.string(),
        assemblyDate: ZDate,
        madeBy: z.string(),
        secretBallot: z.boolean().nullable(),
        tiers: z.array(z.number()),
        floating: z.boolean(),
        effectiveFrom: ZDate.nullable(),
        supersededOn: ZDate.nullable(),
      }),
    ),
  })
  .openapi('PublicFees');

export const ZCreditHistoryEntry = z.object({
  on: ZDate,
  list: z.enum(['abnormal', 'serious']),
  action: z.enum(['listed', 'ground_added', 'removed', 'escalated']),
  grounds: z.array(z.string()),
  reason: ZText,
  basis: z.object({ clause: z.string(), summary: ZText }),
});

export const ZPublicCredit = z
  .object({
    asOf: ZDate,
    calendarId: z.string(),
    status: z.enum(['clear', 'abnormal', 'serious', 'abnormal_and_serious']),
    abnormalSince: ZDate.nullable(),
    seriousSince: ZDate.nullable(),
    history: z.array(ZCreditHistoryEntry).openapi({ description: 'Oldest first' }),
  })
  .openapi('PublicCredit');

export const ZPublicComplaintOutcomes = z
  .object({
    open: z.number().int(),
    closed: z.number().int(),
    items: z.array(
      z.object({
        receivedOn: ZDate,
        state: z.enum(['resolved', 'dismissed']),
        family: z.enum(['FEE', 'PERS', 'FUNC']).nullable(),
        feeRule: z.string().nullable(),
        closedOn: ZDate.nullable(),
        outcome: ZText.nullable(),
        dismissalReason: ZText.nullable(),
      }),
    ),
  })
  .openapi('PublicComplaintOutcomes');

export const ZComplaintForm = z
  .object({
    uscc: z.string().length(18),
    topic: z.enum(['fee', 'personnel', 'function', 'other']).nullable().optional(),
    text: z.string().trim().min(10, 'describe what happened in at least 10 characters').max(4000),
    feeItemRef: z
      .string()
      .max(100)
      .nullable()
      .optional()
      .openapi({ description: 'The `ref` of a published fee item of the association (see …/fees)' }),
    compulsory: z.boolean().nullable().optional(),
    contact: z
      .string()
      .max(200)
      .nullable()
      .optional()
      .openapi({ description: 'Optional; kept encrypted, seen only by the regulator, never published' }),
    website: z.string().optional().openapi({
      description: 'Leave empty. A form field people do not see; software that fills it is ignored.',
    }),
  })
  .openapi('ComplaintForm');

export const ZComplaintReceipt = z
  .object({
    trackingCode: z.string(),
    receivedOn: ZDate,
    state: z.string(),
    stateName: ZText,
    family: z.enum(['FEE', 'PERS', 'FUNC']).nullable(),
    feeRule: z.string().nullable(),
    assignBy: ZDate,
    resolveBy: ZDate,
  })
  .openapi('ComplaintReceipt');

export const ZTrackedComplaint = z
  .object({
    trackingCode: z.string(),
    association: z.object({ uscc: z.string(), name: z.string() }),
    receivedOn: ZDate,
    state: z.enum(['received', 'assigned', 'investigating', 'resolved', 'dismissed']),
    stateName: ZText,
    family: z.enum(['FEE', 'PERS', 'FUNC']).nullable(),
    resolveBy: ZDate,
    closedOn: ZDate.nullable(),
    outcome: ZText.nullable(),
    dismissalReason: ZText.nullable(),
    history: z.array(z.object({ on: ZDate, state: z.string(), stateName: ZText })),
  })
  .openapi('TrackedComplaint');

export const ZTrackingCodeParam = z.object({
  code: z
    .string()
    .min(1)
    .max(40)
    .openapi({ param: { name: 'code', in: 'path' }, example: '23456-789A9' }),
});

export const PUBLIC_PORTAL_ROUTES = {
  publicAssociationScorecard: {
    access: PUBLIC,
    route: createRoute({
      method: 'get',
      path: '/api/public/associations/{uscc}/scorecard',
      tags: ['public'],
      summary: 'Decoupling scorecard: the case and the state of each of the five separations',
      request: { params: ZUsccParam },
      responses: { 200: json(ZPublicScorecard, 'The scorecard'), ...errors(400, 404, 429) },
    }),
  },
  publicAssociationFees: {
    access: PUBLIC,
    route: createRoute({
      method: 'get',
      path: '/api/public/associations/{uscc}/fees',
      tags: ['public'],
      summary: 'Published fee items and dues standards',
      request: { params: ZUsccParam },
      responses: { 200: json(ZPublicFees, 'Fees and dues'), ...errors(400, 404, 429) },
    }),
  },
  publicAssociationCredit: {
    access: PUBLIC,
    route: createRoute({
      method: 'get',
      path: '/api/public/associations/{uscc}/credit',
      tags: ['public'],
      summary: 'Credit-list status today and every listing and removal with its reason and legal basis',
      request: { params: ZUsccParam },
      responses: { 200: json(ZPublicCredit, 'Credit status and history'), ...errors(400, 404, 429) },
    }),
  },
  publicAssociationComplaints: {
    access: PUBLIC,
    route: createRoute({
      method: 'get',
      path: '/api/public/associations/{uscc}/complaints',
      tags: ['public'],
      summary: 'Outcomes of closed complaints about the association (never who complained)',
      request: { params: ZUsccParam },
      responses: { 200: json(ZPublicComplaintOutcomes, 'Complaint outcomes'), ...errors(400, 404, 429) },
    }),
  },
  publicFileComplaint: {
    access: PUBLIC,
    route: createRoute({
      method: 'post',
      path: '/api/public/complaints',
      tags: ['public'],
      summary: 'File a complaint (举报) about an association, anonymously if wished; answers a tracking code',
      request: { body: { required: true, content: { 'application/json': { schema: ZComplaintForm } } } },
      responses: { 200: json(ZComplaintReceipt, 'Received'), ...errors(400, 404, 429) },
    }),
  },
  publicTrackComplaint: {
    access: PUBLIC,
    route: createRoute({
      method: 'get',
      path: '/api/public/complaints/{code}',
      tags: ['public'],
      summary: 'Follow a complaint by its tracking code: its state and, once closed, the outcome',
      request: { params: ZTrackingCodeParam },
      responses: { 200: json(ZTrackedComplaint, 'The complaint'), ...errors(400, 404, 429) },
    }),
  },
} satisfies Record<string, TRouteDefinition>;
