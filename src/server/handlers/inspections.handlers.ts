import type { Context } from 'hono';
import type { TDrawDocument, TDrawResult } from '../../core/inspections/index.ts';
import type { Queryable } from '../../db/database.ts';
import {
  findDrawByCode,
  findInspectorByUserId,
  listAssignments,
  listDraws,
  listInspectors,
  listPublishedResultsOfAssociation,
  listResults,
  listSelections,
  type TAssignmentRow,
  type TDrawRow,
  type TDrawSummaryRow,
  type TInspectorRow,
} from '../../db/repositories/inspections.repository.ts';
import { findAssociationByUscc } from '../../db/repositories/registry-read.repository.ts';
import {
  addInspector,
  assignInspectors,
  createDraw,
  declareConflict,
  drawResultOf,
  InspectionError,
  insideRegion,
  publishDraw,
  recordResult,
  revealDraw,
  type TInspectionActor,
} from '../../jobs/inspections.ts';
import type { TAppDeps, TAppEnv } from '../env.ts';
import { AppError } from '../errors.ts';
import { auditActorOf, registryScopeOf, type TPrincipal } from '../principal.ts';
import {
  createTokenBucketLimiter,
  DEFAULT_PORTAL_RATE_LIMITS,
  type SlidingWindowLimiter,
} from '../rate-limit.ts';
import type { THandlersOf } from './types.ts';

/** The region a principal acts in: its own, or '100000' for the whole country. */
export function regionOf(principal: TPrincipal): string {
  const scope = registryScopeOf(principal);
  return scope.kind === 'region' ? scope.regionCode : '100000';
}

function actorOf(principal: TPrincipal): TInspectionActor {
  const role =
    principal.role === 'regulator' || principal.role === 'admin' || principal.role === 'inspector'
      ? principal.role
      : 'system';
  return { ...auditActorOf(principal), userId: principal.id, role, region: regionOf(principal) };
}

/** Refusals of the inspection steps as API errors, with both languages in the message. */
async function refusing<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof InspectionError) {
      const code = error.code === 'invalid' ? 'validation_failed' : error.code;
      throw new AppError(code, `${error.zh} / ${error.en}`);
    }
    throw error;
  }
}

// The public inspection and open-data routes share one bucket per client address per app, with the
// portal's limits (a burst, then a steady rate), so crawlers and readers meet the same documented rule.
const PUBLIC_LIMITERS = new WeakMap<TAppDeps, SlidingWindowLimiter>();

/** The rate limiter of the public inspection and open-data routes of one app. */
export function publicLimiterOf(deps: TAppDeps): SlidingWindowLimiter {
  let limiter = PUBLIC_LIMITERS.get(deps);
  if (!limiter) {
    limiter = createTokenBucketLimiter(DEFAULT_PORTAL_RATE_LIMITS.publicApi);
    PUBLIC_LIMITERS.set(deps, limiter);
  }
  return limiter;
}

/** Refuses with 429 and `Retry-After` a client over the public limit. */
export function limitPublic(limiter: SlidingWindowLimiter, deps: TAppDeps, c: Context<TAppEnv>): void {
  const verdict = limiter.hit(deps.clientIp(c), deps.now().getTime());
  if (!verdict.allowed) {
    throw new AppError('rate_limited', `Too many requests; retry in ${verdict.retryAfterSeconds} s`, {
      'Retry-After': String(verdict.retryAfterSeconds),
    });
  }
}

function presentSummary(row: TDrawSummaryRow) {
  return {
    id: row.code,
    kind: row.kind,
    year: row.year,
    category: row.category,
    jurisdiction: row.jurisdiction,
    state: row.state,
    title: { zh: row.titleZh, en: row.titleEn },
    publishedOn: row.publishedOn,
    documentSha256: row.documentSha256,
    seedCommitment: row.seedCommitment,
    frameSize: row.frameSize,
    selected: row.selected,
    results: row.results,
  };
}

function presentAssignment(row: TAssignmentRow) {
  return {
    drawId: row.drawCode,
    drawState: row.drawState,
    drawTitle: { zh: row.drawTitleZh, en: row.drawTitleEn },
    year: row.year,
    uscc: row.uscc,
    associationName: row.associationName,
    inspector: { code: row.inspectorCode, name: row.inspectorName },
    rank: row.rank,
    pool: row.pool,
    resultOutcome: row.resultOutcome,
  };
}

