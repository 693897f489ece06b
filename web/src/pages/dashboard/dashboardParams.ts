import {
  CASE_STAGES,
  CASE_STATES,
  DASHBOARD_AGGREGATES,
  type TDashboardAggregate,
  type TDashboardFilter,
  type TDashboardSegment,
  TREND_SERIES,
} from '../../api/dashboard.ts';
import { LEVELS } from '../../api/types.ts';

/** The dashboard as kept in the URL: the filter bar and the segment drilled into, so a link shows the same. */
export type TDashboardState = {
  filter: TDashboardFilter;
  drill?: { aggregate: TDashboardAggregate; segment: TDashboardSegment; page: number };
};

const FILTER_TEXTS = ['jurisdiction', 'batch', 'organ', 'from', 'to'] as const;
const SEGMENT_TEXTS = ['province', 'segmentOrgan', 'reason', 'month', 'family', 'severity', 'batch'] as const;
/** Segment parameters carry a prefix in the page URL so they never mix with the filter's. */
const PREFIX = 's.';

function oneOf<T extends string>(allowed: readonly T[], value: string | null | undefined): T | undefined {
  return value != null && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** Reads the state from the URL; unknown values are dropped rather than sent to the server. */
export function parseDashboardParams(params: URLSearchParams): TDashboardState {
  const filter: TDashboardFilter = {};
  for (const key of FILTER_TEXTS) {
    const value = params.get(key)?.trim();
    if (value) filter[key] = value;
  }
  const level = oneOf(LEVELS, params.get('level'));
  if (level) filter.level = level;
  const state: TDashboardState = { filter };
  const aggregate = oneOf(DASHBOARD_AGGREGATES, params.get('drill'));
  if (aggregate) {
    const segment: TDashboardSegment = {};
    for (const key of SEGMENT_TEXTS) {
      const value = params.get(`${PREFIX}${key}`)?.trim();
      if (value) segment[key] = value;
    }
    const segmentLevel = oneOf(LEVELS, params.get(`${PREFIX}level`));
    if (segmentLevel) segment.level = segmentLevel;
    const caseState = oneOf(CASE_STATES, params.get(`${PREFIX}state`));
    if (caseState) segment.state = caseState;
    const stage = oneOf(CASE_STAGES, params.get(`${PREFIX}stage`));
    if (stage) segment.stage = stage;
    const series = oneOf(TREND_SERIES, params.get(`${PREFIX}series`));
    if (series) segment.series = series;
    const rule = oneOf(['CASE-1', 'CASE-2'] as const, params.get(`${PREFIX}rule`));
    if (rule) segment.rule = rule;
    const page = Number(params.get('page'));
    state.drill = { aggregate, segment, page: Number.isSafeInteger(page) && page >= 1 ? page : 1 };
  }
  return state;
}

/** Writes the state back as URL parameters. */
export function dashboardParams(state: TDashboardState): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(state.filter)) if (value) params.set(key, value);
  if (state.drill) {
    params.set('drill', state.drill.aggregate);
    for (const [key, value] of Object.entries(state.drill.segment))
      if (value) params.set(`${PREFIX}${key}`, value);
    if (state.drill.page > 1) params.set('page', String(state.drill.page));
  }
  return params;
}
