import { BUILT_IN_BATCHES } from '../../core/cases/batches.ts';
import {
  allowedItemTransitions,
  findingsBesideItems,
  SEPARATION_TITLES,
  SEPARATIONS,
} from '../../core/cases/checklist.ts';
import { overdue } from '../../core/cases/deadlines.ts';
import { allowedTransitions, CASE_STATE_TITLES } from '../../core/cases/transitions.ts';
import { CLOSED_CASE_STATES, type TCaseState } from '../../core/cases/types.ts';
import type { TRuleId } from '../../core/policy/types.ts';
import { appendAuditEvent } from '../../db/repositories/audit.repository.ts';
import {
  findCase,
  findEvidenceContent,
  isCaseInScope,
  listAssociationOpenFindings,
  listCaseEvents,
  listItemEvents,
  searchCases,
  streamCases,
  type TCaseFilters,
  type TCaseRow,
  type TEvidenceRow,
  toCoreCase,
} from '../../db/repositories/cases.repository.ts';
import {
  findAssociationByUscc,
  isAssociationInScope,
} from '../../db/repositories/registry-read.repository.ts';
import {
  addCaseEvidence,
  CaseWorkflowError,
  chinaInstant,
  loadChecklist,
  moveCase,
  moveCaseItem,
  openDecouplingCase,
  type TCaseActor,
} from '../../jobs/cases.ts';
import type { TAppDeps } from '../env.ts';
import { AppError, type TErrorCode } from '../errors.ts';
import { auditActorOf, registryScopeOf, type TPrincipal } from '../principal.ts';
import { caseExportResponse } from './cases.export.ts';
import type { TCaseDetailBody, TCaseSummaryBody } from './cases.routes.ts';
import type { THandlersOf } from './types.ts';

const WORKFLOW_ERRORS: Record<CaseWorkflowError['code'], TErrorCode> = {
  not_found: 'not_found',
  conflict: 'conflict',
  forbidden: 'forbidden',
  invalid: 'validation_failed',
  unsupported_type: 'unsupported_media_type',
};

/** Runs a workflow call, turning its refusals into API errors with the bilingual message. */
async function refusing<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof CaseWorkflowError) throw new AppError(WORKFLOW_ERRORS[error.code], error.message);
    throw error;
  }
}

function actorOf(principal: TPrincipal): TCaseActor {
  return { userId: principal.id, role: principal.role, label: principal.username };
}

const BATCH_TITLES = new Map(BUILT_IN_BATCHES.map((b) => [b.id, b.title]));

/** A case row as the lists show it, with what is overdue on `asOf`. */
export function presentCaseSummary(row: TCaseRow, asOf: string): TCaseSummaryBody {
  return {
    id: row.id,
    ref: row.ref,
    association: { uscc: row.uscc, name: row.associationName, regionCode: row.regionCode },
    batch: { id: row.batch, title: BATCH_TITLES.get(row.batch) ?? { zh: row.batch, en: row.batch } },
    jurisdiction: row.jurisdiction,
    state: row.state,
    stateTitle: CASE_STATE_TITLES[row.state],
    stateSince: row.stateSince,
    listedOn: row.listedOn,
    planDeadline: row.planDeadline,
    planSubmittedOn: row.planSubmittedOn,
    planApprovedOn: row.planApprovedOn,
    completionDeadline: row.completionDeadline,
    decoupledOn: row.decoupledOn,
    blockedReason: row.blockedReason,
    overdue: overdue({ cases: [toCoreCase(row)], asOf }).map((e) => ({
      rule: e.ruleId,
      deadline: e.deadline,
      daysOverdue: e.daysOverdue,
    })),
  };
}

function presentFile(row: TEvidenceRow) {
  return {
    id: row.id,
    kind: row.kind,
    fileName: row.fileName,
    mimeType: row.mimeType,
    size: row.size,
    sha256: row.sha256,
    uploadedBy: row.uploaderLabel,
    uploaderRole: row.uploaderRole,
    uploadedAt: row.uploadedAt,
    submitted: row.itemEventId !== null || row.caseEventId !== null,
  };
}

export function createCasesHandlers(
  deps: TAppDeps,
): THandlersOf<
  | 'listCases'
  | 'exportCases'
  | 'openCase'
  | 'getCase'
  | 'transitionCase'
  | 'uploadCaseEvidence'
  | 'downloadCaseEvidence'
  | 'transitionCaseItem'
