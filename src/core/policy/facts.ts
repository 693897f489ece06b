/**
 * The facts the rules read: plain data about one association, its organ links, its case, functions,
 * finance, people, fees and credit history. One `TAssociationFacts` per association; the organ index
 * is built once and shared by reference, so evaluating many associations stays linear.
 *
 * Conventions:
 * - Dates are ISO `YYYY-MM-DD` strings; `null` means unknown or not happened.
 * - A relation (link, post, function, fee item) holds from `startedOn` (inclusive) until `endedOn`
 *   (exclusive): `endedOn` is the day it no longer held. `null` start means "since before records".
 * - `id`s are stable keys from the source (database id or import key): findings are fingerprinted by
 *   them, so they must not change between runs.
 * - Booleans that a source may not know are `boolean | null`; rules never treat `null` as a breach.
 */

import type {
  TAssociationStatus,
  TCadreRank,
  TLevel,
  TLinkKind,
  TOrganKind,
  TPostRole,
  TRosterStatus,
} from '../registry/types.ts';
import type { TDate } from './dates.ts';

export type { TDate } from './dates.ts';

export type TRegistrationCategory = 'social_group' | 'private_non_enterprise' | 'foundation' | 'other';

/**
 * Who the members are. `same_industry`: units or practitioners of the same economic activity;
 * `area_economic`: economic organisations of one area (chambers of commerce); the rest are out of
 * the decoupling scope.
 */
export type TMembershipBasis =
  | 'same_industry'
  | 'area_economic'
  | 'academic'
  | 'professional'
  | 'federative'
  | 'other';

/** A recorded decision on scope: a regulator's manual decision or a central exemption. */
export type TScopeDecisionFact = {
  kind: 'manual' | 'central_exemption';
  outcome: 'in' | 'out';
  ref: string;
  decidedOn: TDate;
  reason: string | null;
};

export type TAssociationFact = {
  uscc: string;
  name: string;
  level: TLevel;
  regionCode: string;
  registrationCategory: TRegistrationCategory;
  membershipBasis: TMembershipBasis | null;
  memberCount: number | null;
  address: string | null;
  phone: string | null;
  bankAccount: string | null;
  status: TAssociationStatus;
  registeredOn: TDate | null;
  /** Date of deregistration (注销), for CRED-4. */
  deregisteredOn: TDate | null;
  /** A 业务主管单位 still shown in the registration record (INST-2). */
  recordedSupervisingUnit: string | null;
  scopeDecision: TScopeDecisionFact | null;
};

export type TOrganFact = {
  code: string;
  name: string;
  kind: TOrganKind;
  /** True for an administrative organ; false for a unit (事业单位 etc.) subordinate to one. */
  isAdministrative: boolean;
  parentCode: string | null;
  address: string | null;
  phone: string | null;
  bankAccount: string | null;
};

export type TIndexedOrgan = {
  organ: TOrganFact;
  /** Code of the administrative organ this organ is, or is subordinate to; `null` if neither. */
  administrativeCode: string | null;
};

/** The organ hierarchy with lookups by normalised address, phone and bank account (INST-4). */
export type TOrganIndex = {
  byCode: ReadonlyMap<string, TIndexedOrgan>;
  byAddress: ReadonlyMap<string, readonly string[]>;
  byPhone: ReadonlyMap<string, readonly string[]>;
  byBankAccount: ReadonlyMap<string, readonly string[]>;
};

export type TLinkFact = {
  id: string;
  organCode: string;
  kind: TLinkKind;
  startedOn: TDate | null;
  endedOn: TDate | null;
};

export type TBlockedReason = 'policy_gap' | 'insufficient_work';

/** The association's decoupling case; `null` on the facts when it was never on a decoupling list. */
export type TCaseFact = {
  id: string;
  batch: string;
  /** Region code of the jurisdiction running the case. */
  jurisdiction: string;
  listedOn: TDate | null;
  planDeadline: TDate | null;
  planApprovedOn: TDate | null;
  completionDeadline: TDate | null;
  decoupledOn: TDate | null;
  blockedReason: TBlockedReason | null;
};

