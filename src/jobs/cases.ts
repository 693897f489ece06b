import { createHash } from 'node:crypto';
import { BUILT_IN_BATCHES, findBatch } from '../core/cases/batches.ts';
import {
  allowedItemTransitions,
  generateChecklist,
  type TChecklistEntry,
  type TChecklistItem,
  type TItemState,
  transitionItem,
} from '../core/cases/checklist.ts';
import { toCaseFact } from '../core/cases/deadlines.ts';
import { checkEvidence, EVIDENCE_HEAD_BYTES } from '../core/cases/evidence.ts';
import { dayOf } from '../core/cases/instants.ts';
import {
  CASE_STATE_TITLES,
  openCase,
  PLAN_DOCUMENT_TYPES,
  type TCaseFinding,
  transitionCase,
} from '../core/cases/transitions.ts';
import {
  CLOSED_CASE_STATES,
  type TActor,
  type TActorRole,
  type TBlockedReason,
  type TCaseState,
  type TEvidenceRef,
  type TRefusal,
} from '../core/cases/types.ts';
import type { TFindingStatus } from '../core/findings/workflow.ts';
import { resolvePack } from '../core/policy/packs.ts';
import type { TRuleId, TSeverity } from '../core/policy/types.ts';
import type { Db, Queryable } from '../db/database.ts';
import { appendAuditEvent } from '../db/repositories/audit.repository.ts';
import {
  attachEvidence,
  caseRefExists,
  findCase,
  insertCase,
  insertCaseEvent,
  insertCaseItems,
  insertEvidence,
  insertItemEvent,
  listAssociationOpenFindings,
  listCaseItems,
  listEvidence,
  lockCase,
  recordExemptionScope,
  saveMovedCase,
  saveMovedItem,
  storeEvidenceBlob,
  type TCaseItemRow,
  type TCaseRow,
  type TEvidenceRow,
  toCoreCase,
} from '../db/repositories/cases.repository.ts';
import {
  insertNotifications,
  type TNotificationToInsert,
} from '../db/repositories/notifications.repository.ts';

/**
 * The decoupling case workflow over the database: open a case, move it, upload evidence, move its
 * checklist items. Each call checks the move with the pure core (`src/core/cases`), then writes the
 * case row (including the fact columns the rules read), its event, the audit event and the
 * notifications it causes in one transaction, or writes nothing and throws `CaseWorkflowError`.
 */

export type TCaseErrorCode = 'not_found' | 'conflict' | 'forbidden' | 'invalid' | 'unsupported_type';

/** A refused request, with a message in Chinese and English. */
export class CaseWorkflowError extends Error {
  constructor(
    readonly code: TCaseErrorCode,
    readonly zh: string,
    readonly en: string,
    /** The core's refusal code, e.g. `open_violation`, for callers and tests. */
    readonly reason: string,
  ) {
    super(`${zh} ${en}`);
    this.name = 'CaseWorkflowError';
  }
}

/** Who acts: the account (never the person behind it). */
export type TCaseActor = { userId: number | null; role: TActorRole; label: string };

const CASE_REFUSAL_CODES: Record<string, TCaseErrorCode> = {
  illegal_transition: 'conflict',
  role_not_allowed: 'forbidden',
  missing_reason: 'invalid',
  missing_blocked_reason: 'invalid',
  missing_approval_ref: 'invalid',
  missing_plan_document: 'invalid',
  missing_evidence: 'invalid',
  evidence_not_allowed: 'invalid',
  not_listed: 'conflict',
  checklist_missing: 'conflict',
  checklist_open: 'conflict',
  checklist_incomplete: 'conflict',
  open_violation: 'conflict',
  wrong_resume_state: 'conflict',
  case_closed: 'conflict',
  item_mismatch: 'conflict',
  unknown_type: 'unsupported_type',
  type_not_allowed: 'unsupported_type',
  extension_mismatch: 'unsupported_type',
  content_mismatch: 'unsupported_type',
  not_utf8: 'unsupported_type',
  empty: 'invalid',
  too_large: 'invalid',
};

function refused(refusal: TRefusal): CaseWorkflowError {
  return new CaseWorkflowError(
    CASE_REFUSAL_CODES[refusal.code] ?? 'conflict',
    refusal.zh,
    refusal.en,
    refusal.code,
  );
}

