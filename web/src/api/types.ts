/**
 * Wire types of the HTTP API, mirroring the contract the server follows. Dates are `YYYY-MM-DD`
 * strings; the web app never parses them into Date objects for display.
 */

export const ROLES = ['regulator', 'organ', 'association', 'inspector', 'auditor', 'admin'] as const;
export type TRole = (typeof ROLES)[number];

export const LEVELS = ['national', 'provincial', 'municipal', 'county'] as const;
export type TLevel = (typeof LEVELS)[number];

export const ASSOCIATION_STATUSES = ['active', 'deregistered', 'revoked'] as const;
export type TAssociationStatus = (typeof ASSOCIATION_STATUSES)[number];

/** 主办 sponsor · 主管 supervisor · 联系 contact · 挂靠 host · 代管 custodian. */
export const LINK_KINDS = ['sponsor', 'supervisor', 'contact', 'host', 'custodian'] as const;
export type TLinkKind = (typeof LINK_KINDS)[number];

export const ORGAN_KINDS = [
  'party',
  'congress',
  'government',
  'cppcc',
  'court',
  'procuratorate',
  'public_institution',
  'state_enterprise',
  'other',
] as const;
export type TOrganKind = (typeof ORGAN_KINDS)[number];

export const POST_ROLES = [
  'president',
  'vice_president',
  'secretary_general',
  'deputy_secretary_general',
  'director',
  'standing_director',
  'supervisor',
  'chief_supervisor',
  'legal_representative',
  'branch_head',
  'honorary',
  'other',
] as const;
export type TPostRole = (typeof POST_ROLES)[number];

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

export type TPage<T> = { items: T[]; total: number; page: number; pageSize: number };

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

export type TApiErrorBody = { error: { code: string; message: string } };
