import type { TCreditList, TRemovalReason } from '../../core/credit/basis.ts';
import type { TCreditEvent, TCreditGroundRecord } from '../../core/credit/timeline.ts';
import type {
  TObjection,
  TObjectionState,
  TRepairApplication,
  TRepairState,
} from '../../core/credit/workflow.ts';
import type { TCreditGround } from '../../core/policy/facts.ts';
import type { Queryable } from '../database.ts';

/** The credit ledger of one association: the grounds found and the events recorded, oldest first. */
export type TCreditLedger = { grounds: TCreditGroundRecord[]; events: TCreditEvent[] };

type TGroundRow = {
  key: string;
  list: TCreditList;
  ground: TCreditGround;
  arisenOn: string;
  curable: boolean | null;
  detailZh: string | null;
  detailEn: string | null;
};

type TEventRow = {
  kind: TCreditEvent['kind'];
  on: string;
  list: TCreditList | null;
  entryKey: string | null;
  groundKeys: string[];
  removalReason: Exclude<TRemovalReason, 'escalated'> | null;
};

function eventOf(row: TEventRow): TCreditEvent {
  switch (row.kind) {
    case 'listed':
      return {
        kind: 'listed',
        on: row.on,
        list: row.list as TCreditList,
        entryId: row.entryKey as string,
        groundIds: row.groundKeys,
      };
    case 'ground_added':
      return { kind: 'ground_added', on: row.on, groundId: row.groundKeys[0] as string };
    case 'obligation_verified':
      return { kind: 'obligation_verified', on: row.on, groundId: row.groundKeys[0] as string };
    case 'escalated':
      return { kind: 'escalated', on: row.on, entryId: row.entryKey as string };
    case 'removal_applied':
      return { kind: 'removal_applied', on: row.on };
    case 'removed':
      return {
        kind: 'removed',
        on: row.on,
        list: row.list as TCreditList,
        reason: row.removalReason ?? 'rectified',
      };
    case 'deregistered':
      return { kind: 'deregistered', on: row.on };
  }
}

/** The grounds and events of one association, in the order they were recorded. */
export async function loadCreditLedger(q: Queryable, associationId: number): Promise<TCreditLedger> {
  const grounds = await q.query<TGroundRow>(
    `SELECT ground_key AS "key", list, ground, arisen_on AS "arisenOn", curable,
            detail_zh AS "detailZh", detail_en AS "detailEn"
     FROM credit_grounds WHERE association_id = $1 ORDER BY arisen_on, id`,
    [associationId],
  );
  const events = await q.query<TEventRow>(
    `SELECT kind, on_date AS "on", list, entry_key AS "entryKey", ground_keys AS "groundKeys",
            removal_reason AS "removalReason"
     FROM credit_events WHERE association_id = $1 ORDER BY id`,
    [associationId],
  );
  return {
    grounds: grounds.rows.map((g) => ({
      id: g.key,
      list: g.list,
      ground: g.ground,
      arisenOn: g.arisenOn,
      ...(g.curable === null ? {} : { curable: g.curable }),
      ...(g.detailZh !== null && g.detailEn !== null ? { detail: { zh: g.detailZh, en: g.detailEn } } : {}),
    })),
    events: events.rows.map(eventOf),
  };
}

/** Associations with anything on the ledger, or with an open objection or application. */
export async function listCreditAssociationIds(q: Queryable): Promise<number[]> {
  const { rows } = await q.query<{ id: number }>(
    `SELECT association_id::int AS id FROM credit_grounds
     UNION SELECT association_id::int FROM credit_events ORDER BY 1`,
  );
  return rows.map((r) => r.id);
}

export type InsertCreditGroundsOptions = {
  associationId: number;
  grounds: readonly TCreditGroundRecord[];
  source: 'rules' | 'registrar';
};