function coreActor(actor: TCaseActor): TActor {
  return { role: actor.role, userId: String(actor.userId ?? actor.label), label: actor.label };
}

function auditActor(actor: TCaseActor) {
  return { id: actor.userId, label: actor.label };
}

/**
 * An instant in China Standard Time with its offset, so the day the core records on a case (plan
 * approved, decoupled) is the day in Beijing, not in UTC.
 */
export function chinaInstant(date: Date): string {
  return new Date(date.getTime() + 8 * 3_600_000).toISOString().replace('Z', '+08:00');
}

/** Decoupled or exempt: nothing moves the case or its checklist any more. */
function isClosed(state: TCaseState): boolean {
  return (CLOSED_CASE_STATES as readonly TCaseState[]).includes(state);
}

function notFound(): CaseWorkflowError {
  return new CaseWorkflowError('not_found', '没有这个案件。', 'No case has this id.', 'not_found');
}

function staleWrite(): CaseWorkflowError {
  return new CaseWorkflowError(
    'conflict',
    '案件已被他人更新，请刷新后重试。',
    'The case changed meanwhile; reload it and try again.',
    'stale',
  );
}

/** The checklist items of a case: those of the pack in force for its association's region. */
export function checklistItemsOf(row: Pick<TCaseRow, 'regionCode'>, asOf: string): TChecklistItem[] {
  return generateChecklist({ pack: resolvePack({ regionCode: row.regionCode, asOf }) });
}

function evidenceRef(row: TEvidenceRow): TEvidenceRef {
  return {
    kind: row.kind,
    fileName: row.fileName,
    mimeType: row.mimeType,
    size: row.size,
    sha256: row.sha256,
  };
}

export type TLoadedChecklist = {
  items: TChecklistItem[];
  stored: Map<string, TCaseItemRow>;
  entries: TChecklistEntry[];
  evidence: TEvidenceRow[];
};

/**
 * The checklist of a case as the core sees it: the items of the pack (limited to the stored ones once
 * the workflow has stored them), each with its stored state or `open`, and the files submitted with it.
 */
export async function loadChecklist(q: Queryable, row: TCaseRow, asOf: string): Promise<TLoadedChecklist> {
  const storedRows = await listCaseItems(q, row.id);
  const stored = new Map(storedRows.map((r) => [r.itemKey, r]));
  const generated = checklistItemsOf(row, asOf);
  const items = storedRows.length > 0 ? generated.filter((i) => stored.has(i.id)) : generated;
  const evidence = await listEvidence(q, row.id);
  const entries = items.map((item): TChecklistEntry => {
    const s = stored.get(item.id);
    return {
      itemId: item.id,
      state: s?.state ?? 'open',
      evidence: s ? evidence.filter((e) => e.itemId === s.id && e.itemEventId !== null).map(evidenceRef) : [],
      reason: s?.reason ?? null,
      signedOffBy: s?.signedOffBy === null || s?.signedOffBy === undefined ? null : String(s.signedOffBy),
      version: s?.version ?? 0,
    };
  });
  return { items, stored, entries, evidence };
}

async function ensureItems(tx: Queryable, row: TCaseRow, asOf: string): Promise<TLoadedChecklist> {
  const existing = await listCaseItems(tx, row.id);
  if (existing.length === 0)
    await insertCaseItems(tx, { caseId: row.id, items: checklistItemsOf(row, asOf) });
  return loadChecklist(tx, row, asOf);
}

function caseFindings(findings: Awaited<ReturnType<typeof listAssociationOpenFindings>>): TCaseFinding[] {
  return findings.map((f) => ({
    ruleId: f.ruleId as TRuleId,
    severity: f.severity as TSeverity,
    status: f.status as TFindingStatus,
    fingerprint: f.fingerprint,
  }));
}

/** Who is told when a case reaches a state: the side that has to act next, or the parties concerned. */
const NOTIFY_ON: Partial<Record<TCaseState, readonly TActorRole[]>> = {
  listed: ['association', 'organ'],
  plan_submitted: ['regulator'],
  plan_returned: ['association'],
  plan_approved: ['association', 'organ'],
  verification: ['regulator'],
  decoupled: ['association', 'organ'],
  blocked: ['association', 'organ'],
  exempt: ['association', 'organ'],
};

