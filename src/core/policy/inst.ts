/** INST — institutional separation (机构分离). */

import { addDays, holdsOn, maxDate } from './dates.ts';
import { normaliseAddress, normaliseBankAccount, normalisePhone } from './facts.ts';
import { separationApplies } from './helpers.ts';
import type { TFindingDraft, TRuleDefinition } from './types.ts';

const PLAN_2015 = '《行业协会商会与行政机关脱钩总体方案》（2015）';
const OPINIONS_2019 = '发改体改〔2019〕1063号';

const LINK_NAMES = {
  sponsor: { zh: '主办', en: 'sponsor' },
  supervisor: { zh: '主管', en: 'supervisor' },
  contact: { zh: '联系', en: 'contact' },
  host: { zh: '挂靠', en: 'host' },
  custodian: { zh: '代管', en: 'custodian' },
} as const;

const CONTACT_KINDS = {
  address: { zh: '住所', en: 'registered address', normalise: normaliseAddress },
  phone: { zh: '电话', en: 'phone number', normalise: normalisePhone },
  bankAccount: { zh: '银行账户', en: 'bank account', normalise: normaliseBankAccount },
} as const;

export const INST_RULES: readonly TRuleDefinition[] = [
  {
    id: 'INST-1',
    family: 'INST',
    severity: 'violation',
    title: { zh: '脱钩后仍与行政机关存在主办、主管、联系、挂靠关系', en: 'Organ link after decoupling' },
    clause: `${PLAN_2015}“机构分离”；${OPINIONS_2019}`,
    parameters: ['inst.linkKinds', 'inst.listedPastDeadline'],
    appliesTo: 'in_scope',
    templates: {
      default: {
        zh: '{association} 已于 {decoupledOn} 脱钩，但截至 {asOf} 仍与 {organ}（{organRelation}）存在{linkKindZh}关系（自 {linkStartedOn} 起）。',
        en: '{association} was decoupled on {decoupledOn}, but on {asOf} still has a {linkKindEn} link (since {linkStartedOn}) with {organ} ({organRelationEn}).',
      },
      pastDeadline: {
        zh: '{association} 列入脱钩名单，完成期限 {deadline} 已过仍未脱钩，截至 {asOf} 仍与 {organ}（{organRelation}）存在{linkKindZh}关系。',
        en: '{association} is on the decoupling list, past its deadline {deadline} without decoupling, and on {asOf} still has a {linkKindEn} link with {organ} ({organRelationEn}).',
      },
    },
    decisions: [
      {
        zh: '“代管”与主办、主管、联系、挂靠同样视为行政关联（参数 inst.linkKinds）。',
        en: 'A custodian (代管) link counts like sponsor / supervisor / contact / host (parameter inst.linkKinds).',
      },
      {
        zh: '行政机关下属单位（事业单位等）沿上级链追溯至行政机关，视同行政机关。',
        en: 'A unit subordinate to an administrative organ, however deep, counts as the organ.',
      },
    ],
    example: {
      zh: '2017年脱钩的协会至今仍挂靠在原主管部门下属的服务中心。',
      en: 'An association decoupled in 2017 is still hosted by a service centre of its former ministry.',
    },
    check({ facts, asOf, params, decoupledOn }) {
      const caseFact = facts.case;
      let template = 'default';
      let since: string | null = decoupledOn;
      if (since === null) {
        const deadline = caseFact?.completionDeadline ?? null;
        if (!params.inst.listedPastDeadline || caseFact === null || deadline === null || deadline >= asOf)
          return [];
        template = 'pastDeadline';
        since = addDays(deadline, 1);
      }
      const drafts: TFindingDraft[] = [];
      for (const link of facts.links) {
        if (!params.inst.linkKinds.includes(link.kind) || !holdsOn(link.startedOn, link.endedOn, asOf))
          continue;
        const indexed = facts.organs.byCode.get(link.organCode);
        if (!indexed || indexed.administrativeCode === null) continue;
        const direct = indexed.administrativeCode === link.organCode;
        const admin =
          facts.organs.byCode.get(indexed.administrativeCode)?.organ.name ?? indexed.administrativeCode;
        drafts.push({
          subject: { type: 'link', id: link.id },
          template,
          facts: {
            association: facts.association.name,
            decoupledOn,
            deadline: caseFact?.completionDeadline ?? null,
            asOf,
            organ: indexed.organ.name,
            organCode: link.organCode,
            organRelation: direct ? '行政机关' : `${admin}的下属单位`,
            organRelationEn: direct ? 'administrative organ' : `a unit subordinate to ${admin}`,
            linkKindZh: LINK_NAMES[link.kind].zh,
            linkKindEn: LINK_NAMES[link.kind].en,
            linkStartedOn: link.startedOn,
          },
          arisenOn: link.startedOn === null ? since : maxDate(link.startedOn, since),
        });
      }
      return drafts;
    },
  },
  {
    id: 'INST-2',
    family: 'INST',
    severity: 'violation',
    title: { zh: '脱钩后仍登记业务主管单位', en: 'Supervising unit still recorded after decoupling' },
    clause: OPINIONS_2019,
    parameters: [],
    appliesTo: 'in_scope',
    templates: {
      default: {
        zh: '{association} 已于 {decoupledOn} 脱钩，截至 {asOf} 登记信息中仍记载业务主管单位“{unit}”。',
        en: '{association} was decoupled on {decoupledOn}, yet on {asOf} its record still names a supervising unit: {unit}.',
      },
    },
    decisions: [
      {
        zh: '登记记录中的业务主管单位字段，或仍有效的“主管”关联（无论对方是否行政机关），均视为仍登记业务主管单位。',
        en: 'Either the supervising-unit field of the record or a current supervisor link (to any organ) counts.',
      },
    ],
    example: {
      zh: '2019年后脱钩的协会登记证书上仍写有“业务主管单位：某厅”。',
      en: 'A decoupled association whose certificate still names a provincial department as supervising unit.',
    },
    check({ facts, asOf, decoupledOn }) {
      if (decoupledOn === null) return [];
      const supervisorLink = facts.links.find(
        (link) => link.kind === 'supervisor' && holdsOn(link.startedOn, link.endedOn, asOf),
      );
      const unit =
        facts.association.recordedSupervisingUnit ??
        (supervisorLink
          ? (facts.organs.byCode.get(supervisorLink.organCode)?.organ.name ?? supervisorLink.organCode)
          : null);
      if (unit === null) return [];
      return [
        {
          subject: { type: 'association', id: facts.association.uscc },
          facts: { association: facts.association.name, decoupledOn, asOf, unit },
          // A supervising unit kept from before decoupling is carried over, not a new breach (CASE-3).
          arisenOn:
            facts.association.recordedSupervisingUnit === null && supervisorLink?.startedOn
              ? maxDate(supervisorLink.startedOn, decoupledOn)
              : decoupledOn,
        },
      ];
    },
  },
  {
    id: 'INST-3',
    family: 'INST',
    severity: 'open',
    title: { zh: '所办事业单位未撤并或划转', en: 'Public institution neither merged nor transferred' },
    clause: `${PLAN_2015}“机构分离”`,
    parameters: [],
    appliesTo: 'in_scope',
    templates: {
      default: {
        zh: '{association} 所办事业单位“{institution}”尚未撤并（注销法人）或划转至行业管理部门。',
        en: 'The public institution "{institution}" run by {association} is neither merged (legal person cancelled) nor transferred to a sector department.',
      },
    },
    decisions: [
      {
        zh: '“撤并”须记录法人注销日期；仅标记撤并而无注销日期仍视为未完成。适用于列入脱钩名单的协会。',
        en: '"Merged" requires the date its legal person was cancelled; a merge without it is still open. Applies to associations on a decoupling list.',
      },
    ],
    example: {
      zh: '协会下属的培训中心（事业单位）仍保留原状。',
      en: "An association's training centre (a public institution) is still as it was.",
    },
    check({ facts, asOf }) {
      if (facts.case === null) return [];
      return facts.institutions
        .filter(
          (inst) =>
            inst.disposition === 'neither' ||
            (inst.disposition === 'merged' &&
              (inst.legalPersonCancelledOn === null || inst.legalPersonCancelledOn > asOf)),
        )
        .map((inst) => ({
          subject: { type: 'institution' as const, id: inst.id },
          facts: {
            association: facts.association.name,
            institution: inst.name,
            disposition: inst.disposition,
          },
          arisenOn: facts.case?.listedOn ?? null,
        }));
    },
  },
  {
    id: 'INST-4',
    family: 'INST',
    severity: 'risk',
    title: {
      zh: '与行政机关共用住所、电话或银行账户',
      en: 'Shares address, phone or bank account with an organ',
    },
    clause: `${PLAN_2015}“机构分离”“资产财务分离”`,
    parameters: [],
    appliesTo: 'in_scope',
    templates: {
      default: {
        zh: '{association} 的{contactZh}“{value}”与{organ}（行政机关或其下属单位）相同，存在重新挂钩迹象。',
        en: 'The {contactEn} "{value}" of {association} is the same as that of {organ} (an administrative organ or its unit): a sign of re-coupling.',
      },
    },
    decisions: [
      {
        zh: '比较前统一全角半角、去除空白与标点；电话去掉国家码与区号前导 0 和分机；过短的地址（<6字）、电话（<7位）、账号（<8位）不比较。',
        en: 'Compared after NFKC, removing spaces and punctuation; phones lose the country code, trunk 0 and extension; too-short addresses (<6), phones (<7) and accounts (<8) are not compared.',
      },
      {
        zh: '适用于已脱钩或从未列入名单的协会；名单内尚未脱钩的协会共用办公条件属于正在处理的事项。',
        en: 'Applies once separation is due (decoupled, or never listed); a listed association not yet decoupled is still being separated.',
      },
    ],
    example: {
      zh: '协会登记电话与原主管局办公室电话相同。',
      en: "The association's registered phone is the former ministry office's phone.",
    },
    check(context) {
      if (!separationApplies(context)) return [];
      const { facts } = context;
      const drafts: TFindingDraft[] = [];
      const indexes = {
        address: facts.organs.byAddress,
        phone: facts.organs.byPhone,
        bankAccount: facts.organs.byBankAccount,
      };
      for (const kind of ['address', 'phone', 'bankAccount'] as const) {
        const raw = facts.association[kind];
        const key = CONTACT_KINDS[kind].normalise(raw);
        if (key === null) continue;
        for (const organCode of indexes[kind].get(key) ?? []) {
          drafts.push({
            subject: { type: 'association', id: facts.association.uscc },
            aspect: `${kind}:${organCode}`,
            facts: {
              association: facts.association.name,
              contactZh: CONTACT_KINDS[kind].zh,
              contactEn: CONTACT_KINDS[kind].en,
              value: raw,
              organ: facts.organs.byCode.get(organCode)?.organ.name ?? organCode,
              organCode,
            },
            arisenOn: context.decoupledOn,
          });
        }
      }
      return drafts;
    },
  },
  {
    id: 'INST-5',
    family: 'INST',
    severity: 'open',
    title: { zh: '脱钩后未修改章程并核准备案', en: 'Charter not amended and filed after decoupling' },
    clause: `${PLAN_2015}“机构分离”`,
    parameters: [],
    appliesTo: 'in_scope',
    templates: {
      default: {
        zh: '{association} 已于 {decoupledOn} 脱钩，截至 {asOf} 尚无脱钩后修改并备案的章程。',
        en: '{association} was decoupled on {decoupledOn}; on {asOf} there is no charter amended and filed since.',
      },
    },
    decisions: [
      {
        zh: '须有修改日期不早于脱钩日、且已备案（备案日不晚于评估日）的章程修正案。',
        en: 'Needs an amendment dated on or after decoupling and filed on or before the evaluation date.',
      },
    ],
    example: {
      zh: '章程仍写有“接受业务主管单位的业务指导”。',
      en: 'The charter still says the association "accepts guidance of its supervising unit".',
    },
    check({ facts, asOf, decoupledOn }) {
      if (decoupledOn === null) return [];
      const done = facts.charterAmendments.some(
        (a) => a.amendedOn >= decoupledOn && a.filedOn !== null && a.filedOn <= asOf,
      );
      if (done) return [];
      return [
        {
          subject: { type: 'association', id: facts.association.uscc },
          facts: { association: facts.association.name, decoupledOn, asOf },
          arisenOn: decoupledOn,
        },
      ];
    },
  },
];
