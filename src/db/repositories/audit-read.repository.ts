import type { Queryable } from '../database.ts';

export type TAuditEventListRow = {
  seq: number;
  at: string;
  actorId: number | null;
  actorLabel: string;
  action: string;
  entity: string;
  entityId: string | null;
  detail: Record<string, unknown>;
};

/** One page of the audit log, newest first, and the number of events in all. */
export async function listAuditEvents(
  db: Queryable,
  options: { page: number; pageSize: number },
): Promise<{ rows: TAuditEventListRow[]; total: number }> {
  const { rows: counted } = await db.query<{ total: number }>(
    'SELECT count(*)::int AS total FROM audit_events',
  );
  const { rows } = await db.query<TAuditEventListRow>(
    `SELECT seq::int AS "seq", at, actor_id::int AS "actorId", actor_label AS "actorLabel", action, entity,
            entity_id AS "entityId", detail
     FROM audit_events ORDER BY seq DESC LIMIT $1 OFFSET $2`,
    [options.pageSize, (options.page - 1) * options.pageSize],
  );
  return { rows, total: counted[0]?.total ?? 0 };
}