function movedNotices(
  row: TCaseRow,
  to: TCaseState,
  eventId: number,
  reason: string | null,
): TNotificationToInsert[] {
  const title = CASE_STATE_TITLES[to];
  return (NOTIFY_ON[to] ?? []).map((role) => ({
    recipientRole: role,
    kind: 'case_moved',
    caseId: row.id,
    dedupeKey: `case_moved:${eventId}`,
    titleZh: `${row.associationName}：${title.zh}`,
    titleEn: `${row.associationName}: ${title.en.toLowerCase()}`,
    bodyZh: `案件 ${row.ref} 已转为“${title.zh}”${reason ? `，理由：${reason}` : ''}。`,
    bodyEn: `Case ${row.ref} is now "${title.en.toLowerCase()}"${reason ? `; reason: ${reason}` : ''}.`,
  }));
}

export type OpenDecouplingCaseOptions = {
  db: Db;
  associationId: number;
  batch: string;
  /** The case reference; `<batch>-<USCC>` when omitted. */
  ref?: string;
  actor: TCaseActor;
  at: string;
};

/** Puts an association on a batch's list: a new case in state `listed` with the batch's deadlines for its region. */
export async function openDecouplingCase(options: OpenDecouplingCaseOptions): Promise<number> {
  const { db, actor, at } = options;
  const batch = BUILT_IN_BATCHES.find((b) => b.id === options.batch);
  if (!batch) {
    throw new CaseWorkflowError(
      'invalid',
      `没有批次“${options.batch}”；可选：${BUILT_IN_BATCHES.map((b) => b.id).join('、')}。`,
      `No batch "${options.batch}"; known batches: ${BUILT_IN_BATCHES.map((b) => b.id).join(', ')}.`,
      'unknown_batch',
    );
  }
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ uscc: string; region_code: string }>(
      'SELECT uscc, region_code FROM associations WHERE id = $1',
      [options.associationId],
    );
    const association = rows[0];
    if (!association)
      throw new CaseWorkflowError('not_found', '没有这个协会。', 'No such association.', 'not_found');
    const uscc = association.uscc.trimEnd();
    const ref = options.ref?.trim() || `${batch.id}-${uscc}`;
    if (await caseRefExists(tx, { associationId: options.associationId, ref })) {
      throw new CaseWorkflowError(
        'conflict',
        `该协会已有编号为 ${ref} 的案件。`,
        `The association already has a case with reference ${ref}.`,
        'duplicate',
      );
    }
    const c = openCase({
      id: ref,
      associationUscc: uscc,
      batch: batch.id,
      jurisdiction: association.region_code.trimEnd(),
      listedOn: batch.listedOn ?? dayOf(at),
    });
    const id = await insertCase(tx, { associationId: options.associationId, ref, case: c });
    const row = (await findCase(tx, id))!;
    const eventId = await insertCaseEvent(tx, {
      caseId: id,
      from: null,
      to: 'listed',
      actorUserId: actor.userId,
      actorRole: actor.role,
      reason: batch.title.zh,
      at,
    });
    await insertCaseItems(tx, { caseId: id, items: checklistItemsOf(row, dayOf(at)) });
    await appendAuditEvent(tx, {
      actor: auditActor(actor),
      action: 'case.open',
      entity: 'decoupling_case',
      entityId: id,
      detail: {
        ref,
        uscc,
        batch: batch.id,
        planDeadline: c.planDeadline,
        completionDeadline: c.completionDeadline,
      },
    });
    await insertNotifications(tx, movedNotices(row, 'listed', eventId, null));
    return id;
  });
}

export type MoveCaseOptions = {
  db: Db;
  caseId: number;
  to: TCaseState;
  reason?: string | null;
  blockedReason?: TBlockedReason | null;
  approvalRef?: string | null;
  actor: TCaseActor;
  /** ISO 8601 instant with offset (see `chinaInstant`). */
  at: string;
};

/**
 * Moves a case. The plan document of a submission is the file (or files) uploaded since the plan was
 * last drafted; closing needs every checklist item signed off or waived and no open `violation`
 * finding of the association (waived findings do not block).
 */
