import type { TRegistryScope } from '../db/repositories/registry-read.repository.ts';
import type { TSessionRow } from '../db/repositories/users.repository.ts';

/** The logged-in caller of a request, as the session middleware found it. */
export type TPrincipal = TSessionRow & { tokenHash: string };

/**
 * The part of the registry a caller may see. Regulators and inspectors: their region ('100000' is
 * the whole country); organ staff: the associations ever linked to their organ or a unit below it;
 * association staff: their own association; auditors and admins: everything.
 */
export function registryScopeOf(principal: TPrincipal): TRegistryScope {
  switch (principal.role) {
    case 'regulator':
    case 'inspector':
      return principal.scopeRegion && principal.scopeRegion !== '100000'
        ? { kind: 'region', regionCode: principal.scopeRegion }
        : { kind: 'all' };
    case 'organ':
      return { kind: 'organ', organId: principal.scopeOrganId! };
    case 'association':
      return { kind: 'association', associationId: principal.scopeAssociationId! };
    case 'auditor':
    case 'admin':
      return { kind: 'all' };
    default:
      return assertUnreachable(principal.role);
  }
}

/** Makes a `switch` over a union fail to compile when a member is not handled. */
export function assertUnreachable(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}

/** How a principal is named in audit events: the account, never the person behind it. */
export function auditActorOf(principal: TPrincipal): { id: number; label: string } {
  return { id: principal.id, label: principal.username };
}
