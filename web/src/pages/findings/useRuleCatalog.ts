import { useQuery } from '@tanstack/react-query';
import { listRules } from '../../api/rules.ts';
import type { TBilingual, TRuleEntry } from '../../api/types.ts';

/** The rule catalog, asked once per session: it changes only with a new release of the rules. */
export function useRuleCatalog() {
  return useQuery({ queryKey: ['rules'], queryFn: listRules, staleTime: Number.POSITIVE_INFINITY });
}

/** The rules by id, for looking up titles and clauses beside findings. */
export function rulesById(rules: readonly TRuleEntry[] | undefined): ReadonlyMap<string, TRuleEntry> {
  return new Map((rules ?? []).map((rule) => [rule.id, rule]));
}

/** A rule's title from the catalog, or none while the catalog loads (the id is shown either way). */
export function ruleTitleOf(ruleId: string, rules: ReadonlyMap<string, TRuleEntry>): TBilingual | undefined {
  return rules.get(ruleId)?.title;
}
