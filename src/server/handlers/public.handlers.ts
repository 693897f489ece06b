import {
  findAssociationByUscc,
  listPublicLinks,
  searchAssociations,
} from '../../db/repositories/registry-read.repository.ts';
import type { TAppDeps } from '../env.ts';
import { AppError } from '../errors.ts';
import { presentPublicAssociation } from '../presenters.ts';
import type { THandlersOf } from './types.ts';

/**
 * The public portal's reads. They never touch persons or posts, and answer only with association
 * fields that the registration authority publishes anyway.
 */
export function createPublicHandlers(
  deps: TAppDeps,
): THandlersOf<'publicSearchAssociations' | 'publicGetAssociation'> {
  const { db } = deps;
  return {
    publicSearchAssociations: async (c) => {
      const query = c.req.valid('query');
      const { rows, total, totalIsEstimate } = await searchAssociations(db, {
        scope: { kind: 'all' },
        filters: { q: query.q, region: query.region, level: query.level, industry: query.industry },
        page: query.page,
        pageSize: query.pageSize,
      });
      return c.json(
        {
          items: rows.map(presentPublicAssociation),
          total,
          // Past a thousand matches `total` is an estimate, not a count.
          totalIsEstimate,
          page: query.page,
          pageSize: query.pageSize,
        },
        200,
      );
    },

    publicGetAssociation: async (c) => {
      const association = await findAssociationByUscc(db, c.req.valid('param').uscc);
      if (!association) throw new AppError('not_found', 'No association has this USCC');
      const links = await listPublicLinks(db, association.id);
      return c.json(
        {
          association: {
            ...presentPublicAssociation(association),
            address: association.address,
            registrar: association.registrar,
            foundedOn: association.foundedOn,
            registeredOn: association.registeredOn,
            memberCount: association.memberCount,
          },
          formerOrgans: links,
        },
        200,
      );
    },
  };
}
