import { appendAuditEvent } from '../../db/repositories/audit.repository.ts';
import {
  isNotificationVisible,
  listNotifications,
  listUnreadNotificationIds,
  markNotificationsRead,
  type TRecipient,
} from '../../db/repositories/notifications.repository.ts';
import type { TAppDeps } from '../env.ts';
import { AppError } from '../errors.ts';
import { auditActorOf, registryScopeOf, type TPrincipal } from '../principal.ts';
import type { THandlersOf } from './types.ts';

function recipientOf(principal: TPrincipal): TRecipient {
  return { userId: principal.id, role: principal.role, scope: registryScopeOf(principal) };
}

/**
 * The notifications bell: what the caller sees (its own notices and its role's notices on cases inside
 * its scope) and the caller's own read marks (audited like every write).
 */
export function createNotificationsHandlers(
  deps: TAppDeps,
): THandlersOf<'listNotifications' | 'markNotificationRead' | 'markAllNotificationsRead'> {
  const { db } = deps;
  const unreadOf = async (principal: TPrincipal) =>
    (await listNotifications(db, { recipient: recipientOf(principal), unreadOnly: true, limit: 1 })).unread;
  return {
    listNotifications: async (c) => {
      const query = c.req.valid('query');
      const result = await listNotifications(db, {
        recipient: recipientOf(c.get('principal')!),
        unreadOnly: query.unread === 'true',
        limit: query.limit,
      });
      return c.json(
        {
          items: result.rows.map((r) => ({
            id: r.id,
            kind: r.kind,
            caseId: r.caseId,
            caseRef: r.caseRef,
            associationName: r.associationName,
            title: { zh: r.titleZh, en: r.titleEn },
            body: { zh: r.bodyZh, en: r.bodyEn },
            createdAt: r.createdAt,
            readAt: r.readAt,
          })),
          unread: result.unread,
          total: result.total,
        },
        200,
      );
    },

    markNotificationRead: async (c) => {
      const principal = c.get('principal')!;
      const { id } = c.req.valid('param');
      const visible = await isNotificationVisible(db, {
        recipient: recipientOf(principal),
        notificationId: id,
      });
      if (visible === undefined) throw new AppError('not_found', 'No notification has this id');
      if (!visible) throw new AppError('outside_scope', 'This notification is not addressed to you');
      await db.transaction(async (tx) => {
        await markNotificationsRead(tx, {
          userId: principal.id,
          notificationIds: [id],
          at: deps.now().toISOString(),
        });
        await appendAuditEvent(tx, {
          actor: auditActorOf(principal),
          action: 'notification.read',
          entity: 'notification',
          entityId: id,
        });
      });
      return c.json({ unread: await unreadOf(principal) }, 200);
    },

    markAllNotificationsRead: async (c) => {
      const principal = c.get('principal')!;
      const ids = await listUnreadNotificationIds(db, recipientOf(principal));
      await db.transaction(async (tx) => {
        const marked = await markNotificationsRead(tx, {
          userId: principal.id,
          notificationIds: ids,
          at: deps.now().toISOString(),
        });
        await appendAuditEvent(tx, {
          actor: auditActorOf(principal),
          action: 'notification.read_all',
          entity: 'notification',
          detail: { marked },
        });
      });
      return c.json({ unread: await unreadOf(principal) }, 200);
    },
  };
}
