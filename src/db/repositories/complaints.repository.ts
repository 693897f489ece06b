import type {
  TComplaintClassification,
  TComplaintFamily,
  TComplaintTopic,
} from '../../core/complaints/classify.ts';
import type { TComplaint, TComplaintState } from '../../core/complaints/workflow.ts';
import type { Queryable } from '../database.ts';
import { associationScopeSql } from './findings.repository.ts';
import type { TRegistryScope } from './registry-read.repository.ts';

/** A stored complaint: the core's record plus what the regulator reads. */
export type TComplaintRow = TComplaint & {
  id: number;
  associationId: number;
  associationName: string;
  regionCode: string;
  topic: TComplaintTopic | null;
  body: string;
  compulsory: boolean | null;
  classification: TComplaintClassification;
  assigneeUserId: number | null;
  assigneeUsername: string | null;
  hasContact: boolean;
  feeItemName: string | null;
};

type TRaw = Omit<TComplaintRow, 'history' | 'outcome' | 'dismissalReason' | 'feeItemId' | 'assignee'> & {
  feeItemId: number | null;
  outcomeZh: string | null;
  outcomeEn: string | null;
  dismissalZh: string | null;
  dismissalEn: string | null;
};

const COLUMNS = `c.id::int AS "id", c.tracking_code AS "trackingCode", c.association_id::int AS "associationId",
  a.uscc AS "associationUscc", a.name AS "associationName", a.region_code AS "regionCode",
  c.received_on AS "receivedOn", c.topic, c.body, c.fee_item_id::int AS "feeItemId", f.name AS "feeItemName",
  c.compulsory, c.family, c.fee_rule AS "feeRule", c.classification, c.state,
  c.assignee_user_id::int AS "assigneeUserId", u.username AS "assigneeUsername", c.assign_by AS "assignBy",
  c.resolve_by AS "resolveBy", c.closed_on AS "closedOn", c.outcome_zh AS "outcomeZh",
  c.outcome_en AS "outcomeEn", c.dismissal_zh AS "dismissalZh", c.dismissal_en AS "dismissalEn",
  (c.contact_cipher IS NOT NULL) AS "hasContact"`;

const FROM = `FROM complaints AS c
  JOIN associations AS a ON a.id = c.association_id
  LEFT JOIN fee_items AS f ON f.id = c.fee_item_id
  LEFT JOIN users AS u ON u.id = c.assignee_user_id`;

function template(zh: string | null, en: string | null) {
  return zh === null ? null : { zh, en: en ?? zh };
}

async function withHistory(q: Queryable, raws: TRaw[]): Promise<TComplaintRow[]> {
  if (raws.length === 0) return [];
  const { rows } = await q.query<{ complaintId: number; on: string; state: TComplaintState }>(
    `SELECT complaint_id::int AS "complaintId", on_date AS "on", to_state AS "state"
     FROM complaint_events WHERE complaint_id = ANY($1::bigint[]) AND (from_state IS NULL OR from_state <> to_state)
     ORDER BY id`,
    [raws.map((r) => r.id)],
  );
  return raws.map((r) => {
    const { outcomeZh, outcomeEn, dismissalZh, dismissalEn, feeItemId, ...rest } = r;
    return {
      ...rest,
      feeItemId: feeItemId === null ? null : String(feeItemId),
      assignee: r.assigneeUsername,
      outcome: template(outcomeZh, outcomeEn),
      dismissalReason: template(dismissalZh, dismissalEn),
      history: rows.filter((h) => h.complaintId === r.id).map(({ on, state }) => ({ on, state })),
    };
  });
}

export async function findComplaintByTrackingCode(
  q: Queryable,
  code: string,
): Promise<TComplaintRow | undefined> {
  const { rows } = await q.query<TRaw>(`SELECT ${COLUMNS} ${FROM} WHERE c.tracking_code = $1`, [code]);
  return (await withHistory(q, rows))[0];
}