/** Records grounds not yet on the ledger (a ground keeps the day it was first found to arise). */
export async function insertCreditGrounds(
  tx: Queryable,
  options: InsertCreditGroundsOptions,
): Promise<string[]> {
  if (options.grounds.length === 0) return [];
  const g = options.grounds;
  const { rows } = await tx.query<{ key: string }>(
    `INSERT INTO credit_grounds (association_id, ground_key, list, ground, arisen_on, curable, detail_zh,
                                 detail_en, source)
     SELECT $1, k, l, gr, d::date, c, dz, de, $2
     FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::boolean[], $8::text[], $9::text[])
          AS t(k, l, gr, d, c, dz, de)
     ON CONFLICT (association_id, ground_key) DO NOTHING
     RETURNING ground_key AS "key"`,
    [
      options.associationId,
      options.source,
      g.map((x) => x.id),
      g.map((x) => x.list),
      g.map((x) => x.ground),
      g.map((x) => x.arisenOn),
      g.map((x) => x.curable ?? null),
      g.map((x) => x.detail?.zh ?? null),
      g.map((x) => x.detail?.en ?? null),
    ],
  );
  return rows.map((r) => r.key);
}

export type RecordCreditEventOptions = {
  associationId: number;
  event: TCreditEvent;
  actorLabel: string;
  /** The grounds of the ledger, to mirror listings into credit_entries. */
  grounds: ReadonlyMap<string, TCreditGroundRecord>;
  /** The listing each list is on before the event (its entry key), for the mirror. */
  currentEntries: Readonly<Record<TCreditList, string | null>>;
};

const MIRROR_SEPARATOR = '|';

async function mirrorListing(
  tx: Queryable,
  options: {
    associationId: number;
    entryKey: string;
    list: TCreditList;
    on: string;
    grounds: TCreditGroundRecord[];
  },
): Promise<void> {
  if (options.grounds.length === 0) return;
  await tx.query(
    `INSERT INTO credit_entries (association_id, ref, list, ground, ground_on, listed_on)
     SELECT $1, r, $2, g, d::date, $3::date FROM unnest($4::text[], $5::text[], $6::text[]) AS t(r, g, d)
     ON CONFLICT (association_id, ref) DO NOTHING`,
    [
      options.associationId,
      options.list,
      options.on,
      options.grounds.map((g) => `${options.entryKey}${MIRROR_SEPARATOR}${g.id}`),
      options.grounds.map((g) => g.ground),
      options.grounds.map((g) => g.arisenOn),
    ],
  );
}

async function mirrorUpdate(
  tx: Queryable,
  options: { associationId: number; entryKey: string; column: string; on: string; groundKey?: string },
): Promise<void> {
  const groundFilter =
    options.groundKey === undefined ? '' : ` AND split_part(ref, '${MIRROR_SEPARATOR}', 2) = $4`;
  await tx.query(
    `UPDATE credit_entries SET ${options.column} = $3::date, updated_at = now()
     WHERE association_id = $1 AND split_part(ref, '${MIRROR_SEPARATOR}', 1) = $2${groundFilter}`,
    [
      options.associationId,
      options.entryKey,
      options.on,
      ...(options.groundKey === undefined ? [] : [options.groundKey]),
    ],
  );
}

/**
 * Appends one event to the ledger and mirrors it into the credit_entries facts (one row per listed
 * ground, ref `<entry>|<ground>`), so that the CRED rules read the listing as done.
 */
