import {
  findMatchRun,
  listMatchRuns,
  listReviewQueue,
  type TMatchRunRow,
} from '../../db/repositories/match-runs.repository.ts';
import { MatchRunBusyError, startMatchRun } from '../../jobs/match-runs.ts';
import { decideMatch, MatchReviewError, undoMatchReview } from '../../jobs/match-runs-review.ts';
import type { TAppDeps } from '../env.ts';
import { AppError, type TErrorCode } from '../errors.ts';
import { auditActorOf, registryScopeOf } from '../principal.ts';
import type { THandlersOf } from './types.ts';

function presentRun(row: TMatchRunRow) {
  const asOf = row.inputs.asOf;
  return {
    id: row.id,
    startedBy: row.startedBy,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    scope: row.scope as Record<string, unknown>,
    asOf: typeof asOf === 'string' ? asOf : null,
    state: row.state,
    phase: row.phase,
    rosterRecords: row.rosterRecords,
    postsTotal: row.postsTotal,
    postsDone: row.postsDone,
    matches: row.matches,
    possibles: row.possibles,
    confirmedApplied: row.confirmedApplied,
    rejectedApplied: row.rejectedApplied,
    error: row.error,
  };
}

const REVIEW_ERRORS: Record<MatchReviewError['code'], TErrorCode> = {
  not_found: 'not_found',
  outside_scope: 'outside_scope',
  conflict: 'conflict',
  reason: 'validation_failed',
};

function asAppError(error: unknown): unknown {
  if (error instanceof MatchReviewError) return new AppError(REVIEW_ERRORS[error.code], error.message);
  return error;
}

/** Stored matching runs (started in the background, polled for progress) and the review queue. */
export function createMatchHandlers(
  deps: TAppDeps,
): THandlersOf<
  | 'startMatchRun'
  | 'listMatchRuns'
  | 'getMatchRun'
  | 'listMatchReviewQueue'
  | 'decideMatchResult'
  | 'undoMatchReview'
> {
  const { db, protector } = deps;
  return {
    startMatchRun: async (c) => {
      const principal = c.get('principal')!;
      const body = (c.req.valid('json') as { asOf?: string } | undefined) ?? {};
      try {
        const { runId } = await startMatchRun({
          db,
          protector,
          actor: auditActorOf(principal),
          scope: registryScopeOf(principal),
          ...(body.asOf ? { asOf: body.asOf } : {}),
        });
        const run = await findMatchRun(db, runId);
        if (!run) throw new AppError('internal_error', 'The run was recorded but cannot be read back');
        c.header('Location', `/api/match-runs/${runId}`);
        return c.json(presentRun(run), 202);
      } catch (error) {
        if (error instanceof MatchRunBusyError) throw new AppError('conflict', error.message);
        throw error;
      }
    },

    listMatchRuns: async (c) => {
      const query = c.req.valid('query');
      const { rows, total } = await listMatchRuns(db, query);
      return c.json({ items: rows.map(presentRun), total, page: query.page, pageSize: query.pageSize }, 200);
    },

    getMatchRun: async (c) => {
      const run = await findMatchRun(db, c.req.valid('param').id);
      if (!run) throw new AppError('not_found', 'No matching run has this id');
      return c.json(presentRun(run), 200);
    },

    listMatchReviewQueue: async (c) => {
      const query = c.req.valid('query');
      const { rows, total } = await listReviewQueue(db, {
        scope: registryScopeOf(c.get('principal')!),
        state: query.state,
        page: query.page,
        pageSize: query.pageSize,
      });
      return c.json({ items: rows, total, page: query.page, pageSize: query.pageSize }, 200);
    },

    decideMatchResult: async (c) => {
      const principal = c.get('principal')!;
      const body = c.req.valid('json');
      try {
        const item = await decideMatch({
          db,
          actor: auditActorOf(principal),
          scope: registryScopeOf(principal),
          resultId: c.req.valid('param').id,
          decision: body.decision,
          reason: body.reason,
        });
        return c.json(item, 200);
      } catch (error) {
        throw asAppError(error);
      }
    },

    undoMatchReview: async (c) => {
      const principal = c.get('principal')!;
      try {
        const undone = await undoMatchReview({
          db,
          actor: auditActorOf(principal),
          scope: registryScopeOf(principal),
          reviewId: c.req.valid('param').id,
          reason: c.req.valid('json').reason,
        });
        return c.json(undone, 200);
      } catch (error) {
        throw asAppError(error);
      }
    },
  };
}
