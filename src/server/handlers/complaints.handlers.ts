import {
  complaintTimeliness,
  type TComplaintAction,
  transitionComplaint,
} from '../../core/complaints/workflow.ts';
import { isIsoDate } from '../../core/policy/dates.ts';
import { appendAuditEvent } from '../../db/repositories/audit.repository.ts';
import {
  findAssignableUser,
  findComplaint,
  listComplaintEvents,
  listComplaints,
  type TComplaintRow,
  updateComplaint,
} from '../../db/repositories/complaints.repository.ts';
import { isAssociationInScope, regionCodeRange } from '../../db/repositories/registry-read.repository.ts';
import type { TAppDeps } from '../env.ts';
import { AppError } from '../errors.ts';
import { auditActorOf, registryScopeOf, type TPrincipal } from '../principal.ts';
import type { THandlersOf } from './types.ts';

function presentComplaint(row: TComplaintRow, today: string) {
  return {
    id: row.id,
    trackingCode: row.trackingCode,
    association: { uscc: row.associationUscc, name: row.associationName, regionCode: row.regionCode },
    receivedOn: row.receivedOn,
    topic: row.topic,
    text: row.body,
    compulsory: row.compulsory,
    family: row.family,
    feeRule: row.feeRule,
    feeItem: row.feeItemId === null ? null : { id: row.feeItemId, name: row.feeItemName ?? '' },
    classification: {
      primary: row.classification.primary,
      needsTriage: row.classification.needsTriage,
      families: row.classification.families.map((f) => ({
        family: f.family,
        score: f.score,
        cues: [...f.cues],
      })),
      feeRuleCues: [...row.classification.feeRuleCues],
    },
    state: row.state,
    assignee: row.assigneeUsername,
    assignBy: row.assignBy,
    resolveBy: row.resolveBy,
    closedOn: row.closedOn,
    outcome: row.outcome,
    dismissalReason: row.dismissalReason,
    timeliness: complaintTimeliness(row, today),
    hasContact: row.hasContact,
  };
}

/** Whether a region code lies inside a regulator's region. */
function regionCovers(scopeRegion: string | null, regionCode: string): boolean {
  if (scopeRegion === null) return false;
  const range = regionCodeRange(scopeRegion);
  return range === undefined || (regionCode >= range.low && regionCode <= range.high);
}

/**
 * The regulator's complaints inbox. Every step is checked by the core workflow, written with its event
 * and its audit entry in one transaction; the outcome written on resolving is what the portal shows.
 */
export function createComplaintsHandlers(
  deps: TAppDeps,
): THandlersOf<'listComplaints' | 'getComplaint' | 'actOnComplaint'> {
  const { db } = deps;
  const today = () => deps.now().toISOString().slice(0, 10);

  async function complaintInScope(id: number, principal: TPrincipal) {
    const row = await findComplaint(db, id);
    if (!row) throw new AppError('not_found', 'No complaint has this id');
    if (
      !(await isAssociationInScope(db, {
        associationId: row.associationId,
        scope: registryScopeOf(principal),
      }))
    )
      throw new AppError('outside_scope', 'This complaint concerns an association outside your jurisdiction');
    return row;
  }

  async function detail(id: number) {
    const row = (await findComplaint(db, id)) as TComplaintRow;
    return { ...presentComplaint(row, today()), events: await listComplaintEvents(db, id) };
  }

  return {
    listComplaints: async (c) => {
      const principal = c.get('principal')!;
      const query = c.req.valid('query');
      const { rows, total } = await listComplaints(db, {
        scope: registryScopeOf(principal),
        state: query.state,
        family: query.family,
        open: query.open === 'true',
        page: query.page,
        pageSize: query.pageSize,
      });
      const day = today();
      return c.json(
        {
          items: rows.map((r) => presentComplaint(r, day)),
          total,
          page: query.page,
          pageSize: query.pageSize,
        },
        200,
      );
    },

    getComplaint: async (c) => {
      const { id } = c.req.valid('param');
      await complaintInScope(id, c.get('principal')!);
      return c.json(await detail(id), 200);
    },

    actOnComplaint: async (c) => {
      const principal = c.get('principal')!;
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const before = await complaintInScope(id, principal);
      const on = today();
      let assigneeUserId = before.assigneeUserId;
      let resolveBy = before.resolveBy;
      let after = before as TComplaintRow;
      let note: string | null = null;
      if (body.type === 'set_deadline') {
        if (!isIsoDate(body.resolveBy) || body.resolveBy < before.receivedOn)
          throw new AppError(
            'validation_failed',
            `json resolveBy: expected a date on or after ${before.receivedOn}`,
          );
        if (before.state === 'resolved' || before.state === 'dismissed')
          throw new AppError(
            'conflict',
            '举报已结案，不能调整期限 / The complaint is closed; its deadline cannot move',
          );
        resolveBy = body.resolveBy;
        note = `resolveBy ${before.resolveBy} → ${resolveBy}`;
      } else {
        let action: TComplaintAction;
        switch (body.type) {
          case 'assign': {
            const user = await findAssignableUser(db, body.assignee);
            if (!user || !(user.role === 'regulator' || user.role === 'admin'))
              throw new AppError(
                'validation_failed',
                `json assignee: "${body.assignee}" is not a regulator account`,
              );
            if (user.role === 'regulator' && !regionCovers(user.scopeRegion, before.regionCode))
              throw new AppError(
                'validation_failed',
                `json assignee: "${body.assignee}" has no jurisdiction over this association`,
              );
            assigneeUserId = user.id;
            action = { type: 'assign', assignee: user.username };
            note = user.username;
            break;
          }
          case 'start':
            action = { type: 'start' };
            break;
          case 'resolve':
            action = {
              type: 'resolve',
              outcome: { zh: body.outcomeZh, en: body.outcomeEn || body.outcomeZh },
            };
            break;
          case 'dismiss':
            action = { type: 'dismiss', reason: { zh: body.reasonZh, en: body.reasonEn || body.reasonZh } };
            break;
          case 'reclassify':
            action = { type: 'reclassify', family: body.family, feeRule: body.feeRule ?? null };
            note = `${before.family ?? '—'} → ${body.family}`;
            break;
        }
        const step = transitionComplaint({ complaint: before, action, on });
        if (!step.ok) throw new AppError('conflict', `${step.refusal.zh} / ${step.refusal.en}`);
        after = { ...before, ...step.complaint };
      }
      await db.transaction(async (tx) => {
        await updateComplaint(tx, {
          id,
          before,
          after,
          action: body.type,
          on,
          assigneeUserId,
          resolveBy,
          actor: auditActorOf(principal),
          note,
        });
        await appendAuditEvent(tx, {
          actor: auditActorOf(principal),
          action: `complaint.${body.type}`,
          entity: 'complaint',
          entityId: id,
          detail: {
            trackingCode: before.trackingCode,
            from: before.state,
            to: after.state,
            ...(note === null ? {} : { note }),
            ...(body.type === 'resolve' ? { outcome: after.outcome } : {}),
            ...(body.type === 'dismiss' ? { reason: after.dismissalReason } : {}),
          },
        });
      });
      return c.json(await detail(id), 200);
    },
  };
}
