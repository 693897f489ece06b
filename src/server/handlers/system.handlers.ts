import { listCurrentRegions, type TRegion } from '../../core/ids/regions.ts';
import { listAuditEvents } from '../../db/repositories/audit-read.repository.ts';
import type { TAppDeps } from '../env.ts';
import type { THandlersOf } from './types.ts';

/** The regions one level below `parent`: provinces without one, a county has none below it. */
export function regionsBelow(parent: string | undefined): TRegion[] {
  if (!parent || parent === '100000') return listCurrentRegions('province');
  if (parent.endsWith('0000')) return listCurrentRegions('prefecture', parent);
  if (parent.endsWith('00')) return listCurrentRegions('county', parent);
  return [];
}

export function createSystemHandlers(
  deps: TAppDeps,
): THandlersOf<'health' | 'listRegions' | 'listAuditEvents'> {
  return {
    health: (c) => c.json({ status: 'ok' as const, database: deps.db.kind, version: deps.version }, 200),

    listRegions: (c) => c.json({ items: regionsBelow(c.req.valid('query').parent) }, 200),

    listAuditEvents: async (c) => {
      const query = c.req.valid('query');
      const { rows, total } = await listAuditEvents(deps.db, { page: query.page, pageSize: query.pageSize });
      return c.json({ items: rows, total, page: query.page, pageSize: query.pageSize }, 200);
    },
  };
}
