/**
 * The rule catalog: every rule of the policy catalog with its metadata, in catalog order, and a
 * description per pack (parameter values, whether the rule is active) for the web page and the API.
 */

import { CASE_RULES } from './case.ts';
import { CRED_RULES } from './cred.ts';
import { FEE_RULES } from './fee.ts';
import { FIN_RULES } from './fin.ts';
import { FUNC_RULES } from './func.ts';
import { INST_RULES } from './inst.ts';
import { BUILT_IN_PACKS, parameterValue, type TResolvedPack } from './packs.ts';
import { PARTY_RULES } from './party.ts';
import { PERS_RULES } from './pers.ts';
import { SCOPE_RULES } from './scope.ts';
import {
  RULE_IDS,
  type TRuleDefinition,
  type TRuleFamily,
  type TRuleId,
  type TSeverity,
  type TTemplate,
} from './types.ts';

const ALL: readonly TRuleDefinition[] = [
  ...SCOPE_RULES,
  ...INST_RULES,
  ...FUNC_RULES,
  ...FIN_RULES,
  ...PERS_RULES,
  ...PARTY_RULES,
  ...FEE_RULES,
  ...CRED_RULES,
  ...CASE_RULES,
];

/** Every rule, in catalog order (CASE-3 last: it reads the findings of the others). */
export const RULES: readonly TRuleDefinition[] = RULE_IDS.map((id) => {
  const rule = ALL.find((r) => r.id === id);
  if (!rule) throw new Error(`Rule ${id} has no implementation`);
  return rule;
});

export const RULES_BY_ID: ReadonlyMap<TRuleId, TRuleDefinition> = new Map(
  RULES.map((rule) => [rule.id, rule]),
);

export type TCatalogEntry = {
  id: TRuleId;
  family: TRuleFamily;
  severity: TSeverity;
  title: TTemplate;
  clause: string;
  appliesTo: TRuleDefinition['appliesTo'];
  templates: Readonly<Record<string, TTemplate>>;
  decisions: readonly TTemplate[];
  example: TTemplate;
  /** Per pack: whether the rule is active and the values of the parameters it reads. */
  packs: readonly { packId: string; version: string; active: boolean; parameters: Record<string, unknown> }[];
};

export type DescribeCatalogOptions = { packs?: ReadonlyMap<string, TResolvedPack> };

/** The catalog as plain data (no functions), ready to serialise. */
export function describeCatalog({ packs = BUILT_IN_PACKS }: DescribeCatalogOptions = {}): TCatalogEntry[] {
  return RULES.map((rule) => ({
    id: rule.id,
    family: rule.family,
    severity: rule.severity,
    title: rule.title,
    clause: rule.clause,
    appliesTo: rule.appliesTo,
    templates: rule.templates,
    decisions: rule.decisions,
    example: rule.example,
    packs: [...packs.values()].map((pack) => ({
      packId: pack.id,
      version: pack.version,
      active: pack.rules[rule.id],
      parameters: Object.fromEntries(
        rule.parameters.map((path) => [path, parameterValue(pack.parameters, path)]),
      ),
    })),
  }));
}
