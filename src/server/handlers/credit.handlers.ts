import { CURABLE_GROUNDS } from '../../core/credit/basis.ts';
import type { TCreditGroundRecord } from '../../core/credit/timeline.ts';
import type { TObjectionAction } from '../../core/credit/workflow.ts';
import { listCreditAssociationIds } from '../../db/repositories/credit.repository.ts';
import { listAssociationIds } from '../../db/repositories/findings.repository.ts';
import { listImportedCreditEntries } from '../../db/repositories/public.repository.ts';
import { findAssociationByUscc } from '../../db/repositories/registry-read.repository.ts';
import {
  CreditStepError,
  decideCreditObjection,
  decideCreditRepair,
  fileCreditObjection,
  listCreditCases,
  loadCreditState,
  recordGround,
  submitCreditRepair,
  verifyObligation,
} from '../../jobs/credit.ts';
import type { TAppDeps } from '../env.ts';
import { AppError } from '../errors.ts';
import { auditActorOf, registryScopeOf } from '../principal.ts';
import { mergeCredit, presentHistory } from './credit.view.ts';
import type { THandlersOf } from './types.ts';

type TAssociationRef = { id: number; uscc: string; name: string; regionCode: string };

function stepError(error: unknown): never {
  if (error instanceof CreditStepError) {
    throw new AppError(
      error.kind === 'not_found' ? 'not_found' : 'conflict',
      `${error.refusal.zh} / ${error.refusal.en}`,
    );
  }
  throw error;
}

/**
 * Credit-list management: the registrar's view of the lists, one association's timeline with what is
 * due by when, and the workflow steps. The steps run in src/jobs/credit.ts, each with its audit event.
 */
