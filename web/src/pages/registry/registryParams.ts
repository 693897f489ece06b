import {
  ASSOCIATION_SORTS,
  ASSOCIATION_STATUSES,
  LEVELS,
  type TAssociationFilters,
  type TAssociationSort,
} from '../../api/types.ts';

export const PAGE_SIZES = [10, 20, 50, 100] as const;
const DEFAULT_PAGE_SIZE = 20;

/** Everything the registry list shows, as kept in the URL so that links and the back button work. */
export type TRegistryState = {
  filters: TAssociationFilters;
  page: number;
  pageSize: number;
  sort?: TAssociationSort;
};

const TEXT_FILTERS = ['q', 'uscc', 'region', 'organ', 'industry'] as const;

function oneOf<T extends string>(allowed: readonly T[], value: string | null): T | undefined {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

function positiveInt(value: string | null): number | undefined {
  if (value === null || !/^\d+$/.test(value)) return undefined;
  const number = Number(value);
  return number >= 1 ? number : undefined;
}

/**
 * Reads the list state from the URL. Unknown enum values, bad numbers and blank texts are dropped
 * rather than sent to the server, so a hand-edited URL still shows a list.
 */
export function parseRegistryParams(params: URLSearchParams): TRegistryState {
  const filters: TAssociationFilters = {};
  for (const key of TEXT_FILTERS) {
    const value = params.get(key)?.trim();
    if (value) filters[key] = value;
  }
  const level = oneOf(LEVELS, params.get('level'));
  if (level) filters.level = level;
  const status = oneOf(ASSOCIATION_STATUSES, params.get('status'));
  if (status) filters.status = status;
  const pageSize = positiveInt(params.get('pageSize'));
  return {
    filters,
    page: positiveInt(params.get('page')) ?? 1,
    pageSize: pageSize && (PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
    sort: oneOf(ASSOCIATION_SORTS, params.get('sort')),
  };
}

/** Writes the list state back as URL parameters, leaving defaults out to keep links short. */
export function registryParams(state: TRegistryState): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(state.filters)) {
    if (typeof value === 'string' && value.trim() !== '') params.set(key, value.trim());
  }
  if (state.sort) params.set('sort', state.sort);
  if (state.page > 1) params.set('page', String(state.page));
  if (state.pageSize !== DEFAULT_PAGE_SIZE) params.set('pageSize', String(state.pageSize));
  return params;
}

export type TSortColumn = 'name' | 'uscc' | 'registeredOn';
export type TSortOrder = 'ascend' | 'descend';

/**
 * Maps a table header click to the API's sort parameter. The API sorts USCC ascending only, so a
 * descending USCC request is dropped rather than silently shown ascending.
 */
export function sortParam(column: TSortColumn | undefined, order: TSortOrder | null | undefined) {
  if (!column || !order) return undefined;
  const wanted = order === 'descend' ? `-${column}` : column;
  return oneOf(ASSOCIATION_SORTS, wanted);
}

/** The table's sort indicator for a column, from the API's sort parameter. */
export function sortOrderOf(sort: TAssociationSort | undefined, column: TSortColumn): TSortOrder | null {
  if (sort === column) return 'ascend';
  if (sort === `-${column}`) return 'descend';
  return null;
}
