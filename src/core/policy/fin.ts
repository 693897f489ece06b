/** FIN — assets and finance (资产财务分离). */

import { addDays, yearOf } from './dates.ts';
import type { TFinanceYearFact } from './facts.ts';
import { percent, separationApplies } from './helpers.ts';
import type { TPolicyParameters } from './packs.ts';
import type { TFindingDraft, TRuleContext, TRuleDefinition } from './types.ts';

const PLAN_2015 = '《行业协会商会与行政机关脱钩总体方案》（2015）“资产财务分离”';

/** Finance years the separation rules look at: from the decoupling year on, or all years if never listed. */
function separatedYears(context: TRuleContext): TFinanceYearFact[] {
  if (!separationApplies(context)) return [];
  const asOfYear = yearOf(context.asOf);
  const fromYear = context.decoupledOn === null ? Number.NEGATIVE_INFINITY : yearOf(context.decoupledOn);
  return context.facts.finance.years.filter((y) => y.year >= fromYear && y.year <= asOfYear);
}

/** The latest finance year on or before the evaluation year: the current state of the association. */
function currentYear(context: TRuleContext): TFinanceYearFact | null {
  const asOfYear = yearOf(context.asOf);
  let latest: TFinanceYearFact | null = null;
  for (const y of context.facts.finance.years) {
    if (y.year <= asOfYear && (latest === null || y.year > latest.year)) latest = y;
  }
  return latest;
}

/**
 * FIN-3: the share of the 2015 base allowed for a budget year, for an association decoupled in
 * `decoupledYear`; `null` when the year is before the transition (no limit from this rule).
 */
export function allowedAppropriationShare(
  params: TPolicyParameters,
  decoupledYear: number,
  budgetYear: number,
): number | null {
  if (budgetYear >= params.fin.appropriationZeroFromYear) return 0;
  for (const band of params.fin.appropriationShares) {
    if (band.decoupledFromYear !== null && decoupledYear < band.decoupledFromYear) continue;
    if (band.decoupledToYear !== null && decoupledYear > band.decoupledToYear) continue;
    return band.shares[String(budgetYear)] ?? null;
  }
  return null;
}

function yearSubject(context: TRuleContext, year: number) {
  return { type: 'finance_year' as const, id: `${context.facts.association.uscc}:${year}` };
}

