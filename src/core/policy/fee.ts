/** FEE — the fifteen prohibited fee types and the dues procedure. */

import { holdsOn } from './dates.ts';
import type { TDuesDecisionFact, TFeeCategory, TFeeItemFact } from './facts.ts';
import { memo } from './helpers.ts';
import type { TRatio } from './packs.ts';
import type {
  TFactValue,
  TFindingDraft,
  TRuleContext,
  TRuleDefinition,
  TRuleId,
  TSeverity,
  TTemplate,
} from './types.ts';

const FEES_2020 = '国办发〔2020〕21号';
const FEES_2017 = '发改经体〔2017〕1999号';
const SELF_CHECK_2021 = '2021年全国行业协会商会收费自查清单';
const AWARDS_2023 = '2023年评比达标表彰名称规范通知';

const CATEGORY_NAMES: Readonly<Record<TFeeCategory, { zh: string; en: string }>> = {
  dues: { zh: '会费', en: 'dues' },
  service: { zh: '经营服务性收费', en: 'business-service fee' },
  meeting: { zh: '会议费', en: 'meeting fee' },
  training: { zh: '培训费', en: 'training fee' },
  exam: { zh: '考试费', en: 'exam fee' },
  exhibition: { zh: '展览费', en: 'exhibition fee' },
  rating: { zh: '评比费', en: 'rating fee' },
  award: { zh: '表彰费', en: 'award fee' },
  standards_check: { zh: '达标检查费', en: 'standards-check fee' },
  trip_abroad: { zh: '出国考察费', en: 'trip-abroad fee' },
  sponsorship: { zh: '赞助', en: 'sponsorship' },
  donation: { zh: '捐赠', en: 'donation' },
  subscription: { zh: '订购', en: 'subscription' },
  qualification: { zh: '职业资格认定费', en: 'qualification fee' },
  branch_setup: { zh: '分支机构设立管理费', en: 'branch set-up fee' },
  leadership_seat: { zh: '担任理事或负责人费用', en: 'fee for a leadership seat' },
  publication: { zh: '出版物', en: 'publication' },
  other: { zh: '其他收费', en: 'other fee' },
};

function activeFees(context: TRuleContext): readonly TFeeItemFact[] {
  return memo(context, 'activeFees', () =>
    context.facts.feeItems.filter((fee) => holdsOn(fee.startedOn, fee.endedOn, context.asOf)),
  );
}

function feeFacts(context: TRuleContext, fee: TFeeItemFact): Record<string, TFactValue> {
  return {
    association: context.facts.association.name,
    fee: fee.name,
    categoryZh: CATEGORY_NAMES[fee.category].zh,
    categoryEn: CATEGORY_NAMES[fee.category].en,
    amount: fee.amount,
    feeStartedOn: fee.startedOn,
  };
}

type TFeeHit = { aspect?: string; facts?: Record<string, TFactValue>; template?: string };

type TFeeItemRuleOptions = {
  id: TRuleId;
  severity?: TSeverity;
  title: TTemplate;
  clause: string;
  parameters?: readonly string[];
  templates: Readonly<Record<string, TTemplate>>;
  decisions: readonly TTemplate[];
  example: TTemplate;
  /** The breaches of one fee item (empty when none). */
  hits(fee: TFeeItemFact, context: TRuleContext): readonly TFeeHit[];
};

const COMPULSORY_EVENT_CATEGORIES: ReadonlySet<TFeeCategory> = new Set([
  'meeting',
  'training',
  'exam',
  'exhibition',
  'rating',
  'trip_abroad',
]);

function isCompulsory(fee: TFeeItemFact): boolean {
  return fee.compulsory || fee.disguisedCompulsory;
}

function isBlank(value: string | null): boolean {
  return value === null || value.trim() === '';
}

