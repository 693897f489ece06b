import type { TLanguage } from '../../i18n/index.ts';

/**
 * The words of the case pages in both languages. Kept beside the pages (the shared catalogues hold
 * only the menu entries) so that the case screens can change without touching every feature's file;
 * a test checks that every entry has both languages and the same placeholders.
 */
export const CASE_TEXT = {
  'list.title': { zh: '脱钩案件', en: 'Decoupling cases' },
  'list.filter.state': { zh: '状态', en: 'State' },
  'list.filter.batch': { zh: '批次', en: 'Batch' },
  'list.filter.overdue': { zh: '逾期', en: 'Overdue' },
  'list.filter.q': { zh: '协会名称、信用代码或案件编号', en: 'Association, USCC or case reference' },
  'list.overdue.any': { zh: '任一逾期', en: 'Any overdue' },
  'list.overdue.CASE-1': { zh: '方案逾期（CASE-1）', en: 'Plan overdue (CASE-1)' },
  'list.overdue.CASE-2': { zh: '完成逾期（CASE-2）', en: 'Completion overdue (CASE-2)' },
  'list.export.xlsx': { zh: '导出 Excel', en: 'Export Excel' },
  'list.export.csv': { zh: '导出 CSV', en: 'Export CSV' },
  'list.total': { zh: '共 {{total}} 件', en: '{{total}} cases' },
  'col.ref': { zh: '案件编号', en: 'Case' },
  'col.association': { zh: '协会', en: 'Association' },
  'col.batch': { zh: '批次', en: 'Batch' },
  'col.state': { zh: '状态', en: 'State' },
  'col.planDeadline': { zh: '方案期限', en: 'Plan due' },
  'col.completionDeadline': { zh: '完成期限', en: 'Completion due' },
  'col.overdue': { zh: '逾期', en: 'Overdue' },
  'overdue.days': { zh: '{{rule}} 逾期 {{days}} 天', en: '{{rule}} {{days}} days overdue' },
  'detail.back': { zh: '返回案件列表', en: 'Back to the cases' },
  'detail.listedOn': { zh: '列入名单', en: 'Listed on' },
  'detail.planSubmittedOn': { zh: '方案报送', en: 'Plan submitted' },
  'detail.planApprovedOn': { zh: '方案批复', en: 'Plan approved' },
  'detail.planApprovalRef': { zh: '批复文号', en: 'Approval reference' },
  'detail.decoupledOn': { zh: '脱钩日期', en: 'Decoupled on' },
  'detail.blocked': { zh: '受阻', en: 'Blocked' },
  'detail.exempt': { zh: '豁免批准', en: 'Exemption approval' },
  'detail.actions': { zh: '可办理', en: 'Actions' },
  'detail.actions.none': { zh: '当前没有您可办理的事项', en: 'Nothing for you to do now' },
  'detail.plan': { zh: '脱钩方案', en: 'Decoupling plan' },
  'detail.plan.upload': { zh: '上传方案文件（PDF 或 DOCX）', en: 'Upload the plan (PDF or DOCX)' },
  'detail.plan.none': { zh: '尚未上传方案文件', en: 'No plan document yet' },
  'detail.checklist': { zh: '五分离清单', en: 'Five-separation checklist' },
  'detail.timeline': { zh: '办理记录', en: 'History' },
  'detail.otherFindings': { zh: '其他问题线索', en: 'Other findings' },
  'item.owner': { zh: '责任方', en: 'Owner' },
  'item.signers': { zh: '确认方', en: 'Signed off by' },
  'item.requirements': { zh: '所需材料', en: 'Evidence needed' },
  'item.optional': { zh: '（可选）', en: ' (optional)' },
  'item.upload': { zh: '上传', en: 'Upload' },
  'item.files': { zh: '已上传', en: 'Files' },
  'item.waiting': { zh: '待补齐其他材料', en: 'waiting for the rest' },
  'item.findings': { zh: '相关问题线索', en: 'Related findings' },
  'item.signedOff': { zh: '{{who}} 于 {{at}} 确认', en: 'Signed off by {{who}} on {{at}}' },
  'item.reason': { zh: '理由', en: 'Reason' },
  'item.action.signed_off': { zh: '确认完成', en: 'Sign off' },
  'item.action.waived': { zh: '附理由豁免', en: 'Waive with a reason' },
  'item.action.open': { zh: '退回 / 重新打开', en: 'Return / reopen' },
  'item.state.open': { zh: '待办', en: 'Open' },
  'item.state.evidence_submitted': { zh: '已提交材料', en: 'Evidence submitted' },
  'item.state.signed_off': { zh: '已确认', en: 'Signed off' },
  'item.state.waived': { zh: '已豁免', en: 'Waived' },
  'owner.association': { zh: '协会', en: 'Association' },
  'owner.organ': { zh: '原主管单位', en: 'Former organ' },
  'owner.regulator': { zh: '登记管理机关', en: 'Regulator' },
  'owner.admin': { zh: '系统管理员', en: 'Administrator' },
  'owner.inspector': { zh: '检查人员', en: 'Inspector' },
  'owner.auditor': { zh: '审计/纪检', en: 'Auditor' },
  'transition.reason': { zh: '理由', en: 'Reason' },
  'transition.reason.required': { zh: '请填写理由', en: 'Please give a reason' },
  'transition.approvalRef': { zh: '批准文号', en: 'Approval reference' },
  'transition.approvalRef.required': { zh: '请填写批准文号', en: 'Please give the approval reference' },
  'transition.blockedReason': { zh: '受阻原因', en: 'Why blocked' },
  'transition.blockedReason.required': { zh: '请选择受阻原因', en: 'Please classify the reason' },
  'transition.submit': { zh: '确定', en: 'Confirm' },
  'transition.done': { zh: '已办理', en: 'Done' },
  'blocked.policy_gap': { zh: '政策缺口', en: 'Policy gap' },
  'blocked.insufficient_work': { zh: '工作不力', en: 'Insufficient work' },
  'upload.done': { zh: '已上传 {{name}}', en: 'Uploaded {{name}}' },
  'notifications.title': { zh: '通知', en: 'Notifications' },
  'notifications.empty': { zh: '暂无通知', en: 'No notifications' },
  'notifications.readAll': { zh: '全部标为已读', en: 'Mark all read' },
} as const;

export type TCaseTextId = keyof typeof CASE_TEXT;

/** The text in the language, with `{{name}}` placeholders filled. */
export function caseText(
  language: TLanguage,
  id: TCaseTextId,
  values: Record<string, string | number> = {},
): string {
  const entry = CASE_TEXT[id];
  const text = language === 'en' ? entry.en : entry.zh;
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''));
}

/** The Chinese or English side of a bilingual pair from the API. */
export function pickText(text: { zh: string; en: string }, language: TLanguage): string {
  return language === 'en' ? text.en : text.zh;
}
