import type { Db } from '../db/database.ts';
import { type AuditActor, appendAuditEvent } from '../db/repositories/audit.repository.ts';
import {
  findQueueRow,
  findResultAssociation,
  findReview,
  insertReview,
  type TQueueRow,
  type TReviewDecisionKind,
  undoReview,
} from '../db/repositories/match-runs.repository.ts';
import { isAssociationInScope, type TRegistryScope } from '../db/repositories/registry-read.repository.ts';

/**
 * Reviewers' decisions on possible matches. A decision names the pair (post, roster record), so it
 * holds for every later run; it is audited with who and why in the same transaction, and it can be
 * undone (kept, marked undone, also audited), which frees the pair for a new decision.
 */

export type TMatchReviewErrorCode = 'not_found' | 'outside_scope' | 'conflict' | 'reason';

export class MatchReviewError extends Error {
  constructor(
    readonly code: TMatchReviewErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'MatchReviewError';
  }
}

type TReviewContext = { db: Db; actor: AuditActor; scope: TRegistryScope };

function requireReason(reason: string | undefined | null): string {
  const trimmed = reason?.trim() ?? '';
  if (trimmed === '') throw new MatchReviewError('reason', 'A reason is required (需要填写理由)');
  return trimmed;
}

/** Confirms or rejects the pair of a result; refused when a decision on the pair is already in force. */
export async function decideMatch(
  options: TReviewContext & { resultId: number; decision: TReviewDecisionKind; reason: string },
): Promise<TQueueRow> {
  const { db, actor } = options;
  const reason = requireReason(options.reason);
  const result = await findResultAssociation(db, options.resultId);
  if (!result) throw new MatchReviewError('not_found', 'No matching result has this id');
  if (!(await isAssociationInScope(db, { associationId: result.associationId, scope: options.scope })))
    throw new MatchReviewError('outside_scope', 'This post is outside your jurisdiction');
  await db.transaction(async (tx) => {
    const { rows } = await tx.query(
      'SELECT 1 FROM match_reviews WHERE post_id = $1 AND roster_record_id = $2 AND undone_at IS NULL FOR UPDATE',
      [result.postId, result.rosterRecordId],
    );
    if (rows.length > 0)
      throw new MatchReviewError('conflict', 'This pair has already been decided; undo that decision first');
    const id = await insertReview(tx, {
      postId: result.postId,
      rosterRecordId: result.rosterRecordId,
      resultId: options.resultId,
      decision: options.decision,
      reason,
      reviewer: actor,
      at: new Date().toISOString(),
    });
    await appendAuditEvent(tx, {
      actor,
      action: `match_review.${options.decision}`,
      entity: 'match_review',
      entityId: id,
      detail: {
        resultId: options.resultId,
        postId: result.postId,
        rosterRecordId: result.rosterRecordId,
        reason,
      },
    });
  });
  return (await findQueueRow(db, options.resultId))!;
}

/** Withdraws a decision in force, with a reason. */
export async function undoMatchReview(
  options: TReviewContext & { reviewId: number; reason: string },
): Promise<{ reviewId: number; resultId: number | null }> {
  const { db, actor } = options;
  const reason = requireReason(options.reason);
  const review = await findReview(db, options.reviewId);
  if (!review) throw new MatchReviewError('not_found', 'No review decision has this id');
  if (!(await isAssociationInScope(db, { associationId: review.associationId, scope: options.scope })))
    throw new MatchReviewError('outside_scope', 'This post is outside your jurisdiction');
  await db.transaction(async (tx) => {
    const undone = await undoReview(tx, { id: review.id, by: actor, reason, at: new Date().toISOString() });
    if (!undone) throw new MatchReviewError('conflict', 'This decision has already been undone');
    await appendAuditEvent(tx, {
      actor,
      action: 'match_review.undo',
      entity: 'match_review',
      entityId: review.id,
      detail: {
        decision: review.decision,
        postId: review.postId,
        rosterRecordId: review.rosterRecordId,
        reason,
      },
    });
  });
  return { reviewId: review.id, resultId: review.resultId };
}