export async function findComplaint(q: Queryable, id: number): Promise<TComplaintRow | undefined> {
  const { rows } = await q.query<TRaw>(`SELECT ${COLUMNS} ${FROM} WHERE c.id = $1`, [id]);
  return (await withHistory(q, rows))[0];
}

export type ListComplaintsOptions = {
  scope: TRegistryScope;
  state?: TComplaintState;
  family?: TComplaintFamily;
  /** Only the open ones (received, assigned, investigating). */
  open?: boolean;
  page: number;
  pageSize: number;
};

/** The regulator's inbox: complaints about associations inside the scope, the most urgent first. */
export async function listComplaints(
  q: Queryable,
  options: ListComplaintsOptions,
): Promise<{ rows: TComplaintRow[]; total: number }> {
  const values: unknown[] = [];
  const p = {
    add(value: unknown) {
      values.push(value);
      return `$${values.length}`;
    },
  };
  const where = [associationScopeSql(options.scope, p)];
  if (options.state) where.push(`c.state = ${p.add(options.state)}`);
  if (options.family) where.push(`c.family = ${p.add(options.family)}`);
  if (options.open) where.push(`c.state IN ('received', 'assigned', 'investigating')`);
  const condition = where.join(' AND ');
  const count = await q.query<{ n: number }>(`SELECT count(*)::int AS n ${FROM} WHERE ${condition}`, values);
  const limit = p.add(options.pageSize);
  const offset = p.add((options.page - 1) * options.pageSize);
  const { rows } = await q.query<TRaw>(
    `SELECT ${COLUMNS} ${FROM} WHERE ${condition}
     ORDER BY (c.state IN ('resolved', 'dismissed')), c.resolve_by, c.id LIMIT ${limit} OFFSET ${offset}`,
    values,
  );
  return { rows: await withHistory(q, rows), total: count.rows[0]?.n ?? 0 };
}

export type TPublicComplaintOutcomeRow = {
  trackingCode: string;
  receivedOn: string;
  state: TComplaintState;
  family: TComplaintFamily | null;
  feeRule: string | null;
  closedOn: string | null;
  outcomeZh: string | null;
  outcomeEn: string | null;
  dismissalZh: string | null;
  dismissalEn: string | null;
};

/** Closed complaints about one association, newest first: what the portal publishes. */
export async function listClosedComplaints(
  q: Queryable,
  associationId: number,
): Promise<TPublicComplaintOutcomeRow[]> {
  const { rows } = await q.query<TPublicComplaintOutcomeRow>(
    `SELECT tracking_code AS "trackingCode", received_on AS "receivedOn", state, family, fee_rule AS "feeRule",
            closed_on AS "closedOn", outcome_zh AS "outcomeZh", outcome_en AS "outcomeEn",
            dismissal_zh AS "dismissalZh", dismissal_en AS "dismissalEn"
     FROM complaints WHERE association_id = $1 AND state IN ('resolved', 'dismissed')
     ORDER BY closed_on DESC, id DESC`,
    [associationId],
  );
  return rows;
}

/** Counts of complaints about one association by state, for the portal. */
export async function countComplaintsByState(
  q: Queryable,
  associationId: number,
): Promise<Record<TComplaintState, number>> {
  const { rows } = await q.query<{ state: TComplaintState; n: number }>(
    'SELECT state, count(*)::int AS n FROM complaints WHERE association_id = $1 GROUP BY state',
    [associationId],
  );
  const counts = { received: 0, assigned: 0, investigating: 0, resolved: 0, dismissed: 0 };
  for (const r of rows) counts[r.state] = r.n;
  return counts;
}

export type InsertComplaintOptions = {
  complaint: TComplaint;
  associationId: number;
  topic: TComplaintTopic | null;
  body: string;
  compulsory: boolean | null;
  classification: TComplaintClassification;
  contactCipher: string | null;
};

