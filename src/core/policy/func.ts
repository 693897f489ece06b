/** FUNC — functional separation (职能分离). */

import { holdsOn } from './dates.ts';
import type { TFunctionFact, TFunctionKind, TFunctionOrigin } from './facts.ts';
import { memo } from './helpers.ts';
import type { TFindingDraft, TRuleContext, TRuleDefinition } from './types.ts';

const PLAN_2015 = '《行业协会商会与行政机关脱钩总体方案》（2015）“职能分离”';

const ADMINISTRATIVE_KINDS: ReadonlySet<TFunctionKind> = new Set([
  'licensing',
  'approval',
  'qualification_recognition',
  'disguised_licence',
]);

const KIND_NAMES: Readonly<Record<TFunctionKind, { zh: string; en: string }>> = {
  licensing: { zh: '行政许可', en: 'licensing' },
  approval: { zh: '审批', en: 'approval' },
  qualification_recognition: { zh: '资质资格认定', en: 'qualification recognition' },
  disguised_licence: { zh: '变相行政许可', en: 'a cancelled licence in disguise' },
  intermediary_service: { zh: '中介服务', en: 'intermediary service' },
  standard_setting: { zh: '标准制定', en: 'standard setting' },
  rating: { zh: '评比评价', en: 'rating' },
  statistics: { zh: '统计', en: 'statistics' },
  other: { zh: '其他', en: 'other' },
};

const ORIGIN_NAMES: Readonly<Record<TFunctionOrigin, { zh: string; en: string }>> = {
  own: { zh: '自有', en: 'own' },
  handed_over: { zh: '移交', en: 'handed over' },
  commissioned: { zh: '委托', en: 'commissioned' },
  authorised: { zh: '授权', en: 'authorised' },
  statutory_duty: { zh: '法定职责', en: 'statutory duty' },
};

function activeFunctions(context: TRuleContext): readonly TFunctionFact[] {
  return memo(context, 'activeFunctions', () =>
    context.facts.functions.filter((f) => holdsOn(f.startedOn, f.endedOn, context.asOf)),
  );
}

function functionFacts(context: TRuleContext, fn: TFunctionFact) {
  return {
    association: context.facts.association.name,
    function: fn.name,
    kindZh: KIND_NAMES[fn.kind].zh,
    kindEn: KIND_NAMES[fn.kind].en,
    originZh: ORIGIN_NAMES[fn.origin].zh,
    originEn: ORIGIN_NAMES[fn.origin].en,
    organ: fn.handedOverByOrganCode
      ? (context.facts.organs.byCode.get(fn.handedOverByOrganCode)?.organ.name ?? fn.handedOverByOrganCode)
      : null,
    startedOn: fn.startedOn,
  };
}

function isBlank(value: string | null): boolean {
  return value === null || value.trim() === '';
}