/** A FEE rule that looks at each fee item in force on the evaluation date. */
function feeItemRule(options: TFeeItemRuleOptions): TRuleDefinition {
  return {
    id: options.id,
    family: 'FEE',
    severity: options.severity ?? 'violation',
    title: options.title,
    clause: options.clause,
    parameters: options.parameters ?? [],
    appliesTo: 'in_scope',
    templates: options.templates,
    decisions: options.decisions,
    example: options.example,
    check(context) {
      const drafts: TFindingDraft[] = [];
      for (const fee of activeFees(context)) {
        for (const hit of options.hits(fee, context)) {
          drafts.push({
            subject: { type: 'fee_item', id: fee.id },
            ...(hit.aspect ? { aspect: hit.aspect } : {}),
            ...(hit.template ? { template: hit.template } : {}),
            facts: { ...feeFacts(context, fee), ...hit.facts },
            arisenOn: fee.startedOn,
          });
        }
      }
      return drafts;
    },
  };
}

/** True when `part / whole` reaches the ratio. Integer arithmetic, so exactly 2/3 is 2/3. */
export function reachesRatio(part: number, whole: number, ratio: TRatio): boolean {
  const left = part * ratio.denominator;
  const right = ratio.numerator * whole;
  return ratio.inclusive ? left >= right : left > right;
}

function ratioText(ratio: TRatio, language: 'zh' | 'en'): string {
  if (language === 'zh')
    return `${ratio.inclusive ? '不低于' : '超过'}${ratio.numerator}/${ratio.denominator}`;
  return `${ratio.inclusive ? 'at least' : 'more than'} ${ratio.numerator}/${ratio.denominator}`;
}

function decisionInForce(decision: TDuesDecisionFact, asOf: string): boolean {
  return (
    (decision.effectiveFrom === null || decision.effectiveFrom <= asOf) &&
    (decision.supersededOn === null || decision.supersededOn > asOf)
  );
}

/** The procedural defects of a dues decision, as `[aspect, zh, en]`. */
export function duesDecisionDefects(
  decision: TDuesDecisionFact,
  context: TRuleContext,
): { aspect: string; zh: string; en: string }[] {
  const { fee } = context.params;
  const defects: { aspect: string; zh: string; en: string }[] = [];
  if (decision.madeBy !== 'assembly') {
    defects.push({
      aspect: 'not_assembly',
      zh: '会费标准不是由会员（代表）大会制定',
      en: 'the dues standard was not set by the member (representative) assembly',
    });
  }
  if (decision.secretBallot === false) {
    defects.push({
      aspect: 'secret_ballot',
      zh: '未采用无记名投票表决',
      en: 'the vote was not by secret ballot',
    });
  }
  if (
    decision.present !== null &&
    decision.eligible !== null &&
    !reachesRatio(decision.present, decision.eligible, fee.duesAttendance)
  ) {
    defects.push({
      aspect: 'attendance',
      zh: `到会 ${decision.present}/${decision.eligible} 人，未达到${ratioText(fee.duesAttendance, 'zh')}`,
      en: `${decision.present} of ${decision.eligible} attended, not ${ratioText(fee.duesAttendance, 'en')}`,
    });
  }
  if (
    decision.votesFor !== null &&
    decision.present !== null &&
    !reachesRatio(decision.votesFor, decision.present, fee.duesApproval)
  ) {
    defects.push({
      aspect: 'approval',
      zh: `赞成 ${decision.votesFor}/${decision.present} 票，未达到到会人数${ratioText(fee.duesApproval, 'zh')}`,
      en: `${decision.votesFor} of ${decision.present} present voted for, not ${ratioText(fee.duesApproval, 'en')}`,
    });
  }
  if (decision.tiers.length > fee.maxDuesTiers) {
    defects.push({
      aspect: 'tiers',
      zh: `会费分为 ${decision.tiers.length} 档，超过 ${fee.maxDuesTiers} 档`,
      en: `${decision.tiers.length} dues tiers, more than ${fee.maxDuesTiers}`,
    });
  }
  if (decision.floating) {
    defects.push({ aspect: 'floating', zh: '会费标准为浮动标准', en: 'the dues standard floats' });
  }
  return defects;
}