function presentInspector(row: TInspectorRow) {
  return {
    code: row.code,
    displayName: row.displayName,
    organCode: row.organCode,
    regionCode: row.regionCode,
    username: row.username,
    active: row.active,
    priorPosts: row.priorPosts,
    declaredConflicts: row.declaredConflicts,
  };
}

function resultView(result: TDrawResult | null) {
  return result === null ? null : { ...result, selections: result.selections.map((s) => ({ ...s })) };
}

/**
 * What anyone may see of a draw: the document always; the seed, result and selection once drawn;
 * results once published. The seed of a committed draw never leaves this function.
 */
export async function presentPublicDraw(db: Queryable, draw: TDrawRow) {
  const document = JSON.parse(draw.documentJson) as TDrawDocument;
  const drawn = draw.state !== 'committed';
  const selections = drawn ? await listSelections(db, draw.id) : [];
  const results = draw.state === 'published' ? await listResults(db, draw.id) : [];
  return {
    id: draw.code,
    kind: draw.kind,
    year: draw.year,
    category: draw.category,
    jurisdiction: draw.jurisdiction,
    state: draw.state,
    title: { zh: draw.titleZh, en: draw.titleEn },
    publishedOn: draw.publishedOn,
    pack: { id: draw.packId, version: draw.packVersion },
    published: { json: draw.documentJson, sha256: draw.documentSha256 },
    frame: document.frame.map((e) => ({ ...e })),
    strata: document.strata.map((s) => ({ ...s })),
    quotas: document.quotas.map((q) => ({ ...q })),
    seedCommitment: draw.seedCommitment,
    seed: drawn ? draw.seed : null,
    drawnAt: draw.drawnAt,
    result: resultView(drawResultOf(draw)),
    selections: selections.map((s) => ({
      stratum: s.stratum,
      rank: s.rank,
      uscc: s.uscc,
      score: s.score,
      name: s.name,
    })),
    results: results.map((r) => ({
      uscc: r.uscc,
      name: r.associationName,
      inspectedOn: r.inspectedOn,
      outcome: r.outcome,
      summaryZh: r.summaryZh,
      summaryEn: r.summaryEn,
      rectifyBy: r.rectifyBy,
      inspectorCount: r.inspectorCount,
    })),
  };
}

/** The staff view: the public view, results before publication, and the assignments. */
async function presentStaffDraw(db: Queryable, draw: TDrawRow) {
  const view = await presentPublicDraw(db, draw);
  const results = draw.state === 'committed' ? [] : await listResults(db, draw.id);
  return {
    ...view,
    results: results.map((r) => ({
      uscc: r.uscc,
      name: r.associationName,
      inspectedOn: r.inspectedOn,
      outcome: r.outcome,
      summaryZh: r.summaryZh,
      summaryEn: r.summaryEn,
      rectifyBy: r.rectifyBy,
      inspectorCount: r.inspectorCount,
    })),
    assignments: (await listAssignments(db, { drawId: draw.id })).map(presentAssignment),
  };
}

export function createInspectionHandlers(
  deps: TAppDeps,
): THandlersOf<
  | 'listDraws'
  | 'createDraw'
  | 'getDraw'
  | 'revealDraw'
  | 'assignInspectors'
  | 'recordResult'
  | 'publishDraw'
  | 'listAssignments'
  | 'listInspectors'
  | 'createInspector'
  | 'declareConflict'
  | 'publicListDraws'
  | 'publicGetDraw'
  | 'publicAssociationInspections'