export function createCreditHandlers(
  deps: TAppDeps,
): THandlersOf<'listCredit' | 'associationCredit' | 'actOnCredit'> {
  const { db } = deps;
  const today = () => deps.now().toISOString().slice(0, 10);

  async function associationOf(uscc: string): Promise<TAssociationRef> {
    const row = await findAssociationByUscc(db, uscc);
    if (!row) throw new AppError('not_found', 'No association has this USCC');
    return { id: row.id, uscc: row.uscc, name: row.name, regionCode: row.regionCode };
  }

  async function associationById(id: number): Promise<TAssociationRef> {
    const { rows } = await db.query<TAssociationRef>(
      'SELECT id::int AS id, uscc, name, region_code AS "regionCode" FROM associations WHERE id = $1',
      [id],
    );
    if (!rows[0]) throw new AppError('not_found', 'No association has this id');
    return rows[0];
  }

  async function view(association: TAssociationRef, asOf: string) {
    const state = await loadCreditState(db, { association, asOf });
    const merged = mergeCredit(state, await listImportedCreditEntries(db, association.id), asOf);
    const { objections, repairs } = await listCreditCases(db, association.id);
    const { timeline } = state;
    return {
      uscc: association.uscc,
      name: association.name,
      asOf,
      calendarId: timeline.calendarId,
      status: merged.status,
      abnormal: timeline.abnormal && { ...timeline.abnormal, groundIds: [...timeline.abnormal.groundIds] },
      serious: timeline.serious && { ...timeline.serious, groundIds: [...timeline.serious.groundIds] },
      grounds: state.ledger.grounds.map((g: TCreditGroundRecord) => ({
        id: g.id,
        list: g.list,
        ground: g.ground,
        arisenOn: g.arisenOn,
        curable: g.curable ?? CURABLE_GROUNDS.has(g.ground),
        detail: g.detail ?? null,
      })),
      due: timeline.due.map((d) => ({ ...d, groundIds: [...d.groundIds] })),
      history: merged.history.map(presentHistory),
      objections: objections.map(({ basis: _basis, associationId: _a, ...o }) => o),
      repairs: repairs.map(({ basis: _basis, associationId: _a, ...r }) => r),
    };
  }

  return {
    listCredit: async (c) => {
      const principal = c.get('principal')!;
      const query = c.req.valid('query');
      const asOf = today();
      const inScope = new Set(await listAssociationIds(db, registryScopeOf(principal)));
      const ids = (await listCreditAssociationIds(db)).filter((id) => inScope.has(id));
      const items = [];
      for (const id of ids) {
        const association = await associationById(id);
        const full = await view(association, asOf);
        if (query.status && full.status !== query.status) continue;
        const next =
          full.due
            .filter((d) => d.state !== 'waiting' && d.triggerOn !== null)
            .sort((a, b) => ((a.dueOn ?? a.triggerOn ?? '') < (b.dueOn ?? b.triggerOn ?? '') ? -1 : 1))[0] ??
          null;
        items.push({
          uscc: association.uscc,
          name: association.name,
          regionCode: association.regionCode,
          status: full.status,
          abnormalSince: full.abnormal?.listedOn ?? null,
          seriousSince: full.serious?.listedOn ?? null,
          next,
          openObjections: full.objections.filter((o) => o.state === 'filed' || o.state === 'accepted').length,
          openRepairs: full.repairs.filter((r) => r.state === 'submitted').length,
        });
      }
      const start = (query.page - 1) * query.pageSize;
      return c.json(
        {
          asOf,
          items: items.slice(start, start + query.pageSize),
          total: items.length,
          page: query.page,
          pageSize: query.pageSize,
        },
        200,
      );
    },

    associationCredit: async (c) => {
      const association = await associationOf(c.req.valid('param').uscc);
      return c.json(await view(association, today()), 200);
    },

    actOnCredit: async (c) => {
      const principal = c.get('principal')!;
      const association = await associationOf(c.req.valid('param').uscc);
      const body = c.req.valid('json');
      const now = today();
      const on = body.on ?? now;
      if (on > now) throw new AppError('validation_failed', `json on: ${on} is in the future`);
      const actor = auditActorOf(principal);
      const ctx = { db, association, on, actor };
      try {
        switch (body.type) {
          case 'verify':
            await verifyObligation({ ...ctx, groundKey: body.groundKey });
            break;
          case 'record_ground':
            if (body.arisenOn > on) throw new AppError('validation_failed', `json arisenOn: after ${on}`);
            await recordGround({
              ...ctx,
              ground: {
                id: body.groundKey,
                list: body.list,
                ground: body.ground,
                arisenOn: body.arisenOn,
                detail: { zh: body.detailZh, en: body.detailEn },
              },
            });
            break;
          case 'object':
            await fileCreditObjection({
              ...ctx,
              list: body.list,
              statement: { zh: body.statementZh, en: body.statementEn },
            });
            break;
          case 'decide_objection': {
            const text = { zh: body.textZh, en: body.textEn || body.textZh };
            const action: TObjectionAction =
              body.decision === 'accept'
                ? { type: 'accept' }
                : body.decision === 'not_accept'
                  ? { type: 'not_accept', reason: text }
                  : body.decision === 'uphold'
                    ? { type: 'uphold', correction: text }
                    : { type: 'reject', reason: text };
            const { objections } = await listCreditCases(db, association.id);
            if (!objections.some((o) => o.id === String(body.objectionId)))
              throw new AppError('not_found', 'This association has no such objection');
            await decideCreditObjection({
              db,
              on,
              actor,
              objectionId: body.objectionId,
              action,
              association: async () => association,
            });
            break;
          }
          case 'apply_repair':
            await submitCreditRepair({ ...ctx, list: body.list });
            break;
          case 'decide_repair': {
            const { repairs } = await listCreditCases(db, association.id);
            if (!repairs.some((r) => r.id === String(body.repairId)))
              throw new AppError('not_found', 'This association has no such repair application');
            await decideCreditRepair({
              db,
              on,
              actor,
              repairId: body.repairId,
              decision:
                body.decision === 'approve'
                  ? { type: 'approve' }
                  : { type: 'refuse', reason: { zh: body.reasonZh, en: body.reasonEn || body.reasonZh } },
              association: async () => association,
            });
            break;
          }
        }
      } catch (error) {
        stepError(error);
      }
      return c.json(await view(association, now), 200);
    },
  };
}
