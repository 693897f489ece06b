/**
 * The Chinese names the work summary, the chart images and the spreadsheet exports print for the
 * codes the dashboard queries return. The web app keeps its own bilingual copy in its message
 * catalogue; these are the official wording of a written report.
 */

import { BUILT_IN_BATCHES } from '../core/cases/batches.ts';
import type { TCaseState } from '../core/cases/types.ts';
import { regionName } from '../core/ids/regions.ts';
import { RULES_BY_ID } from '../core/policy/catalog.ts';
import type { TRuleId } from '../core/policy/types.ts';
import type { TLevel } from '../core/registry/types.ts';
import type { TCaseStage, TTrendSeries } from '../db/repositories/dashboard.repository.ts';

export const CASE_STATE_ZH: Record<TCaseState, string> = {
  listed: '已列入名单',
  plan_drafted: '方案起草中',
  plan_submitted: '方案已报送',
  plan_returned: '方案退回修改',
  plan_approved: '方案已批复',
  executing: '实施中',
  verification: '验收中',
  decoupled: '已完成脱钩',
  blocked: '受阻',
  exempt: '经批准暂不脱钩',
};

export const CASE_STAGE_ZH: Record<TCaseStage, string> = {
  in_progress: '推进中',
  blocked: '受阻',
  decoupled: '已完成脱钩',
  exempt: '经批准暂不脱钩',
  open: '未完成',
  overdue: '逾期',
};

export const LEVEL_ZH: Record<TLevel, string> = {
  national: '全国性',
  provincial: '省级',
  municipal: '市级',
  county: '县级',
};

export const FAMILY_ZH: Record<string, string> = {
  SCOPE: '脱钩范围',
  INST: '机构分离',
  FUNC: '职能分离',
  FIN: '资产财务分离',
  PERS: '人员管理分离',
  PARTY: '党建、外事分离',
  FEE: '收费',
  CRED: '信用名单',
  CASE: '脱钩案件',
};

export const SEVERITY_ZH: Record<string, string> = {
  violation: '违规',
  risk: '风险',
  open: '待办',
  info: '提示',
};

export const BLOCKED_REASON_ZH: Record<string, string> = {
  policy_gap: '配套政策不完善',
  insufficient_work: '工作推进不力',
  unclassified: '未分类',
};

export const TREND_SERIES_ZH: Record<TTrendSeries, string> = {
  listed: '列入名单',
  plan_approved: '方案批复',
  decoupled: '完成脱钩',
  blocked: '受阻',
};

/** The batch's title, or its id when it is not one of the built-in batches. */
export function batchZh(batch: string): string {
  return BUILT_IN_BATCHES.find((b) => b.id === batch)?.title.zh ?? batch;
}

/** The rule's Chinese title, or its id for a rule the catalog no longer has. */
export function ruleTitleZh(ruleId: string): string {
  return RULES_BY_ID.get(ruleId as TRuleId)?.title.zh ?? ruleId;
}

/** A province by the first two digits of its code; `10` are the national associations. */
export function provinceZh(province: string): string {
  if (province === '10') return '全国性（中央）';
  return regionName(`${province}0000`) ?? province;
}

/** A jurisdiction's name: the whole country, or the region's name with its province. */
export function jurisdictionZh(code: string | undefined): string {
  if (!code || code === '100000') return '全国';
  return regionName(code) ?? code;
}
