import { actorKindOf, isOverdue, type TFindingStatus } from '../../core/findings/workflow.ts';
import { appendAuditEvent } from '../../db/repositories/audit.repository.ts';
import {
  findFinding,
  findRun,
  listFindingEvents,
  listRuns,
  searchFindings,
  streamFindings,
  type TFindingEventRow,
  type TFindingFilters,
  type TFindingRow,
  type TScreeningRunRow,
} from '../../db/repositories/findings.repository.ts';
import {
  findAssociationByUscc,
  isAssociationInScope,
} from '../../db/repositories/registry-read.repository.ts';
import { raiseCaseNotices } from '../../jobs/cases-notices.ts';
import { FindingTransitionError, transitionFinding } from '../../jobs/findings.ts';
import { ScreeningBusyError, screeningProgress, startScreening } from '../../jobs/screen.ts';
import type { TAppDeps } from '../env.ts';
import { AppError, type TErrorCode } from '../errors.ts';
import { auditActorOf, registryScopeOf, type TPrincipal } from '../principal.ts';
import type { TFindingBody } from '../schemas.ts';
import { findingExportResponse } from './findings.export.ts';
import type { THandlersOf } from './types.ts';

type TFilterQuery = {
  rule?: string;
  family?: string;
  severity?: string;
  organ?: string;
  region?: string;
  status?: TFindingStatus;
  association?: string;
  includeResolved?: 'true' | 'false';
};

function filtersOf(query: TFilterQuery): TFindingFilters {
  return {
    rule: query.rule,
    family: query.family,
    severity: query.severity,
    organ: query.organ,
    region: query.region,
    status: query.status,
    association: query.association,
    includeResolved: query.includeResolved === 'true',
  };
}

function presentFinding(row: TFindingRow, today: string): TFindingBody {
  return {
    id: row.id,
    rule: row.ruleId,
    family: row.family,
    severity: row.severity as TFindingBody['severity'],
    pack: { id: row.packId, version: row.packVersion },
    association: { uscc: row.uscc, name: row.associationName, regionCode: row.regionCode },
    subject: { type: row.subjectType, id: row.subjectId },
    aspect: row.aspect,
    facts: row.facts,
    clause: row.clause,
    explanationZh: row.explanationZh,
    explanationEn: row.explanationEn,
    arisenOn: row.arisenOn,
    dueOn: row.dueOn,
    firstSeen: { runId: row.firstSeenRunId, on: row.firstSeenOn },
    lastSeen: { runId: row.lastSeenRunId, on: row.lastSeenOn },
    resolved:
      row.resolvedRunId === null ? null : { runId: row.resolvedRunId, on: row.resolvedOn ?? row.lastSeenOn },
    status: row.status,
    deadline: row.deadline,
    overdue: isOverdue(row, today),
  };
}

function presentEvent(row: TFindingEventRow) {
  return {
    id: row.id,
    at: row.at,
    actor: row.actorLabel,
    from: row.fromStatus,
    to: row.toStatus,
    reason: row.reason,
    deadline: row.deadline,
  };
}

function presentRun(row: TScreeningRunRow) {
  return {
    id: row.id,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    asOf: row.asOf,
    scope: row.scope,
    status: row.status,
    actor: row.actorLabel,
    associations: row.associations,
    findings: row.findings,
    newFindings: row.newFindings,
    persistingFindings: row.persistingFindings,
    resolvedFindings: row.resolvedFindings,
    error: row.error,
    // Held in memory by the process running it; another server sharing the database shows none.
    progress: row.status === 'running' ? (screeningProgress(row.id) ?? null) : null,
  };
}

const TRANSITION_ERRORS: Record<FindingTransitionError['code'], TErrorCode> = {
  not_found: 'not_found',
  illegal: 'conflict',
  conflict: 'conflict',
  forbidden: 'forbidden',
  reason: 'validation_failed',
};

export function createFindingsHandlers(
  deps: TAppDeps,
): THandlersOf<
  | 'listFindings'
  | 'exportFindings'
  | 'getFinding'
  | 'transitionFinding'
  | 'associationFindings'
  | 'startScreeningRun'
  | 'listScreeningRuns'
