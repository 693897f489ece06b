import { LEVELS, type TPublicAssociationQuery } from '../../api/types.ts';

export const PUBLIC_PAGE_SIZE = 20;

/** The public search as kept in the URL (`/public?q=…&region=…&level=…&page=…`). */
export function parsePublicParams(params: URLSearchParams): TPublicAssociationQuery & { page: number } {
  const query: TPublicAssociationQuery & { page: number } = { page: 1 };
  const q = params.get('q')?.trim();
  if (q) query.q = q;
  const region = params.get('region');
  if (region && /^\d{6}$/.test(region)) query.region = region;
  const level = params.get('level');
  const known = LEVELS.find((item) => item === level);
  if (known) query.level = known;
  const page = Number(params.get('page'));
  if (Number.isInteger(page) && page > 1) query.page = page;
  return query;
}

/** Writes the public search back as URL parameters, defaults left out. */
export function publicParams(query: TPublicAssociationQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  if (query.region) params.set('region', query.region);
  if (query.level) params.set('level', query.level);
  if (query.page && query.page > 1) params.set('page', String(query.page));
  return params;
}