export async function moveCase(options: MoveCaseOptions): Promise<void> {
  const { db, actor, at } = options;
  const asOf = dayOf(at);
  await db.transaction(async (tx) => {
    const row = await lockCase(tx, options.caseId);
    if (!row) throw notFound();
    const checklist = isClosed(row.state)
      ? await loadChecklist(tx, row, asOf)
      : await ensureItems(tx, row, asOf);
    const waitingPlan = checklist.evidence.filter((e) => e.itemId === null && e.caseEventId === null);
    const result = transitionCase({
      case: toCoreCase(row),
      to: options.to,
      actor: coreActor(actor),
      input: {
        reason: options.reason,
        blockedReason: options.blockedReason,
        approvalRef: options.approvalRef,
        evidence: waitingPlan.map(evidenceRef),
      },
      checklist: checklist.entries,
      openFindings: caseFindings(await listAssociationOpenFindings(tx, row.associationId)),
      at,
    });
    if (!result.ok) throw refused(result.refusal);
    const next = result.case;
    const saved = await saveMovedCase(tx, {
      id: row.id,
      fromVersion: row.version,
      case: next,
      blockedReason: toCaseFact(next).blockedReason,
      at,
    });
    if (!saved) throw staleWrite();
    const eventId = await insertCaseEvent(tx, {
      caseId: row.id,
      from: row.state,
      to: next.state,
      actorUserId: actor.userId,
      actorRole: actor.role,
      reason: result.event.reason ?? result.event.approvalRef,
      at,
    });
    if (result.event.evidence.length > 0) {
      await attachEvidence(tx, { evidenceIds: waitingPlan.map((e) => e.id), caseEventId: eventId });
    }
    if (next.state === 'exempt' && next.exemption) {
      await recordExemptionScope(tx, {
        associationId: row.associationId,
        ref: `case:${row.ref}`,
        decidedOn: next.exemption.on,
        reason: `${next.exemption.approvalRef}${next.exemption.note ? `：${next.exemption.note}` : ''}`,
      });
    }
    await appendAuditEvent(tx, {
      actor: auditActor(actor),
      action: `case.${next.state}`,
      entity: 'decoupling_case',
      entityId: row.id,
      detail: {
        ref: row.ref,
        uscc: row.uscc,
        from: row.state,
        to: next.state,
        reason: result.event.reason,
        blockedReason: result.event.blockedReason,
        approvalRef: result.event.approvalRef,
        evidence: result.event.evidence.map((e) => e.sha256),
      },
    });
    await insertNotifications(tx, movedNotices(row, next.state, eventId, result.event.reason));
  });
}

export type AddCaseEvidenceOptions = {
  db: Db;
  caseId: number;
  /** The checklist item; `null` for the plan document. */
  itemKey: string | null;
  /** The evidence kind of the item (`plan_document` for the plan). */
  kind: string;
  fileName: string;
  declaredType: string;
  content: Uint8Array;
  actor: TCaseActor;
  at: string;
};

export type TAddedEvidence = {
  evidenceId: number;
  sha256: string;
  /** The item's state after the upload (`null` for a plan document). */
  itemState: TItemState | null;
  /** Evidence kinds still missing before the item counts as submitted. */
  missingKinds: string[];
};

/**
 * Stores one uploaded file after checking its declared type against its content and its size against
 * the limit, then submits the item when every required kind is present (a file alone is kept waiting
 * until then). The plan document waits for the plan's submission.
 */
