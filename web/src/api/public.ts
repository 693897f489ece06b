import { apiRequest } from './http.ts';
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