export const FUNC_RULES: readonly TRuleDefinition[] = [
  {
    id: 'FUNC-1',
    family: 'FUNC',
    severity: 'violation',
    title: { zh: '无法定依据行使行政职能', en: 'Administrative function without legal basis' },
    clause: PLAN_2015,
    parameters: [],
    appliesTo: 'in_scope',
    templates: {
      default: {
        zh: '{association} 正在行使“{function}”（{kindZh}），未记录任何法律法规依据。',
        en: '{association} performs "{function}" ({kindEn}) with no legal basis recorded.',
      },
    },
    decisions: [
      {
        zh: '无论是否已脱钩均适用：协会行使行政职能本身须有法定依据。',
        en: 'Applies whether or not decoupled: an association exercising an administrative function needs a legal basis.',
      },
    ],
    example: {
      zh: '协会自行开展已取消的“企业资质等级评定”。',
      en: 'An association runs a "company grade certification" the state abolished.',
    },
    check(context) {
      return activeFunctions(context)
        .filter((fn) => ADMINISTRATIVE_KINDS.has(fn.kind) && isBlank(fn.legalBasis))
        .map((fn) => ({
          subject: { type: 'function' as const, id: fn.id },
          facts: functionFacts(context, fn),
          arisenOn: fn.startedOn,
        }));
    },
  },
  {
    id: 'FUNC-2',
    family: 'FUNC',
    severity: 'violation',
    title: {
      zh: '承接职能既无目录也无购买服务合同',
      en: 'Function taken over with neither catalogue entry nor contract',
    },
    clause: `${PLAN_2015}；政府向社会力量购买服务相关规定`,
    parameters: [],
    appliesTo: 'in_scope',
    templates: {
      default: {
        zh: '{association} 承接的“{function}”（{originZh}自 {organ}）既未列入公开的职能转移目录，也无政府购买服务合同。',
        en: '{association} performs "{function}" ({originEn} by {organ}) with neither a published catalogue entry nor a purchase-of-services contract.',
      },
    },
    decisions: [
      {
        zh: '来源为“移交”“委托”“授权”的职能均须满足；有其一（目录或合同）即可。',
        en: 'Applies to functions handed over, commissioned or authorised; either a catalogue entry or a contract suffices.',
      },
    ],
    example: {
      zh: '原主管部门把行业统计交给协会，既无目录也无合同。',
      en: 'A ministry handed industry statistics to the association with no catalogue entry or contract.',
    },
    check(context) {
      return activeFunctions(context)
        .filter(
          (fn) =>
            (fn.origin === 'handed_over' || fn.origin === 'commissioned' || fn.origin === 'authorised') &&
            isBlank(fn.catalogueEntry) &&
            isBlank(fn.contractRef),
        )
        .map((fn) => ({
          subject: { type: 'function' as const, id: fn.id },
          facts: functionFacts(context, fn),
          arisenOn: fn.startedOn,
        }));
    },
  },
  {
    id: 'FUNC-3',
    family: 'FUNC',
    severity: 'violation',
    title: { zh: '委托授权事项及收费未公开', en: 'Commissioned items or their fees not published' },
    clause: `${PLAN_2015}；国办发〔2020〕21号`,
    parameters: [],
    appliesTo: 'in_scope',
    templates: {
      default: {
        zh: '{association} 的{originZh}事项“{function}”未向社会公开。',
        en: 'The {originEn} item "{function}" of {association} is not published.',
      },
      fees: {
        zh: '{association} 的{originZh}事项“{function}”相关收费“{fee}”未向社会公开。',
        en: 'The fee "{fee}" for the {originEn} item "{function}" of {association} is not published.',
      },
    },
    decisions: [
      {
        zh: '事项本身未公开与其收费未公开分别成立（分项 item / fee:<收费编号>）。',
        en: 'The item unpublished and each of its fees unpublished are separate aspects (item / fee:<id>).',
      },
    ],
    example: {
      zh: '受托开展的职业技能评价及其收费标准未在官网公开。',
      en: 'A commissioned skills assessment and its fee are not on the website.',
    },
    check(context) {
      const drafts: TFindingDraft[] = [];
      for (const fn of activeFunctions(context)) {
        if (fn.origin !== 'commissioned' && fn.origin !== 'authorised') continue;
        const base = functionFacts(context, fn);
        if (fn.published === false) {
          drafts.push({
            subject: { type: 'function', id: fn.id },
            aspect: 'item',
            facts: { ...base, fee: null },
            arisenOn: fn.startedOn,
          });
        }
        for (const fee of context.facts.feeItems) {
          if (
            fee.linkedFunctionId !== fn.id ||
            fee.published ||
            !holdsOn(fee.startedOn, fee.endedOn, context.asOf)
          )
            continue;
          drafts.push({
            subject: { type: 'function', id: fn.id },
            aspect: `fee:${fee.id}`,
            template: 'fees',
            facts: { ...base, fee: fee.name },
            arisenOn: fee.startedOn ?? fn.startedOn,
          });
        }
      }
      return drafts;
    },
  },
  {
    id: 'FUNC-4',
    family: 'FUNC',
    severity: 'violation',
    title: {
      zh: '未脱钩协会开展与其主管单位审批相关的中介服务',
      en: 'Intermediary service tied to its own organ’s approvals before decoupling',
    },
    clause: `${PLAN_2015}；清理规范行政审批中介服务相关规定`,
    parameters: [],
    appliesTo: 'in_scope',
    templates: {
      default: {
        zh: '{association} 尚未脱钩，却开展与其{linkOrgan}审批“{approvalOrgan}”相关的中介服务“{function}”。',
        en: '{association}, not yet decoupled, sells the intermediary service "{function}" tied to approvals of {approvalOrgan}, within its own organ {linkOrgan}.',
      },
    },
    decisions: [
      {
        zh: '“其主管单位”指当前有效关联（任一关联类型）的机关；审批机关为该机关或其下属单位即成立。',
        en: '"Its own supervising unit" is any organ currently linked (any link kind); the approval organ being that organ or subordinate to it suffices.',
      },
    ],
    example: {
      zh: '挂靠在住建部门的协会为企业代办该部门的资质申报。',
      en: 'An association hosted by a construction department prepares that department’s licence applications for a fee.',
    },
    check(context) {
      if (context.decoupledOn !== null) return [];
      const { facts, asOf } = context;
      const linked = new Set<string>();
      for (const link of facts.links)
        if (holdsOn(link.startedOn, link.endedOn, asOf)) linked.add(link.organCode);
      if (linked.size === 0) return [];
      const drafts: TFindingDraft[] = [];
      for (const fn of activeFunctions(context)) {
        if (fn.kind !== 'intermediary_service' || fn.tiedApprovalOrganCode === null) continue;
        // Walk up from the approving organ: approvals by the linked organ or by any of its units count.
        let code: string | null = fn.tiedApprovalOrganCode;
        const seen = new Set<string>();
        let hit: string | null = null;
        while (code !== null && !seen.has(code)) {
          if (linked.has(code)) {
            hit = code;
            break;
          }
          seen.add(code);
          code = facts.organs.byCode.get(code)?.organ.parentCode ?? null;
        }
        if (hit === null) continue;
        drafts.push({
          subject: { type: 'function', id: fn.id },
          facts: {
            ...functionFacts(context, fn),
            approvalOrgan:
              facts.organs.byCode.get(fn.tiedApprovalOrganCode)?.organ.name ?? fn.tiedApprovalOrganCode,
            linkOrgan: facts.organs.byCode.get(hit)?.organ.name ?? hit,
          },
          arisenOn: fn.startedOn,
        });
      }
      return drafts;
    },
  },
];
