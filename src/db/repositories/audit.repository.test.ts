import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/support/database.ts';
import { appendAuditEvent, verifyAuditChain } from './audit.repository.ts';

describe('audit log', () => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(() => db.drop());

  it('chains events and verifies the chain', async () => {
    for (let i = 0; i < 3; i++) {
      await db.transaction((tx) =>
        appendAuditEvent(tx, {
          actor: { id: null, label: 'test' },
          action: 'thing.create',
          entity: 'thing',
          entityId: i,
          detail: { b: 1, a: [i] },
        }),
      );
    }
    expect(await verifyAuditChain(db)).toEqual({ ok: true, events: 3 });
  });

  it('refuses to update or delete an event', async () => {
    await expect(db.query("UPDATE audit_events SET action = 'x'")).rejects.toThrow(/append-only/);
    await expect(db.query('DELETE FROM audit_events')).rejects.toThrow(/append-only/);
  });

  it('names the first broken link when an event was tampered with', async () => {
    await db.exec('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update');
    await db.query(
      'UPDATE audit_events SET detail = \'{"b":2}\' WHERE seq = (SELECT min(seq) + 1 FROM audit_events)',
    );
    const verdict = await verifyAuditChain(db);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.reason).toMatch(/content/);
  });

  it('keeps the event when the change it records rolls back only if both roll back together', async () => {
    const before = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_events')).rows[0]!.n;
    await expect(
      db.transaction(async (tx) => {
        await appendAuditEvent(tx, {
          actor: { id: null, label: 'test' },
          action: 'thing.fail',
          entity: 'thing',
        });
        throw new Error('change failed');
      }),
    ).rejects.toThrow('change failed');
    const after = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_events')).rows[0]!.n;
    expect(after).toBe(before);
  });
});
