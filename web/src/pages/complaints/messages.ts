import { useCallback } from 'react';
import { useT } from '../../i18n/index.ts';

/** Texts of the staff pages for complaints and credit lists (zh-CN first, English). */
const TEXT = {
  'inbox.title': ['举报处理', 'Complaints inbox'],
  'inbox.openOnly': ['只看未结案', 'Open only'],
  'inbox.state': ['状态', 'State'],
  'inbox.family': ['类别', 'Family'],
  'inbox.received': ['受理日期', 'Received'],
  'inbox.association': ['被举报协会', 'Association'],
  'inbox.code': ['跟踪码', 'Tracking code'],
  'inbox.assignee': ['承办人', 'Handled by'],
  'inbox.resolveBy': ['办结期限', 'Decide by'],
  'inbox.timeliness.on_time': ['按期', 'On time'],
  'inbox.timeliness.assignment_overdue': ['分派超期', 'Assignment overdue'],
  'inbox.timeliness.resolution_overdue': ['办结超期', 'Decision overdue'],
  'inbox.text': ['举报内容（不公开）', 'What was written (not published)'],
  'inbox.classification': ['自动分类', 'Classification'],
  'inbox.triage': ['需人工确定类别', 'Needs a person to decide the family'],
  'inbox.contact': ['举报人留有联系方式（加密保存）', 'The complainant left a contact (kept encrypted)'],
  'inbox.anonymous': ['匿名举报', 'Anonymous'],
  'inbox.assignMe': ['分派给我', 'Assign to me'],
  'inbox.start': ['开始调查', 'Start investigating'],
  'inbox.outcome': ['处理结果（将公开）', 'Outcome (published)'],
  'inbox.outcomeEn': ['处理结果英文（可选）', 'Outcome in English (optional)'],
  'inbox.resolve': ['办结并公开结果', 'Resolve and publish'],
  'inbox.dismissReason': ['不予处理的理由（将公开）', 'Reason for dismissal (published)'],
  'inbox.dismiss': ['不予处理', 'Dismiss'],
  'inbox.reclassify': ['更正类别', 'Correct the family'],
  'inbox.deadline': ['调整办结期限', 'Move the deadline'],
  'inbox.events': ['处理记录', 'Steps'],
  'inbox.feeItem': ['涉及收费项目', 'Fee item'],
  'credit.title': ['信用名单管理', 'Credit lists'],
  'credit.status': ['状态', 'Status'],
  'credit.since': ['列入日期', 'Listed on'],
  'credit.next': ['下一步', 'Next'],
  'credit.open': ['待处理异议/申请', 'Open objections / applications'],
  'credit.grounds': ['列入事由', 'Grounds'],
  'credit.verify': ['核实已履行', 'Verify fulfilled'],
  'credit.due': ['期限', 'What is due'],
  'credit.history': ['列入与移出记录', 'History'],
  'credit.objections': ['异议', 'Objections'],
  'credit.repairs': ['信用修复申请', 'Repair applications'],
  'credit.recordObjection': ['登记异议（书面申请）', 'Record an objection (written)'],
  'credit.statement': ['异议事实和理由', 'Facts and reasons'],
  'credit.applyRepair': ['登记移出申请', 'Record an application for removal'],
  'credit.accept': ['受理', 'Accept'],
  'credit.notAccept': ['不予受理', 'Do not accept'],
  'credit.uphold': ['异议成立', 'Uphold'],
  'credit.reject': ['异议不成立', 'Reject'],
  'credit.approve': ['同意移出', 'Approve removal'],
  'credit.refuse': ['不予移出', 'Refuse'],
  'credit.answer': ['答复或理由', 'Answer or reason'],
  'credit.basis': ['依据', 'Basis'],
  'status.clear': ['未列入', 'Clear'],
  'status.abnormal': ['活动异常名录', 'Abnormal list'],
  'status.serious': ['严重违法失信名单', 'Serious list'],
  'status.abnormal_and_serious': ['两个名单', 'Both lists'],
  'list.abnormal': ['活动异常名录', 'abnormal list'],
  'list.serious': ['严重违法失信名单', 'serious list'],
  'state.received': ['已受理', 'Received'],
  'state.assigned': ['已分派', 'Assigned'],
  'state.investigating': ['调查中', 'Investigating'],
  'state.resolved': ['已办结', 'Resolved'],
  'state.dismissed': ['不予处理', 'Dismissed'],
  'family.FEE': ['违规收费', 'Fees'],
  'family.PERS': ['人员任职', 'Personnel'],
  'family.FUNC': ['行政职能', 'Functions'],
  'due.waiting': ['待履行', 'Waiting'],
  'due.scheduled': ['未到期', 'Scheduled'],
  'due.due': ['应办理', 'Due'],
  'due.overdue': ['已超期', 'Overdue'],
  'due.available': ['可申请', 'Available'],
} as const satisfies Record<string, readonly [string, string]>;

export type TStaffTextId = keyof typeof TEXT;

/** The staff pages' translate function and a picker for `{ zh, en }` texts from the API. */
export function useStaffText() {
  const { language } = useT();
  const s = useCallback((id: TStaffTextId) => TEXT[id][language === 'en' ? 1 : 0], [language]);
  const pick = useCallback(
    (text: { zh: string; en: string } | null | undefined) =>
      text ? (language === 'en' ? text.en || text.zh : text.zh) : '',
    [language],
  );
  return { s, pick, language };
}
