import { createRoute, z } from '@hono/zod-openapi';
import { ZErrorBody } from '../errors.ts';
import { ZUsccParam } from '../schemas.ts';

/**
 * Schemas and route declarations of random inspections (双随机一公开). Their access (roles and scope)
 * is declared in the route table, src/server/routes.ts.
 */

const ZDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const ZRegion = z.string().regex(/^\d{6}$/, 'must be a 6-digit GB/T 2260 region code');
const ZTemplate = z.object({ zh: z.string(), en: z.string() });
const OUTCOMES = ['compliant', 'rectification_ordered', 'referred_for_penalty', 'not_found'] as const;

export const ZDrawIdParam = z.object({
  id: z
    .string()
    .regex(/^[A-Za-z0-9-]{3,64}$/, 'must be a draw id such as Y2026-110000-01')
    .openapi({ param: { name: 'id', in: 'path' }, example: 'Y2026-110000-01' }),
});

export const ZInspectorCodeParam = z.object({
  code: z
    .string()
    .regex(/^[A-Za-z0-9-]{2,64}$/, 'must be an inspector code of letters, digits and hyphens')
    .openapi({ param: { name: 'code', in: 'path' }, example: 'BJ-001' }),
});

export const ZDrawState = z.enum(['committed', 'drawn', 'published']);

export const ZDrawSummary = z
  .object({
    id: z.string().openapi({ description: 'The public draw id' }),
    kind: z.enum(['yearly', 'irregular']),
    year: z.number().int(),
    category: z.string().nullable(),
    jurisdiction: z.string(),
    state: ZDrawState,
    title: ZTemplate,
    publishedOn: z.string(),
    documentSha256: z.string(),
    seedCommitment: z.string(),
    frameSize: z.number().int(),
    selected: z.number().int(),
    results: z.number().int(),
  })
  .openapi('InspectionDrawSummary');

export const ZDrawList = z.object({ items: z.array(ZDrawSummary) }).openapi('InspectionDrawList');

const ZSelection = z.object({
  stratum: z.string(),
  rank: z.number().int(),
  uscc: z.string(),
  score: z.string(),
  name: z.string(),
});

const ZPublicResult = z.object({
  uscc: z.string(),
  name: z.string(),
  inspectedOn: z.string(),
  outcome: z.enum(OUTCOMES),
  summaryZh: z.string(),
  summaryEn: z.string(),
  rectifyBy: z.string().nullable(),
  inspectorCount: z.number().int(),
});

export const ZPublicDraw = z
  .object({
    id: z.string(),
    kind: z.enum(['yearly', 'irregular']),
    year: z.number().int(),
    category: z.string().nullable(),
    jurisdiction: z.string(),
    state: ZDrawState,
    title: ZTemplate,
    publishedOn: z.string(),
    pack: z.object({ id: z.string(), version: z.string() }),
    published: z
      .object({
        json: z.string().openapi({ description: 'The canonical draw document, byte for byte as published' }),
        sha256: z.string(),
      })
      .openapi({ description: 'Everything the draw depends on, published before the draw' }),
    frame: z.array(
      z.object({ uscc: z.string(), level: z.string(), category: z.string().nullable(), stratum: z.string() }),
    ),
    strata: z.array(
      z.object({
        id: z.string(),
        label: ZTemplate,
        level: z.string().nullable(),
        category: z.string().nullable(),
        population: z.number().int(),
      }),
    ),
    quotas: z.array(z.object({ stratum: z.string(), count: z.number().int() })),
    seedCommitment: z.string(),
    seed: z.string().nullable().openapi({ description: 'Revealed once the draw is made; null before' }),
    drawnAt: z.string().nullable(),
    result: z
      .object({
        algorithm: z.string(),
        drawId: z.string(),
        publishedSha256: z.string(),
        seed: z.string(),
        beacon: z.string().nullable(),
        selections: z.array(
          z.object({ stratum: z.string(), rank: z.number().int(), uscc: z.string(), score: z.string() }),
        ),
      })
      .nullable()
      .openapi({ description: 'The stored result of the draw (null before it is made)' }),
    selections: z.array(ZSelection),
    results: z.array(ZPublicResult).openapi({ description: 'Inspection results, once published' }),
  })
  .openapi('PublicInspectionDraw');

export const ZAssociationInspections = z
  .object({
    results: z.array(
      z.object({
        drawId: z.string(),
        year: z.number().int(),
        inspectedOn: z.string(),
        outcome: z.enum(OUTCOMES),
        summaryZh: z.string(),
        summaryEn: z.string(),
        rectifyBy: z.string().nullable(),
      }),
    ),
  })
  .openapi('AssociationInspections');

