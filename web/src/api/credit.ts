import { apiRequest } from './http.ts';
import type { TCreditHistoryEntry, TText } from './public.ts';

export type TCreditStatus = 'clear' | 'abnormal' | 'serious' | 'abnormal_and_serious';

export type TDue = {
  action: 'list' | 'add_ground' | 'escalate' | 'remove' | 'may_apply';
  list: 'abnormal' | 'serious';
  entryId: string | null;
  groundIds: string[];
  removalReason: string | null;
  state: 'waiting' | 'scheduled' | 'due' | 'overdue' | 'available';
  triggerOn: string | null;
  dueOn: string | null;
  provisional: boolean;
  reason: TText;
  basis: { clause: string; summary: TText };
};

export type TCreditListPage = {
  asOf: string;
  items: {
    uscc: string;
    name: string;
    regionCode: string;
    status: TCreditStatus;
    abnormalSince: string | null;
    seriousSince: string | null;
    next: TDue | null;
    openObjections: number;
    openRepairs: number;
  }[];
  total: number;
  page: number;
  pageSize: number;
};

export type TAssociationCredit = {
  uscc: string;
  name: string;
  asOf: string;
  calendarId: string;
  status: TCreditStatus;
  abnormal: { entryId: string; listedOn: string; groundIds: string[] } | null;
  serious: { entryId: string; listedOn: string; groundIds: string[] } | null;
  grounds: {
    id: string;
    list: string;
    ground: string;
    arisenOn: string;
    curable: boolean;
    detail: TText | null;
  }[];
  due: TDue[];
  history: TCreditHistoryEntry[];
  objections: {
    id: string;
    list: string;
    entryId: string;
    state: string;
    filedOn: string;
    acceptBy: string;
    acceptedOn: string | null;
    decideBy: string | null;
    decidedOn: string | null;
    statement: TText;
    answer: TText | null;
  }[];
  repairs: {
    id: string;
    list: string;
    entryId: string;
    state: string;
    appliedOn: string;
    dueOn: string;
    decidedOn: string | null;
    reason: TText | null;
  }[];
};

export type TCreditAction =
  | { type: 'verify'; groundKey: string }
  | { type: 'object'; list: 'abnormal' | 'serious'; statementZh: string; statementEn: string }
  | {
      type: 'decide_objection';
      objectionId: number;
      decision: 'accept' | 'not_accept' | 'uphold' | 'reject';
      textZh?: string;
      textEn?: string;
    }
  | { type: 'apply_repair'; list: 'abnormal' | 'serious' }
  | {
      type: 'decide_repair';
      repairId: number;
      decision: 'approve' | 'refuse';
      reasonZh?: string;
      reasonEn?: string;
    };

/** `GET /api/credit`: associations with a credit record. */
export function listCredit(query: {
  status?: TCreditStatus;
  page?: number;
  pageSize?: number;
}): Promise<TCreditListPage> {
  return apiRequest<TCreditListPage>('/api/credit', { query });
}

/** `GET /api/associations/:uscc/credit`. */
export function getAssociationCredit(uscc: string): Promise<TAssociationCredit> {
  return apiRequest<TAssociationCredit>(`/api/associations/${encodeURIComponent(uscc)}/credit`);
}

/** `POST /api/associations/:uscc/credit/actions`. */
export function actOnCredit(uscc: string, action: TCreditAction): Promise<TAssociationCredit> {
  return apiRequest<TAssociationCredit>(`/api/associations/${encodeURIComponent(uscc)}/credit/actions`, {
    method: 'POST',
    body: action,
  });
}
