import type { TChecklistItem, TItemState } from '../../core/cases/checklist.ts';
import type {
  TActiveCaseState,
  TActorRole,
  TBlockedReason,
  TCase,
  TCaseState,
} from '../../core/cases/types.ts';
import type { Queryable } from '../database.ts';
import { associationScopeSql } from './findings.repository.ts';
import { regionCodeRange, type TRegistryScope } from './registry-read.repository.ts';

/**
 * Decoupling cases as the workflow moves them: the case row (which is also the policy fact the rules
 * read), its events, its checklist items with their events, and the evidence files. One function per
 * query; the workflow in `src/jobs/cases.ts` puts them in transactions.
 */

class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

export type TCaseRow = {
  id: number;
  ref: string;
  associationId: number;
  uscc: string;
  associationName: string;
  regionCode: string;
  batch: string;
  jurisdiction: string;
  state: TCaseState;
  stateSince: string;
  listedOn: string | null;
  planDeadline: string | null;
  planSubmittedOn: string | null;
  planApprovedOn: string | null;
  planApprovalRef: string | null;
  completionDeadline: string | null;
  decoupledOn: string | null;
  blockedReason: TBlockedReason | null;
  blockedFrom: TActiveCaseState | null;
  blockedNote: string | null;
  exemptApprovalRef: string | null;
  version: number;
  updatedAt: string;
};

const CASE_COLUMNS = `c.id, c.ref, c.association_id AS "associationId", a.uscc, a.name AS "associationName",
  a.region_code AS "regionCode", c.batch, c.jurisdiction, c.state, c.state_since AS "stateSince",
  c.listed_on AS "listedOn", c.plan_deadline AS "planDeadline", c.plan_submitted_on AS "planSubmittedOn",
  c.plan_approved_on AS "planApprovedOn", c.plan_approval_ref AS "planApprovalRef",
  c.completion_deadline AS "completionDeadline", c.decoupled_on AS "decoupledOn",
  c.blocked_reason AS "blockedReason", c.blocked_from AS "blockedFrom", c.blocked_note AS "blockedNote",
  c.exempt_approval_ref AS "exemptApprovalRef", c.version, c.updated_at AS "updatedAt"`;

const CASES_FROM = 'decoupling_cases AS c JOIN associations AS a ON a.id = c.association_id';

function normaliseCase(row: TCaseRow): TCaseRow {
  return {
    ...row,
    id: Number(row.id),
    associationId: Number(row.associationId),
    uscc: row.uscc.trimEnd(),
    regionCode: row.regionCode.trimEnd(),
    jurisdiction: row.jurisdiction.trimEnd(),
    version: Number(row.version),
  };
}

/**
 * The core's record of a stored case. The fact column `blocked_reason` holds the current reason while
 * blocked and the last one after the case resumed (CASE-2 still explains a delay by it), so the core's
 * `lastBlockedReason` is that column and `blocked` is present only in state `blocked`.
 */
export function toCoreCase(row: TCaseRow): TCase {
  const sinceDay = row.stateSince.slice(0, 10);
  return {
    id: row.ref,
    associationUscc: row.uscc,
    batch: row.batch,
    jurisdiction: row.jurisdiction,
    state: row.state,
    listedOn: row.listedOn,
    planDeadline: row.planDeadline,
    completionDeadline: row.completionDeadline,
    planSubmittedOn: row.planSubmittedOn,
    planApprovedOn: row.planApprovedOn,
    planApprovalRef: row.planApprovalRef,
    decoupledOn: row.decoupledOn,
    blocked:
      row.state === 'blocked'
        ? {
            reason: row.blockedReason ?? 'insufficient_work',
            note: row.blockedNote ?? '',
            from: row.blockedFrom ?? 'listed',
            since: sinceDay,
          }
        : null,
    lastBlockedReason: row.blockedReason,
    exemption:
      row.state === 'exempt' ? { approvalRef: row.exemptApprovalRef ?? '', note: null, on: sinceDay } : null,
    version: row.version,
  };
}

export const CASE_OVERDUE_FILTERS = ['CASE-1', 'CASE-2', 'any'] as const;
export type TCaseOverdueFilter = (typeof CASE_OVERDUE_FILTERS)[number];