export type TFunctionKind =
  | 'licensing'
  | 'approval'
  | 'qualification_recognition'
  | 'disguised_licence'
  | 'intermediary_service'
  | 'standard_setting'
  | 'rating'
  | 'statistics'
  | 'other';

/** Where a function comes from: the association's own, or handed over / commissioned / authorised by an organ. */
export type TFunctionOrigin = 'own' | 'handed_over' | 'commissioned' | 'authorised' | 'statutory_duty';

export type TFunctionFact = {
  id: string;
  name: string;
  kind: TFunctionKind;
  origin: TFunctionOrigin;
  handedOverByOrganCode: string | null;
  legalBasis: string | null;
  /** Entry in the published catalogue of functions transferred to social organisations. */
  catalogueEntry: string | null;
  /** Purchase-of-services (commissioning) contract reference. */
  contractRef: string | null;
  published: boolean | null;
  /** For intermediary services: the organ whose approval the service prepares (FUNC-4). */
  tiedApprovalOrganCode: string | null;
  startedOn: TDate | null;
  endedOn: TDate | null;
};

export type TAccountingStandard = 'npo' | 'government' | 'public_institution' | 'enterprise' | 'other';

export type TFinanceYearFact = {
  year: number;
  independentAccount: boolean | null;
  separateBooks: boolean | null;
  accountingStandard: TAccountingStandard | null;
  /** Direct fiscal appropriation received in the year, yuan. */
  directAppropriation: number | null;
  /** Part of it that funds staff placed by earlier government restructurings (exempt from FIN-3). */
  placementFunds: number | null;
  officeInAdministrativeSpace: boolean | null;
  officeOrganCode: string | null;
  vacatedOn: TDate | null;
  paidUseAgreementRef: string | null;
  stateAssetsUsed: boolean | null;
  stateAssetsRegisteredOn: TDate | null;
};

export type TFinanceFacts = {
  /** 2015 direct appropriation, yuan, including retiree funding as budgeted. */
  base2015Appropriation: number | null;
  /** The retiree funding inside the 2015 appropriation, excluded from the FIN-3 base. */
  base2015RetireeFunding: number | null;
  years: readonly TFinanceYearFact[];
};

export type TCharterAmendmentFact = { id: string; amendedOn: TDate; filedOn: TDate | null };

export type TInstitutionFact = {
  id: string;
  name: string;
  disposition: 'merged' | 'transferred' | 'neither';
  legalPersonCancelledOn: TDate | null;
  transferredTo: string | null;
};

export type TStaffFact = {
  id: string;
  name: string;
  labourContract: boolean | null;
  socialInsurance: boolean | null;
  housingFund: boolean | null;
  onEstablishment: boolean | null;
  startedOn: TDate | null;
  endedOn: TDate | null;
};

export type TPartyFact = {
  organisationExists: boolean;
  /** Party members among the association's full-time staff. */
  memberCount: number | null;
  relationship: 'former_organ' | 'designated_committee' | 'other' | null;
  transferredOn: TDate | null;
};

export type TForeignAffairsFact = { administeredByFormerOrgan: boolean | null };

export type TFeeCategory =
  | 'dues'
  | 'service'
  | 'meeting'
  | 'training'
  | 'exam'
  | 'exhibition'
  | 'rating'
  | 'award'
  | 'standards_check'
  | 'trip_abroad'
  | 'sponsorship'
  | 'donation'
  | 'subscription'
  | 'qualification'
  | 'branch_setup'
  | 'leadership_seat'
  | 'publication'
  | 'other';