const ZAssignment = z.object({
  drawId: z.string(),
  drawState: ZDrawState,
  drawTitle: ZTemplate,
  year: z.number().int(),
  uscc: z.string(),
  associationName: z.string(),
  inspector: z.object({ code: z.string(), name: z.string() }),
  rank: z.number().int(),
  pool: z.string(),
  resultOutcome: z.enum(OUTCOMES).nullable(),
});

export const ZAssignmentList = z.object({ items: z.array(ZAssignment) }).openapi('InspectionAssignmentList');

export const ZStaffDraw = ZPublicDraw.extend({
  assignments: z.array(ZAssignment),
}).openapi('InspectionDraw');

export const ZCreateDrawBody = z
  .object({
    kind: z.enum(['yearly', 'irregular']),
    year: z.number().int().min(2000).max(2200),
    jurisdiction: ZRegion.optional().openapi({
      description: 'Region drawn from; the caller’s own region by default',
    }),
    category: z.string().min(1).max(100).optional().openapi({ description: 'Irregular draws: the industry' }),
    ratio: z.number().gt(0).max(1).optional().openapi({
      description: 'Irregular draws: share per level instead of the policy pack’s minimum ratios',
    }),
  })
  .openapi('CreateInspectionDraw');

export const ZAssignBody = z
  .object({
    count: z
      .number()
      .int()
      .min(1)
      .max(20)
      .optional()
      .openapi({ description: 'Inspectors per organisation (≥ the pack minimum)' }),
    maxPerInspector: z.number().int().min(1).optional(),
  })
  .openapi('AssignInspectors');

export const ZResultBody = z
  .object({
    uscc: z.string().length(18),
    inspectedOn: ZDate,
    outcome: z.enum(OUTCOMES),
    summaryZh: z.string().min(1).max(4_000),
    summaryEn: z.string().min(1).max(4_000),
    rectifyBy: ZDate.nullable().optional(),
    inspectors: z
      .array(z.string())
      .optional()
      .openapi({ description: 'Codes of the inspectors who took part; all assigned by default' }),
  })
  .openapi('InspectionResultBody');

export const ZInspector = z
  .object({
    code: z.string(),
    displayName: z.string(),
    organCode: z.string(),
    regionCode: z.string(),
    username: z.string().nullable(),
    active: z.boolean(),
    priorPosts: z.array(z.string()),
    declaredConflicts: z.array(z.string()),
  })
  .openapi('Inspector');

export const ZInspectorList = z.object({ items: z.array(ZInspector) }).openapi('InspectorList');

export const ZCreateInspectorBody = z
  .object({
    code: ZInspectorCodeParam.shape.code,
    displayName: z.string().min(1).max(100),
    organCode: z.string().min(1).max(40),
    regionCode: ZRegion,
    username: z.string().min(1).max(100).optional(),
  })
  .openapi('CreateInspector');

export const ZConflictBody = z
  .object({
    uscc: z.string().length(18),
    kind: z.enum(['prior_post', 'declared_conflict']).default('declared_conflict'),
    note: z.string().max(1_000).optional(),
  })
  .openapi('DeclareConflict');

function json<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

function errors(...statuses: (400 | 401 | 403 | 404 | 409 | 429)[]) {
  const descriptions = {
    400: 'Invalid request (validation_failed), with what was expected',
    401: 'Not logged in (unauthenticated)',
    403: 'Role not allowed (forbidden) or outside the caller’s jurisdiction (outside_scope)',
    404: 'Not found (not_found)',
    409: 'Not possible in the draw’s current state (conflict)',
    429: 'Too many requests from this address (rate_limited); see Retry-After',
  } as const;
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      { description: descriptions[s], content: { 'application/json': { schema: ZErrorBody } } },
    ]),
  );
}

function body<T extends z.ZodType>(schema: T) {
  return { body: { required: true, content: { 'application/json': { schema } } } };
}

const STAFF = ['inspections'];
const PUBLIC = ['public'];

