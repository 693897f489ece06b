import {
  checkTransition,
  deadlineAfter,
  type TFindingActorKind,
  type TFindingStatus,
} from '../core/findings/workflow.ts';
import type { Db } from '../db/database.ts';
import { type AuditActor, appendAuditEvent } from '../db/repositories/audit.repository.ts';
import {
  applyFindingTransition,
  findFinding,
  type TFindingRow,
} from '../db/repositories/findings.repository.ts';

export type TTransitionErrorCode = 'not_found' | 'illegal' | 'forbidden' | 'reason' | 'conflict';

/** A refused status change, with a message a user can act on. */
export class FindingTransitionError extends Error {
  constructor(
    readonly code: TTransitionErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'FindingTransitionError';
  }
}

export type TransitionFindingOptions = {
  db: Db;
  findingId: number;
  to: TFindingStatus;
  reason?: string | null;
  /** Rectification deadline when acknowledging; the default period otherwise. */
  deadline?: string | null;
  actor: AuditActor;
  actorKind: TFindingActorKind;
  /** Today, `YYYY-MM-DD`, for the default deadline. */
  today: string;
};

/**
 * Moves a finding along its workflow: checks the move, applies it, and writes its workflow event and
 * audit event in the same transaction. Refusals throw `FindingTransitionError`.
 */
export async function transitionFinding(options: TransitionFindingOptions): Promise<TFindingRow> {
  const { db, findingId, to, actor } = options;
  const reason = options.reason?.trim() || null;
  return db.transaction(async (tx) => {
    const finding = await findFinding(tx, findingId);
    if (!finding) throw new FindingTransitionError('not_found', `No finding has id ${findingId}`);
    const check = checkTransition({ from: finding.status, to, actor: options.actorKind, reason });
    if (!check.ok) throw new FindingTransitionError(check.code, check.message);
    const deadline = deadlineAfter({
      to,
      current: finding.deadline,
      requested: options.deadline,
      today: options.today,
    });
    const applied = await applyFindingTransition(tx, {
      findingId,
      from: finding.status,
      to,
      deadline,
      reason,
      actor,
      at: new Date().toISOString(),
    });
    if (!applied)
      throw new FindingTransitionError('conflict', 'The finding changed meanwhile; reload it and try again');
    await appendAuditEvent(tx, {
      actor,
      action: `finding.${to}`,
      entity: 'finding',
      entityId: findingId,
      detail: { rule: finding.ruleId, uscc: finding.uscc, from: finding.status, to, reason, deadline },
    });
    const updated = await findFinding(tx, findingId);
    return updated!;
  });
}