export type TFeeItemFact = {
  id: string;
  name: string;
  category: TFeeCategory;
  amount: number | null;
  tiers: readonly number[] | null;
  payer: 'members' | 'non_members' | 'all';
  compulsory: boolean;
  /** Compulsory in effect: tied to a service members cannot refuse, or to an organ's approval. */
  disguisedCompulsory: boolean;
  obstructsWithdrawal: boolean;
  /** For dues: whether the services dues pay for are delivered. */
  servicesProvided: boolean | null;
  /** For other fees: the service is one that dues already cover. */
  coveredByDues: boolean;
  linkedFunctionId: string | null;
  linkedAwardId: string | null;
  collectedBy: 'hq' | 'branch';
  branchName: string | null;
  /** Who set the standard: dues must be set by the member (representative) assembly. */
  standardSetBy: 'assembly' | 'council' | 'branch' | 'secretariat' | null;
  published: boolean;
  pricing: 'market' | 'government_guided' | 'government_set' | null;
  pricedByProcedure: boolean | null;
  kickback: boolean;
  legalBasis: string | null;
  duesDecisionId: string | null;
  /** A reference price for the same service (FEE-14), yuan. */
  referenceAmount: number | null;
  complaintCount: number;
  startedOn: TDate | null;
  endedOn: TDate | null;
};

/** A dues decision of the member (representative) assembly; counts rather than ratios so that 2/3 is exact. */
export type TDuesDecisionFact = {
  id: string;
  assemblyDate: TDate;
  madeBy: 'assembly' | 'council' | 'branch' | 'secretariat';
  secretBallot: boolean | null;
  eligible: number | null;
  present: number | null;
  votesFor: number | null;
  tiers: readonly number[];
  floating: boolean;
  published: boolean;
  adopted: boolean;
  effectiveFrom: TDate | null;
  supersededOn: TDate | null;
};

export type TAwardFact = { id: string; name: string; approvalRef: string | null; startedOn: TDate | null };

export type TAnnualReportFact = { year: number; filedOn: TDate | null };

export type TPenaltyKind =
  | 'warning'
  | 'fine'
  | 'confiscation'
  | 'stop_activities'
  | 'certificate_revoked'
  | 'change_registration_revoked'
  | 'other';

export type TPenaltyFact = { id: string; kind: TPenaltyKind; amount: number | null; decidedOn: TDate };

export type TRectificationFact = {
  id: string;
  orderedOn: TDate;
  dueOn: TDate;
  completedOn: TDate | null;
};

export type TUnreachableFact = { id: string; verifiedOn: TDate; resolvedOn: TDate | null };

export type TCourtDefaultFact = { id: string; listedOn: TDate; removedOn: TDate | null };

export type TCreditGround =
  | 'annual_report'
  | 'no_party_organisation'
  | 'rectification_overdue'
  | 'minor_penalty'
  | 'unreachable'
  | 'abnormal_two_years'
  | 'change_registration_revoked'
  | 'stop_activities'
  | 'major_fine'
  | 'repeat_penalties'
  | 'court_defaulter'
  | 'certificate_revoked'
  | 'other';

export type TCreditEntryFact = {
  id: string;
  list: 'abnormal' | 'serious';
  ground: TCreditGround;
  groundOn: TDate | null;
  listedOn: TDate;
  removedOn: TDate | null;
  /** Day the registrar verified that the obligation behind the listing was fulfilled. */
  obligationFulfilledOn: TDate | null;
  /** Day the association applied for removal (serious list). */
  removalAppliedOn: TDate | null;
};

/** An official's status from the rosters, as matched to the person. */
export type TOfficialStatusFact = {
  status: TRosterStatus;
  retiredOn: TDate | null;
  rank: TCadreRank;
  organKind: TOrganKind | null;
  organName: string | null;
  source: string;
  recordKey: string;
  /** 1 for an exact identifier match; lower for a probabilistic match; `null` when not given. */
  matchConfidence: number | null;
};

/** A post the person holds in another social group (PERS-4). */
export type TOtherPostFact = {
  associationUscc: string;
  associationName: string;
  role: TPostRole;
  startedOn: TDate | null;
  endedOn: TDate | null;
};

export type TPersonFact = {
  id: string;
  name: string;
  birthDate: TDate | null;
  status: TOfficialStatusFact | null;
  otherPosts: readonly TOtherPostFact[];
};

export type TApprovalFact = {
  kind: 'approval' | 'filing' | 'special_approval';
  ref: string;
  date: TDate | null;
};

export type TPostFact = {
  id: string;
  role: TPostRole;
  branchName: string | null;
  startedOn: TDate;
  endedOn: TDate | null;
  termNumber: number | null;
  remunerated: boolean | null;
  approvals: readonly TApprovalFact[];
  recommendedByOrganCode: string | null;
  person: TPersonFact;
};