> {
  const { db } = deps;
  const instant = () => chinaInstant(deps.now());
  const today = () => instant().slice(0, 10);

  /** The case, refused with 404 when absent and 403 when its association is outside the scope. */
  async function caseInScope(id: number, principal: TPrincipal): Promise<TCaseRow> {
    const row = await findCase(db, id);
    if (!row) throw new AppError('not_found', 'No case has this id');
    if (!(await isCaseInScope(db, { caseId: id, scope: registryScopeOf(principal) })))
      throw new AppError('outside_scope', 'This case concerns an association outside your jurisdiction');
    return row;
  }

  async function detailOf(id: number, principal: TPrincipal): Promise<TCaseDetailBody> {
    const row = (await findCase(db, id))!;
    const asOf = today();
    const closed = (CLOSED_CASE_STATES as readonly TCaseState[]).includes(row.state);
    const checklist = await loadChecklist(db, row, asOf);
    const findings = (await listAssociationOpenFindings(db, row.associationId)).map((f) => ({
      id: f.id,
      rule: f.ruleId,
      ruleId: f.ruleId as TRuleId,
      severity: f.severity,
      status: f.status,
      explanationZh: f.explanationZh,
      explanationEn: f.explanationEn,
    }));
    const beside = findingsBesideItems({ items: checklist.items, findings });
    const brief = ({ ruleId: _ruleId, ...rest }: (typeof findings)[number]) => rest;
    const core = toCoreCase(row);
    const role = principal.role;
    const itemTitles = new Map(checklist.items.map((i) => [i.id, i.title]));
    const caseEvents = await listCaseEvents(db, row.id);
    const itemEvents = await listItemEvents(db, row.id);
    const timeline = [
      ...caseEvents.map((e) => ({
        at: e.at,
        item: null,
        itemTitle: null,
        from: e.fromState,
        to: e.toState,
        actor: e.actorLabel,
        role: e.actorRole,
        reason: e.reason,
      })),
      ...itemEvents.map((e) => ({
        at: e.at,
        item: e.itemKey,
        itemTitle: itemTitles.get(e.itemKey) ?? null,
        from: e.fromState,
        to: e.toState,
        actor: e.actorLabel,
        role: e.actorRole,
        reason: e.reason,
      })),
    ].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    return {
      case: {
        ...presentCaseSummary(row, asOf),
        planApprovalRef: row.planApprovalRef,
        blockedFrom: row.blockedFrom,
        blockedNote: row.blockedNote,
        exemptApprovalRef: row.exemptApprovalRef,
        version: row.version,
      },
      transitions: allowedTransitions({ case: core, role }).map((t) => ({
        to: t.to,
        title: t.title,
        inputs: [...t.inputs],
      })),
      separations: SEPARATIONS.map((key) => ({ key, title: SEPARATION_TITLES[key] })),
      planDocuments: checklist.evidence.filter((e) => e.itemId === null).map(presentFile),
      mayUploadPlan: row.state === 'plan_drafted' && ['association', 'organ', 'admin'].includes(role),
      checklist: checklist.items.map((item, index) => {
        const entry = checklist.entries[index]!;
        const stored = checklist.stored.get(item.id);
        return {
          key: item.id,
          separation: item.separation,
          title: item.title,
          detail: item.detail,
          owner: item.owner,
          signers: [...item.signOff.signers],
          organHandOver: item.signOff.organHandOver,
          state: entry.state,
          reason: entry.reason,
          signedOffBy: stored?.signedOffByLabel ?? null,
          signedOffAt: stored?.signedOffAt ?? null,
          rules: [...item.ruleIds],
          requirements: item.evidence.map((r) => ({
            kind: r.kind,
            title: r.title,
            mimeTypes: [...r.mimeTypes],
            maxBytes: r.maxBytes,
            minCount: r.minCount,
          })),
          files: stored ? checklist.evidence.filter((e) => e.itemId === stored.id).map(presentFile) : [],
          allowed: closed ? [] : allowedItemTransitions({ item, entry, role }),
          findings: (beside.byItem.get(item.id) ?? []).map(brief),
        };
      }),
      otherFindings: beside.other.map(brief),
      timeline,
    };
  }

  function filtersOf(query: {
    state?: TCaseState;
    batch?: string;
    region?: string;
    q?: string;
    overdue?: 'CASE-1' | 'CASE-2' | 'any';
  }): TCaseFilters {
    return { ...query, asOf: today() };
  }

  return {
    listCases: async (c) => {
      const query = c.req.valid('query');
      const { rows, total } = await searchCases(db, {
        scope: registryScopeOf(c.get('principal')!),
        filters: filtersOf(query),
        page: query.page,
        pageSize: query.pageSize,
      });
      const asOf = today();
      return c.json(
        {
          items: rows.map((r) => presentCaseSummary(r, asOf)),
          total,
          page: query.page,
          pageSize: query.pageSize,
        },
        200,
      );
    },

    exportCases: async (c) => {
      const query = c.req.valid('query');
      const principal = c.get('principal')!;
      const { format, ...rest } = query;
      const filters = filtersOf(rest);
      await db.transaction((tx) =>
        appendAuditEvent(tx, {
          actor: auditActorOf(principal),
          action: 'case.export',
          entity: 'decoupling_case',
          detail: {
            format,
            filters: Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)),
          },
        }),
      );
      return caseExportResponse({
        batches: streamCases(db, { scope: registryScopeOf(principal), filters }),
        format,
        fileStem: `cases-${today()}`,
        asOf: filters.asOf,
      });
    },

    openCase: async (c) => {
      const principal = c.get('principal')!;
      const body = c.req.valid('json');
      const association = await findAssociationByUscc(db, body.uscc);
      if (!association) throw new AppError('not_found', 'No association has this USCC');
      if (
        !(await isAssociationInScope(db, {
          associationId: association.id,
          scope: registryScopeOf(principal),
        }))
      )
        throw new AppError('outside_scope', 'This association is outside your jurisdiction');
      const id = await refusing(() =>
        openDecouplingCase({
          db,
          associationId: association.id,
          batch: body.batch,
          ref: body.ref,
          actor: actorOf(principal),
          at: instant(),
        }),
      );
      return c.json(await detailOf(id, principal), 200);
    },

    getCase: async (c) => {
      const principal = c.get('principal')!;
      const { id } = c.req.valid('param');
      await caseInScope(id, principal);
      return c.json(await detailOf(id, principal), 200);
    },

    transitionCase: async (c) => {
      const principal = c.get('principal')!;
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      await caseInScope(id, principal);
      await refusing(() =>
        moveCase({
          db,
          caseId: id,
          to: body.to,
          reason: body.reason ?? null,
          blockedReason: body.blockedReason ?? null,
          approvalRef: body.approvalRef ?? null,
          actor: actorOf(principal),
          at: instant(),
        }),
      );
      return c.json(await detailOf(id, principal), 200);
    },

    uploadCaseEvidence: async (c) => {
      const principal = c.get('principal')!;
      const { id } = c.req.valid('param');
      const form = c.req.valid('form');
      await caseInScope(id, principal);
      const content = new Uint8Array(await form.file.arrayBuffer());
      const result = await refusing(() =>
        addCaseEvidence({
          db,
          caseId: id,
          itemKey: form.item ?? null,
          kind: form.kind,
          fileName: form.file.name,
          declaredType: form.file.type,
          content,
          actor: actorOf(principal),
          at: instant(),
        }),
      );
      return c.json(result, 200);
    },

    downloadCaseEvidence: async (c) => {
      const principal = c.get('principal')!;
      const { id, evidenceId } = c.req.valid('param');
      await caseInScope(id, principal);
      const file = await findEvidenceContent(db, { caseId: id, evidenceId });
      if (!file) throw new AppError('not_found', 'This case has no file with this id');
      return new Response(Buffer.from(file.content), {
        headers: {
          'Content-Type': file.mimeType,
          'Content-Length': String(file.size),
          'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
          'X-Content-SHA256': file.sha256,
        },
      });
    },

    transitionCaseItem: async (c) => {
      const principal = c.get('principal')!;
      const { id, key } = c.req.valid('param');
      const body = c.req.valid('json');
      await caseInScope(id, principal);
      await refusing(() =>
        moveCaseItem({
          db,
          caseId: id,
          itemKey: key,
          to: body.to,
          reason: body.reason ?? null,
          actor: actorOf(principal),
          at: instant(),
        }),
      );
      return c.json(await detailOf(id, principal), 200);
    },
  };
}