export const INSPECTION_ROUTE_CONFIGS = {
  listDraws: createRoute({
    method: 'get',
    path: '/api/inspections/draws',
    tags: STAFF,
    summary: 'Draws of the caller’s jurisdiction, newest first',
    responses: { 200: json(ZDrawList, 'The draws'), ...errors(401, 403) },
  }),
  createDraw: createRoute({
    method: 'post',
    path: '/api/inspections/draws',
    tags: STAFF,
    summary:
      'Create a draw from the registry frame with quotas from the policy pack, and commit to a secret seed (its SHA-256 is published)',
    request: body(ZCreateDrawBody),
    responses: { 200: json(ZStaffDraw, 'The committed draw'), ...errors(400, 401, 403) },
  }),
  getDraw: createRoute({
    method: 'get',
    path: '/api/inspections/draws/{id}',
    tags: STAFF,
    summary: 'One draw with its selections, assignments and results',
    request: { params: ZDrawIdParam },
    responses: { 200: json(ZStaffDraw, 'The draw'), ...errors(400, 401, 403, 404) },
  }),
  revealDraw: createRoute({
    method: 'post',
    path: '/api/inspections/draws/{id}/draw',
    tags: STAFF,
    summary: 'Make the draw: reveal the seed and select the organisations',
    request: { params: ZDrawIdParam },
    responses: { 200: json(ZStaffDraw, 'The drawn draw'), ...errors(400, 401, 403, 404, 409) },
  }),
  assignInspectors: createRoute({
    method: 'post',
    path: '/api/inspections/draws/{id}/assignments',
    tags: STAFF,
    summary: 'Draw the inspectors of every selected organisation (at least two, no conflict of interest)',
    request: { params: ZDrawIdParam, ...body(ZAssignBody) },
    responses: { 200: json(ZStaffDraw, 'The draw with its assignments'), ...errors(400, 401, 403, 404, 409) },
  }),
  recordResult: createRoute({
    method: 'post',
    path: '/api/inspections/draws/{id}/results',
    tags: STAFF,
    summary: 'Record (or correct, until published) the result of one drawn organisation',
    request: { params: ZDrawIdParam, ...body(ZResultBody) },
    responses: { 200: json(ZStaffDraw, 'The draw with the result'), ...errors(400, 401, 403, 404, 409) },
  }),
  publishDraw: createRoute({
    method: 'post',
    path: '/api/inspections/draws/{id}/publish',
    tags: STAFF,
    summary: 'Publish the results of a draw (every selected organisation needs a result)',
    request: { params: ZDrawIdParam },
    responses: { 200: json(ZStaffDraw, 'The published draw'), ...errors(400, 401, 403, 404, 409) },
  }),
  listAssignments: createRoute({
    method: 'get',
    path: '/api/inspections/assignments',
    tags: STAFF,
    summary: 'Inspection assignments: an inspector’s own, or every one of the caller’s jurisdiction',
    responses: { 200: json(ZAssignmentList, 'The assignments'), ...errors(401, 403) },
  }),
  listInspectors: createRoute({
    method: 'get',
    path: '/api/inspections/inspectors',
    tags: STAFF,
    summary: 'The inspector pool of the caller’s jurisdiction with declared conflicts',
    responses: { 200: json(ZInspectorList, 'The inspectors'), ...errors(401, 403) },
  }),
  createInspector: createRoute({
    method: 'post',
    path: '/api/inspections/inspectors',
    tags: STAFF,
    summary: 'Add an inspector to the pool',
    request: body(ZCreateInspectorBody),
    responses: { 200: json(ZInspector, 'The inspector'), ...errors(400, 401, 403, 409) },
  }),
  declareConflict: createRoute({
    method: 'post',
    path: '/api/inspections/inspectors/{code}/conflicts',
    tags: STAFF,
    summary: 'Declare an inspector’s conflict of interest with an organisation (inspectors: their own)',
    request: { params: ZInspectorCodeParam, ...body(ZConflictBody) },
    responses: { 200: json(ZInspector, 'The inspector'), ...errors(400, 401, 403, 404) },
  }),
  publicListDraws: createRoute({
    method: 'get',
    path: '/api/public/inspections/draws',
    tags: PUBLIC,
    summary:
      'Every random-inspection draw: committed ones with their seed commitment, drawn ones with the seed',
    responses: { 200: json(ZDrawList, 'The draws'), ...errors(429) },
  }),
  publicGetDraw: createRoute({
    method: 'get',
    path: '/api/public/inspections/draws/{id}',
    tags: PUBLIC,
    summary:
      'Everything needed to re-run a draw: the canonical document (frame, strata, quotas, commitment) and its SHA-256, the seed once revealed, the selection and the published results',
    request: { params: ZDrawIdParam },
    responses: { 200: json(ZPublicDraw, 'The draw'), ...errors(400, 404, 429) },
  }),
  publicAssociationInspections: createRoute({
    method: 'get',
    path: '/api/public/associations/{uscc}/inspections',
    tags: PUBLIC,
    summary: 'Published inspection results of one association, newest first (no inspector is named)',
    request: { params: ZUsccParam },
    responses: { 200: json(ZAssociationInspections, 'The results'), ...errors(400, 404, 429) },
  }),
};