/** Everything the rules know about one association. */
export type TAssociationFacts = {
  association: TAssociationFact;
  organs: TOrganIndex;
  links: readonly TLinkFact[];
  case: TCaseFact | null;
  functions: readonly TFunctionFact[];
  finance: TFinanceFacts;
  charterAmendments: readonly TCharterAmendmentFact[];
  institutions: readonly TInstitutionFact[];
  staff: readonly TStaffFact[];
  party: TPartyFact | null;
  foreignAffairs: TForeignAffairsFact | null;
  feeItems: readonly TFeeItemFact[];
  duesDecisions: readonly TDuesDecisionFact[];
  awards: readonly TAwardFact[];
  annualReports: readonly TAnnualReportFact[];
  penalties: readonly TPenaltyFact[];
  rectifications: readonly TRectificationFact[];
  unreachable: readonly TUnreachableFact[];
  courtDefaults: readonly TCourtDefaultFact[];
  creditEntries: readonly TCreditEntryFact[];
  posts: readonly TPostFact[];
};

/** Digits only, without the country code and the trunk `0` of an area code; extensions dropped. */
export function normalisePhone(raw: string | null): string | null {
  if (!raw) return null;
  const main = raw.split(/转|ext\.?|x/i)[0] ?? '';
  let digits = main.normalize('NFKC').replace(/\D/g, '');
  if (digits.startsWith('0086')) digits = digits.slice(4);
  else if (digits.startsWith('86') && digits.length > 11) digits = digits.slice(2);
  if (digits.startsWith('0')) digits = digits.slice(1);
  return digits.length >= 7 ? digits : null;
}

/**
 * Full-width to half-width, no spaces or punctuation, 〇 as 0. Addresses shorter than 6 characters
 * after that are too vague to compare and give `null`.
 */
export function normaliseAddress(raw: string | null): string | null {
  if (!raw) return null;
  const text = raw
    .normalize('NFKC')
    .toLowerCase()
    .replace(/〇/g, '0')
    .replace(/[\s\p{P}\p{S}]/gu, '');
  return text.length >= 6 ? text : null;
}

/** Digits only; account numbers shorter than 8 digits give `null`. */
export function normaliseBankAccount(raw: string | null): string | null {
  if (!raw) return null;
  const digits = raw.normalize('NFKC').replace(/\D/g, '');
  return digits.length >= 8 ? digits : null;
}

function push(map: Map<string, string[]>, key: string | null, code: string): void {
  if (key === null) return;
  const list = map.get(key);
  if (list) list.push(code);
  else map.set(key, [code]);
}

/**
 * Index the organ hierarchy once: resolves each organ to the administrative organ it is or belongs
 * to (walking parents, safe against cycles and missing parents) and indexes normalised contact data.
 */
export function createOrganIndex(organs: readonly TOrganFact[]): TOrganIndex {
  const raw = new Map<string, TOrganFact>();
  for (const organ of organs) raw.set(organ.code, organ);
  const byCode = new Map<string, TIndexedOrgan>();
  const byAddress = new Map<string, string[]>();
  const byPhone = new Map<string, string[]>();
  const byBankAccount = new Map<string, string[]>();
  for (const organ of organs) {
    let administrativeCode: string | null = null;
    const seen = new Set<string>();
    let current: TOrganFact | undefined = organ;
    while (current && !seen.has(current.code)) {
      if (current.isAdministrative) {
        administrativeCode = current.code;
        break;
      }
      seen.add(current.code);
      current = current.parentCode === null ? undefined : raw.get(current.parentCode);
    }
    byCode.set(organ.code, { organ, administrativeCode });
    if (administrativeCode !== null) {
      push(byAddress, normaliseAddress(organ.address), organ.code);
      push(byPhone, normalisePhone(organ.phone), organ.code);
      push(byBankAccount, normaliseBankAccount(organ.bankAccount), organ.code);
    }
  }
  return { byCode, byAddress, byPhone, byBankAccount };
}
