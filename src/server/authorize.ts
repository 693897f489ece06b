import type { MiddlewareHandler } from 'hono';
import {
  findAssociationByUscc,
  findOrganByCode,
  findPersonCipher,
  isAssociationInScope,
  isOrganInScope,
  isPersonInScope,
} from '../db/repositories/registry-read.repository.ts';
import type { TAppDeps, TAppEnv } from './env.ts';
import { AppError } from './errors.ts';
import { assertUnreachable, registryScopeOf, type TPrincipal } from './principal.ts';
import type { TRouteDefinition, TScopeCheck } from './routes.ts';

/**
 * The authorization step of every route, driven by the route's declaration in the route table:
 * 401 without a session, 403 `forbidden` for a role the route does not admit, 404 for an entity that
 * does not exist, 403 `outside_scope` for one outside the caller's jurisdiction. Malformed parameters
 * pass through so the validator after it can answer 400 with the reason.
 */
export function authorize(definition: TRouteDefinition, deps: TAppDeps): MiddlewareHandler<TAppEnv> {
  const { access, route } = definition;
  return async (c, next) => {
    switch (access.kind) {
      case 'public':
        return next();
      case 'session':
        requirePrincipal(c.get('principal'));
        return next();
      case 'roles': {
        const principal = requirePrincipal(c.get('principal'));
        if (!access.roles.includes(principal.role)) {
          throw new AppError(
            'forbidden',
            `The role ${principal.role} may not use ${route.method.toUpperCase()} ${route.path}`,
          );
        }
        const params = route.request?.params?.safeParse(c.req.param());
        if (params && !params.success) return next();
        await checkScope(access.scope, (params?.data ?? {}) as Record<string, unknown>, principal, deps);
        return next();
      }
      default:
        return assertUnreachable(access);
    }
  };
}

function requirePrincipal(principal: TPrincipal | null): TPrincipal {
  if (!principal) throw new AppError('unauthenticated', 'Log in first');
  return principal;
}

async function checkScope(
  check: TScopeCheck,
  params: Record<string, unknown>,
  principal: TPrincipal,
  deps: TAppDeps,
): Promise<void> {
  const scope = registryScopeOf(principal);
  switch (check.kind) {
    case 'global':
    case 'filtered':
      return;
    case 'association': {
      const association = await findAssociationByUscc(deps.db, String(params[check.param]));
      if (!association) throw new AppError('not_found', 'No association has this USCC');
      if (!(await isAssociationInScope(deps.db, { associationId: association.id, scope }))) {
        throw new AppError('outside_scope', 'This association is outside your jurisdiction');
      }
      return;
    }
    case 'organ': {
      const organ = await findOrganByCode(deps.db, String(params[check.param]));
      if (!organ) throw new AppError('not_found', 'No organ has this code');
      if (!(await isOrganInScope(deps.db, { organId: organ.id, scope }))) {
        throw new AppError('outside_scope', 'This organ is outside your jurisdiction');
      }
      return;
    }
    case 'person': {
      const person = await findPersonCipher(deps.db, Number(params[check.param]));
      if (!person) throw new AppError('not_found', 'No person has this id');
      if (!(await isPersonInScope(deps.db, { personId: person.id, scope }))) {
        throw new AppError('outside_scope', 'This person holds no post inside your jurisdiction');
      }
      return;
    }
    default:
      return assertUnreachable(check);
  }
}
