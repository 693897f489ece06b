import { apiRequest } from './http.ts';
import type { TInspectionOutcome } from './inspections.ts';
import type {
  TPage,
  TPublicAssociation,
  TPublicAssociationQuery,
  TPublicAssociationResponse,
} from './types.ts';

/** `GET /api/public/associations`: the public search, without login and without personal data. */
export function searchPublicAssociations(query: TPublicAssociationQuery): Promise<TPage<TPublicAssociation>> {
  return apiRequest<TPage<TPublicAssociation>>('/api/public/associations', { query });
}

/** `GET /api/public/associations/:uscc`: the public profile and the organs it was decoupled from. */
export function getPublicAssociation(uscc: string): Promise<TPublicAssociationResponse> {
  return apiRequest<TPublicAssociationResponse>(`/api/public/associations/${encodeURIComponent(uscc)}`);
}

export type TText = { zh: string; en: string };

export type TSeparationState = 'done' | 'in_progress' | 'issues' | 'not_started' | 'exempt' | 'no_case';

export type TPublicScorecard = {
  uscc: string;
  case: {
    batch: string;
    state: string;
    listedOn: string | null;
    planDeadline: string | null;
    completionDeadline: string | null;
    decoupledOn: string | null;
  } | null;
  separations: { id: string; title: TText; state: TSeparationState; openFindings: number }[];
  basis: string;
};

export type TPublicFees = {
  fees: {
    ref: string;
    name: string;
    category: string;
    amount: number | null;
    tiers: number[] | null;
    payer: string;
    pricing: string | null;
    standardSetBy: string | null;
    legalBasis: string | null;
    startedOn: string | null;
    endedOn: string | null;
  }[];
  dues: {
    ref: string;
    assemblyDate: string;
    madeBy: string;
    secretBallot: boolean | null;
    tiers: number[];
    floating: boolean;
    effectiveFrom: string | null;
    supersededOn: string | null;
  }[];
};

export type TCreditHistoryEntry = {
  on: string;
  list: 'abnormal' | 'serious';
  action: 'listed' | 'ground_added' | 'removed' | 'escalated';
  grounds: string[];
  reason: TText;
  basis: { clause: string; summary: TText };
};

export type TPublicCredit = {
  asOf: string;
  calendarId: string;
  status: 'clear' | 'abnormal' | 'serious' | 'abnormal_and_serious';
  abnormalSince: string | null;
  seriousSince: string | null;
  history: TCreditHistoryEntry[];
};

export type TPublicComplaintOutcomes = {
  open: number;
  closed: number;
  items: {
    receivedOn: string;
    state: 'resolved' | 'dismissed';
    family: 'FEE' | 'PERS' | 'FUNC' | null;
    feeRule: string | null;
    closedOn: string | null;
    outcome: TText | null;
    dismissalReason: TText | null;
  }[];
};

export type TPublicInspections = {
  results: {
    drawId: string;
    year: number;
    inspectedOn: string;
    outcome: TInspectionOutcome;
    summaryZh: string;
    summaryEn: string;
  }[];
};

export type TComplaintForm = {
  uscc: string;
  topic?: 'fee' | 'personnel' | 'function' | 'other' | null;
  text: string;
  feeItemRef?: string | null;
  compulsory?: boolean | null;
  contact?: string | null;
  website?: string;
};

export type TComplaintReceipt = {
  trackingCode: string;
  receivedOn: string;
  state: string;
  stateName: TText;
  family: 'FEE' | 'PERS' | 'FUNC' | null;
  feeRule: string | null;
  assignBy: string;
  resolveBy: string;
};

export type TTrackedComplaint = {
  trackingCode: string;
  association: { uscc: string; name: string };
  receivedOn: string;
  state: 'received' | 'assigned' | 'investigating' | 'resolved' | 'dismissed';
  stateName: TText;
  family: 'FEE' | 'PERS' | 'FUNC' | null;
  resolveBy: string;
  closedOn: string | null;
  outcome: TText | null;
  dismissalReason: TText | null;
  history: { on: string; state: string; stateName: TText }[];
};

const base = (uscc: string) => `/api/public/associations/${encodeURIComponent(uscc)}`;

/** `GET …/scorecard`: the decoupling case and the five separations. */
export function getPublicScorecard(uscc: string): Promise<TPublicScorecard> {
  return apiRequest<TPublicScorecard>(`${base(uscc)}/scorecard`);
}

/** `GET …/fees`: published fee items and dues standards. */
export function getPublicFees(uscc: string): Promise<TPublicFees> {
  return apiRequest<TPublicFees>(`${base(uscc)}/fees`);
}

/** `GET …/credit`: credit-list status and history. */
export function getPublicCredit(uscc: string): Promise<TPublicCredit> {
  return apiRequest<TPublicCredit>(`${base(uscc)}/credit`);
}

/** `GET …/complaints`: outcomes of closed complaints. */
export function getPublicComplaintOutcomes(uscc: string): Promise<TPublicComplaintOutcomes> {
  return apiRequest<TPublicComplaintOutcomes>(`${base(uscc)}/complaints`);
}

/** `GET …/inspections`: random-inspection results (served by the inspections module). */
export function getPublicInspections(uscc: string): Promise<TPublicInspections> {
  return apiRequest<TPublicInspections>(`${base(uscc)}/inspections`);
}

/** `POST /api/public/complaints`: files a complaint; answers the tracking code. */
export function fileComplaint(form: TComplaintForm): Promise<TComplaintReceipt> {
  return apiRequest<TComplaintReceipt>('/api/public/complaints', { method: 'POST', body: form });
}

/** `GET /api/public/complaints/:code`: a complaint's state and outcome by its tracking code. */
export function trackComplaint(code: string): Promise<TTrackedComplaint> {
  return apiRequest<TTrackedComplaint>(`/api/public/complaints/${encodeURIComponent(code.trim())}`);
}
