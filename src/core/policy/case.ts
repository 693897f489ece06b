/** CASE — the decoupling case itself. */

import { addDays } from './dates.ts';
import type { TFindingDraft, TRuleDefinition } from './types.ts';

const PLAN_2015 = '《行业协会商会与行政机关脱钩总体方案》（2015）“工作要求”';
const OPINIONS_2019 = '发改体改〔2019〕1063号';

export const CASE_RULES: readonly TRuleDefinition[] = [
  {
    id: 'CASE-1',
    family: 'CASE',
    severity: 'open',
    title: { zh: '逾期未批复脱钩方案', en: 'No approved plan by the plan deadline' },
    clause: `${PLAN_2015}；${OPINIONS_2019}`,
    parameters: [],
    appliesTo: 'in_scope',
    templates: {
      default: {
        zh: '{association} 列入 {batch} 脱钩名单，方案批复期限 {planDeadline} 已过，截至 {asOf} 方案仍未批复。',
        en: '{association} is on the {batch} decoupling list; the plan deadline {planDeadline} has passed and on {asOf} there is still no approved plan.',
      },
    },
    decisions: [
      {
        zh: '期限当日批复不逾期；逾期后补批的，自批复日起不再提示（逾期事实留在案件时间线）。',
        en: 'Approval on the deadline day is in time; once approved late the finding stops (the delay stays on the case timeline).',
      },
    ],
    example: {
      zh: '第三批名单协会至期限仍无批复方案。',
      en: 'A third-batch association has no approved plan at the deadline.',
    },
    check({ facts, asOf }) {
      const c = facts.case;
      if (!c || c.planDeadline === null || asOf <= c.planDeadline || c.decoupledOn !== null) return [];
      if (c.planApprovedOn !== null && c.planApprovedOn <= asOf) return [];
      return [
        {
          subject: { type: 'case', id: c.id },
          facts: { association: facts.association.name, batch: c.batch, planDeadline: c.planDeadline, asOf },
          arisenOn: addDays(c.planDeadline, 1),
        },
      ];
    },
  },
  {
    id: 'CASE-2',
    family: 'CASE',
    severity: 'open',
    title: { zh: '逾期未完成脱钩', en: 'Case past its completion deadline' },
    clause: `${PLAN_2015}；${OPINIONS_2019}`,
    parameters: [],
    appliesTo: 'in_scope',
    templates: {
      default: {
        zh: '{association} 的脱钩完成期限 {completionDeadline} 已过，截至 {asOf} 仍未完成；原因已归类为“{reasonZh}”。',
        en: '{association} is past its completion deadline {completionDeadline} and not decoupled on {asOf}; the reason is classified as "{reasonEn}".',
      },
      unclassified: {
        zh: '{association} 的脱钩完成期限 {completionDeadline} 已过，截至 {asOf} 仍未完成，且未将原因归类为“政策缺口”或“工作不力”。',
        en: '{association} is past its completion deadline {completionDeadline} and not decoupled on {asOf}, and the reason is not classified as a policy gap or insufficient work.',
      },
    },
    decisions: [
      {
        zh: '原因未归类时使用单独的说明模板，提示须归类。',
        en: 'An unclassified reason gets its own explanation asking for a classification.',
      },
    ],
    example: {
      zh: '2017 年底到期的案件因事业单位划转政策未出台而搁置（政策缺口）。',
      en: 'A case due end-2017 stalled for lack of a transfer policy for its public institution (policy gap).',
    },
    check({ facts, asOf }) {
      const c = facts.case;
      if (!c || c.completionDeadline === null || asOf <= c.completionDeadline) return [];
      if (c.decoupledOn !== null && c.decoupledOn <= asOf) return [];
      const reasons = {
        policy_gap: { zh: '政策缺口', en: 'policy gap' },
        insufficient_work: { zh: '工作不力', en: 'insufficient work' },
      } as const;
      const reason = c.blockedReason === null ? null : reasons[c.blockedReason];
      return [
        {
          subject: { type: 'case', id: c.id },
          template: reason ? 'default' : 'unclassified',
          facts: {
            association: facts.association.name,
            completionDeadline: c.completionDeadline,
            asOf,
            reasonZh: reason?.zh ?? null,
            reasonEn: reason?.en ?? null,
          },
          arisenOn: addDays(c.completionDeadline, 1),
        },
      ];
    },
  },
  {
    id: 'CASE-3',
    family: 'CASE',
    severity: 'violation',
    title: { zh: '脱钩后重新挂钩', en: 'Re-coupling after decoupling' },
    clause: `${OPINIONS_2019}；${PLAN_2015}`,
    parameters: [],
    appliesTo: 'in_scope',
    templates: {
      default: {
        zh: '{association} 于 {decoupledOn} 脱钩结案后，{arisenOn} 出现 {underlyingRule} 违规：{underlyingZh}',
        en: 'After {association} was closed as decoupled on {decoupledOn}, a {underlyingRule} violation arose on {arisenOn}: {underlyingEn}',
      },
    },
    decisions: [
      {
        zh: '只计发生日期晚于脱钩日的 INST、FIN、PERS 违规与 FEE-5 违规；脱钩时已存在并延续的问题由原规则本身报告，不计为重新挂钩。',
        en: 'Counts INST, FIN, PERS and FEE-5 violations that arose after the decoupling date; problems carried over from before are reported by their own rules, not as re-coupling.',
      },
    ],
    example: {
      zh: '2018 年脱钩的协会 2024 年重新挂靠原主管局下属中心。',
      en: 'Decoupled in 2018, the association was hosted again by a ministry centre in 2024.',
    },
    check({ facts, decoupledOn, earlier }) {
      const c = facts.case;
      if (!c || decoupledOn === null) return [];
      const drafts: TFindingDraft[] = [];
      for (const finding of earlier) {
        if (finding.severity !== 'violation' || finding.arisenOn === null || finding.arisenOn <= decoupledOn)
          continue;
        const family = finding.family;
        if (family !== 'INST' && family !== 'FIN' && family !== 'PERS' && finding.ruleId !== 'FEE-5')
          continue;
        drafts.push({
          subject: { type: 'case', id: c.id },
          aspect: finding.fingerprint,
          facts: {
            association: facts.association.name,
            decoupledOn,
            arisenOn: finding.arisenOn,
            underlyingRule: finding.ruleId,
            underlyingFingerprint: finding.fingerprint,
            underlyingZh: finding.explanationZh,
            underlyingEn: finding.explanationEn,
          },
          arisenOn: finding.arisenOn,
        });
      }
      return drafts;
    },
  },
];