/** Stores a new complaint and its first event; returns its id. */
export async function insertComplaint(tx: Queryable, o: InsertComplaintOptions): Promise<number> {
  const c = o.complaint;
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO complaints (tracking_code, association_id, received_on, topic, body, fee_item_id, compulsory,
                             family, fee_rule, classification, state, assign_by, resolve_by, contact_cipher)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id::int AS id`,
    [
      c.trackingCode,
      o.associationId,
      c.receivedOn,
      o.topic,
      o.body,
      c.feeItemId === null ? null : Number(c.feeItemId),
      o.compulsory,
      c.family,
      c.feeRule,
      JSON.stringify(o.classification),
      c.state,
      c.assignBy,
      c.resolveBy,
      o.contactCipher,
    ],
  );
  const id = (rows[0] as { id: number }).id;
  await tx.query(
    `INSERT INTO complaint_events (complaint_id, on_date, action, from_state, to_state, actor_label)
     VALUES ($1, $2, 'receive', NULL, 'received', 'public')`,
    [id, c.receivedOn],
  );
  return id;
}

export type UpdateComplaintOptions = {
  id: number;
  before: TComplaint;
  after: TComplaint;
  action: string;
  on: string;
  assigneeUserId: number | null;
  /** Overrides the resolution deadline (a regulator's extension). */
  resolveBy: string;
  actor: { id: number | null; label: string };
  note: string | null;
};

/** Writes a complaint after a workflow step and records the step. */
export async function updateComplaint(tx: Queryable, o: UpdateComplaintOptions): Promise<void> {
  const a = o.after;
  await tx.query(
    `UPDATE complaints SET state = $2, family = $3, fee_rule = $4, assignee_user_id = $5, resolve_by = $6,
            closed_on = $7, outcome_zh = $8, outcome_en = $9, dismissal_zh = $10, dismissal_en = $11,
            updated_at = now()
     WHERE id = $1`,
    [
      o.id,
      a.state,
      a.family,
      a.feeRule,
      o.assigneeUserId,
      o.resolveBy,
      a.closedOn,
      a.outcome?.zh ?? null,
      a.outcome?.en ?? null,
      a.dismissalReason?.zh ?? null,
      a.dismissalReason?.en ?? null,
    ],
  );
  await tx.query(
    `INSERT INTO complaint_events (complaint_id, on_date, action, from_state, to_state, actor_user_id,
                                   actor_label, note)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [o.id, o.on, o.action, o.before.state, a.state, o.actor.id, o.actor.label, o.note],
  );
}

export type TComplaintEventRow = {
  on: string;
  at: string;
  action: string;
  fromState: string | null;
  toState: string;
  actor: string;
  note: string | null;
};

/** Every step of a complaint, for the regulator. */
export async function listComplaintEvents(q: Queryable, id: number): Promise<TComplaintEventRow[]> {
  const { rows } = await q.query<TComplaintEventRow>(
    `SELECT on_date AS "on", at, action, from_state AS "fromState", to_state AS "toState", actor_label AS "actor",
            note
     FROM complaint_events WHERE complaint_id = $1 ORDER BY id`,
    [id],
  );
  return rows;
}

/** Published fee items of an association, to link a complaint to one. */
export async function listComplaintFeeItems(
  q: Queryable,
  associationId: number,
): Promise<{ id: string; ref: string; name: string; category: string }[]> {
  const { rows } = await q.query<{ id: string; ref: string; name: string; category: string }>(
    `SELECT id::text AS id, ref, name, category FROM fee_items
     WHERE association_id = $1 AND (ended_on IS NULL OR ended_on >= CURRENT_DATE) ORDER BY id`,
    [associationId],
  );
  return rows;
}

/** Regulator accounts that may be assigned a complaint about an association in `regionCode`. */
export async function findAssignableUser(
  q: Queryable,
  username: string,
): Promise<{ id: number; username: string; role: string; scopeRegion: string | null } | undefined> {
  const { rows } = await q.query<{ id: number; username: string; role: string; scopeRegion: string | null }>(
    `SELECT id::int AS id, username, role, scope_region AS "scopeRegion" FROM users WHERE username = $1`,
    [username],
  );
  return rows[0];
}
