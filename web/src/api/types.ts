/**
 * Wire types of the HTTP API, mirroring the contract the server follows. Dates are `YYYY-MM-DD`
 * strings; the web app never parses them into Date objects for display.
 */

export const ROLES = ['regulator', 'organ', 'association', 'inspector', 'auditor', 'admin'] as const;
export type TRole = (typeof ROLES)[number];

// The registry's enumerations are the core's own: one list serves the server, the importer and the web app.
export {
  ASSOCIATION_STATUSES,
  LEVELS,
  LINK_KINDS,
  ORGAN_KINDS,
  POST_ROLES,
  type TAssociationStatus,
  type TLevel,
  type TLinkKind,
  type TOrganKind,
  type TPostRole,
} from '../../../src/core/registry/types.ts';

import type {
  TAssociationStatus,
  TLevel,
  TLinkKind,
  TOrganKind,
  TPostRole,
} from '../../../src/core/registry/types.ts';

export type TSex = 'male' | 'female';

export type TUserScope = {
  regionCode?: string;
  regionName?: string;
  organCode?: string;
  organName?: string;
  associationUscc?: string;
  associationName?: string;
};

export type TUser = {
  id: number;
  username: string;
  displayName: string;
  role: TRole;
  scope: TUserScope;
};

export type TSession = { user: TUser; csrfToken: string };

/** A page of a list; past 1,000 matches the server gives the database's estimate (`totalIsEstimate`). */
export type TPage<T> = {
  items: T[];
  total: number;
  totalIsEstimate?: boolean;
  page: number;
  pageSize: number;
};

export type TOrganRef = { code: string; name: string };

export type TAssociationSummary = {
  uscc: string;
  name: string;
  level: TLevel;
  regionCode: string;
  regionName: string;
  industry: string | null;
  status: TAssociationStatus;
  registeredOn: string | null;
  organs: TOrganRef[];
};

export const ASSOCIATION_SORTS = ['name', '-name', 'uscc', 'registeredOn', '-registeredOn'] as const;
export type TAssociationSort = (typeof ASSOCIATION_SORTS)[number];

/** Filters of the registry list; the same keys drive the export download. */
export type TAssociationFilters = {
  q?: string;
  uscc?: string;
  region?: string;
  level?: TLevel;
  organ?: string;
  status?: TAssociationStatus;
  industry?: string;
};

export type TAssociationQuery = TAssociationFilters & {
  page?: number;
  pageSize?: number;
  sort?: TAssociationSort;
};

export type TAssociationDetail = {
  id: number;
  uscc: string;
  name: string;
  nameEn: string | null;
  shortName: string | null;
  level: TLevel;
  regionCode: string;
  regionName: string;
  industry: string | null;
  registrar: string | null;
  foundedOn: string | null;
  registeredOn: string | null;
  status: TAssociationStatus;
  address: string | null;
  phone: string | null;
  bankAccount: string | null;
  memberCount: number | null;
  createdAt?: string;
  updatedAt?: string;
};

export type TLink = {
  organ: {
    code: string;
    name: string;
    kind: TOrganKind;
    isAdministrative: boolean;
    parent: TOrganRef | null;
  };
  kind: TLinkKind;
  startedOn: string;
  endedOn: string | null;
};

export type TPost = {
  id: number;
  role: TPostRole;
  branchName: string | null;
  startedOn: string;
  endedOn: string | null;
  termNumber: number | null;
  remunerated: boolean | null;
  approvalRef: string | null;
  person: {
    id: number;
    name: string;
    sex: TSex | null;
    birthYear: number | null;
    idMasked: string | null;
  };
};

export type TAssociationDetailResponse = {
  association: TAssociationDetail;
  links: TLink[];
  posts: TPost[];
};

export type TIdentifierResponse = { residentId: string };

export type TOrganSummary = {
  code: string;
  name: string;
  kind: TOrganKind;
  isAdministrative: boolean;
  level: TLevel;
  regionCode: string;
  parentCode: string | null;
  associationCount: number;
};

export type TOrganList = { items: TOrganSummary[]; total: number };

export type TRegion = { code: string; name: string };

export type TPublicAssociation = {
  uscc: string;
  name: string;
  level: TLevel;
  regionCode: string;
  regionName: string;
  industry: string | null;
  status: TAssociationStatus;
};

export type TPublicAssociationQuery = {
  q?: string;
  region?: string;
  level?: TLevel;
  industry?: string;
  page?: number;
  pageSize?: number;
};

export type TPublicAssociationDetail = TPublicAssociation & {
  address: string | null;
  registrar: string | null;
  foundedOn: string | null;
  registeredOn: string | null;
  memberCount: number | null;
};

export type TFormerOrgan = {
  code: string;
  name: string;
  kind: TLinkKind;
  startedOn: string;
  endedOn: string | null;
};

export type TPublicAssociationResponse = {
  association: TPublicAssociationDetail;
  formerOrgans: TFormerOrgan[];
};