export const FEE_RULES: readonly TRuleDefinition[] = [
  feeItemRule({
    id: 'FEE-1',
    title: {
      zh: '强制或变相强制入会、收取会费，阻碍退会',
      en: 'Compulsory membership or dues; obstructed withdrawal',
    },
    clause: `${FEES_2020}；${FEES_2017}`,
    templates: {
      default: {
        zh: '{association} 的会费项目“{fee}”{reasonZh}。',
        en: 'The dues item "{fee}" of {association}: {reasonEn}.',
      },
    },
    decisions: [
      {
        zh: '适用于会费项目：强制、变相强制（与不可拒绝的服务或审批挂钩）、阻碍退会各为一个分项。',
        en: 'Dues items: compulsory, disguised-compulsory (tied to a service members cannot refuse or to an approval) and obstructed withdrawal are separate aspects.',
      },
    ],
    example: {
      zh: '协会要求申请某资质的企业必须先入会缴费。',
      en: 'Firms applying for a licence must first join and pay dues.',
    },
    hits(fee) {
      if (fee.category !== 'dues') return [];
      const hits: TFeeHit[] = [];
      if (fee.compulsory || fee.disguisedCompulsory) {
        hits.push({
          aspect: 'compulsory',
          facts: {
            reasonZh: fee.compulsory ? '强制入会或缴纳会费' : '变相强制入会或缴纳会费',
            reasonEn: fee.compulsory
              ? 'membership or dues are compulsory'
              : 'membership or dues are compulsory in disguise',
          },
        });
      }
      if (fee.obstructsWithdrawal) {
        hits.push({
          aspect: 'withdrawal',
          facts: { reasonZh: '阻碍会员退会', reasonEn: 'members are obstructed from withdrawing' },
        });
      }
      return hits;
    },
  }),
  feeItemRule({
    id: 'FEE-2',
    title: {
      zh: '只收费不服务或重复收费',
      en: 'Dues without services, or charging again for covered services',
    },
    clause: FEES_2020,
    templates: {
      noServices: {
        zh: '{association} 收取会费“{fee}”，但未提供会费对应的基本服务。',
        en: '{association} collects the dues "{fee}" without delivering the services they pay for.',
      },
      doubleCharge: {
        zh: '{association} 对会费已涵盖的服务另行收取“{fee}”（{amount} 元）。',
        en: '{association} charges "{fee}" ({amount} yuan) for a service the dues already cover.',
      },
    },
    decisions: [
      {
        zh: '“未提供服务”须明确记录为否；重复收费以收费项目“已由会费涵盖”标记为准。',
        en: '"No services" must be recorded as false; double charging relies on the item being marked as covered by dues.',
      },
    ],
    example: {
      zh: '会费说明含行业信息服务，又对会员单独收取信息服务费。',
      en: 'Dues include an information service, and members are charged for it again.',
    },
    hits(fee) {
      if (fee.category === 'dues')
        return fee.servicesProvided === false ? [{ aspect: 'no_services', template: 'noServices' }] : [];
      return fee.coveredByDues ? [{ aspect: 'double_charge', template: 'doubleCharge' }] : [];
    },
  }),
  {
    id: 'FEE-3',
    family: 'FEE',
    severity: 'violation',
    title: {
      zh: '分支机构、代表机构收取会费或自定标准',
      en: 'Branches collecting dues or setting dues standards',
    },
    clause: `${FEES_2020}；《社会团体分支机构、代表机构登记办法》`,
    parameters: [],
    appliesTo: 'in_scope',
    templates: {
      default: {
        zh: '{association} 的会费“{fee}”{reasonZh}；分支机构、代表机构不得单独收取会费或制定会费标准。',
        en: 'The dues "{fee}" of {association}: {reasonEn}; branches and representative offices may not collect dues or set dues standards.',
      },
      decision: {
        zh: '{association} 于 {assemblyDate} 的会费标准由分支机构制定；分支机构不得制定会费标准。',
        en: 'The dues standard of {association} of {assemblyDate} was set by a branch; branches may not set dues standards.',
      },
    },
    decisions: [
      {
        zh: '会费项目由分支机构收取或标准由分支机构制定，或现行会费决议由分支机构作出，均触发。',
        en: 'Fires for dues collected by a branch, a dues standard set by a branch, or a dues decision in force made by a branch.',
      },
    ],
    example: {
      zh: '协会某专业委员会向其成员单位收取“委员会会费”。',
      en: 'A committee (branch) of the association collects its own "committee dues".',
    },
    check(context) {
      const drafts: TFindingDraft[] = [];
      for (const fee of activeFees(context)) {
        if (fee.category !== 'dues') continue;
        if (fee.collectedBy !== 'branch' && fee.standardSetBy !== 'branch') continue;
        const branch = fee.branchName ?? '分支机构';
        drafts.push({
          subject: { type: 'fee_item', id: fee.id },
          facts: {
            ...feeFacts(context, fee),
            reasonZh: fee.collectedBy === 'branch' ? `由${branch}收取` : `标准由${branch}制定`,
            reasonEn: fee.collectedBy === 'branch' ? `collected by ${branch}` : `standard set by ${branch}`,
          },
          arisenOn: fee.startedOn,
        });
      }
      for (const decision of context.facts.duesDecisions) {
        if (decision.madeBy !== 'branch' || !decisionInForce(decision, context.asOf)) continue;
        drafts.push({
          subject: { type: 'dues_decision', id: decision.id },
          template: 'decision',
          facts: { association: context.facts.association.name, assemblyDate: decision.assemblyDate },
          arisenOn: decision.effectiveFrom ?? decision.assemblyDate,
        });
      }
      return drafts;
    },
  },
  feeItemRule({
    id: 'FEE-4',
    title: { zh: '收费返成', en: 'Fee-sharing kickbacks' },
    clause: FEES_2020,
    templates: {
      default: {
        zh: '{association} 的收费“{fee}”存在向其他单位或个人返还提成（收费返成）。',
        en: 'The fee "{fee}" of {association} involves kickbacks (fee sharing) to other units or persons.',
      },
    },
    decisions: [{ zh: '以收费项目的“返成”标记为准。', en: 'Relies on the kickback flag of the fee item.' }],
    example: {
      zh: '协会将培训费的三成返给推荐学员的主管部门下属单位。',
      en: '30% of a training fee goes back to the unit of the organ that sent the trainees.',
    },
    hits: (fee) => (fee.kickback ? [{}] : []),
  }),
  feeItemRule({
    id: 'FEE-5',
    title: { zh: '利用法定职责和委托授权事项收费', en: 'Fees on statutory duties or commissioned items' },
    clause: FEES_2020,
    templates: {
      default: {
        zh: '{association} 就{originZh}事项“{function}”向服务对象收取“{fee}”（{amount} 元）。',
        en: '{association} charges "{fee}" ({amount} yuan) for "{function}", a {originEn} item.',
      },
    },
    decisions: [
      {
        zh: '收费关联的职能来源为“法定职责”“委托”“授权”时触发；“移交”的职能已转为协会自有服务，不在此列（由 FUNC-2 管其依据）。',
        en: 'Fires when the linked function is a statutory duty, commissioned or authorised; handed-over functions become the association’s own (FUNC-2 checks their basis).',
      },
    ],
    example: {
      zh: '受主管部门委托开展行业统计，却向企业收取统计服务费。',
      en: 'Commissioned to collect industry statistics, it charges firms a statistics fee.',
    },
    hits(fee, context) {
      if (fee.linkedFunctionId === null) return [];
      const fn = context.facts.functions.find((f) => f.id === fee.linkedFunctionId);
      if (
        !fn ||
        (fn.origin !== 'statutory_duty' && fn.origin !== 'commissioned' && fn.origin !== 'authorised')
      )
        return [];
      const names = {
        statutory_duty: { zh: '法定职责', en: 'statutory-duty' },
        commissioned: { zh: '行政机关委托', en: 'commissioned' },
        authorised: { zh: '行政机关授权', en: 'authorised' },
      } as const;
      return [{ facts: { function: fn.name, originZh: names[fn.origin].zh, originEn: names[fn.origin].en } }];
    },
  }),
  {
    id: 'FEE-6',
    family: 'FEE',
    severity: 'violation',
    title: {
      zh: '评比达标表彰收费；评比名称违规冠名',
      en: 'Fees for ratings and awards; unapproved award names',
    },
    clause: `${FEES_2020}；${AWARDS_2023}`,
    parameters: ['fee.awardNameWords'],
    appliesTo: 'in_scope',
    templates: {
      default: {
        zh: '{association} 就评比达标表彰活动收取“{fee}”（{amount} 元）；评比达标表彰活动前后均不得收费。',
        en: '{association} charges "{fee}" ({amount} yuan) around a rating, standards check or award; no fee may be charged before or after one.',
      },
      awardName: {
        zh: '{association} 的评比表彰“{award}”名称使用了“{word}”字样，未记录批准。',
        en: 'The award "{award}" of {association} uses "{word}" in its name with no approval recorded.',
      },
    },
    decisions: [
      {
        zh: '收费类别为评比、表彰、达标检查，或关联某项评比表彰的收费项目均触发，不论金额与付费人。',
        en: 'Any fee item of category rating, award or standards check, or linked to an award, fires regardless of amount and payer.',
      },
      {
        zh: '名称冠词检查适用于所有层级的协会（地方协会使用“全国”“中国”同样须批准）。',
        en: 'The name test applies at every level (a local association using 全国 or 中国 needs approval too).',
      },
    ],
    example: {
      zh: '“中国十佳品牌”评选向参评企业收取评审费。',
      en: 'A "China Top Ten Brands" contest charges entrants a review fee.',
    },
    check(context) {
      const drafts: TFindingDraft[] = [];
      for (const fee of activeFees(context)) {
        const awardFee =
          fee.category === 'rating' ||
          fee.category === 'award' ||
          fee.category === 'standards_check' ||
          fee.linkedAwardId !== null;
        if (!awardFee) continue;
        drafts.push({
          subject: { type: 'fee_item', id: fee.id },
          facts: feeFacts(context, fee),
          arisenOn: fee.startedOn,
        });
      }
      for (const award of context.facts.awards) {
        if (!isBlank(award.approvalRef)) continue;
        const word = context.params.fee.awardNameWords.find((w) => award.name.includes(w));
        if (word === undefined) continue;
        drafts.push({
          subject: { type: 'award', id: award.id },
          template: 'awardName',
          facts: { association: context.facts.association.name, award: award.name, word },
          arisenOn: award.startedOn,
        });
      }
      return drafts;
    },
  },
  feeItemRule({
    id: 'FEE-7',
    title: { zh: '违规开展职业资格认定收费', en: 'Irregular qualification-recognition fees' },
    clause: `${FEES_2020}；国家职业资格目录`,
    templates: {
      default: {
        zh: '{association} 收取职业资格认定费用“{fee}”（{amount} 元），未记录法定依据或目录依据。',
        en: '{association} charges a qualification-recognition fee "{fee}" ({amount} yuan) with no legal or catalogue basis recorded.',
      },
    },
    decisions: [
      {
        zh: '职业资格类收费须记录依据（国家职业资格目录条目或法规）；无依据即触发。',
        en: 'Qualification fees need a recorded basis (national qualification catalogue entry or statute).',
      },
    ],
    example: {
      zh: '协会自设“高级某某师”证书并收费。',
      en: 'The association invents a "senior X master" certificate and charges for it.',
    },
    hits: (fee) => (fee.category === 'qualification' && isBlank(fee.legalBasis) ? [{}] : []),
  }),
  feeItemRule({
    id: 'FEE-8',
    title: {
      zh: '强制参加会议、培训、考试、展览、评比、出国考察并收费',
      en: 'Compulsory paid meetings, training, exams, exhibitions, ratings or trips',
    },
    clause: FEES_2020,
    templates: {
      default: {
        zh: '{association} 强制或变相强制服务对象参加{categoryZh}“{fee}”并收费（{amount} 元）。',
        en: '{association} compels participation in the {categoryEn} "{fee}" ({amount} yuan).',
      },
    },
    decisions: [
      { zh: '强制与变相强制同等对待。', en: 'Compulsory and disguised-compulsory are treated alike.' },
    ],
    example: {
      zh: '年检前须参加协会收费培训。',
      en: 'A paid training is required before the annual inspection.',
    },
    hits: (fee) => (COMPULSORY_EVENT_CATEGORIES.has(fee.category) && isCompulsory(fee) ? [{}] : []),
  }),
  feeItemRule({
    id: 'FEE-9',
    title: { zh: '强制赞助、捐赠、订购', en: 'Compulsory sponsorship, donations or subscriptions' },
    clause: FEES_2020,
    templates: {
      default: {
        zh: '{association} 强制或变相强制要求{categoryZh}“{fee}”（{amount} 元）。',
        en: '{association} compels the {categoryEn} "{fee}" ({amount} yuan).',
      },
    },
    decisions: [
      { zh: '强制与变相强制同等对待。', en: 'Compulsory and disguised-compulsory are treated alike.' },
    ],
    example: { zh: '会员单位被要求订购协会年鉴。', en: 'Members are made to buy the yearbook.' },
    hits: (fee) =>
      (fee.category === 'sponsorship' || fee.category === 'donation' || fee.category === 'subscription') &&
      isCompulsory(fee)
        ? [{}]
        : [],
  }),
  feeItemRule({
    id: 'FEE-10',
    title: {
      zh: '设立分支机构收取管理费、赞助费',
      en: 'Management or sponsorship fees for setting up branches',
    },
    clause: FEES_2020,
    templates: {
      default: {
        zh: '{association} 就设立分支机构收取“{fee}”（{amount} 元）。',
        en: '{association} charges "{fee}" ({amount} yuan) for setting up a branch.',
      },
    },
    decisions: [{ zh: '此类收费一律禁止，不论金额。', en: 'Prohibited whatever the amount.' }],
    example: {
      zh: '成立专业委员会须向总会交“挂靠管理费”。',
      en: 'A new committee must pay the association a "hosting fee".',
    },
    hits: (fee) => (fee.category === 'branch_setup' ? [{}] : []),
  }),
  feeItemRule({
    id: 'FEE-11',
    title: { zh: '担任理事、常务理事、负责人额外收费', en: 'Fees for leadership seats beyond dues' },
    clause: FEES_2020,
    templates: {
      default: {
        zh: '{association} 就担任理事、常务理事或负责人在会费之外收取“{fee}”（{amount} 元）。',
        en: '{association} charges "{fee}" ({amount} yuan) beyond dues for becoming a director, standing director or leader.',
      },
    },
    decisions: [
      {
        zh: '按职务分档的会费本身不在此列（由 FEE-12 检查档数），另立的“席位费”触发。',
        en: 'Dues tiered by position are not this (FEE-12 checks tiers); a separate "seat fee" fires.',
      },
    ],
    example: {
      zh: '副会长单位另交“副会长单位赞助费”。',
      en: 'Vice-president members pay an extra "vice-president sponsorship".',
    },
    hits: (fee) => (fee.category === 'leadership_seat' ? [{}] : []),
  }),
  {
    id: 'FEE-12',
    family: 'FEE',
    severity: 'violation',
    title: { zh: '会费标准制定程序不合规', en: 'Dues standard not properly adopted' },
    clause: `${FEES_2020}；民政部 财政部关于调整社会团体会费政策等有关问题的通知（民发〔2003〕95号）`,
    parameters: ['fee.duesAttendance', 'fee.duesApproval', 'fee.maxDuesTiers'],
    appliesTo: 'in_scope',
    templates: {
      default: {
        zh: '{association} 于 {assemblyDate} 通过的会费标准：{defectZh}。',
        en: 'The dues standard {association} adopted on {assemblyDate}: {defectEn}.',
      },
      unadopted: {
        zh: '{association} 按未经会员（代表）大会通过的标准收取会费“{fee}”。',
        en: '{association} collects the dues "{fee}" under a standard the member assembly has not adopted.',
      },
    },
    decisions: [
      {
        zh: '出席人数按人数比较（整数运算），恰好 2/3 视为达到；赞成票须超过到会人数的 1/2。',
        en: 'Attendance is compared in whole counts, so exactly 2/3 passes; votes for must exceed 1/2 of those present.',
      },
      {
        zh: '检查评估日有效的会费决议，每项缺陷一个分项；会费项目无决议或决议未通过/未生效时另计“未通过标准收费”。',
        en: 'Decisions in force on the evaluation date are checked, one aspect per defect; dues items with no decision, or one not adopted or not in force, fire as "collected under an unadopted standard".',
      },
    ],
    example: { zh: '会费分五档，由理事会表决通过。', en: 'Five dues tiers, voted by the council.' },
    check(context) {
      const drafts: TFindingDraft[] = [];
      const name = context.facts.association.name;
      const inForce = new Map<string, TDuesDecisionFact>();
      for (const decision of context.facts.duesDecisions) {
        if (!decisionInForce(decision, context.asOf)) continue;
        if (decision.adopted) inForce.set(decision.id, decision);
        for (const defect of duesDecisionDefects(decision, context)) {
          drafts.push({
            subject: { type: 'dues_decision', id: decision.id },
            aspect: defect.aspect,
            facts: {
              association: name,
              assemblyDate: decision.assemblyDate,
              defectZh: defect.zh,
              defectEn: defect.en,
            },
            arisenOn: decision.effectiveFrom ?? decision.assemblyDate,
          });
        }
      }
      for (const fee of activeFees(context)) {
        if (fee.category !== 'dues') continue;
        if (fee.duesDecisionId !== null && inForce.has(fee.duesDecisionId)) continue;
        drafts.push({
          subject: { type: 'fee_item', id: fee.id },
          aspect: 'unadopted',
          template: 'unadopted',
          facts: feeFacts(context, fee),
          arisenOn: fee.startedOn,
        });
      }
      return drafts;
    },
  },
  feeItemRule({
    id: 'FEE-13',
    title: { zh: '强制性经营服务收费未履行定价程序', en: 'Compulsory service fee priced without procedure' },
    clause: `${FEES_2020}；${FEES_2017}`,
    templates: {
      default: {
        zh: '{association} 的强制性经营服务收费“{fee}”（{amount} 元）未履行规定的定价程序。',
        en: 'The compulsory business-service fee "{fee}" ({amount} yuan) of {association} was priced without the required procedure.',
      },
    },
    decisions: [
      {
        zh: '强制或变相强制的经营服务性收费，定价程序明确记录为否时触发。',
        en: 'Compulsory (or in disguise) business-service fees recorded as not priced by procedure.',
      },
    ],
    example: {
      zh: '必须使用的检测服务由协会自行定价。',
      en: 'A mandatory testing service priced by the association alone.',
    },
    hits: (fee) =>
      fee.category === 'service' && isCompulsory(fee) && fee.pricedByProcedure === false ? [{}] : [],
  }),
  feeItemRule({
    id: 'FEE-14',
    severity: 'risk',
    title: { zh: '市场调节价收费不合理（待复核）', en: 'Unreasonable market-priced fee (review)' },
    clause: `${FEES_2020}；${SELF_CHECK_2021}`,
    parameters: ['fee.marketPriceRatio', 'fee.complaintThreshold'],
    templates: {
      default: {
        zh: '{association} 的市场调节价收费“{fee}”（{amount} 元）{reasonZh}，列入复核。',
        en: 'The market-priced fee "{fee}" ({amount} yuan) of {association} {reasonEn}; queued for review.',
      },
    },
    decisions: [
      {
        zh: '“不合理”的可检查信号：高于参考价的倍数（参数）或投诉数达到阈值（参数）；结论须人工复核，故为 risk。',
        en: 'Checkable signals of "unreasonable": above a multiple of the reference price, or complaints at the threshold (parameters); a person decides, hence risk.',
      },
    ],
    example: {
      zh: '证书工本费 800 元，参考价 100 元。',
      en: 'An 800-yuan certificate fee against a 100-yuan reference price.',
    },
    hits(fee, context) {
      if (fee.pricing !== 'market') return [];
      const { marketPriceRatio, complaintThreshold } = context.params.fee;
      const hits: TFeeHit[] = [];
      if (
        fee.amount !== null &&
        fee.referenceAmount !== null &&
        fee.amount > fee.referenceAmount * marketPriceRatio
      ) {
        hits.push({
          aspect: 'price',
          facts: {
            reasonZh: `高于参考价 ${fee.referenceAmount} 元的 ${marketPriceRatio} 倍`,
            reasonEn: `is above ${marketPriceRatio} times the reference price of ${fee.referenceAmount} yuan`,
          },
        });
      }
      if (fee.complaintCount >= complaintThreshold) {
        hits.push({
          aspect: 'complaints',
          facts: {
            reasonZh: `收到 ${fee.complaintCount} 件投诉`,
            reasonEn: `has drawn ${fee.complaintCount} complaints`,
          },
        });
      }
      return hits;
    },
  }),
  {
    id: 'FEE-15',
    family: 'FEE',
    severity: 'violation',
    title: { zh: '会费标准、服务及依据未公开', en: 'Dues standard, services and basis not published' },
    clause: FEES_2020,
    parameters: [],
    appliesTo: 'in_scope',
    templates: {
      default: {
        zh: '{association} 于 {assemblyDate} 通过的会费标准及其服务、依据未向会员和社会公开。',
        en: 'The dues standard {association} adopted on {assemblyDate}, its services and basis, are not published.',
      },
      item: {
        zh: '{association} 的会费项目“{fee}”未公开。',
        en: 'The dues item "{fee}" of {association} is not published.',
      },
    },
    decisions: [
      {
        zh: '检查评估日有效且已通过的会费决议，以及在收的会费项目。',
        en: 'Checks adopted dues decisions in force and dues items being collected.',
      },
    ],
    example: { zh: '协会官网无会费标准。', en: 'No dues standard on the website.' },
    check(context) {
      const drafts: TFindingDraft[] = [];
      for (const decision of context.facts.duesDecisions) {
        if (!decision.adopted || decision.published || !decisionInForce(decision, context.asOf)) continue;
        drafts.push({
          subject: { type: 'dues_decision', id: decision.id },
          facts: { association: context.facts.association.name, assemblyDate: decision.assemblyDate },
          arisenOn: decision.effectiveFrom ?? decision.assemblyDate,
        });
      }
      for (const fee of activeFees(context)) {
        if (fee.category !== 'dues' || fee.published) continue;
        drafts.push({
          subject: { type: 'fee_item', id: fee.id },
          template: 'item',
          facts: feeFacts(context, fee),
          arisenOn: fee.startedOn,
        });
      }
      return drafts;
    },
  },
];
