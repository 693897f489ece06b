import {
  FINDING_SORT_KEYS,
  FINDING_STATUSES,
  RULE_FAMILIES,
  SEVERITIES,
  type TFindingFilters,
  type TFindingSort,
  type TFindingSortKey,
} from '../../api/types.ts';

export const PAGE_SIZES = [10, 20, 50, 100] as const;
const DEFAULT_PAGE_SIZE = 20;

/** Everything the findings list shows, as kept in the URL so that links and the back button work. */
export type TFindingsState = {
  filters: TFindingFilters;
  page: number;
  pageSize: number;
  /** The column the list is sorted by; absent, the server's order (association, then rule). */
  sort?: TFindingSort;
  /** The finding open in the drawer, so a link can point at one finding inside its list. */
  open?: number;
};

const TEXT_FILTERS = ['rule', 'organ', 'region', 'association'] as const;
const RULE_ID = /^[A-Z]+-\d+$/;

function oneOf<T extends string>(allowed: readonly T[], value: string | null): T | undefined {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

function positiveInt(value: string | null): number | undefined {
  if (value === null || !/^\d+$/.test(value)) return undefined;
  const number = Number(value);
  return number >= 1 && Number.isSafeInteger(number) ? number : undefined;
}

/**
 * Reads the list state from the URL. Unknown enum values, bad numbers and blank texts are dropped
 * rather than sent to the server, so a hand-edited URL still shows a list. Rule ids are upper-cased
 * (`pers-5` → `PERS-5`) and dropped when they do not look like one.
 */
export function parseFindingsParams(params: URLSearchParams): TFindingsState {
  const filters: TFindingFilters = {};
  for (const key of TEXT_FILTERS) {
    const value = params.get(key)?.trim();
    if (value) filters[key] = value;
  }
  if (filters.rule !== undefined) {
    const rule = filters.rule.toUpperCase();
    if (RULE_ID.test(rule)) filters.rule = rule;
    else delete filters.rule;
  }
  const family = oneOf(RULE_FAMILIES, params.get('family'));
  if (family) filters.family = family;
  const severity = oneOf(SEVERITIES, params.get('severity'));
  if (severity) filters.severity = severity;
  const status = oneOf(FINDING_STATUSES, params.get('status'));
  if (status) filters.status = status;
  if (params.get('includeResolved') === 'true') filters.includeResolved = true;
  const pageSize = positiveInt(params.get('pageSize'));
  const state: TFindingsState = {
    filters,
    page: positiveInt(params.get('page')) ?? 1,
    pageSize: pageSize && (PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
  };
  const sort = params.get('sort');
  if (sort !== null && (FINDING_SORT_KEYS as readonly string[]).includes(sort.replace(/^-/, '')))
    state.sort = sort as TFindingSort;
  const open = positiveInt(params.get('open'));
  if (open !== undefined) state.open = open;
  return state;
}

/** Writes the list state back as URL parameters, leaving defaults out to keep links short. */
export function findingsParams(state: TFindingsState): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(state.filters)) {
    if (typeof value === 'string' && value.trim() !== '') params.set(key, value.trim());
  }
  if (state.filters.includeResolved) params.set('includeResolved', 'true');
  if (state.page > 1) params.set('page', String(state.page));
  if (state.pageSize !== DEFAULT_PAGE_SIZE) params.set('pageSize', String(state.pageSize));
  if (state.sort !== undefined) params.set('sort', state.sort);
  if (state.open !== undefined) params.set('open', String(state.open));
  return params;
}

/**
 * The filters after choosing a rule family: a chosen rule of another family is dropped, since it
 * would leave the list empty for no visible reason.
 */
export function withFamily(
  filters: TFindingFilters,
  family: TFindingFilters['family'] | undefined,
): TFindingFilters {
  const next: TFindingFilters = { ...filters, family };
  if (family && filters.rule && !filters.rule.startsWith(`${family}-`)) next.rule = undefined;
  return next;
}

/** The sort key of each sortable column. */
export const SORT_KEY_OF_COLUMN: Readonly<Record<string, TFindingSortKey>> = {
  rule: 'rule',
  severity: 'severity',
  association: 'association',
  status: 'status',
  firstSeen: 'openedOn',
};

/** The API sort of a clicked header: ascend → `key`, descend → `-key`, cleared → none. */
export function sortOfHeader(
  columnKey: unknown,
  order: 'ascend' | 'descend' | null | undefined,
): TFindingSort | undefined {
  const key = typeof columnKey === 'string' ? SORT_KEY_OF_COLUMN[columnKey] : undefined;
  if (!key || !order) return undefined;
  return order === 'descend' ? `-${key}` : key;
}
