import { appendAuditEvent } from '../../db/repositories/audit.repository.ts';
import {
  findAssociationByUscc,
  findOrganByCode,
  findPersonCipher,
  listAssociationLinks,
  listAssociationPosts,
  listOrganAssociations,
  listOrganChildren,
  searchAssociations,
  searchOrgans,
  streamAssociations,
  summarizeAssociations,
  type TAssociationFilters,
} from '../../db/repositories/registry-read.repository.ts';
import type { TAppDeps } from '../env.ts';
import { AppError } from '../errors.ts';
import { associationExportResponse } from '../export.ts';
import {
  presentAssociationDetail,
  presentAssociationSummary,
  presentLink,
  presentOrganSummary,
  presentPost,
  regionLabel,
} from '../presenters.ts';
import { auditActorOf, registryScopeOf } from '../principal.ts';
import type { THandlersOf } from './types.ts';

type TFilterQuery = TAssociationFilters & Record<string, unknown>;

function filtersOf(query: TFilterQuery): TAssociationFilters {
  return {
    q: query.q,
    uscc: query.uscc,
    region: query.region,
    level: query.level,
    organ: query.organ,
    status: query.status,
    industry: query.industry,
  };
}

/** Filters actually given, for the audit record of an export. */
function givenFilters(filters: TAssociationFilters): Record<string, string> {
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined && v !== ''));
}

export function createRegistryHandlers(
  deps: TAppDeps,
): THandlersOf<
  | 'searchAssociations'
  | 'registrySummary'
  | 'exportAssociations'
  | 'getAssociation'
  | 'discloseIdentifier'
  | 'searchOrgans'
  | 'getOrgan'
> {
  const { db } = deps;
  return {
    searchAssociations: async (c) => {
      const query = c.req.valid('query');
      const { rows, total, totalIsEstimate } = await searchAssociations(db, {
        scope: registryScopeOf(c.get('principal')!),
        filters: filtersOf(query),
        sort: query.sort,
        page: query.page,
        pageSize: query.pageSize,
      });
      return c.json(
        {
          items: rows.map(presentAssociationSummary),
          total,
          // Past a thousand matches `total` is an estimate, not a count.
          totalIsEstimate,
          page: query.page,
          pageSize: query.pageSize,
        },
        200,
      );
    },

    registrySummary: async (c) =>
      c.json(await summarizeAssociations(db, registryScopeOf(c.get('principal')!)), 200),

    exportAssociations: async (c) => {
      const query = c.req.valid('query');
      const principal = c.get('principal')!;
      const filters = filtersOf(query);
      // Bulk copies of the registry leave the system here, so who took which slice is on record.
      await db.transaction((tx) =>
        appendAuditEvent(tx, {
          actor: auditActorOf(principal),
          action: 'association.export',
          entity: 'association',
          detail: { format: query.format, filters: givenFilters(filters) },
        }),
      );
      return associationExportResponse({
        batches: streamAssociations(db, { scope: registryScopeOf(principal), filters, sort: query.sort }),
        format: query.format,
        fileStem: `associations-${deps.now().toISOString().slice(0, 10)}`,
      });
    },

    getAssociation: async (c) => {
      const association = await findAssociationByUscc(db, c.req.valid('param').uscc);
      if (!association) throw new AppError('not_found', 'No association has this USCC');
      const [links, posts] = [
        await listAssociationLinks(db, association.id),
        await listAssociationPosts(db, association.id),
      ];
      return c.json(
        {
          association: presentAssociationDetail(association),
          links: links.map(presentLink),
          posts: posts.map(presentPost),
        },
        200,
      );
    },

    discloseIdentifier: async (c) => {
      const { id } = c.req.valid('param');
      const { reason } = c.req.valid('query');
      const principal = c.get('principal')!;
      const person = await findPersonCipher(db, id);
      if (!person) throw new AppError('not_found', 'No person has this id');
      if (!person.idCipher) throw new AppError('not_found', 'No resident ID is on record for this person');
      const residentId = deps.protector.decrypt(person.idCipher);
      await db.transaction((tx) =>
        appendAuditEvent(tx, {
          actor: auditActorOf(principal),
          action: 'person.identifier.disclose',
          entity: 'person',
          entityId: person.id,
          detail: { reason },
        }),
      );
      return c.json({ residentId }, 200);
    },

    searchOrgans: async (c) => {
      const query = c.req.valid('query');
      const { rows, total } = await searchOrgans(db, {
        scope: registryScopeOf(c.get('principal')!),
        q: query.q,
        page: query.page,
        pageSize: query.pageSize,
      });
      return c.json(
        { items: rows.map(presentOrganSummary), total, page: query.page, pageSize: query.pageSize },
        200,
      );
    },

    getOrgan: async (c) => {
      const organ = await findOrganByCode(db, c.req.valid('param').code);
      if (!organ) throw new AppError('not_found', 'No organ has this code');
      const children = await listOrganChildren(db, organ.id);
      const associations = await listOrganAssociations(db, {
        organId: organ.id,
        scope: registryScopeOf(c.get('principal')!),
      });
      return c.json(
        {
          organ: {
            code: organ.code,
            name: organ.name,
            shortName: organ.shortName,
            kind: organ.kind,
            isAdministrative: organ.isAdministrative,
            level: organ.level,
            regionCode: organ.regionCode,
            regionName: regionLabel(organ.regionCode),
            parent: organ.parentCode ? { code: organ.parentCode, name: organ.parentName ?? '' } : null,
            address: organ.address,
            phone: organ.phone,
          },
          children: children.map(presentOrganSummary),
          associations: associations.map(presentAssociationSummary),
        },
        200,
      );
    },
  };
}
