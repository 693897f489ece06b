/**
 * Reasons and legal bases of credit-list actions. The clause of each listing and removal is the one
 * the CRED rules cite, so a finding and the listing it leads to name the same article.
 */

import { CRED_RULES } from '../policy/cred.ts';
import type { TCreditGround } from '../policy/facts.ts';
import type { TRuleId, TTemplate } from '../policy/types.ts';

export type TCreditList = 'abnormal' | 'serious';

/** The legal basis of an action: the clause cited and what it says, in short. */
export type TLegalBasis = { clause: string; summary: TTemplate };

const ORDER_60 = '《社会组织信用信息管理办法》（民政部令第60号，2018）';

function clauseOf(id: TRuleId): string {
  const rule = CRED_RULES.find((r) => r.id === id);
  if (!rule) throw new Error(`rule ${id} is missing from the CRED catalog`);
  return rule.clause;
}

/** Basis of a listing on `list`. */
export function listingBasis(list: TCreditList): TLegalBasis {
  return list === 'abnormal'
    ? {
        clause: clauseOf('CRED-1'),
        summary: {
          zh: '社会组织有规定情形的，登记管理机关应在发现之日起5个工作日内列入活动异常名录。',
          en: 'Where one of the listed grounds arises, the registrar puts the organisation on the abnormal-activity list within 5 working days.',
        },
      }
    : {
        clause: clauseOf('CRED-3'),
        summary: {
          zh: '社会组织有规定的严重违法失信情形的，登记管理机关应将其列入严重违法失信名单。',
          en: 'Where a serious ground arises, the registrar puts the organisation on the serious violation and dishonesty list.',
        },
      };
}

export type TRemovalReason =
  | 'rectified'
  | 'automatic'
  | 'application'
  | 'deregistered'
  | 'escalated'
  | 'objection_upheld';

/** Basis of a removal from `list` for `reason`. */
export function removalBasis(list: TCreditList, reason: TRemovalReason): TLegalBasis {
  switch (reason) {
    case 'rectified':
      return {
        clause: clauseOf(list === 'abnormal' ? 'CRED-2' : 'CRED-4'),
        summary: {
          zh: '义务已履行并经登记管理机关核实，应在5个工作日内移出。',
          en: 'The obligation was fulfilled and verified by the registrar; removal follows within 5 working days.',
        },
      };
    case 'automatic':
      return {
        clause: clauseOf('CRED-2'),
        summary: {
          zh: '列入活动异常名录满6个月且无需整改的，自动移出；其间出现新的列入事由的重新计算。',
          en: 'After 6 months on the abnormal list with nothing to fix the organisation is removed automatically; a new ground restarts the period.',
        },
      };
    case 'application':
      return {
        clause: clauseOf('CRED-4'),
        summary: {
          zh: '列入严重违法失信名单满2年且未再出现列入事由的，经申请移出。',
          en: 'After 2 years on the serious list without a new ground, the organisation is removed on application.',
        },
      };
    case 'deregistered':
      return {
        clause: clauseOf('CRED-4'),
        summary: {
          zh: '因被撤销登记证书列入的，依法办理注销登记后移出。',
          en: 'Where listed for a revoked certificate, the organisation is removed once deregistered.',
        },
      };
    case 'escalated':
      return {
        clause: clauseOf('CRED-3'),
        summary: {
          zh: '列入活动异常名录满2年的，移入严重违法失信名单。',
          en: 'After 2 years on the abnormal list the organisation moves to the serious list.',
        },
      };
    case 'objection_upheld':
      return {
        clause: `${ORDER_60}关于信用信息异议的规定`,
        summary: {
          zh: '异议经核实成立，更正信用信息并撤销该列入。',
          en: 'The objection was verified as founded: the credit record is corrected and the listing withdrawn.',
        },
      };
  }
}

/** Basis of the objection procedure. */
export const OBJECTION_BASIS: TLegalBasis = {
  clause: `${ORDER_60}关于信用信息异议的规定`,
  summary: {
    zh: '社会组织对信用信息有异议的，可向登记管理机关书面申请并提交证明材料，登记管理机关应核实并答复。',
    en: 'An organisation that disputes its credit record applies in writing with evidence; the registrar verifies and answers.',
  },
};

/** Grounds that end only by the organisation doing something that the registrar verifies. */
export const CURABLE_GROUNDS: ReadonlySet<TCreditGround> = new Set([
  'annual_report',
  'no_party_organisation',
  'rectification_overdue',
  'unreachable',
  'other',
]);

/** Names of grounds, zh and en. */
export const GROUND_NAMES: Readonly<Record<TCreditGround, TTemplate>> = {
  annual_report: { zh: '未按时提交年度工作报告', en: 'annual work report not filed in time' },
  no_party_organisation: { zh: '应建未建党组织', en: 'no party organisation where required' },
  rectification_overdue: { zh: '未按期完成整改', en: 'rectification not finished in time' },
  minor_penalty: { zh: '受到警告或不满5万元罚款', en: 'a warning or a fine below the threshold' },
  unreachable: { zh: '通过登记住所无法取得联系', en: 'unreachable at the registered address' },
  abnormal_two_years: { zh: '列入活动异常名录满2年', en: '2 years on the abnormal list' },
  change_registration_revoked: {
    zh: '弄虚作假办理变更登记被撤销',
    en: 'fraudulent change registration revoked',
  },
  stop_activities: { zh: '被责令停止活动', en: 'ordered to stop activities' },
  major_fine: { zh: '受到5万元以上罚款', en: 'a fine at or above the threshold' },
  repeat_penalties: { zh: '3年内2次以上警告或罚款', en: 'repeated warnings or fines' },
  court_defaulter: { zh: '被法院列为失信被执行人', en: 'listed by a court as a judgement defaulter' },
  certificate_revoked: { zh: '被撤销登记证书', en: 'registration certificate revoked' },
  other: { zh: '其他法定情形', en: 'other legal grounds' },
};