export type TCaseFilters = {
  state?: TCaseState;
  batch?: string;
  region?: string;
  /** Association name substring or USCC prefix. */
  q?: string;
  /** Overdue on `asOf` by the conditions of CASE-1 / CASE-2 (see `src/core/cases/deadlines.ts`). */
  overdue?: TCaseOverdueFilter;
  asOf: string;
};

// The same conditions as `overdue()` in the core: the deadline day itself is still in time, and an
// exempt case is out of scope.
const PLAN_OVERDUE = (asOf: string) =>
  `(c.state <> 'exempt' AND c.plan_deadline < ${asOf} AND c.decoupled_on IS NULL
    AND (c.plan_approved_on IS NULL OR c.plan_approved_on > ${asOf}))`;
const COMPLETION_OVERDUE = (asOf: string) =>
  `(c.state <> 'exempt' AND c.completion_deadline < ${asOf}
    AND (c.decoupled_on IS NULL OR c.decoupled_on > ${asOf}))`;

function caseWhere(scope: TRegistryScope, filters: TCaseFilters, p: Params): string {
  const where = [associationScopeSql(scope, p)];
  if (filters.state) where.push(`c.state = ${p.add(filters.state)}`);
  if (filters.batch) where.push(`c.batch = ${p.add(filters.batch)}`);
  if (filters.region) {
    const range = regionCodeRange(filters.region);
    if (range) where.push(`a.region_code BETWEEN ${p.add(range.low)} AND ${p.add(range.high)}`);
  }
  if (filters.q) {
    const q = filters.q.trim();
    const like = `%${q.replace(/[\\%_]/g, '\\$&')}%`;
    where.push(
      `(a.name LIKE ${p.add(like)} OR a.uscc LIKE ${p.add(`${q.toUpperCase()}%`)} OR c.ref = ${p.add(q)})`,
    );
  }
  if (filters.overdue) {
    const asOf = `${p.add(filters.asOf)}::date`;
    const clauses = {
      'CASE-1': PLAN_OVERDUE(asOf),
      'CASE-2': COMPLETION_OVERDUE(asOf),
      any: `(${PLAN_OVERDUE(asOf)} OR ${COMPLETION_OVERDUE(asOf)})`,
    } as const;
    where.push(clauses[filters.overdue]);
  }
  return where.join(' AND ');
}

/** One page of cases inside a jurisdiction, most recently moved first. */
export async function searchCases(
  q: Queryable,
  options: { scope: TRegistryScope; filters: TCaseFilters; page: number; pageSize: number },
): Promise<{ rows: TCaseRow[]; total: number }> {
  const p = new Params();
  const where = caseWhere(options.scope, options.filters, p);
  const total = await q.query<{ n: number }>(
    `SELECT count(*) AS n FROM ${CASES_FROM} WHERE ${where}`,
    p.values,
  );
  const limit = p.add(options.pageSize);
  const offset = p.add((options.page - 1) * options.pageSize);
  const { rows } = await q.query<TCaseRow>(
    `SELECT ${CASE_COLUMNS} FROM ${CASES_FROM} WHERE ${where}
     ORDER BY c.state_since DESC, c.id DESC LIMIT ${limit} OFFSET ${offset}`,
    p.values,
  );
  return { rows: rows.map(normaliseCase), total: Number(total.rows[0]!.n) };
}

/** Every matching case in batches (keyset by id), for exports. */
export async function* streamCases(
  q: Queryable,
  options: { scope: TRegistryScope; filters: TCaseFilters; batchSize?: number },
): AsyncGenerator<TCaseRow[]> {
  let after = 0;
  const size = options.batchSize ?? 2_000;
  for (;;) {
    const p = new Params();
    const where = caseWhere(options.scope, options.filters, p);
    const { rows } = await q.query<TCaseRow>(
      `SELECT ${CASE_COLUMNS} FROM ${CASES_FROM} WHERE ${where} AND c.id > ${p.add(after)}
       ORDER BY c.id LIMIT ${p.add(size)}`,
      p.values,
    );
    if (rows.length === 0) return;
    const batch = rows.map(normaliseCase);
    yield batch;
    after = batch[batch.length - 1]!.id;
    if (rows.length < size) return;
  }
}

