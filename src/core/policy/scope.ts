/** SCOPE — is this association in the decoupling scope? */

import type { TAssociationFact } from './facts.ts';
import type { TPolicyParameters } from './packs.ts';
import type { TRuleDefinition, TScopeReason, TScopeResult } from './types.ts';

const CLAUSE_SCOPE = '《行业协会商会与行政机关脱钩总体方案》（2015）第二部分；发改体改〔2019〕1063号';

export type DecideScopeOptions = {
  association: TAssociationFact;
  params: TPolicyParameters;
};

function endsWithAny(name: string, suffixes: readonly string[]): string | null {
  let best: string | null = null;
  for (const suffix of suffixes) {
    if (name.endsWith(suffix) && (best === null || suffix.length > best.length)) best = suffix;
  }
  return best;
}

/** The association's name without spaces and a trailing bracketed note such as （筹）. */
function scopeName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/\([^()]*\)$/, '');
}

/**
 * SCOPE-1: in scope when the members are of one economic activity or one area's economic
 * organisations, the name ends with an industry-association suffix, and it is a social group
 * registered with civil affairs. A recorded manual decision or a central exemption decides first.
 */
export function decideScope({ association, params }: DecideScopeOptions): TScopeResult {
  const decision = association.scopeDecision;
  if (decision) {
    const zhKind = decision.kind === 'central_exemption' ? '中央批准豁免' : '人工认定';
    const enKind = decision.kind === 'central_exemption' ? 'central exemption' : 'manual decision';
    const outcome = decision.kind === 'central_exemption' ? 'out' : decision.outcome;
    return {
      outcome,
      reasons: [
        {
          code: decision.kind,
          zh: `${zhKind}（${decision.ref}，${decision.decidedOn}）：${outcome === 'in' ? '纳入' : '不纳入'}脱钩范围`,
          en: `${enKind} (${decision.ref}, ${decision.decidedOn}): ${outcome === 'in' ? 'in' : 'out of'} scope`,
        },
      ],
    };
  }
  const reasons: TScopeReason[] = [];
  const name = scopeName(association.name);
  const civilAffairsSocialGroup =
    association.registrationCategory === 'social_group' && association.uscc.startsWith('51');
  if (!civilAffairsSocialGroup) {
    reasons.push({
      code: 'not_social_group',
      zh: `非民政登记的社会团体法人（登记类别 ${association.registrationCategory}，代码 ${association.uscc.slice(0, 2)}）`,
      en: `not a social-group legal person registered with civil affairs (category ${association.registrationCategory}, code ${association.uscc.slice(0, 2)})`,
    });
    return { outcome: 'out', reasons };
  }
  const excluded = endsWithAny(name, params.scope.excludedSuffixes);
  if (excluded) {
    reasons.push({
      code: 'excluded_suffix',
      zh: `名称以“${excluded}”结尾，属学术类、专业类或联合类社团`,
      en: `name ends with "${excluded}": an academic, professional or federative group`,
    });
    return { outcome: 'out', reasons };
  }
  const basis = association.membershipBasis;
  if (basis === 'academic' || basis === 'professional' || basis === 'federative') {
    reasons.push({
      code: 'membership_basis',
      zh: `会员构成为${basis === 'academic' ? '学术' : basis === 'professional' ? '专业' : '联合'}类`,
      en: `members form a ${basis} group`,
    });
    return { outcome: 'out', reasons };
  }
  let undecided = false;
  const included = endsWithAny(name, params.scope.includedSuffixes);
  if (included) {
    reasons.push({ code: 'suffix', zh: `名称以“${included}”结尾`, en: `name ends with "${included}"` });
  } else {
    undecided = true;
    reasons.push({
      code: 'unknown_suffix',
      zh: '名称后缀不在行业协会商会后缀清单内，需人工认定',
      en: 'name suffix is not on the list of industry-association suffixes; needs a decision',
    });
  }
  if (basis === 'same_industry' || basis === 'area_economic') {
    reasons.push({
      code: 'membership_basis',
      zh: basis === 'same_industry' ? '会员为同一行业的单位或从业者' : '会员为同一地域的经济组织',
      en:
        basis === 'same_industry'
          ? 'members are units or practitioners of one economic activity'
          : 'members are economic organisations of one area',
    });
  } else {
    undecided = true;
    reasons.push({
      code: 'membership_unknown',
      zh: '会员构成未记录或不明，需人工认定',
      en: 'membership basis not recorded or unclear; needs a decision',
    });
  }
  reasons.push({
    code: 'social_group',
    zh: '民政登记的社会团体法人',
    en: 'social-group legal person registered with civil affairs',
  });
  return { outcome: undecided ? 'needs_decision' : 'in', reasons };
}

export const SCOPE_RULES: readonly TRuleDefinition[] = [
  {
    id: 'SCOPE-1',
    family: 'SCOPE',
    severity: 'info',
    title: { zh: '是否属于脱钩范围', en: 'In the decoupling scope?' },
    clause: CLAUSE_SCOPE,
    parameters: ['scope.includedSuffixes', 'scope.excludedSuffixes', 'scope.undecidedCountsAsInScope'],
    appliesTo: 'all_social_groups',
    templates: {
      default: {
        zh: '{name} 是否属于脱钩范围需人工认定：{reasonsZh}',
        en: 'Whether {name} is in the decoupling scope needs a decision: {reasonsEn}',
      },
    },
    decisions: [
      {
        zh: '先查排除后缀（如“科学技术协会”以“协会”结尾但属联合类），再查纳入后缀；人工认定与中央批准豁免优先于名称判断。',
        en: 'Excluded suffixes are checked before included ones (科学技术协会 ends with 协会 but is federative); a recorded decision or central exemption overrides the name test.',
      },
      {
        zh: '名称后缀或会员构成不明时结论为“需认定”，并以 info 级发现提示；参数决定规则是否按范围内处理。',
        en: 'An unknown suffix or membership basis gives "needs decision", raised as an info finding; a parameter says whether rules treat it as in scope.',
      },
    ],
    example: {
      zh: '“某市软件行业研究会”以“研究会”结尾，不属于脱钩范围。',
      en: 'A "software industry research society" (研究会) is out of scope.',
    },
    check(context) {
      if (context.scope.outcome !== 'needs_decision') return [];
      return [
        {
          subject: { type: 'association', id: context.facts.association.uscc },
          facts: {
            name: context.facts.association.name,
            reasonsZh: context.scope.reasons.map((r) => r.zh).join('；'),
            reasonsEn: context.scope.reasons.map((r) => r.en).join('; '),
          },
          arisenOn: null,
        },
      ];
    },
  },
];
