import { createHash } from 'node:crypto';
import type { Queryable } from '../database.ts';

export type AuditActor = { id: number | null; label: string };

export type AppendAuditEventOptions = {
  actor: AuditActor;
  /** Verb-noun of what happened, e.g. `association.update`, `import.associations`. */
  action: string;
  entity: string;
  entityId?: string | number | null;
  /** What changed; never personal identifiers in clear. */
  detail?: Record<string, unknown>;
};

const GENESIS_HASH = '0'.repeat(64);

// Hash input is fixed-order JSON so that verification recomputes the same bytes on any driver.
function hashEvent(prevHash: string, event: Omit<AuditEventRow, 'seq' | 'hash' | 'prev_hash'>): string {
  const canonical = JSON.stringify([
    prevHash,
    event.at,
    event.actor_id,
    event.actor_label,
    event.action,
    event.entity,
    event.entity_id,
    canonicalJson(event.detail),
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

function canonicalJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalJson);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonicalJson((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

export type AuditEventRow = {
  seq: number;
  at: string;
  actor_id: number | null;
  actor_label: string;
  action: string;
  entity: string;
  entity_id: string | null;
  detail: Record<string, unknown>;
  prev_hash: string;
  hash: string;
};

/**
 * Appends one event to the hash chain. Call it inside the transaction of the change it records, so the
 * change and its audit event land together. The advisory lock serialises appenders for the chain.
 */
export async function appendAuditEvent(tx: Queryable, options: AppendAuditEventOptions): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(4820171)');
  const last = await tx.query<{ hash: string }>('SELECT hash FROM audit_events ORDER BY seq DESC LIMIT 1');
  const prevHash = last.rows[0]?.hash ?? GENESIS_HASH;
  const event = {
    at: new Date().toISOString(),
    actor_id: options.actor.id,
    actor_label: options.actor.label,
    action: options.action,
    entity: options.entity,
    entity_id: options.entityId == null ? null : String(options.entityId),
    detail: JSON.parse(JSON.stringify(options.detail ?? {})) as Record<string, unknown>,
  };
  await tx.query(
    `INSERT INTO audit_events (at, actor_id, actor_label, action, entity, entity_id, detail, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      event.at,
      event.actor_id,
      event.actor_label,
      event.action,
      event.entity,
      event.entity_id,
      JSON.stringify(event.detail),
      prevHash,
      hashEvent(prevHash, event),
    ],
  );
}

export type AuditChainVerdict =
  | { ok: true; events: number }
  | { ok: false; events: number; brokenAt: number; reason: string };

/** Recomputes the chain from the first event and names the first link that does not hold. */
export async function verifyAuditChain(db: Queryable): Promise<AuditChainVerdict> {
  const { rows } = await db.query<AuditEventRow>(
    'SELECT seq, at, actor_id, actor_label, action, entity, entity_id, detail, prev_hash, hash FROM audit_events ORDER BY seq',
  );
  let prevHash = GENESIS_HASH;
  for (const row of rows) {
    if (row.prev_hash !== prevHash) {
      return {
        ok: false,
        events: rows.length,
        brokenAt: row.seq,
        reason: 'prev_hash does not match the previous event',
      };
    }
    const at = new Date(row.at).toISOString();
    if (
      hashEvent(prevHash, { ...row, at, actor_id: row.actor_id == null ? null : Number(row.actor_id) }) !==
      row.hash
    ) {
      return { ok: false, events: rows.length, brokenAt: row.seq, reason: 'content does not match its hash' };
    }
    prevHash = row.hash;
  }
  return { ok: true, events: rows.length };
}