/** Every case except the exempt ones (out of scope), for the notification job's overdue computation. */
export async function listCasesForNotices(q: Queryable): Promise<TCaseRow[]> {
  const { rows } = await q.query<TCaseRow>(
    `SELECT ${CASE_COLUMNS} FROM ${CASES_FROM} WHERE c.state <> 'exempt' ORDER BY c.id`,
  );
  return rows.map(normaliseCase);
}

export async function findCase(q: Queryable, id: number): Promise<TCaseRow | undefined> {
  const { rows } = await q.query<TCaseRow>(`SELECT ${CASE_COLUMNS} FROM ${CASES_FROM} WHERE c.id = $1`, [id]);
  return rows[0] ? normaliseCase(rows[0]) : undefined;
}

/** The case locked for a move: concurrent moves of one case wait for each other. */
export async function lockCase(tx: Queryable, id: number): Promise<TCaseRow | undefined> {
  await tx.query('SELECT id FROM decoupling_cases WHERE id = $1 FOR UPDATE', [id]);
  return findCase(tx, id);
}

export async function isCaseInScope(
  q: Queryable,
  options: { caseId: number; scope: TRegistryScope },
): Promise<boolean> {
  const p = new Params();
  const predicate = associationScopeSql(options.scope, p);
  const { rows } = await q.query(
    `SELECT 1 FROM ${CASES_FROM} WHERE c.id = ${p.add(options.caseId)} AND ${predicate}`,
    p.values,
  );
  return rows.length > 0;
}

export type InsertCaseOptions = {
  associationId: number;
  ref: string;
  case: TCase;
};

