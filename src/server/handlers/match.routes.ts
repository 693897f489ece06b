import { createRoute, z } from '@hono/zod-openapi';
import {
  MATCH_RUN_PHASES,
  MATCH_RUN_STATES,
  QUEUE_STATES,
} from '../../db/repositories/match-runs.repository.ts';
import { ZErrorBody } from '../errors.ts';
import type { TRouteDefinition } from '../routes.ts';

/**
 * Routes of stored matching runs, the review queue and the one-person check, declared here and
 * spread into the one route table (`ROUTES`), which the authorization middleware and the matrix read.
 */

const ZPage = z.coerce.number().int().min(1).max(100_000).default(1).openapi({ description: 'Page, from 1' });
const ZPageSize = z.coerce
  .number()
  .int()
  .min(1)
  .max(200)
  .default(20)
  .openapi({ description: 'Rows per page' });
const ZId = (example: number) =>
  z.object({
    id: z.coerce
      .number()
      .int()
      .min(1)
      .openapi({ param: { name: 'id', in: 'path' }, example }),
  });
const ZIsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');

export const ZMatchRun = z
  .object({
    id: z.number().int(),
    startedBy: z.string(),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    scope: z.record(z.string(), z.unknown()),
    asOf: z.string().nullable(),
    state: z.enum(MATCH_RUN_STATES),
    phase: z.enum(MATCH_RUN_PHASES).nullable(),
    rosterRecords: z.number().int(),
    postsTotal: z.number().int(),
    postsDone: z.number().int(),
    matches: z.number().int(),
    possibles: z.number().int(),
    confirmedApplied: z
      .number()
      .int()
      .openapi({ description: 'Pairs kept as matches by an earlier confirmation' }),
    rejectedApplied: z
      .number()
      .int()
      .openapi({ description: 'Posts with a rejected pair not proposed again' }),
    error: z.string().nullable(),
  })
  .openapi('MatchRun');