export async function addCaseEvidence(options: AddCaseEvidenceOptions): Promise<TAddedEvidence> {
  const { db, actor, at, content } = options;
  const asOf = dayOf(at);
  return db.transaction(async (tx) => {
    const row = await lockCase(tx, options.caseId);
    if (!row) throw notFound();
    if (isClosed(row.state)) {
      throw new CaseWorkflowError(
        'conflict',
        `案件 ${row.ref} 已结案，不能再上传材料。`,
        `Case ${row.ref} is closed; no more files can be added.`,
        'case_closed',
      );
    }
    const checklist = await ensureItems(tx, row, asOf);
    let allowedTypes: readonly string[];
    let maxBytes: number | undefined;
    let item: TChecklistItem | undefined;
    if (options.itemKey === null) {
      if (options.kind !== 'plan_document') {
        throw new CaseWorkflowError(
          'invalid',
          `未指定清单项时只能上传脱钩方案（plan_document），收到 ${options.kind}。`,
          `Without a checklist item only the plan document (plan_document) can be uploaded; got ${options.kind}.`,
          'wrong_kind',
        );
      }
      if (!(['association', 'organ', 'admin'] as TActorRole[]).includes(actor.role)) {
        throw new CaseWorkflowError(
          'forbidden',
          '脱钩方案由协会或原主管单位上传。',
          'The plan document is uploaded by the association or the former organ.',
          'role_not_allowed',
        );
      }
      if (row.state !== 'plan_drafted') {
        throw new CaseWorkflowError(
          'conflict',
          `案件处于“${CASE_STATE_TITLES[row.state].zh}”，只有起草中的方案可以上传方案文件。`,
          `The case is "${CASE_STATE_TITLES[row.state].en.toLowerCase()}"; a plan document is uploaded while the plan is being drafted.`,
          'illegal_transition',
        );
      }
      allowedTypes = PLAN_DOCUMENT_TYPES;
    } else {
      item = checklist.items.find((i) => i.id === options.itemKey);
      if (!item) {
        throw new CaseWorkflowError(
          'not_found',
          `案件没有清单项 ${options.itemKey}。`,
          `The case has no checklist item ${options.itemKey}.`,
          'not_found',
        );
      }
      const requirement = item.evidence.find((r) => r.kind === options.kind);
      if (!requirement) {
        throw new CaseWorkflowError(
          'invalid',
          `清单项“${item.title.zh}”没有材料种类 ${options.kind}；可选：${item.evidence.map((r) => r.kind).join('、')}。`,
          `Item "${item.title.en}" has no evidence kind ${options.kind}; expected one of: ${item.evidence.map((r) => r.kind).join(', ')}.`,
          'wrong_kind',
        );
      }
      const entry = checklist.entries.find((e) => e.itemId === item!.id)!;
      if (!allowedItemTransitions({ item, entry, role: actor.role }).includes('evidence_submitted')) {
        throw new CaseWorkflowError(
          entry.state === 'open' || entry.state === 'evidence_submitted' ? 'forbidden' : 'conflict',
          `清单项“${item.title.zh}”的材料由${item.owner === 'organ' ? '原主管单位' : item.owner === 'association' ? '协会' : '登记管理机关'}在待办或已提交状态下上传。`,
          `Evidence of item "${item.title.en}" is uploaded by the ${item.owner} while the item is open or submitted.`,
          'role_not_allowed',
        );
      }
      allowedTypes = requirement.mimeTypes;
      maxBytes = requirement.maxBytes;
    }
    const check = checkEvidence({
      declaredType: options.declaredType,
      fileName: options.fileName,
      size: content.byteLength,
      head: content.subarray(0, EVIDENCE_HEAD_BYTES),
      maxBytes,
      allowedTypes,
    });
    if (!check.ok) throw refused(check.refusal);
    const sha256 = createHash('sha256').update(content).digest('hex');
    await storeEvidenceBlob(tx, { sha256, content });
    const stored = item ? checklist.stored.get(item.id)! : undefined;
    const evidenceId = await insertEvidence(tx, {
      caseId: row.id,
      itemId: stored?.id ?? null,
      kind: options.kind,
      fileName: options.fileName,
      mimeType: check.mimeType,
      size: content.byteLength,
      sha256,
      uploadedBy: actor.userId,
      uploaderRole: actor.role,
      at,
    });
    let itemState: TItemState | null = null;
    let missingKinds: string[] = [];
    if (item && stored) {
      const waiting = [
        ...checklist.evidence.filter((e) => e.itemId === stored.id && e.itemEventId === null),
        {
          id: evidenceId,
          kind: options.kind,
          fileName: options.fileName,
          mimeType: check.mimeType,
          size: content.byteLength,
          sha256,
        },
      ];
      const entry = checklist.entries.find((e) => e.itemId === item!.id)!;
      const moved = transitionItem({
        item,
        entry,
        to: 'evidence_submitted',
        actor: coreActor(actor),
        input: { evidence: waiting.map((w) => evidenceRef(w as TEvidenceRow)) },
        at,
        caseState: row.state,
      });
      if (moved.ok) {
        await saveItemMove(tx, {
          stored,
          moved: moved.entry,
          from: entry.state,
          actor,
          at,
          reason: null,
          evidenceIds: waiting.map((w) => w.id),
        });
        itemState = moved.entry.state;
      } else if (moved.refusal.code === 'missing_evidence') {
        itemState = entry.state;
        const all = [...entry.evidence, ...waiting];
        missingKinds = item.evidence
          .filter((r) => all.filter((f) => f.kind === r.kind).length < r.minCount)
          .map((r) => r.kind);
      } else {
        throw refused(moved.refusal);
      }
    }
    await appendAuditEvent(tx, {
      actor: auditActor(actor),
      action: 'case.evidence.upload',
      entity: 'decoupling_case',
      entityId: row.id,
      detail: {
        ref: row.ref,
        item: options.itemKey,
        kind: options.kind,
        fileName: options.fileName,
        mimeType: check.mimeType,
        size: content.byteLength,
        sha256,
        itemState,
      },
    });
    return { evidenceId, sha256, itemState, missingKinds };
  });
}