/** A new case row in state `listed`; throws on a duplicate (association, ref). */
export async function insertCase(tx: Queryable, options: InsertCaseOptions): Promise<number> {
  const c = options.case;
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO decoupling_cases (association_id, ref, batch, jurisdiction, listed_on, plan_deadline,
       completion_deadline, state, state_since)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'listed', now()) RETURNING id`,
    [
      options.associationId,
      options.ref,
      c.batch,
      c.jurisdiction,
      c.listedOn,
      c.planDeadline,
      c.completionDeadline,
    ],
  );
  return Number(rows[0]!.id);
}

export async function caseRefExists(
  q: Queryable,
  options: { associationId: number; ref: string },
): Promise<boolean> {
  const { rows } = await q.query('SELECT 1 FROM decoupling_cases WHERE association_id = $1 AND ref = $2', [
    options.associationId,
    options.ref,
  ]);
  return rows.length > 0;
}

export type SaveMovedCaseOptions = {
  id: number;
  /** The version the move was computed from; the write is refused when the row moved meanwhile. */
  fromVersion: number;
  case: TCase;
  /** The fact column as the rules read it (`toCaseFact(case).blockedReason`). */
  blockedReason: TBlockedReason | null;
  at: string;
};

/**
 * Writes a moved case: its state and the fact columns the rules read (plan approved, decoupled,
 * blocked reason) in the same statement, so the workflow and the rules never disagree.
 */
export async function saveMovedCase(tx: Queryable, options: SaveMovedCaseOptions): Promise<boolean> {
  const c = options.case;
  const { rows } = await tx.query(
    `UPDATE decoupling_cases SET state = $3, state_since = $4, plan_submitted_on = $5, plan_approved_on = $6,
       plan_approval_ref = $7, decoupled_on = $8, blocked_reason = $9, blocked_from = $10, blocked_note = $11,
       exempt_approval_ref = $12, version = $13, updated_at = now()
     WHERE id = $1 AND version = $2 RETURNING id`,
    [
      options.id,
      options.fromVersion,
      c.state,
      options.at,
      c.planSubmittedOn,
      c.planApprovedOn,
      c.planApprovalRef,
      c.decoupledOn,
      options.blockedReason,
      c.blocked?.from ?? null,
      c.blocked?.note ?? null,
      c.exemption?.approvalRef ?? null,
      c.version,
    ],
  );
  return rows.length > 0;
}

export type TCaseEventRow = {
  id: number;
  fromState: TCaseState | null;
  toState: TCaseState;
  actorUserId: number | null;
  actorLabel: string | null;
  actorRole: string;
  reason: string | null;
  at: string;
};

export async function insertCaseEvent(
  tx: Queryable,
  options: {
    caseId: number;
    from: TCaseState | null;
    to: TCaseState;
    actorUserId: number | null;
    actorRole: string;
    reason: string | null;
    at: string;
  },
): Promise<number> {
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO case_events (case_id, from_state, to_state, actor_user_id, actor_role, reason, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [
      options.caseId,
      options.from,
      options.to,
      options.actorUserId,
      options.actorRole,
      options.reason,
      options.at,
    ],
  );
  return Number(rows[0]!.id);
}

/** The case's moves, oldest first, with the account name of who made each. */
export async function listCaseEvents(q: Queryable, caseId: number): Promise<TCaseEventRow[]> {
  const { rows } = await q.query<TCaseEventRow>(
    `SELECT e.id, e.from_state AS "fromState", e.to_state AS "toState", e.actor_user_id AS "actorUserId",
            u.username AS "actorLabel", e.actor_role AS "actorRole", e.reason, e.at
     FROM case_events AS e LEFT JOIN users AS u ON u.id = e.actor_user_id
     WHERE e.case_id = $1 ORDER BY e.at, e.id`,
    [caseId],
  );
  return rows.map((r) => ({
    ...r,
    id: Number(r.id),
    actorUserId: r.actorUserId === null ? null : Number(r.actorUserId),
  }));
}

export type TCaseItemRow = {
  id: number;
  itemKey: string;
  separation: string;
  owner: string;
  position: number;
  state: TItemState;
  reason: string | null;
  signedOffBy: number | null;
  signedOffByLabel: string | null;
  signedOffAt: string | null;
  version: number;
};

export async function listCaseItems(q: Queryable, caseId: number): Promise<TCaseItemRow[]> {
  const { rows } = await q.query<TCaseItemRow>(
    `SELECT i.id, i.item_key AS "itemKey", i.separation, i.owner, i.position, i.state, i.reason,
            i.signed_off_by AS "signedOffBy", u.username AS "signedOffByLabel", i.signed_off_at AS "signedOffAt",
            i.version
     FROM case_items AS i LEFT JOIN users AS u ON u.id = i.signed_off_by
     WHERE i.case_id = $1 ORDER BY i.position`,
    [caseId],
  );
  return rows.map((r) => ({
    ...r,
    id: Number(r.id),
    position: Number(r.position),
    version: Number(r.version),
    signedOffBy: r.signedOffBy === null ? null : Number(r.signedOffBy),
  }));
}

/** Stores the checklist items of a case once; items already stored are left as they are. */
export async function insertCaseItems(
  tx: Queryable,
  options: { caseId: number; items: readonly TChecklistItem[] },
): Promise<void> {
  if (options.items.length === 0) return;
  await tx.query(
    `INSERT INTO case_items (case_id, item_key, separation, owner, position)
     SELECT $1, k, s, o, p FROM unnest($2::text[], $3::text[], $4::text[], $5::int[]) AS t(k, s, o, p)
     ON CONFLICT (case_id, item_key) DO NOTHING`,
    [
      options.caseId,
      options.items.map((i) => i.id),
      options.items.map((i) => i.separation),
      options.items.map((i) => i.owner),
      options.items.map((_, index) => index),
    ],
  );
}

export async function saveMovedItem(
  tx: Queryable,
  options: {
    itemId: number;
    fromVersion: number;
    state: TItemState;
    reason: string | null;
    signedOffBy: number | null;
    at: string;
    version: number;
  },
): Promise<boolean> {
  const { rows } = await tx.query(
    `UPDATE case_items SET state = $3, reason = $4, signed_off_by = $5,
       signed_off_at = CASE WHEN $5::bigint IS NULL THEN NULL ELSE $6::timestamptz END, version = $7, updated_at = now()
     WHERE id = $1 AND version = $2 RETURNING id`,
    [
      options.itemId,
      options.fromVersion,
      options.state,
      options.reason,
      options.signedOffBy,
      options.at,
      options.version,
    ],
  );
  return rows.length > 0;
}

export type TItemEventRow = {
  id: number;
  itemId: number;
  itemKey: string;
  fromState: TItemState;
  toState: TItemState;
  actorLabel: string | null;
  actorRole: string;
  reason: string | null;
  at: string;
};

export async function insertItemEvent(
  tx: Queryable,
  options: {
    itemId: number;
    from: TItemState;
    to: TItemState;
    actorUserId: number | null;
    actorRole: TActorRole;
    reason: string | null;
    at: string;
  },
): Promise<number> {
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO case_item_events (item_id, from_state, to_state, actor_user_id, actor_role, reason, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [
      options.itemId,
      options.from,
      options.to,
      options.actorUserId,
      options.actorRole,
      options.reason,
      options.at,
    ],
  );
  return Number(rows[0]!.id);
}

/** The item moves of a case, oldest first. */
export async function listItemEvents(q: Queryable, caseId: number): Promise<TItemEventRow[]> {
  const { rows } = await q.query<TItemEventRow>(
    `SELECT e.id, e.item_id AS "itemId", i.item_key AS "itemKey", e.from_state AS "fromState",
            e.to_state AS "toState", u.username AS "actorLabel", e.actor_role AS "actorRole", e.reason, e.at
     FROM case_item_events AS e JOIN case_items AS i ON i.id = e.item_id
     LEFT JOIN users AS u ON u.id = e.actor_user_id
     WHERE i.case_id = $1 ORDER BY e.at, e.id`,
    [caseId],
  );
  return rows.map((r) => ({ ...r, id: Number(r.id), itemId: Number(r.itemId) }));
}

/** Stores file content under its hash; the same content stored before is kept once. */
export async function storeEvidenceBlob(
  tx: Queryable,
  options: { sha256: string; content: Uint8Array },
): Promise<void> {
  await tx.query(
    `INSERT INTO evidence_blobs (sha256, size_bytes, content) VALUES ($1, $2, $3)
     ON CONFLICT (sha256) DO NOTHING`,
    [options.sha256, options.content.byteLength, options.content],
  );
}

export type TEvidenceRow = {
  id: number;
  itemId: number | null;
  kind: string;
  fileName: string;
  mimeType: string;
  size: number;
  sha256: string;
  uploaderLabel: string | null;
  uploaderRole: string;
  uploadedAt: string;
  itemEventId: number | null;
  caseEventId: number | null;
};

export async function insertEvidence(
  tx: Queryable,
  options: {
    caseId: number;
    itemId: number | null;
    kind: string;
    fileName: string;
    mimeType: string;
    size: number;
    sha256: string;
    uploadedBy: number | null;
    uploaderRole: TActorRole;
    at: string;
  },
): Promise<number> {
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO case_evidence (case_id, item_id, kind, file_name, mime_type, size_bytes, sha256, uploaded_by,
       uploader_role, uploaded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
    [
      options.caseId,
      options.itemId,
      options.kind,
      options.fileName,
      options.mimeType,
      options.size,
      options.sha256,
      options.uploadedBy,
      options.uploaderRole,
      options.at,
    ],
  );
  return Number(rows[0]!.id);
}

/** Every file of a case, oldest first. */
export async function listEvidence(q: Queryable, caseId: number): Promise<TEvidenceRow[]> {
  const { rows } = await q.query<TEvidenceRow>(
    `SELECT e.id, e.item_id AS "itemId", e.kind, e.file_name AS "fileName", e.mime_type AS "mimeType",
            e.size_bytes AS size, e.sha256, u.username AS "uploaderLabel", e.uploader_role AS "uploaderRole",
            e.uploaded_at AS "uploadedAt", e.item_event_id AS "itemEventId", e.case_event_id AS "caseEventId"
     FROM case_evidence AS e LEFT JOIN users AS u ON u.id = e.uploaded_by
     WHERE e.case_id = $1 ORDER BY e.id`,
    [caseId],
  );
  return rows.map((r) => ({
    ...r,
    id: Number(r.id),
    itemId: r.itemId === null ? null : Number(r.itemId),
    size: Number(r.size),
    itemEventId: r.itemEventId === null ? null : Number(r.itemEventId),
    caseEventId: r.caseEventId === null ? null : Number(r.caseEventId),
  }));
}

/** Marks waiting files as the evidence of an item move or a case move. */
export async function attachEvidence(
  tx: Queryable,
  options: { evidenceIds: readonly number[]; itemEventId?: number; caseEventId?: number },
): Promise<void> {
  if (options.evidenceIds.length === 0) return;
  await tx.query(
    `UPDATE case_evidence SET item_event_id = COALESCE($2, item_event_id), case_event_id = COALESCE($3, case_event_id)
     WHERE id = ANY($1::bigint[])`,
    [options.evidenceIds, options.itemEventId ?? null, options.caseEventId ?? null],
  );
}

/** One file's record and content, when it belongs to the case. */
export async function findEvidenceContent(
  q: Queryable,
  options: { caseId: number; evidenceId: number },
): Promise<(TEvidenceRow & { content: Uint8Array }) | undefined> {
  const { rows } = await q.query<TEvidenceRow & { content: Uint8Array }>(
    `SELECT e.id, e.item_id AS "itemId", e.kind, e.file_name AS "fileName", e.mime_type AS "mimeType",
            e.size_bytes AS size, e.sha256, NULL AS "uploaderLabel", e.uploader_role AS "uploaderRole",
            e.uploaded_at AS "uploadedAt", e.item_event_id AS "itemEventId", e.case_event_id AS "caseEventId",
            b.content
     FROM case_evidence AS e JOIN evidence_blobs AS b ON b.sha256 = e.sha256
     WHERE e.case_id = $1 AND e.id = $2`,
    [options.caseId, options.evidenceId],
  );
  const row = rows[0];
  return row ? { ...row, id: Number(row.id), size: Number(row.size) } : undefined;
}

/**
 * Records that an exempt association is out of the decoupling scope, as the rules read it (the
 * exemption by central approval is a scope decision of kind `central_exemption`).
 */
export async function recordExemptionScope(
  tx: Queryable,
  options: { associationId: number; ref: string; decidedOn: string; reason: string },
): Promise<void> {
  await tx.query(
    `INSERT INTO scope_decisions (association_id, ref, kind, outcome, decided_on, reason)
     VALUES ($1, $2, 'central_exemption', 'out', $3, $4)
     ON CONFLICT (association_id, ref) DO UPDATE SET decided_on = EXCLUDED.decided_on, reason = EXCLUDED.reason,
       updated_at = now()`,
    [options.associationId, options.ref, options.decidedOn, options.reason],
  );
}

/** The active findings of an association, as the case guards and the checklist need them. */
export async function listAssociationOpenFindings(
  q: Queryable,
  associationId: number,
): Promise<
  {
    id: number;
    ruleId: string;
    severity: string;
    status: string;
    fingerprint: string;
    explanationZh: string;
    explanationEn: string;
    arisenOn: string | null;
  }[]
> {
  const { rows } = await q.query<{
    id: number;
    ruleId: string;
    severity: string;
    status: string;
    fingerprint: string;
    explanationZh: string;
    explanationEn: string;
    arisenOn: string | null;
  }>(
    `SELECT id, rule_id AS "ruleId", severity, status, fingerprint, explanation_zh AS "explanationZh",
            explanation_en AS "explanationEn", arisen_on AS "arisenOn"
     FROM findings WHERE association_id = $1 AND resolved_run_id IS NULL ORDER BY rule_id, id`,
    [associationId],
  );
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

/** Open CASE-3 findings (re-coupling after closure) with their case, for the notification job. */
export async function listOpenRecouplingFindings(q: Queryable): Promise<
  {
    findingId: number;
    caseId: number;
    ref: string;
    associationName: string;
    arisenOn: string | null;
    explanationZh: string;
    explanationEn: string;
  }[]
> {
  const { rows } = await q.query<{
    findingId: number;
    caseId: number;
    ref: string;
    associationName: string;
    arisenOn: string | null;
    explanationZh: string;
    explanationEn: string;
  }>(
    `SELECT DISTINCT ON (f.id) f.id AS "findingId", c.id AS "caseId", c.ref, a.name AS "associationName",
            f.arisen_on AS "arisenOn", f.explanation_zh AS "explanationZh", f.explanation_en AS "explanationEn"
     FROM findings AS f JOIN associations AS a ON a.id = f.association_id
     JOIN decoupling_cases AS c ON c.association_id = f.association_id AND c.state = 'decoupled'
     WHERE f.rule_id = 'CASE-3' AND f.resolved_run_id IS NULL AND f.status IN ('open', 'acknowledged', 'appealed')
     ORDER BY f.id, c.decoupled_on DESC`,
  );
  return rows.map((r) => ({ ...r, findingId: Number(r.findingId), caseId: Number(r.caseId) }));
}
