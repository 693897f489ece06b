import { apiRequest } from './http.ts';
import type { TText } from './public.ts';

export type TComplaintState = 'received' | 'assigned' | 'investigating' | 'resolved' | 'dismissed';
export type TComplaintFamily = 'FEE' | 'PERS' | 'FUNC';

export type TComplaint = {
  id: number;
  trackingCode: string;
  association: { uscc: string; name: string; regionCode: string };
  receivedOn: string;
  topic: string | null;
  text: string;
  compulsory: boolean | null;
  family: TComplaintFamily | null;
  feeRule: string | null;
  feeItem: { id: string; name: string } | null;
  classification: {
    primary: TComplaintFamily | null;
    needsTriage: boolean;
    families: { family: TComplaintFamily; score: number; cues: string[] }[];
    feeRuleCues: string[];
  };
  state: TComplaintState;
  assignee: string | null;
  assignBy: string;
  resolveBy: string;
  closedOn: string | null;
  outcome: TText | null;
  dismissalReason: TText | null;
  timeliness: 'on_time' | 'assignment_overdue' | 'resolution_overdue';
  hasContact: boolean;
};

export type TComplaintDetail = TComplaint & {
  events: {
    on: string;
    at: string;
    action: string;
    fromState: string | null;
    toState: string;
    actor: string;
    note: string | null;
  }[];
};

export type TComplaintAction =
  | { type: 'assign'; assignee: string }
  | { type: 'start' }
  | { type: 'resolve'; outcomeZh: string; outcomeEn?: string }
  | { type: 'dismiss'; reasonZh: string; reasonEn?: string }
  | { type: 'reclassify'; family: TComplaintFamily; feeRule?: string | null }
  | { type: 'set_deadline'; resolveBy: string };

export type TComplaintPage = { items: TComplaint[]; total: number; page: number; pageSize: number };

/** `GET /api/complaints`: the inbox. */
export function listComplaints(query: {
  state?: TComplaintState;
  family?: TComplaintFamily;
  open?: boolean;
  page?: number;
  pageSize?: number;
}): Promise<TComplaintPage> {
  return apiRequest<TComplaintPage>('/api/complaints', { query });
}

/** `GET /api/complaints/:id`. */
export function getComplaint(id: number): Promise<TComplaintDetail> {
  return apiRequest<TComplaintDetail>(`/api/complaints/${id}`);
}

/** `POST /api/complaints/:id/actions`. */
export function actOnComplaint(id: number, action: TComplaintAction): Promise<TComplaintDetail> {
  return apiRequest<TComplaintDetail>(`/api/complaints/${id}/actions`, { method: 'POST', body: action });
}
