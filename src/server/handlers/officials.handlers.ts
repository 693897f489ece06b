import { appendAuditEvent } from '../../db/repositories/audit.repository.ts';
import { createOfficialsChecker } from '../../jobs/match-runs-check.ts';
import type { TAppDeps } from '../env.ts';
import { auditActorOf } from '../principal.ts';
import type { THandlersOf } from './types.ts';

/**
 * `POST /api/officials/check`: one person against the rosters through the in-memory index. Each
 * check is audited (who asked and what was decided; never the name or the ID asked about).
 */
export function createOfficialsHandlers(deps: TAppDeps): THandlersOf<'checkOfficial'> {
  const checker = createOfficialsChecker({ db: deps.db, protector: deps.protector });
  return {
    checkOfficial: async (c) => {
      const principal = c.get('principal')!;
      const body = c.req.valid('json');
      const decision = await checker.check(body);
      const recordId = decision.recordKey === null ? null : Number(decision.recordKey);
      await deps.db.transaction((tx) =>
        appendAuditEvent(tx, {
          actor: auditActorOf(principal),
          action: 'official.check',
          entity: 'roster_record',
          entityId: decision.decision === 'no_match' ? null : recordId,
          detail: {
            decision: decision.decision,
            probability: Math.round(decision.probability * 1000) / 1000,
            withResidentId: Boolean(body.residentId),
          },
        }),
      );
      return c.json(
        {
          decision: decision.decision,
          probability: decision.probability,
          score: decision.score,
          reasons: decision.reasons,
          candidates: decision.candidates,
          record:
            recordId === null
              ? null
              : {
                  id: recordId,
                  source: decision.source,
                  status: decision.status,
                  rank: decision.rank,
                  organCode: decision.organCode,
                  retiredOn: decision.retiredOn,
                },
          index: decision.index,
        },
        200,
      );
    },
  };
}