/** One event of the hash-chained audit log, newest first in lists. */
export type TAuditEvent = {
  seq: number;
  at: string;
  actorId: number | null;
  actorLabel: string;
  action: string;
  entity: string;
  entityId: string | null;
  detail: Record<string, unknown>;
};

/** A text in both languages, as the rules and findings carry their titles and explanations. */
export type TBilingual = { zh: string; en: string };

export const RULE_FAMILIES = [
  'SCOPE',
  'INST',
  'FUNC',
  'FIN',
  'PERS',
  'PARTY',
  'FEE',
  'CRED',
  'CASE',
] as const;
export type TRuleFamily = (typeof RULE_FAMILIES)[number];

/** `violation` a clear rule is broken · `risk` needs review · `open` a task not yet done · `info`. */
export const SEVERITIES = ['violation', 'risk', 'open', 'info'] as const;
export type TSeverity = (typeof SEVERITIES)[number];

export const FINDING_STATUSES = ['open', 'acknowledged', 'rectified', 'waived', 'appealed'] as const;
export type TFindingStatus = (typeof FINDING_STATUSES)[number];

/** Where a finding was first or last seen, or resolved: the screening run and its evaluation date. */
export type TRunDay = { runId: number; on: string };

/** One finding: the rule, the association, what it is about, the facts, and where it stands. */
export type TFinding = {
  id: number;
  rule: string;
  family: TRuleFamily;
  severity: TSeverity;
  pack: { id: string; version: string };
  association: { uscc: string; name: string; regionCode: string };
  subject: { type: string; id: string };
  /** Which defect of the subject, where one subject can break a rule in several ways. */
  aspect: string | null;
  /** The facts that made the rule fire; dates are `YYYY-MM-DD` strings. */
  facts: Record<string, unknown>;
  clause: string;
  explanationZh: string;
  explanationEn: string;
  arisenOn: string | null;
  /** Last day to act for timed obligations (credit listings and removals). */
  dueOn: string | null;
  firstSeen: TRunDay;
  lastSeen: TRunDay;
  /** Set when a later run no longer found it. */
  resolved: TRunDay | null;
  status: TFindingStatus;
  /** Rectification deadline, set when the finding is acknowledged. */
  deadline: string | null;
  overdue: boolean;
};

/** One move in a finding's status history, oldest first. */
export type TFindingEvent = {
  id: number;
  at: string;
  actor: string;
  from: TFindingStatus;
  to: TFindingStatus;
  reason: string | null;
  deadline: string | null;
};

export type TFindingDetail = { finding: TFinding; events: TFindingEvent[] };

/** Filters of the findings list; the same keys drive the export download. */
export type TFindingFilters = {
  rule?: string;
  family?: TRuleFamily;
  severity?: TSeverity;
  organ?: string;
  region?: string;
  status?: TFindingStatus;
  association?: string;
  /** Also list findings that a later run no longer found. */
  includeResolved?: boolean;
};

/** Columns the findings list sorts by; a leading `-` sorts descending (the API's `sort` parameter). */
export const FINDING_SORT_KEYS = ['severity', 'rule', 'association', 'openedOn', 'status'] as const;
export type TFindingSortKey = (typeof FINDING_SORT_KEYS)[number];
export type TFindingSort = TFindingSortKey | `-${TFindingSortKey}`;

export type TFindingQuery = TFindingFilters & { page?: number; pageSize?: number; sort?: TFindingSort };

export type TAssociationFindingQuery = {
  status?: TFindingStatus;
  includeResolved?: boolean;
  page?: number;
  pageSize?: number;
};

export type TTransitionBody = {
  to: TFindingStatus;
  /** Required to waive, appeal or reopen. */
  reason?: string;
  /** Rectification deadline when acknowledging; the server gives 90 days when left out. */
  deadline?: string;
};

/** One rule of the catalog with its parameters in every policy pack. */
export type TRuleEntry = {
  id: string;
  family: TRuleFamily;
  severity: TSeverity;
  title: TBilingual;
  clause: string;
  appliesTo: 'in_scope' | 'all_social_groups';
  decisions: TBilingual[];
  example: TBilingual;
  packs: { packId: string; version: string; active: boolean; parameters: Record<string, unknown> }[];
};

export type TRuleList = { items: TRuleEntry[] };

export const SCREENING_RUN_STATUSES = ['running', 'completed', 'failed'] as const;
export type TScreeningRunStatus = (typeof SCREENING_RUN_STATUSES)[number];

/** One screening run and what changed against the run before it. */
export type TScreeningRun = {
  id: number;
  status: TScreeningRunStatus;
  startedAt: string;
  finishedAt: string | null;
  asOf: string;
  scope: Record<string, unknown>;
  actor: string;
  associations: number;
  findings: number;
  newFindings: number;
  persistingFindings: number;
  resolvedFindings: number;
  error: string | null;
  /** While running, from the server running it: associations done of the total, and the phase. */
  progress: TScreeningRunProgress | null;
};

export type TScreeningRunProgress = { done: number; total: number; phase: 'screening' | 'storing' };

export type TApiErrorBody = { error: { code: string; message: string } };