export const ZMatchRunPage = z
  .object({
    items: z.array(ZMatchRun),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .openapi('MatchRunPage');

export const ZMatchRunBody = z
  .object({
    asOf: ZIsoDate.optional().openapi({ description: 'Date of the run, for ID checks; today by default' }),
  })
  .openapi('MatchRunRequest');

const ZReason = z.object({
  field: z.string().openapi({ description: 'resident_id, name, birth_date, sex, organ, prior or review' }),
  outcome: z.string(),
  weight: z.number().openapi({ description: 'Bits this field counted; the weights add up to the score' }),
});

const ZReview = z.object({
  id: z.number().int(),
  decision: z.enum(['confirm', 'reject']),
  reason: z.string(),
  reviewer: z.string(),
  at: z.string(),
});

export const ZMatchQueueItem = z
  .object({
    resultId: z.number().int(),
    runId: z.number().int(),
    decision: z.enum(['match', 'possible']),
    probability: z.number(),
    score: z.number(),
    byReview: z.boolean().openapi({ description: 'A match only because a reviewer confirmed the pair' }),
    candidates: z.number().int(),
    reasons: z.array(ZReason),
    post: z.object({
      id: z.number().int(),
      role: z.string(),
      startedOn: z.string(),
      associationUscc: z.string(),
      associationName: z.string(),
      regionCode: z.string(),
      personName: z.string(),
      idMasked: z.string().nullable(),
      sex: z.string().nullable(),
      birthDate: z.string().nullable(),
    }),
    record: z.object({
      id: z.number().int(),
      source: z.string(),
      recordKey: z.string(),
      name: z.string(),
      idMasked: z.string().nullable(),
      sex: z.string().nullable(),
      birthDate: z.string().nullable(),
      status: z.string(),
      rank: z.string(),
      retiredOn: z.string().nullable(),
      organName: z.string().nullable(),
    }),
    review: ZReview.nullable(),
  })
  .openapi('MatchQueueItem');

export const ZMatchQueuePage = z
  .object({
    items: z.array(ZMatchQueueItem),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .openapi('MatchQueuePage');

export const ZMatchQueueQuery = z.object({
  state: z.enum(QUEUE_STATES).default('pending').openapi({
    description: 'pending: possible matches nobody decided; decided: decisions in force; all: both',
  }),
  page: ZPage,
  pageSize: ZPageSize,
});

export const ZMatchDecisionBody = z
  .object({
    decision: z.enum(['confirm', 'reject']),
    reason: z.string().trim().min(1, 'a reason is required').max(500),
  })
  .openapi('MatchDecisionRequest');

export const ZMatchUndoBody = z
  .object({ reason: z.string().trim().min(1, 'a reason is required').max(500) })
  .openapi('MatchUndoRequest');

export const ZMatchUndone = z
  .object({ reviewId: z.number().int(), resultId: z.number().int().nullable() })
  .openapi('MatchReviewUndone');

export const ZOfficialCheckBody = z
  .object({
    name: z.string().trim().min(1).max(100).openapi({ example: '张建国' }),
    residentId: z
      .string()
      .trim()
      .max(32)
      .optional()
      .openapi({ description: '18 (or legacy 15) characters; never echoed back' }),
    birthDate: ZIsoDate.optional(),
    sex: z.enum(['male', 'female']).optional(),
    employer: z
      .string()
      .trim()
      .max(200)
      .optional()
      .openapi({ description: 'Organ code, full name or abbreviation' }),
  })
  .openapi('OfficialCheckRequest');

export const ZOfficialCheck = z
  .object({
    decision: z.enum(['match', 'possible', 'no_match']),
    probability: z.number(),
    score: z.number(),
    reasons: z.array(ZReason),
    candidates: z.number().int(),
    record: z
      .object({
        id: z.number().int(),
        source: z.string().nullable(),
        status: z.string().nullable(),
        rank: z.string().nullable(),
        organCode: z.string().nullable(),
        retiredOn: z.string().nullable(),
      })
      .nullable(),
    index: z.object({ rosterRecords: z.number().int(), builtAt: z.string(), buildMs: z.number() }),
  })
  .openapi('OfficialCheck');

function errors(...statuses: (400 | 401 | 403 | 404 | 409)[]) {
  const descriptions = {
    400: 'Invalid request (validation_failed)',
    401: 'Not logged in (unauthenticated)',
    403: 'Role not allowed (forbidden), outside the caller’s scope (outside_scope) or CSRF token missing (csrf_failed)',
    404: 'Not found (not_found)',
    409: 'Already decided or undone, or a run is under way (conflict)',
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

const REVIEWERS = ['regulator', 'admin'] as const;
const READERS = ['regulator', 'admin', 'auditor'] as const;

export const MATCH_ROUTES = {
  startMatchRun: {
    access: { kind: 'roles', roles: REVIEWERS, scope: { kind: 'filtered' } },
    route: createRoute({
      method: 'post',
      path: '/api/match-runs',
      tags: ['matching'],
      summary: 'Match the post holders of the caller’s jurisdiction against the rosters, in the background',
      request: { body: { required: false, content: { 'application/json': { schema: ZMatchRunBody } } } },
      responses: {
        202: json(ZMatchRun, 'The run, queued: poll it for progress'),
        ...errors(400, 401, 403, 409),
      },
    }),
  },
  listMatchRuns: {
    access: { kind: 'roles', roles: READERS, scope: { kind: 'global' } },
    route: createRoute({
      method: 'get',
      path: '/api/match-runs',
      tags: ['matching'],
      summary: 'Matching runs, newest first',
      request: { query: z.object({ page: ZPage, pageSize: ZPageSize }) },
      responses: { 200: json(ZMatchRunPage, 'One page of runs'), ...errors(400, 401, 403) },
    }),
  },
  getMatchRun: {
    access: { kind: 'roles', roles: READERS, scope: { kind: 'global' } },
    route: createRoute({
      method: 'get',
      path: '/api/match-runs/{id}',
      tags: ['matching'],
      summary: 'One matching run with its progress',
      request: { params: ZId(3) },
      responses: { 200: json(ZMatchRun, 'The run'), ...errors(400, 401, 403, 404) },
    }),
  },
  listMatchReviewQueue: {
    access: { kind: 'roles', roles: READERS, scope: { kind: 'filtered' } },
    route: createRoute({
      method: 'get',
      path: '/api/match-reviews',
      tags: ['matching'],
      summary:
        'The review queue: possible matches of posts in the caller’s jurisdiction, or the decisions in force',
      request: { query: ZMatchQueueQuery },
      responses: { 200: json(ZMatchQueuePage, 'One page of the queue'), ...errors(400, 401, 403) },
    }),
  },
  // The result's post decides the scope; the handler checks it (403 outside_scope).
  decideMatchResult: {
    access: { kind: 'roles', roles: REVIEWERS, scope: { kind: 'filtered' } },
    route: createRoute({
      method: 'post',
      path: '/api/match-results/{id}/review',
      tags: ['matching'],
      summary: 'Confirm or reject a possible match, with a reason (audited; reused by later runs)',
      request: {
        params: ZId(41),
        body: { required: true, content: { 'application/json': { schema: ZMatchDecisionBody } } },
      },
      responses: {
        200: json(ZMatchQueueItem, 'The pair with its decision'),
        ...errors(400, 401, 403, 404, 409),
      },
    }),
  },
  undoMatchReview: {
    access: { kind: 'roles', roles: REVIEWERS, scope: { kind: 'filtered' } },
    route: createRoute({
      method: 'post',
      path: '/api/match-reviews/{id}/undo',
      tags: ['matching'],
      summary: 'Undo a confirm or reject decision, with a reason (audited); the pair is queued again',
      request: {
        params: ZId(7),
        body: { required: true, content: { 'application/json': { schema: ZMatchUndoBody } } },
      },
      responses: { 200: json(ZMatchUndone, 'The decision was undone'), ...errors(400, 401, 403, 404, 409) },
    }),
  },
  checkOfficial: {
    access: { kind: 'roles', roles: REVIEWERS, scope: { kind: 'global' } },
    route: createRoute({
      method: 'post',
      path: '/api/officials/check',
      tags: ['matching'],
      summary: 'Check one person against the rosters (in-memory index of keyed fingerprints; audited)',
      request: { body: { required: true, content: { 'application/json': { schema: ZOfficialCheckBody } } } },
      responses: { 200: json(ZOfficialCheck, 'The decision with its reasons'), ...errors(400, 401, 403) },
    }),
  },
} satisfies Record<string, TRouteDefinition>;
