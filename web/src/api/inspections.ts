import { apiRequest } from './http.ts';

export type TBilingual = { zh: string; en: string };
export type TDrawState = 'committed' | 'drawn' | 'published';
export type TInspectionOutcome = 'compliant' | 'rectification_ordered' | 'referred_for_penalty' | 'not_found';
export const INSPECTION_OUTCOMES: readonly TInspectionOutcome[] = [
  'compliant',
  'rectification_ordered',
  'referred_for_penalty',
  'not_found',
];

export type TDrawSummary = {
  id: string;
  kind: 'yearly' | 'irregular';
  year: number;
  category: string | null;
  jurisdiction: string;
  state: TDrawState;
  title: TBilingual;
  publishedOn: string;
  documentSha256: string;
  seedCommitment: string;
  frameSize: number;
  selected: number;
  results: number;
};

export type TDrawSelection = { stratum: string; rank: number; uscc: string; score: string; name: string };

export type TDrawResultRow = {
  uscc: string;
  name: string;
  inspectedOn: string;
  outcome: TInspectionOutcome;
  summaryZh: string;
  summaryEn: string;
  rectifyBy: string | null;
  inspectorCount: number;
};

export type TPublicDraw = Omit<TDrawSummary, 'frameSize' | 'selected' | 'results' | 'documentSha256'> & {
  pack: { id: string; version: string };
  published: { json: string; sha256: string };
  frame: { uscc: string; level: string; category: string | null; stratum: string }[];
  strata: {
    id: string;
    label: TBilingual;
    level: string | null;
    category: string | null;
    population: number;
  }[];
  quotas: { stratum: string; count: number }[];
  seed: string | null;
  drawnAt: string | null;
  selections: TDrawSelection[];
  results: TDrawResultRow[];
};

export type TAssignment = {
  drawId: string;
  drawState: TDrawState;
  drawTitle: TBilingual;
  year: number;
  uscc: string;
  associationName: string;
  inspector: { code: string; name: string };
  rank: number;
  pool: string;
  resultOutcome: TInspectionOutcome | null;
};

export type TStaffDraw = TPublicDraw & { assignments: TAssignment[] };

export type TInspector = {
  code: string;
  displayName: string;
  organCode: string;
  regionCode: string;
  username: string | null;
  active: boolean;
  priorPosts: string[];
  declaredConflicts: string[];
};

export type TCreateDraw = {
  kind: 'yearly' | 'irregular';
  year: number;
  jurisdiction?: string;
  category?: string;
  ratio?: number;
};

export type TResultInput = {
  uscc: string;
  inspectedOn: string;
  outcome: TInspectionOutcome;
  summaryZh: string;
  summaryEn: string;
  rectifyBy?: string | null;
};

const draw = (id: string) => `/api/inspections/draws/${encodeURIComponent(id)}`;

export const listDraws = () => apiRequest<{ items: TDrawSummary[] }>('/api/inspections/draws');
export const getDraw = (id: string) => apiRequest<TStaffDraw>(draw(id));
export const createDraw = (body: TCreateDraw) =>
  apiRequest<TStaffDraw>('/api/inspections/draws', { method: 'POST', body });
export const revealDraw = (id: string) => apiRequest<TStaffDraw>(`${draw(id)}/draw`, { method: 'POST' });
export const assignInspectors = (id: string) =>
  apiRequest<TStaffDraw>(`${draw(id)}/assignments`, { method: 'POST', body: {} });
export const recordResult = (id: string, body: TResultInput) =>
  apiRequest<TStaffDraw>(`${draw(id)}/results`, { method: 'POST', body });
export const publishDraw = (id: string) => apiRequest<TStaffDraw>(`${draw(id)}/publish`, { method: 'POST' });
export const listAssignments = () => apiRequest<{ items: TAssignment[] }>('/api/inspections/assignments');
export const listInspectors = () => apiRequest<{ items: TInspector[] }>('/api/inspections/inspectors');

/** Public, no login: every draw, and one draw with all that is needed to re-run it. */
export const listPublicDraws = () => apiRequest<{ items: TDrawSummary[] }>('/api/public/inspections/draws');
export const getPublicDraw = (id: string) =>
  apiRequest<TPublicDraw>(`/api/public/inspections/draws/${encodeURIComponent(id)}`);