> {
  const { db } = deps;
  const today = () => deps.now().toISOString().slice(0, 10);
  const limiter = publicLimiterOf(deps);

  async function staffDraw(code: string, principal: TPrincipal) {
    const draw = await findDrawByCode(db, code);
    if (!draw) throw new AppError('not_found', `No draw has the id ${code}`);
    if (!insideRegion(draw.jurisdiction, regionOf(principal))) {
      throw new AppError('outside_scope', `The draw ${code} is outside your jurisdiction`);
    }
    return presentStaffDraw(db, draw);
  }

  return {
    listDraws: async (c) => {
      const rows = await listDraws(db, { region: regionOf(c.get('principal')!) });
      return c.json({ items: rows.map(presentSummary) }, 200);
    },

    createDraw: async (c) => {
      const principal = c.get('principal')!;
      const b = c.req.valid('json');
      const draw = await refusing(() =>
        createDraw({
          db,
          actor: actorOf(principal),
          kind: b.kind,
          year: b.year,
          jurisdiction: b.jurisdiction ?? regionOf(principal),
          category: b.category ?? null,
          ratio: b.ratio ?? null,
          today: today(),
        }),
      );
      return c.json(await presentStaffDraw(db, draw), 200);
    },

    getDraw: async (c) => c.json(await staffDraw(c.req.valid('param').id, c.get('principal')!), 200),

    revealDraw: async (c) => {
      const principal = c.get('principal')!;
      const { id } = c.req.valid('param');
      await refusing(() => revealDraw({ db, actor: actorOf(principal), code: id }));
      return c.json(await staffDraw(id, principal), 200);
    },

    assignInspectors: async (c) => {
      const principal = c.get('principal')!;
      const { id } = c.req.valid('param');
      const b = c.req.valid('json');
      await refusing(() =>
        assignInspectors({
          db,
          actor: actorOf(principal),
          code: id,
          count: b.count,
          maxPerInspector: b.maxPerInspector,
        }),
      );
      return c.json(await staffDraw(id, principal), 200);
    },

    recordResult: async (c) => {
      const principal = c.get('principal')!;
      const { id } = c.req.valid('param');
      const b = c.req.valid('json');
      await refusing(() =>
        recordResult({
          db,
          actor: actorOf(principal),
          code: id,
          uscc: b.uscc,
          inspectedOn: b.inspectedOn,
          outcome: b.outcome,
          summaryZh: b.summaryZh,
          summaryEn: b.summaryEn,
          rectifyBy: b.rectifyBy ?? null,
          inspectorCodes: b.inspectors,
        }),
      );
      return c.json(await staffDraw(id, principal), 200);
    },

    publishDraw: async (c) => {
      const principal = c.get('principal')!;
      const { id } = c.req.valid('param');
      await refusing(() => publishDraw({ db, actor: actorOf(principal), code: id }));
      return c.json(await staffDraw(id, principal), 200);
    },

    listAssignments: async (c) => {
      const principal = c.get('principal')!;
      if (principal.role === 'inspector') {
        const own = await findInspectorByUserId(db, principal.id);
        const rows = own ? await listAssignments(db, { inspectorId: own.id }) : [];
        return c.json({ items: rows.map(presentAssignment) }, 200);
      }
      const rows = await listAssignments(db, { region: regionOf(principal) });
      return c.json({ items: rows.map(presentAssignment) }, 200);
    },

    listInspectors: async (c) => {
      const rows = await listInspectors(db, { region: regionOf(c.get('principal')!) });
      return c.json({ items: rows.map(presentInspector) }, 200);
    },

    createInspector: async (c) => {
      const principal = c.get('principal')!;
      const b = c.req.valid('json');
      const row = await refusing(() =>
        addInspector({
          db,
          actor: actorOf(principal),
          code: b.code,
          displayName: b.displayName,
          organCode: b.organCode,
          regionCode: b.regionCode,
          username: b.username ?? null,
        }),
      );
      return c.json(presentInspector(row), 200);
    },

    declareConflict: async (c) => {
      const principal = c.get('principal')!;
      const { code } = c.req.valid('param');
      const b = c.req.valid('json');
      const row = await refusing(() =>
        declareConflict({
          db,
          actor: actorOf(principal),
          inspectorCode: code,
          uscc: b.uscc,
          kind: b.kind,
          note: b.note ?? null,
          today: today(),
        }),
      );
      return c.json(presentInspector(row), 200);
    },

    publicListDraws: async (c) => {
      limitPublic(limiter, deps, c);
      const rows = await listDraws(db, { region: '100000' });
      return c.json({ items: rows.map(presentSummary) }, 200);
    },

    publicGetDraw: async (c) => {
      limitPublic(limiter, deps, c);
      const draw = await findDrawByCode(db, c.req.valid('param').id);
      if (!draw) throw new AppError('not_found', 'No draw has this id');
      return c.json(await presentPublicDraw(db, draw), 200);
    },

    publicAssociationInspections: async (c) => {
      limitPublic(limiter, deps, c);
      const association = await findAssociationByUscc(db, c.req.valid('param').uscc);
      if (!association) throw new AppError('not_found', 'No association has this USCC');
      const rows = await listPublishedResultsOfAssociation(db, association.id);
      return c.json(
        {
          results: rows.map((r) => ({
            drawId: r.drawCode,
            year: r.year,
            inspectedOn: r.inspectedOn,
            outcome: r.outcome,
            summaryZh: r.summaryZh,
            summaryEn: r.summaryEn,
            rectifyBy: r.rectifyBy,
          })),
        },
        200,
      );
    },
  };
}
