import { apiRequest } from './http.ts';
import type { TIdentifierResponse } from './types.ts';

export type TRevealIdentifierOptions = { personId: number; reason: string };

/** `GET /api/persons/:id/identifier`: the full resident ID; the server audits who asked and why. */
export function revealIdentifier({
  personId,
  reason,
}: TRevealIdentifierOptions): Promise<TIdentifierResponse> {
  return apiRequest<TIdentifierResponse>(`/api/persons/${personId}/identifier`, { query: { reason } });
}