> {
  const { db } = deps;
  const today = () => deps.now().toISOString().slice(0, 10);

  /** The finding, refused with 404 when absent and 403 when its association is outside the scope. */
  async function findingInScope(id: number, principal: TPrincipal) {
    const finding = await findFinding(db, id);
    if (!finding) throw new AppError('not_found', 'No finding has this id');
    if (
      !(await isAssociationInScope(db, {
        associationId: finding.associationId,
        scope: registryScopeOf(principal),
      }))
    )
      throw new AppError('outside_scope', 'This finding concerns an association outside your jurisdiction');
    return finding;
  }

  return {
    listFindings: async (c) => {
      const query = c.req.valid('query');
      const { rows, total } = await searchFindings(db, {
        scope: registryScopeOf(c.get('principal')!),
        filters: filtersOf(query),
        page: query.page,
        pageSize: query.pageSize,
        sort: query.sort,
      });
      const day = today();
      return c.json(
        { items: rows.map((r) => presentFinding(r, day)), total, page: query.page, pageSize: query.pageSize },
        200,
      );
    },

    exportFindings: async (c) => {
      const query = c.req.valid('query');
      const principal = c.get('principal')!;
      const filters = filtersOf(query);
      await db.transaction((tx) =>
        appendAuditEvent(tx, {
          actor: auditActorOf(principal),
          action: 'finding.export',
          entity: 'finding',
          detail: {
            format: query.format,
            filters: Object.fromEntries(
              Object.entries(filters).filter(([, v]) => v !== undefined && v !== false),
            ),
          },
        }),
      );
      return findingExportResponse({
        batches: streamFindings(db, { scope: registryScopeOf(principal), filters }),
        format: query.format,
        fileStem: `findings-${today()}`,
      });
    },

    getFinding: async (c) => {
      const finding = await findingInScope(c.req.valid('param').id, c.get('principal')!);
      const events = await listFindingEvents(db, finding.id);
      return c.json({ finding: presentFinding(finding, today()), events: events.map(presentEvent) }, 200);
    },

    transitionFinding: async (c) => {
      const principal = c.get('principal')!;
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      await findingInScope(id, principal);
      try {
        const finding = await transitionFinding({
          db,
          findingId: id,
          to: body.to,
          reason: body.reason ?? null,
          deadline: body.deadline ?? null,
          actor: auditActorOf(principal),
          actorKind: actorKindOf(principal.role),
          today: today(),
        });
        const events = await listFindingEvents(db, id);
        return c.json({ finding: presentFinding(finding, today()), events: events.map(presentEvent) }, 200);
      } catch (error) {
        if (error instanceof FindingTransitionError)
          throw new AppError(TRANSITION_ERRORS[error.code], error.message);
        throw error;
      }
    },

    associationFindings: async (c) => {
      const { uscc } = c.req.valid('param');
      const query = c.req.valid('query');
      const association = await findAssociationByUscc(db, uscc);
      if (!association) throw new AppError('not_found', 'No association has this USCC');
      const { rows, total } = await searchFindings(db, {
        scope: { kind: 'association', associationId: association.id },
        filters: { status: query.status, includeResolved: query.includeResolved === 'true' },
        page: query.page,
        pageSize: query.pageSize,
      });
      const day = today();
      return c.json(
        { items: rows.map((r) => presentFinding(r, day)), total, page: query.page, pageSize: query.pageSize },
        200,
      );
    },

    startScreeningRun: async (c) => {
      const principal = c.get('principal')!;
      const body = (c.req.valid('json') as { asOf?: string } | undefined) ?? {};
      let started: Awaited<ReturnType<typeof startScreening>>;
      try {
        started = await startScreening({
          db,
          asOf: body.asOf ?? today(),
          scope: registryScopeOf(principal),
          actor: auditActorOf(principal),
          // Re-coupling found by this run (CASE-3) reaches the case's parties at once, not the next day.
          afterRun: () => raiseCaseNotices({ db, asOf: today(), actor: auditActorOf(principal) }),
        });
      } catch (error) {
        if (error instanceof ScreeningBusyError)
          throw new AppError(
            'conflict',
            `筛查运行 #${error.runningRunId} 尚未结束，请待其完成后再发起 / Screening run #${error.runningRunId} is still running; start another when it has finished`,
          );
        throw error;
      }
      // The run goes on after the answer; a failure is recorded on the run (status failed, error).
      started.done.catch(() => undefined);
      const run = await findRun(db, started.runId);
      if (!run) throw new AppError('internal_error', 'The run was started but cannot be read back');
      return c.json(presentRun(run), 202);
    },

    listScreeningRuns: async (c) => {
      const query = c.req.valid('query');
      const { rows, total } = await listRuns(db, { page: query.page, pageSize: query.pageSize });
      return c.json({ items: rows.map(presentRun), total, page: query.page, pageSize: query.pageSize }, 200);
    },
  };
}
