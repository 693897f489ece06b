import { apiRequest } from './http.ts';
import type { TRegion } from './types.ts';

/** `GET /api/regions`: provinces without a parent, otherwise the parent's direct children. */
export async function listRegions(parent?: string): Promise<TRegion[]> {
  const { items } = await apiRequest<{ items: TRegion[] }>('/api/regions', { query: { parent } });
  return items;
}
