import { describeCatalog } from '../../core/policy/catalog.ts';
import type { TAppDeps } from '../env.ts';
import type { THandlersOf } from './types.ts';

export function createRulesHandlers(_deps: TAppDeps): THandlersOf<'listRules'> {
  // The catalog is code and data shipped with the product: it is described once.
  const items = describeCatalog().map((rule) => ({
    id: rule.id as string,
    family: rule.family as string,
    severity: rule.severity,
    title: rule.title,
    clause: rule.clause,
    appliesTo: rule.appliesTo,
    decisions: [...rule.decisions],
    example: rule.example,
    packs: rule.packs.map((pack) => ({ ...pack, parameters: { ...pack.parameters } })),
  }));
  return {
    listRules: async (c) => c.json({ items }, 200),
  };
}
