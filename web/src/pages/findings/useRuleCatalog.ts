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

/** A finding's rule title: the one the server sent, else the catalog's, else none. */
export function ruleTitleOf(
  finding: { ruleId: string; title?: TBilingual },
  rules: ReadonlyMap<string, TRuleEntry>,
): TBilingual | undefined {
  return finding.title ?? rules.get(finding.ruleId)?.title;
}
