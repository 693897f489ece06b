import type { TActorRole } from '../../core/cases/types.ts';
import type { Queryable } from '../database.ts';
import { associationScopeSql } from './findings.repository.ts';
import type { TRegistryScope } from './registry-read.repository.ts';

/**
 * In-app notifications: addressed to one account, or to a role within the jurisdiction of the case's
 * association (an account of that role sees the notice when the association is inside its scope).
 * Read marks are kept per account.
 */

class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

export const NOTIFICATION_KINDS = ['CASE-1', 'CASE-2', 'CASE-3', 'case_moved'] as const;
export type TNotificationKind = (typeof NOTIFICATION_KINDS)[number];

export type TNotificationToInsert = {
  recipientUserId?: number | null;
  recipientRole?: TActorRole | null;
  kind: TNotificationKind;
  caseId: number | null;
  dedupeKey: string;
  titleZh: string;
  titleEn: string;
  bodyZh: string;
  bodyEn: string;
};

/** Inserts notices; one already sent for the same fact and recipient is not sent again. Returns how many are new. */
export async function insertNotifications(
  tx: Queryable,
  notices: readonly TNotificationToInsert[],
): Promise<number> {
  if (notices.length === 0) return 0;
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO notifications (recipient_user_id, recipient_role, kind, case_id, dedupe_key, title_zh, title_en,
       body_zh, body_en)
     SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::text[],
       $8::text[], $9::text[])
     ON CONFLICT (dedupe_key, COALESCE(recipient_role, ''), COALESCE(recipient_user_id, 0)) DO NOTHING
     RETURNING id`,
    [
      notices.map((n) => n.recipientUserId ?? null),
      notices.map((n) => n.recipientRole ?? null),
      notices.map((n) => n.kind),
      notices.map((n) => n.caseId),
      notices.map((n) => n.dedupeKey),
      notices.map((n) => n.titleZh),
      notices.map((n) => n.titleEn),
      notices.map((n) => n.bodyZh),
      notices.map((n) => n.bodyEn),
    ],
  );
  return rows.length;
}

export type TRecipient = { userId: number; role: TActorRole; scope: TRegistryScope };

export type TNotificationRow = {
  id: number;
  kind: TNotificationKind;
  caseId: number | null;
  caseRef: string | null;
  associationName: string | null;
  titleZh: string;
  titleEn: string;
  bodyZh: string;
  bodyEn: string;
  createdAt: string;
  readAt: string | null;
};

function visibleTo(recipient: TRecipient, p: Params): string {
  const scope = associationScopeSql(recipient.scope, p);
  return `(n.recipient_user_id = ${p.add(recipient.userId)}
    OR (n.recipient_role = ${p.add(recipient.role)} AND n.case_id IN (
      SELECT c.id FROM decoupling_cases AS c JOIN associations AS a ON a.id = c.association_id WHERE ${scope})))`;
}

/** The notices an account sees, newest first, with the unread count. */
export async function listNotifications(
  q: Queryable,
  options: { recipient: TRecipient; unreadOnly: boolean; limit: number },
): Promise<{ rows: TNotificationRow[]; unread: number; total: number }> {
  const p = new Params();
  const visible = visibleTo(options.recipient, p);
  const me = p.add(options.recipient.userId);
  const readAt = `COALESCE(r.read_at, CASE WHEN n.recipient_user_id IS NOT NULL THEN n.read_at END)`;
  const from = `notifications AS n LEFT JOIN notification_reads AS r ON r.notification_id = n.id AND r.user_id = ${me}
    LEFT JOIN decoupling_cases AS c ON c.id = n.case_id LEFT JOIN associations AS a ON a.id = c.association_id`;
  const counts = await q.query<{ total: number; unread: number }>(
    `SELECT count(*) AS total, count(*) FILTER (WHERE ${readAt} IS NULL) AS unread FROM ${from} WHERE ${visible}`,
    p.values,
  );
  const where = options.unreadOnly ? `${visible} AND ${readAt} IS NULL` : visible;
  const { rows } = await q.query<TNotificationRow>(
    `SELECT n.id, n.kind, n.case_id AS "caseId", c.ref AS "caseRef", a.name AS "associationName",
            n.title_zh AS "titleZh", n.title_en AS "titleEn", n.body_zh AS "bodyZh", n.body_en AS "bodyEn",
            n.created_at AS "createdAt", ${readAt} AS "readAt"
     FROM ${from} WHERE ${where} ORDER BY n.created_at DESC, n.id DESC LIMIT ${p.add(options.limit)}`,
    p.values,
  );
  return {
    rows: rows.map((r) => ({ ...r, id: Number(r.id), caseId: r.caseId === null ? null : Number(r.caseId) })),
    unread: Number(counts.rows[0]!.unread),
    total: Number(counts.rows[0]!.total),
  };
}

/** Whether the account sees the notice at all. */
export async function isNotificationVisible(
  q: Queryable,
  options: { recipient: TRecipient; notificationId: number },
): Promise<boolean | undefined> {
  const exists = await q.query('SELECT 1 FROM notifications WHERE id = $1', [options.notificationId]);
  if (exists.rows.length === 0) return undefined;
  const p = new Params();
  const visible = visibleTo(options.recipient, p);
  const { rows } = await q.query(
    `SELECT 1 FROM notifications AS n WHERE n.id = ${p.add(options.notificationId)} AND ${visible}`,
    p.values,
  );
  return rows.length > 0;
}

/** Marks notices read for one account; marks already made stay with their first time. */
export async function markNotificationsRead(
  tx: Queryable,
  options: { userId: number; notificationIds: readonly number[]; at: string },
): Promise<number> {
  if (options.notificationIds.length === 0) return 0;
  const { rows } = await tx.query(
    `INSERT INTO notification_reads (notification_id, user_id, read_at)
     SELECT id, $2, $3 FROM unnest($1::bigint[]) AS t(id)
     ON CONFLICT (notification_id, user_id) DO NOTHING RETURNING notification_id`,
    [options.notificationIds, options.userId, options.at],
  );
  await tx.query(
    'UPDATE notifications SET read_at = $3 WHERE id = ANY($1::bigint[]) AND recipient_user_id = $2 AND read_at IS NULL',
    [options.notificationIds, options.userId, options.at],
  );
  return rows.length;
}

/** Ids of every unread notice the account sees. */
export async function listUnreadNotificationIds(q: Queryable, recipient: TRecipient): Promise<number[]> {
  const { rows } = await listNotifications(q, { recipient, unreadOnly: true, limit: 10_000 });
  return rows.map((r) => r.id);
}