export async function recordCreditEvent(tx: Queryable, options: RecordCreditEventOptions): Promise<void> {
  const { associationId, event, grounds, currentEntries } = options;
  const row = {
    list: null as TCreditList | null,
    entryKey: null as string | null,
    groundKeys: [] as string[],
    removalReason: null as string | null,
  };
  const groundsOf = (keys: readonly string[]) =>
    keys.map((k) => grounds.get(k)).filter((g): g is TCreditGroundRecord => g !== undefined);
  switch (event.kind) {
    case 'listed':
      Object.assign(row, { list: event.list, entryKey: event.entryId, groundKeys: [...event.groundIds] });
      await mirrorListing(tx, {
        associationId,
        entryKey: event.entryId,
        list: event.list,
        on: event.on,
        grounds: groundsOf(event.groundIds),
      });
      break;
    case 'ground_added': {
      const ground = grounds.get(event.groundId);
      const entryKey = ground ? currentEntries[ground.list] : null;
      Object.assign(row, { list: ground?.list ?? null, entryKey, groundKeys: [event.groundId] });
      if (ground && entryKey)
        await mirrorListing(tx, {
          associationId,
          entryKey,
          list: ground.list,
          on: event.on,
          grounds: [ground],
        });
      break;
    }
    case 'obligation_verified': {
      const ground = grounds.get(event.groundId);
      const entryKey = ground ? currentEntries[ground.list] : null;
      Object.assign(row, { list: ground?.list ?? null, entryKey, groundKeys: [event.groundId] });
      if (entryKey)
        await mirrorUpdate(tx, {
          associationId,
          entryKey,
          column: 'obligation_fulfilled_on',
          on: event.on,
          groundKey: event.groundId,
        });
      break;
    }
    case 'escalated': {
      const from = currentEntries.abnormal;
      Object.assign(row, { list: 'serious', entryKey: event.entryId });
      if (from) {
        await mirrorUpdate(tx, { associationId, entryKey: from, column: 'removed_on', on: event.on });
        await tx.query(
          `INSERT INTO credit_entries (association_id, ref, list, ground, ground_on, listed_on)
           VALUES ($1, $2, 'serious', 'abnormal_two_years', $3, $3) ON CONFLICT (association_id, ref) DO NOTHING`,
          [associationId, `${event.entryId}${MIRROR_SEPARATOR}escalation`, event.on],
        );
      }
      break;
    }
    case 'removal_applied': {
      const entryKey = currentEntries.serious;
      Object.assign(row, { list: 'serious', entryKey });
      if (entryKey)
        await mirrorUpdate(tx, { associationId, entryKey, column: 'removal_applied_on', on: event.on });
      break;
    }
    case 'removed': {
      const entryKey = currentEntries[event.list];
      Object.assign(row, { list: event.list, entryKey, removalReason: event.reason });
      if (entryKey) await mirrorUpdate(tx, { associationId, entryKey, column: 'removed_on', on: event.on });
      break;
    }
    case 'deregistered':
      break;
  }
  await tx.query(
    `INSERT INTO credit_events (association_id, kind, on_date, list, entry_key, ground_keys, removal_reason,
                                actor_label)
     VALUES ($1, $2, $3, $4, $5, $6::text[], $7, $8)`,
    [
      associationId,
      event.kind,
      event.on,
      row.list,
      row.entryKey,
      row.groundKeys,
      row.removalReason,
      options.actorLabel,
    ],
  );
}

type TObjectionRow = {
  id: number;
  list: TCreditList;
  entryKey: string;
  state: TObjectionState;
  filedOn: string;
  acceptBy: string;
  acceptedOn: string | null;
  decideBy: string | null;
  decidedOn: string | null;
  statementZh: string;
  statementEn: string;
  answerZh: string | null;
  answerEn: string | null;
};

const OBJECTION_COLUMNS = `id::int AS "id", list, entry_key AS "entryKey", state, filed_on AS "filedOn",
  accept_by AS "acceptBy", accepted_on AS "acceptedOn", decide_by AS "decideBy", decided_on AS "decidedOn",
  statement_zh AS "statementZh", statement_en AS "statementEn", answer_zh AS "answerZh",
  answer_en AS "answerEn"`;

/** An objection in the core's shape, with its database id and association. */
export type TStoredObjection = TObjection & { associationId: number };

function objectionOf(
  row: TObjectionRow & { associationId: number },
  basis: TObjection['basis'],
): TStoredObjection {
  return {
    id: String(row.id),
    associationId: row.associationId,
    list: row.list,
    entryId: row.entryKey,
    state: row.state,
    filedOn: row.filedOn,
    acceptBy: row.acceptBy,
    acceptedOn: row.acceptedOn,
    decideBy: row.decideBy,
    decidedOn: row.decidedOn,
    statement: { zh: row.statementZh, en: row.statementEn },
    answer: row.answerZh === null ? null : { zh: row.answerZh, en: row.answerEn ?? row.answerZh },
    basis,
  };
}

/** Objections of one association, oldest first. */
export async function listObjections(
  q: Queryable,
  options: { associationId: number; basis: TObjection['basis'] },
): Promise<TStoredObjection[]> {
  const { rows } = await q.query<TObjectionRow & { associationId: number }>(
    `SELECT ${OBJECTION_COLUMNS}, association_id::int AS "associationId"
     FROM credit_objections WHERE association_id = $1 ORDER BY id`,
    [options.associationId],
  );
  return rows.map((r) => objectionOf(r, options.basis));
}

export async function findObjection(
  q: Queryable,
  options: { id: number; basis: TObjection['basis'] },
): Promise<TStoredObjection | undefined> {
  const { rows } = await q.query<TObjectionRow & { associationId: number }>(
    `SELECT ${OBJECTION_COLUMNS}, association_id::int AS "associationId" FROM credit_objections WHERE id = $1`,
    [options.id],
  );
  return rows[0] && objectionOf(rows[0], options.basis);
}

