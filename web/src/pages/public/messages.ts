import { useCallback } from 'react';
import { useT } from '../../i18n/index.ts';

/**
 * Texts of the portal's association sections, complaint form and tracking page, zh-CN first with
 * English. They live with these lazily loaded pages rather than in the shared catalogue, so the
 * portal's first load does not carry them.
 */
export const PORTAL_TEXT = {
  'section.scorecard': ['脱钩评分卡（五分离）', 'Decoupling scorecard (five separations)'],
  'section.fees': ['公示的收费项目与会费标准', 'Published fees and dues standards'],
  'section.credit': ['信用名单状态与记录', 'Credit-list status and history'],
  'section.inspections': ['“双随机”抽查结果', 'Random inspection results'],
  'section.complaints': ['举报处理结果', 'Outcomes of complaints'],
  'scorecard.case': ['脱钩批次 {{batch}}，列入日期 {{listedOn}}', 'Batch {{batch}}, listed on {{listedOn}}'],
  'scorecard.decoupledOn': ['脱钩完成日期 {{date}}', 'Decoupled on {{date}}'],
  'scorecard.noCase': ['未列入脱钩名单', 'Not on a decoupling list'],
  'scorecard.openFindings': ['{{n}} 项待整改问题', '{{n}} open findings'],
  'separation.done': ['已完成', 'Done'],
  'separation.in_progress': ['推进中', 'In progress'],
  'separation.issues': ['存在问题', 'Issues found'],
  'separation.not_started': ['未开始', 'Not started'],
  'separation.exempt': ['经批准暂不脱钩', 'Exempted'],
  'separation.no_case': ['不适用', 'Not applicable'],
  'fees.none': ['没有公示的收费项目。', 'No published fee items.'],
  'fees.dues': ['会费标准', 'Dues standards'],
  'fees.duesNone': ['没有公示的会费标准。', 'No published dues standards.'],
  'fees.amount': ['金额', 'Amount'],
  'fees.tiers': ['档次', 'Tiers'],
  'fees.since': ['起', 'from'],
  'fees.until': ['止', 'until'],
  'fees.assembly': ['{{date}} 会员（代表）大会通过', 'Adopted by the general assembly on {{date}}'],
  'fees.secretBallot': ['无记名投票', 'secret ballot'],
  'fees.effective': ['{{date}} 起执行', 'in force from {{date}}'],
  'fees.superseded': ['{{date}} 废止', 'superseded on {{date}}'],
  'credit.clear': ['未列入信用名单', 'Not on a credit list'],
  'credit.abnormal': ['列入活动异常名录', 'On the abnormal-activity list'],
  'credit.serious': ['列入严重违法失信名单', 'On the serious violation and dishonesty list'],
  'credit.abnormal_and_serious': ['列入活动异常名录和严重违法失信名单', 'On both credit lists'],
  'credit.since': ['自 {{date}} 起', 'since {{date}}'],
  'credit.noHistory': ['没有列入或移出记录。', 'No listings or removals on record.'],
  'credit.basis': ['依据', 'Legal basis'],
  'credit.action.listed': ['列入', 'Listed'],
  'credit.action.ground_added': ['新增事由', 'Ground added'],
  'credit.action.removed': ['移出', 'Removed'],
  'credit.action.escalated': ['转入严重违法失信名单', 'Moved to the serious list'],
  'credit.calendar': [
    '工作日按国务院公布的节假日安排计算（{{id}}）',
    'Working days follow the official holiday calendar ({{id}})',
  ],
  'inspections.none': ['暂无抽查结果。', 'No inspection results yet.'],
  'inspections.unavailable': [
    '抽查结果暂时无法提供。',
    'Inspection results are not available at the moment.',
  ],
  'complaints.counts': [
    '处理中 {{open}} 件，已办结 {{closed}} 件',
    '{{open}} being handled, {{closed}} closed',
  ],
  'complaints.none': ['没有已办结的举报。', 'No closed complaints.'],
  'complaints.received': ['{{date}} 受理', 'received {{date}}'],
  'complaints.closed': ['{{date}} 办结', 'closed {{date}}'],
  'complaints.file': ['举报该协会', 'Report this association'],
  'family.FEE': ['违规收费', 'Fees'],
  'family.PERS': ['人员任职', 'Personnel'],
  'family.FUNC': ['行政职能', 'Functions'],
  'state.received': ['已受理', 'Received'],
  'state.assigned': ['已分派', 'Assigned'],
  'state.investigating': ['调查中', 'Under investigation'],
  'state.resolved': ['已办结', 'Resolved'],
  'state.dismissed': ['不予处理', 'Dismissed'],
  'form.title': ['举报', 'File a complaint'],
  'form.about': ['被举报协会', 'Association'],
  'form.pickAssociation': [
    '请先在公开查询中找到协会，再点击“举报该协会”。',
    'Find the association first, then choose “Report this association”.',
  ],
  'form.topic': ['举报类别', 'Topic'],
  'form.topic.fee': ['违规收费', 'Fees'],
  'form.topic.personnel': ['人员任职', 'Personnel'],
  'form.topic.function': ['行政职能', 'Administrative functions'],
  'form.topic.other': ['其他', 'Other'],
  'form.feeItem': ['涉及的收费项目（可选）', 'Fee item concerned (optional)'],
  'form.feeItem.none': ['不确定或未列出', 'Not sure or not listed'],
  'form.compulsory': ['是被强制或变相强制缴纳的', 'I was made to pay'],
  'form.text': ['举报内容', 'What happened'],
  'form.text.placeholder': [
    '请写明时间、事项和涉及的金额（至少 10 个字）',
    'When, what and how much (at least 10 characters)',
  ],
  'form.contact': [
    '联系方式（可选，仅监管部门可见，不会公开）',
    'Contact (optional; only the regulator sees it, never published)',
  ],
  'form.anonymous': ['可以匿名举报：不填联系方式即可。', 'You may stay anonymous: leave the contact empty.'],
  'form.website': ['请勿填写此项', 'Leave this empty'],
  'form.submit': ['提交举报', 'Submit'],
  'form.tooShort': ['请至少写 10 个字', 'Please write at least 10 characters'],
  'form.done': ['举报已受理', 'Your complaint was received'],
  'form.code': ['您的跟踪码', 'Your tracking code'],
  'form.keepCode': [
    '请保存跟踪码，凭此查询处理进度和结果。',
    'Keep this code to follow the complaint and read its outcome.',
  ],
  'form.deadlines': [
    '应于 {{assignBy}} 前分派承办人，{{resolveBy}} 前办结。',
    'To be assigned by {{assignBy}} and decided by {{resolveBy}}.',
  ],
  'form.classified': ['初步分类：{{family}}', 'First classification: {{family}}'],
  'form.track': ['查询处理进度', 'Follow it'],
  'track.title': ['举报查询', 'Follow a complaint'],
  'track.code': ['跟踪码', 'Tracking code'],
  'track.button': ['查询', 'Look up'],
  'track.association': ['被举报协会', 'Association'],
  'track.state': ['当前状态', 'State'],
  'track.resolveBy': ['办结期限', 'To be decided by'],
  'track.outcome': ['处理结果', 'Outcome'],
  'track.dismissal': ['不予处理的理由', 'Reason for dismissal'],
  'track.history': ['处理过程', 'Steps'],
  'nav.track': ['举报查询', 'Follow a complaint'],
} as const satisfies Record<string, readonly [string, string]>;

export type TPortalTextId = keyof typeof PORTAL_TEXT;

/** The portal's translate function: the current language's text with `{{name}}` values filled in. */
export function usePortalText(): {
  p: (id: TPortalTextId, values?: Record<string, string | number>) => string;
  pick: (text: { zh: string; en: string }) => string;
  language: 'zh-CN' | 'en';
} {
  const { language } = useT();
  const p = useCallback(
    (id: TPortalTextId, values: Record<string, string | number> = {}) => {
      const text = PORTAL_TEXT[id][language === 'en' ? 1 : 0];
      return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''));
    },
    [language],
  );
  const pick = useCallback(
    (text: { zh: string; en: string }) => (language === 'en' ? text.en || text.zh : text.zh),
    [language],
  );
  return { p, pick, language };
}