async function saveItemMove(
  tx: Queryable,
  options: {
    stored: TCaseItemRow;
    moved: TChecklistEntry;
    from: TItemState;
    actor: TCaseActor;
    at: string;
    reason: string | null;
    evidenceIds: readonly number[];
  },
): Promise<void> {
  const { stored, moved, actor, at } = options;
  const saved = await saveMovedItem(tx, {
    itemId: stored.id,
    fromVersion: stored.version,
    state: moved.state,
    reason: moved.reason,
    signedOffBy: moved.state === 'signed_off' ? actor.userId : null,
    at,
    version: moved.version,
  });
  if (!saved) throw staleWrite();
  const eventId = await insertItemEvent(tx, {
    itemId: stored.id,
    from: options.from,
    to: moved.state,
    actorUserId: actor.userId,
    actorRole: actor.role,
    reason: options.reason,
    at,
  });
  await attachEvidence(tx, { evidenceIds: options.evidenceIds, itemEventId: eventId });
}

export type MoveCaseItemOptions = {
  db: Db;
  caseId: number;
  itemKey: string;
  /** `signed_off`, `waived`, or `open` (return submitted evidence, or reopen). Submitting is an upload. */
  to: TItemState;
  reason?: string | null;
  actor: TCaseActor;
  at: string;
};

/** Signs off, returns, waives or reopens one checklist item. */
export async function moveCaseItem(options: MoveCaseItemOptions): Promise<TItemState> {
  const { db, actor, at } = options;
  const asOf = dayOf(at);
  if (options.to === 'evidence_submitted') {
    throw new CaseWorkflowError(
      'invalid',
      '提交清单项材料请上传文件。',
      'An item is submitted by uploading its evidence.',
      'missing_evidence',
    );
  }
  return db.transaction(async (tx) => {
    const row = await lockCase(tx, options.caseId);
    if (!row) throw notFound();
    const checklist = isClosed(row.state)
      ? await loadChecklist(tx, row, asOf)
      : await ensureItems(tx, row, asOf);
    const item = checklist.items.find((i) => i.id === options.itemKey);
    const stored = item ? checklist.stored.get(item.id) : undefined;
    const entry = item ? checklist.entries.find((e) => e.itemId === item.id) : undefined;
    if (!item || !entry) {
      throw new CaseWorkflowError(
        'not_found',
        `案件没有清单项 ${options.itemKey}。`,
        `The case has no checklist item ${options.itemKey}.`,
        'not_found',
      );
    }
    const moved = transitionItem({
      item,
      entry,
      to: options.to,
      actor: coreActor(actor),
      input: { reason: options.reason },
      at,
      caseState: row.state,
    });
    if (!moved.ok) throw refused(moved.refusal);
    if (!stored) throw staleWrite();
    await saveItemMove(tx, {
      stored,
      moved: moved.entry,
      from: entry.state,
      actor,
      at,
      reason: moved.event.reason,
      evidenceIds: [],
    });
    await appendAuditEvent(tx, {
      actor: auditActor(actor),
      action: `case.item.${moved.entry.state}`,
      entity: 'decoupling_case',
      entityId: row.id,
      detail: {
        ref: row.ref,
        item: item.id,
        from: entry.state,
        to: moved.entry.state,
        reason: moved.event.reason,
      },
    });
    return moved.entry.state;
  });
}

/** The batch of a case, for presenters. */
export function batchOf(id: string) {
  return BUILT_IN_BATCHES.some((b) => b.id === id) ? findBatch({ batch: id }) : null;
}
