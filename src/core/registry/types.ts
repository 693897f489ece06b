/**
 * Plain records of the registry, as imports, the demo generator and repositories exchange them.
 * Natural keys (never database ids) link them: associations by USCC, organs by code, persons by
 * resident ID or, without one, by name + birth date + association.
 */

export const LEVELS = ['national', 'provincial', 'municipal', 'county'] as const;
export type TLevel = (typeof LEVELS)[number];

export const ASSOCIATION_STATUSES = ['active', 'deregistered', 'revoked'] as const;
export type TAssociationStatus = (typeof ASSOCIATION_STATUSES)[number];

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

/** 主办 sponsor · 主管 supervisor · 联系 contact · 挂靠 host · 代管 custodian. */
export const LINK_KINDS = ['sponsor', 'supervisor', 'contact', 'host', 'custodian'] as const;
export type TLinkKind = (typeof LINK_KINDS)[number];

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

export const ROSTER_STATUSES = ['serving', 'left_not_retired', 'retired'] as const;
export type TRosterStatus = (typeof ROSTER_STATUSES)[number];

/** Leading-cadre ranks, highest first; `none` for staff without a leading post. */
export const CADRE_RANKS = [
  'national',
  'ministerial',
  'deputy_ministerial',
  'department',
  'deputy_department',
  'division',
  'deputy_division',
  'section',
  'none',
] as const;
export type TCadreRank = (typeof CADRE_RANKS)[number];

/** Dates are ISO `YYYY-MM-DD` strings throughout. */
export type TIsoDate = string;

export type TAssociationRecord = {
  uscc: string;
  name: string;
  nameEn?: string | null;
  shortName?: string | null;
  level: TLevel;
  /** GB/T 2260 code of the registering region; `100000` for national associations. */
  regionCode: string;
  industry?: string | null;
  registrar?: string | null;
  foundedOn?: TIsoDate | null;
  registeredOn?: TIsoDate | null;
  status: TAssociationStatus;
  address?: string | null;
  phone?: string | null;
  bankAccount?: string | null;
  memberCount?: number | null;
};

export type TOrganRecord = {
  code: string;
  name: string;
  shortName?: string | null;
  kind: TOrganKind;
  /** True for an administrative organ; false for a unit subordinate to one. */
  isAdministrative: boolean;
  level: TLevel;
  regionCode: string;
  /** Code of the organ this unit belongs to. */
  parentCode?: string | null;
  address?: string | null;
  phone?: string | null;
  bankAccount?: string | null;
};

export type TLinkRecord = {
  organCode: string;
  associationUscc: string;
  kind: TLinkKind;
  startedOn: TIsoDate;
  endedOn?: TIsoDate | null;
};

export type TPersonRecord = {
  name: string;
  /** Normalised 18-character resident ID, when known. */
  residentId?: string | null;
  sex?: 'male' | 'female' | null;
  birthDate?: TIsoDate | null;
};

export type TPostRecord = {
  associationUscc: string;
  person: TPersonRecord;
  role: TPostRole;
  branchName?: string | null;
  startedOn: TIsoDate;
  endedOn?: TIsoDate | null;
  termNumber?: number | null;
  remunerated?: boolean | null;
  approvalRef?: string | null;
  approvalDate?: TIsoDate | null;
  recommendedByOrganCode?: string | null;
};

export type TRosterRecord = {
  /** Which roster file or feed the record came from. */
  source: string;
  /** The record's key inside that source. */
  recordKey: string;
  person: TPersonRecord;
  status: TRosterStatus;
  retiredOn?: TIsoDate | null;
  organCode?: string | null;
  organName?: string | null;
  rank: TCadreRank;
};
