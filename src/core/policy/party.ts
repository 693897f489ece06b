/** PARTY — party building and foreign affairs (党建、外事分离). */

import type { TRuleDefinition } from './types.ts';

const PLAN_2015 = '《行业协会商会与行政机关脱钩总体方案》（2015）“党建、外事等事项分离”';
const PARTY_CONSTITUTION = '《中国共产党章程》第三十条；民政部令第60号第四条';

export const PARTY_RULES: readonly TRuleDefinition[] = [
  {
    id: 'PARTY-1',
    family: 'PARTY',
    severity: 'open',
    title: { zh: '党组织关系未移交', en: 'Party organisation not transferred' },
    clause: PLAN_2015,
    parameters: [],
    appliesTo: 'in_scope',
    templates: {
      default: {
        zh: '{association} 已于 {decoupledOn} 脱钩，截至 {asOf} 党组织关系仍隶属原主管单位，尚未移交至指定的党委。',
        en: '{association} was decoupled on {decoupledOn}; on {asOf} its party organisation still belongs to the former organ and has not been transferred to the designated party committee.',
      },
    },
    decisions: [
      {
        zh: '已脱钩且有党组织时检查：隶属“指定党委”或有不晚于评估日的移交日期即视为完成。',
        en: 'Checked when decoupled and a party organisation exists: belonging to the designated committee, or a transfer dated on or before the evaluation date, completes it.',
      },
    ],
    example: {
      zh: '协会党支部仍由原主管局机关党委管理。',
      en: "The association's party branch is still run by the ministry's party committee.",
    },
    check({ facts, asOf, decoupledOn }) {
      const party = facts.party;
      if (decoupledOn === null || !party || !party.organisationExists) return [];
      if (party.relationship === 'designated_committee') return [];
      if (party.transferredOn !== null && party.transferredOn <= asOf) return [];
      return [
        {
          subject: { type: 'association', id: facts.association.uscc },
          facts: { association: facts.association.name, decoupledOn, asOf },
          arisenOn: decoupledOn,
        },
      ];
    },
  },
  {
    id: 'PARTY-2',
    family: 'PARTY',
    severity: 'violation',
    title: { zh: '应建未建党组织', en: 'No party organisation where one is required' },
    clause: PARTY_CONSTITUTION,
    parameters: ['party.memberThreshold'],
    appliesTo: 'all_social_groups',
    templates: {
      default: {
        zh: '{association} 有正式党员 {members} 名（达到 {threshold} 名），但未建立党组织；这也是列入活动异常名录的情形（CRED-1）。',
        en: '{association} has {members} full party members (threshold {threshold}) but no party organisation; this is also an abnormal-list ground (CRED-1).',
      },
    },
    decisions: [
      {
        zh: '党员人数达到阈值（含等于）即须建立党组织；人数未记录时不触发。',
        en: 'At or above the threshold a party organisation is required; an unrecorded member count does not fire.',
      },
    ],
    example: {
      zh: '协会有 5 名党员职工，未建立党支部。',
      en: 'The association employs 5 party members and has no party branch.',
    },
    check({ facts, params }) {
      const party = facts.party;
      if (!party || party.organisationExists || party.memberCount === null) return [];
      if (party.memberCount < params.party.memberThreshold) return [];
      return [
        {
          subject: { type: 'association', id: facts.association.uscc },
          facts: {
            association: facts.association.name,
            members: party.memberCount,
            threshold: params.party.memberThreshold,
          },
          arisenOn: null,
        },
      ];
    },
  },
  {
    id: 'PARTY-3',
    family: 'PARTY',
    severity: 'open',
    title: { zh: '外事工作仍由原主管单位管理', en: 'Foreign affairs still run by the former organ' },
    clause: PLAN_2015,
    parameters: [],
    appliesTo: 'in_scope',
    templates: {
      default: {
        zh: '{association} 已于 {decoupledOn} 脱钩，外事工作仍由原主管单位管理。',
        en: '{association} was decoupled on {decoupledOn}, but its foreign affairs are still administered by the former organ.',
      },
    },
    decisions: [{ zh: '仅对已脱钩的协会检查。', en: 'Checked only for decoupled associations.' }],
    example: {
      zh: '协会出国团组仍报原主管局外事司审批。',
      en: "The association's delegations abroad are still approved by the ministry's foreign-affairs office.",
    },
    check({ facts, decoupledOn }) {
      if (decoupledOn === null || facts.foreignAffairs?.administeredByFormerOrgan !== true) return [];
      return [
        {
          subject: { type: 'association', id: facts.association.uscc },
          facts: { association: facts.association.name, decoupledOn },
          arisenOn: decoupledOn,
        },
      ];
    },
  },
];
