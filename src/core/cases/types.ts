/**
 * Plain records of a decoupling case: its states, the people who act on it, the events it leaves
 * behind and the refusals it answers with. Dates are ISO `YYYY-MM-DD`; instants are ISO 8601 with an
 * explicit offset. Ids and times are always handed in, never made here.
 */

import type { TBlockedReason } from '../policy/facts.ts';

export type { TBlockedReason } from '../policy/facts.ts';

/** The reasons a case can be blocked for, as CASE-2 classifies them. */
export const BLOCKED_REASONS = [
  'policy_gap',
  'insufficient_work',
] as const satisfies readonly TBlockedReason[];

export const CASE_STATES = [
  'listed',
  'plan_drafted',
  'plan_submitted',
  'plan_returned',
  'plan_approved',
  'executing',
  'verification',
  'decoupled',
  'blocked',
  'exempt',
] as const;
export type TCaseState = (typeof CASE_STATES)[number];

/** States a case can be blocked from and resume to: every state before the case is closed. */
export const ACTIVE_CASE_STATES = [
  'listed',
  'plan_drafted',
  'plan_submitted',
  'plan_returned',
  'plan_approved',
  'executing',
  'verification',
] as const satisfies readonly TCaseState[];
export type TActiveCaseState = (typeof ACTIVE_CASE_STATES)[number];

/** Closed states: nothing moves a case out of them (re-coupling after closure is CASE-3's business). */
export const CLOSED_CASE_STATES = ['decoupled', 'exempt'] as const satisfies readonly TCaseState[];

/** The roles of accounts (kept equal to the account roles; a test checks it). */
export const ACTOR_ROLES = ['regulator', 'organ', 'association', 'inspector', 'auditor', 'admin'] as const;
export type TActorRole = (typeof ACTOR_ROLES)[number];

/** Who acts: the account, named the way audit events name it (never the person behind it). */
export type TActor = {
  role: TActorRole;
  /** The account id, as the caller stores it. */
  userId: string;
  /** The account's name for the event record. */
  label?: string;
};

/** A message a user may see, in both languages, with a stable code for the API and the tests. */
export type TRefusal<TCode extends string = string> = { code: TCode; zh: string; en: string };

/** Why a case is blocked: the CASE-2 classification and a note in the regulator's words. */
export type TCaseBlock = {
  reason: TBlockedReason;
  note: string;
  /** The state the case was in when it was blocked; it resumes there. */
  from: TActiveCaseState;
  since: string;
};

/** The exemption of an association with special functions, by central approval. */
export type TCaseExemption = { approvalRef: string; note: string | null; on: string };

/**
 * One association's decoupling case. Deadlines are copied from its batch when the case is opened
 * (see `openCase`) so that a case-by-case extension does not change the batch.
 */
export type TCase = {
  id: string;
  associationUscc: string;
  /** Batch id, e.g. `pilot-2016-2` (see `BUILT_IN_BATCHES`). */
  batch: string;
  /** GB/T 2260 code of the jurisdiction running the case (`100000` for national associations). */
  jurisdiction: string;
  state: TCaseState;
  listedOn: string | null;
  planDeadline: string | null;
  completionDeadline: string | null;
  planSubmittedOn: string | null;
  planApprovedOn: string | null;
  /** The approval reference (批复文号) of the plan. */
  planApprovalRef: string | null;
  decoupledOn: string | null;
  blocked: TCaseBlock | null;
  /**
   * The last blocked reason, kept after the case resumes: CASE-2 asks why a case is late, and a case
   * that was blocked for a policy gap and resumed too late is still late for that reason.
   */
  lastBlockedReason: TBlockedReason | null;
  exemption: TCaseExemption | null;
  /** Counts the transitions made, so a store can refuse a stale write (optimistic concurrency). */
  version: number;
};

/** A file attached to a transition or a checklist item; the caller computed the hash. */
export type TEvidenceRef = {
  /** Which evidence kind of the item this file answers (e.g. `plan_document`). */
  kind: string;
  fileName: string;
  /** The declared MIME type, already checked against the content by `checkEvidence`. */
  mimeType: string;
  size: number;
  /** SHA-256 of the content, 64 lower-case hex digits. */
  sha256: string;
};

/** What a transition records: who, when, from, to and why. */
export type TCaseEvent = {
  caseId: string;
  /** The case version this event produced. */
  version: number;
  actor: TActor;
  at: string;
  from: TCaseState;
  to: TCaseState;
  reason: string | null;
  blockedReason: TBlockedReason | null;
  approvalRef: string | null;
  evidence: readonly TEvidenceRef[];
};