export const FIN_RULES: readonly TRuleDefinition[] = [
  {
    id: 'FIN-1',
    family: 'FIN',
    severity: 'violation',
    title: { zh: '未单独建账、独立核算', en: 'No independent account or separate books' },
    clause: PLAN_2015,
    parameters: [],
    appliesTo: 'in_scope',
    templates: {
      default: {
        zh: '{association} {year} 年度{missingZh}。',
        en: 'In {year}, {association} had {missingEn}.',
      },
    },
    decisions: [
      {
        zh: '按年度检查：已脱钩的从脱钩当年起，未列入名单的全部年度；未记录（null）不视为违规。',
        en: 'Checked per year: from the decoupling year for decoupled associations, every year for those never listed; unknown (null) is not a breach.',
      },
    ],
    example: {
      zh: '协会收支仍在原主管局账户中核算。',
      en: "The association's income runs through the ministry's account.",
    },
    check(context) {
      const drafts: TFindingDraft[] = [];
      for (const y of separatedYears(context)) {
        const noAccount = y.independentAccount === false;
        const noBooks = y.separateBooks === false;
        if (!noAccount && !noBooks) continue;
        drafts.push({
          subject: yearSubject(context, y.year),
          facts: {
            association: context.facts.association.name,
            year: String(y.year),
            missingZh: [noAccount ? '无独立银行账户' : '', noBooks ? '未单独建账核算' : '']
              .filter(Boolean)
              .join('且'),
            missingEn: [noAccount ? 'no independent bank account' : '', noBooks ? 'no separate books' : '']
              .filter(Boolean)
              .join(' and '),
          },
          arisenOn: `${y.year}-01-01`,
        });
      }
      return drafts;
    },
  },
  {
    id: 'FIN-2',
    family: 'FIN',
    severity: 'violation',
    title: { zh: '未执行《民间非营利组织会计制度》', en: 'Not under the NPO accounting system' },
    clause: `${PLAN_2015}；《民间非营利组织会计制度》`,
    parameters: [],
    appliesTo: 'in_scope',
    templates: {
      default: {
        zh: '{association} {year} 年度执行的会计制度为“{standard}”，而非《民间非营利组织会计制度》。',
        en: 'In {year}, {association} kept its accounts under "{standard}" rather than the Accounting System for Non-Profit Organisations.',
      },
    },
    decisions: [
      {
        zh: '检查年度范围同 FIN-1；会计制度未记录时不触发。',
        en: 'Same years as FIN-1; an unrecorded accounting standard does not fire.',
      },
    ],
    example: {
      zh: '协会脱钩后仍按事业单位会计制度记账。',
      en: 'After decoupling the association still keeps public-institution accounts.',
    },
    check(context) {
      return separatedYears(context)
        .filter((y) => y.accountingStandard !== null && y.accountingStandard !== 'npo')
        .map((y) => ({
          subject: yearSubject(context, y.year),
          facts: {
            association: context.facts.association.name,
            year: String(y.year),
            standard: y.accountingStandard,
          },
          arisenOn: `${y.year}-01-01`,
        }));
    },
  },
  {
    id: 'FIN-3',
    family: 'FIN',
    severity: 'violation',
    title: { zh: '财政直接拨款超出过渡期标准', en: 'Direct appropriation above the allowed share' },
    clause: `${PLAN_2015}；财建〔2015〕788号`,
    parameters: ['fin.appropriationShares', 'fin.appropriationZeroFromYear'],
    appliesTo: 'in_scope',
    templates: {
      default: {
        zh: '{association} 于 {decoupledOn} 脱钩，{year} 年度获财政直接拨款 {counted} 元（已扣除安置人员经费 {placement} 元），超过允许额 {allowed} 元（2015年基数 {base} 元 × {share}）。',
        en: '{association}, decoupled on {decoupledOn}, received a direct appropriation of {counted} yuan in {year} (after {placement} yuan of exempt placement funds), above the {allowed} yuan allowed (2015 base {base} yuan × {share}).',
      },
    },
    decisions: [
      {
        zh: '基数 = 2015年拨款 − 其中离退休经费；安置人员经费从当年拨款中扣除；过渡比例按脱钩年度分档；零拨款起始年份为参数（按预算年度）。',
        en: 'Base = 2015 appropriation minus its retiree funding; placement funds are deducted from the year’s appropriation; the share depends on the decoupling year; the zero year is a parameter (budget years).',
      },
      {
        zh: '只检查脱钩当年及以后的年度；基数未记录时过渡年度无法核对，不触发，零拨款年度照常检查。',
        en: 'Only years from the decoupling year on; without a recorded base the transition years cannot be checked and do not fire, zero years still do.',
      },
    ],
    example: {
      zh: '2017年脱钩的协会2017年获拨款为2015年基数的70%（允许60%）。',
      en: 'Decoupled in 2017, it received 70% of its 2015 base in 2017 (60% allowed).',
    },
    check(context) {
      const { decoupledOn, params, facts } = context;
      if (decoupledOn === null) return [];
      const decoupledYear = yearOf(decoupledOn);
      const finance = facts.finance;
      const base =
        finance.base2015Appropriation === null
          ? null
          : finance.base2015Appropriation - (finance.base2015RetireeFunding ?? 0);
      const drafts: TFindingDraft[] = [];
      for (const y of finance.years) {
        if (y.year < decoupledYear || y.year > yearOf(context.asOf) || y.directAppropriation === null)
          continue;
        const share = allowedAppropriationShare(params, decoupledYear, y.year);
        if (share === null) continue;
        if (share > 0 && base === null) continue;
        const allowed = Math.round((base ?? 0) * share * 100) / 100;
        const placement = y.placementFunds ?? 0;
        const counted = y.directAppropriation - placement;
        if (counted <= allowed) continue;
        drafts.push({
          subject: yearSubject(context, y.year),
          facts: {
            association: facts.association.name,
            decoupledOn,
            year: String(y.year),
            counted,
            placement,
            allowed,
            base,
            share: percent(share),
          },
          arisenOn: `${y.year}-01-01`,
        });
      }
      return drafts;
    },
  },
  {
    id: 'FIN-4',
    family: 'FIN',
    severity: 'violation',
    title: { zh: '逾期未腾退行政办公用房', en: 'Administrative office space not vacated by the deadline' },
    clause: `${PLAN_2015}；党政机关办公用房管理规定`,
    parameters: ['fin.vacatingDeadline', 'fin.paidUseAllowed'],
    appliesTo: 'in_scope',
    templates: {
      default: {
        zh: '腾退期限为 {deadline}，截至 {asOf} {association} 仍占用行政办公用房（{organ}）{paidUseZh}。',
        en: 'The vacating deadline was {deadline}; on {asOf} {association} still occupies administrative office space ({organ}){paidUseEn}.',
      },
    },
    decisions: [
      {
        zh: '以评估日所在年度或之前最近一年的办公用房记录为现状；在期限当日或之前腾退不违规；只在仍占用时触发（腾退后结案）。',
        en: 'The latest finance year up to the evaluation year is the current state; vacating on or before the deadline is fine; fires only while still occupied.',
      },
      {
        zh: '允许有偿使用的包，在记录了有偿使用协议时不触发；包未设期限时本规则不触发。',
        en: 'Where the pack allows paid use, a recorded paid-use agreement clears it; a pack without a deadline does not fire.',
      },
    ],
    example: {
      zh: '期限 2017-12-31，协会 2018 年仍在原主管厅办公楼内办公。',
      en: 'Deadline 2017-12-31; in 2018 the association still works in the department’s building.',
    },
    check(context) {
      const deadline = context.params.fin.vacatingDeadline;
      if (deadline === null || context.asOf <= deadline || !separationApplies(context)) return [];
      const y = currentYear(context);
      if (y?.officeInAdministrativeSpace !== true) return [];
      if (y.vacatedOn !== null && y.vacatedOn <= context.asOf) return [];
      const paidUse = y.paidUseAgreementRef !== null && y.paidUseAgreementRef.trim() !== '';
      if (paidUse && context.params.fin.paidUseAllowed) return [];
      const organ = y.officeOrganCode
        ? (context.facts.organs.byCode.get(y.officeOrganCode)?.organ.name ?? y.officeOrganCode)
        : '—';
      return [
        {
          subject: { type: 'association', id: context.facts.association.uscc },
          facts: {
            association: context.facts.association.name,
            deadline,
            asOf: context.asOf,
            organ,
            paidUseZh: paidUse ? `（有偿使用协议 ${y.paidUseAgreementRef}，本辖区不允许有偿使用）` : '',
            paidUseEn: paidUse
              ? ` (paid-use agreement ${y.paidUseAgreementRef}; paid use is not allowed here)`
              : '',
          },
          arisenOn: addDays(deadline, 1),
        },
      ];
    },
  },
  {
    id: 'FIN-5',
    family: 'FIN',
    severity: 'open',
    title: { zh: '使用的国有资产未清查登记', en: 'State assets in use not inventoried and registered' },
    clause: `${PLAN_2015}；财建〔2015〕788号`,
    parameters: [],
    appliesTo: 'in_scope',
    templates: {
      default: {
        zh: '{association} {year} 年度使用国有资产，截至 {asOf} 尚未完成清查登记。',
        en: '{association} uses state-owned assets ({year} record) that are not inventoried and registered as of {asOf}.',
      },
    },
    decisions: [
      {
        zh: '以最近年度记录为现状；适用于列入名单的协会（含尚未脱钩的，属脱钩任务）。',
        en: 'The latest year record is the current state; applies to listed associations, decoupled or not (a decoupling task).',
      },
    ],
    example: {
      zh: '协会使用原主管单位的车辆，未做国有资产登记。',
      en: "The association uses the ministry's cars with no state-asset registration.",
    },
    check(context) {
      if (context.facts.case === null) return [];
      const y = currentYear(context);
      if (y?.stateAssetsUsed !== true) return [];
      if (y.stateAssetsRegisteredOn !== null && y.stateAssetsRegisteredOn <= context.asOf) return [];
      return [
        {
          subject: yearSubject(context, y.year),
          facts: { association: context.facts.association.name, year: String(y.year), asOf: context.asOf },
          arisenOn: `${y.year}-01-01`,
        },
      ];
    },
  },
];