/** Inserts a new objection; returns its id. */
export async function insertObjection(
  tx: Queryable,
  options: { associationId: number; objection: TObjection },
): Promise<number> {
  const o = options.objection;
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO credit_objections (association_id, list, entry_key, state, filed_on, accept_by,
                                    statement_zh, statement_en)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id::int AS id`,
    [
      options.associationId,
      o.list,
      o.entryId,
      o.state,
      o.filedOn,
      o.acceptBy,
      o.statement.zh,
      o.statement.en,
    ],
  );
  return (rows[0] as { id: number }).id;
}

/** Writes the workflow fields of an objection after a step. */
export async function updateObjection(tx: Queryable, objection: TObjection): Promise<void> {
  await tx.query(
    `UPDATE credit_objections SET state = $2, accepted_on = $3, decide_by = $4, decided_on = $5,
            answer_zh = $6, answer_en = $7, updated_at = now()
     WHERE id = $1`,
    [
      Number(objection.id),
      objection.state,
      objection.acceptedOn,
      objection.decideBy,
      objection.decidedOn,
      objection.answer?.zh ?? null,
      objection.answer?.en ?? null,
    ],
  );
}

type TRepairRow = {
  id: number;
  associationId: number;
  list: TCreditList;
  entryKey: string;
  state: TRepairState;
  appliedOn: string;
  dueOn: string;
  decidedOn: string | null;
  reasonZh: string | null;
  reasonEn: string | null;
};

const REPAIR_COLUMNS = `id::int AS "id", association_id::int AS "associationId", list, entry_key AS "entryKey",
  state, applied_on AS "appliedOn", due_on AS "dueOn", decided_on AS "decidedOn", reason_zh AS "reasonZh",
  reason_en AS "reasonEn"`;

export type TStoredRepair = TRepairApplication & { associationId: number };

function repairOf(
  row: TRepairRow,
  basisOf: (list: TCreditList) => TRepairApplication['basis'],
): TStoredRepair {
  return {
    id: String(row.id),
    associationId: row.associationId,
    list: row.list,
    entryId: row.entryKey,
    state: row.state,
    appliedOn: row.appliedOn,
    dueOn: row.dueOn,
    decidedOn: row.decidedOn,
    reason: row.reasonZh === null ? null : { zh: row.reasonZh, en: row.reasonEn ?? row.reasonZh },
    basis: basisOf(row.list),
  };
}

export async function listRepairs(
  q: Queryable,
  options: { associationId: number; basisOf: (list: TCreditList) => TRepairApplication['basis'] },
): Promise<TStoredRepair[]> {
  const { rows } = await q.query<TRepairRow>(
    `SELECT ${REPAIR_COLUMNS} FROM credit_repairs WHERE association_id = $1 ORDER BY id`,
    [options.associationId],
  );
  return rows.map((r) => repairOf(r, options.basisOf));
}

export async function findRepair(
  q: Queryable,
  options: { id: number; basisOf: (list: TCreditList) => TRepairApplication['basis'] },
): Promise<TStoredRepair | undefined> {
  const { rows } = await q.query<TRepairRow>(`SELECT ${REPAIR_COLUMNS} FROM credit_repairs WHERE id = $1`, [
    options.id,
  ]);
  return rows[0] && repairOf(rows[0], options.basisOf);
}

export async function insertRepair(
  tx: Queryable,
  options: { associationId: number; application: TRepairApplication },
): Promise<number> {
  const a = options.application;
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO credit_repairs (association_id, list, entry_key, state, applied_on, due_on)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id::int AS id`,
    [options.associationId, a.list, a.entryId, a.state, a.appliedOn, a.dueOn],
  );
  return (rows[0] as { id: number }).id;
}

export async function updateRepair(tx: Queryable, application: TRepairApplication): Promise<void> {
  await tx.query(
    `UPDATE credit_repairs SET state = $2, decided_on = $3, reason_zh = $4, reason_en = $5, updated_at = now()
     WHERE id = $1`,
    [
      Number(application.id),
      application.state,
      application.decidedOn,
      application.reason?.zh ?? null,
      application.reason?.en ?? null,
    ],
  );
}

/** Serialises credit writes of one association, so two ticks or clicks cannot list it twice. */
export async function lockCreditLedger(tx: Queryable, associationId: number): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(4820172, $1::int)', [associationId]);
}
