import { apiRequest } from './http.ts';
import type { TPage } from './types.ts';

export type TMatchRunState = 'queued' | 'running' | 'completed' | 'failed';

export type TMatchRun = {
  id: number;
  startedBy: string;
  startedAt: string;
  finishedAt: string | null;
  asOf: string | null;
  state: TMatchRunState;
  phase: 'indexing' | 'matching' | 'storing' | null;
  rosterRecords: number;
  postsTotal: number;
  postsDone: number;
  matches: number;
  possibles: number;
  confirmedApplied: number;
  rejectedApplied: number;
  error: string | null;
};

export type TMatchReason = { field: string; outcome: string; weight: number };
export type TReviewDecision = 'confirm' | 'reject';

export type TMatchQueueItem = {
  resultId: number;
  runId: number;
  decision: 'match' | 'possible';
  probability: number;
  score: number;
  byReview: boolean;
  candidates: number;
  reasons: TMatchReason[];
  post: {
    id: number;
    role: string;
    startedOn: string;
    associationUscc: string;
    associationName: string;
    regionCode: string;
    personName: string;
    idMasked: string | null;
    sex: string | null;
    birthDate: string | null;
  };
  record: {
    id: number;
    source: string;
    recordKey: string;
    name: string;
    idMasked: string | null;
    sex: string | null;
    birthDate: string | null;
    status: string;
    rank: string;
    retiredOn: string | null;
    organName: string | null;
  };
  review: { id: number; decision: TReviewDecision; reason: string; reviewer: string; at: string } | null;
};

export type TQueueState = 'pending' | 'decided';

/** `GET /api/match-runs`: matching runs, newest first. */
export function listMatchRuns(query: { page?: number; pageSize?: number }): Promise<TPage<TMatchRun>> {
  return apiRequest<TPage<TMatchRun>>('/api/match-runs', { query });
}

/** `GET /api/match-runs/{id}`: one run with its progress. */
export function getMatchRun(id: number): Promise<TMatchRun> {
  return apiRequest<TMatchRun>(`/api/match-runs/${id}`);
}

/** `POST /api/match-runs`: starts a run over the caller's jurisdiction in the background (202). */
export function startMatchRun(): Promise<TMatchRun> {
  return apiRequest<TMatchRun>('/api/match-runs', { method: 'POST', body: {} });
}

/** `GET /api/match-reviews`: the review queue (pending) or the decisions in force (decided). */
export function listMatchQueue(query: {
  state: TQueueState;
  page?: number;
  pageSize?: number;
}): Promise<TPage<TMatchQueueItem>> {
  return apiRequest<TPage<TMatchQueueItem>>('/api/match-reviews', { query });
}

/** `POST /api/match-results/{id}/review`: confirms or rejects a possible match, with a reason. */
export function decideMatch(resultId: number, body: { decision: TReviewDecision; reason: string }) {
  return apiRequest<TMatchQueueItem>(`/api/match-results/${resultId}/review`, { method: 'POST', body });
}

/** `POST /api/match-reviews/{id}/undo`: withdraws a decision, with a reason. */
export function undoMatchReview(reviewId: number, reason: string) {
  return apiRequest<{ reviewId: number; resultId: number | null }>(`/api/match-reviews/${reviewId}/undo`, {
    method: 'POST',
    body: { reason },
  });
}
