import type { TPostRole } from '../core/registry/types.ts';
import type {
  TAnnualReportRecord,
  TAssociationExtrasRecord,
  TAwardRecord,
  TCaseRecord,
  TCharterAmendmentRecord,
  TCourtDefaultRecord,
  TCreditEntryRecord,
  TDuesDecisionRecord,
  TFeeItemRecord,
  TFinanceBaseRecord,
  TFinanceYearRecord,
  TForeignAffairsRecord,
  TFunctionRecord,
  TInstitutionRecord,
  TPartyRecord,
  TPenaltyRecord,
  TRectificationRecord,
  TScopeDecisionRecord,
  TStaffRecord,
  TUnreachableRecord,
} from '../db/repositories/facts.repository.ts';
import {
  column,
  EXAMPLE_ORGAN,
  EXAMPLE_USCC,
  endNotBeforeStart,
  enumColumn,
  F,
  opt,
  str,
  type TColumn,
  type TFormatOf,
  type TReference,
  type TRowProblem,
  type TRowValues,
} from './columns.ts';
import { type TText, text } from './issues.ts';
import {
  decimalParser,
  integerParser,
  parseBoolean,
  parseCode,
  parseDate,
  parseRegionCode,
  parseResidentIdCell,
  parseText,
  parseTiers,
  parseUscc,
  parseYear,
  type TEnumValue,
} from './values.ts';

/**
 * The formats of the policy facts: what the rules read beyond the registry (decoupling cases,
 * functions, finance, people, party, fees and dues, reports, credit history, approvals of posts).
 * Every row names its association by USCC; every kind has a key column of its own (a case number, a
 * decision number, a year) so that the header row tells the kinds apart.
 */

/** The fact kinds, in the order a folder imports them (after the registry they refer to). */
export const FACT_KINDS = [
  'association_extras',
  'scope_decisions',
  'decoupling_cases',
  'functions',
  'finance_bases',
  'finance_years',
  'charter_amendments',
  'institutions',
  'staff',
  'party_organisations',
  'foreign_affairs',
  'fee_items',
  'dues_decisions',
  'awards',
  'annual_reports',
  'penalties',
  'rectifications',
  'unreachable',
  'court_defaults',
  'credit_entries',
  'post_approvals',
] as const;
export type TFactKind = (typeof FACT_KINDS)[number];

/** An approval, filing or special approval of a post, naming the post by its natural key. */
export type TPostApprovalImport = {
  associationUscc: string;
  person: { name: string; residentId: string | null; birthDate: string | null };
  role: TPostRole;
  startedOn: string;
  kind: 'approval' | 'filing' | 'special_approval';
  ref: string;
  date: string | null;
};

export type TFactRecordOf = {
  association_extras: TAssociationExtrasRecord;
  scope_decisions: TScopeDecisionRecord;
  decoupling_cases: TCaseRecord;
  functions: TFunctionRecord;
  finance_bases: TFinanceBaseRecord;
  finance_years: TFinanceYearRecord;
  charter_amendments: TCharterAmendmentRecord;
  institutions: TInstitutionRecord;
  staff: TStaffRecord;
  party_organisations: TPartyRecord;
  foreign_affairs: TForeignAffairsRecord;
  fee_items: TFeeItemRecord;
  dues_decisions: TDuesDecisionRecord;
  awards: TAwardRecord;
  annual_reports: TAnnualReportRecord;
  penalties: TPenaltyRecord;
  rectifications: TRectificationRecord;
  unreachable: TUnreachableRecord;
  court_defaults: TCourtDefaultRecord;
  credit_entries: TCreditEntryRecord;
  post_approvals: TPostApprovalImport;
};

type TFactFormat<K extends TFactKind> = TFormatOf<K, TFactRecordOf[K]>;

const V = {
  ref: text('文号或编号（来源系统中的编号）', "reference or number (the source's own)"),
  amount: text('金额（元），不小于 0', 'amount in yuan, ≥ 0'),
  year: text('四位年份', 'four-digit year'),
  tiers: text('以分号分隔的金额（元），如 2000;5000;10000', 'amounts in yuan separated by semicolons'),
  organ: text('机关代码（系统中已有）', 'organ code (in the registry)'),
  people: text('人数，非负整数', 'number of people, whole number ≥ 0'),
};

const associationColumn = (): TColumn =>
  column('association_uscc', '协会统一社会信用代码', parseUscc, F.uscc, EXAMPLE_USCC, {
    required: true,
    aliases: ['统一社会信用代码', '协会代码'],
  });

const refColumn = (key: string, zh: string, example: string, aliases: string[] = []): TColumn =>
  column(key, zh, parseText, V.ref, example, { required: true, aliases });

const dateColumn = (key: string, zh: string, example: string, required = false, aliases: string[] = []) =>
  column(key, zh, parseDate, F.date, example, { required, aliases });

const boolColumn = (key: string, zh: string, example: string, required = false, aliases: string[] = []) =>
  column(key, zh, parseBoolean, F.bool, example, { required, aliases });

const textColumn = (key: string, zh: string, example: string, required = false, aliases: string[] = []) =>
  column(key, zh, parseText, F.text, example, { required, aliases });

const amountColumn = (key: string, zh: string, example: string, required = false) =>
  column(key, zh, decimalParser(0), V.amount, example, { required });

const organColumn = (key: string, zh: string, example: string) =>
  column(key, zh, parseCode, V.organ, example);

const association = (r: { associationUscc: string }): TReference => ({
  target: 'association',
  key: r.associationUscc,
  column: 'association_uscc',
});

const organ = (code: string | null, columnKey: string): TReference[] =>
  code ? [{ target: 'organ', key: code, column: columnKey }] : [];

const uscc = (values: TRowValues) => str(values, 'association_uscc')!;
const bool = (values: TRowValues, key: string) => opt<boolean>(values, key);
const flag = (values: TRowValues, key: string) => opt<boolean>(values, key) ?? false;

function notAfter(
  problems: TRowProblem[],
  small: number | null,
  large: number | null,
  columnKey: string,
  what: TText,
  than: TText,
) {
  if (small !== null && large !== null && small > large) {
    problems.push({
      column: columnKey,
      problem: text(
        `${what.zh} ${small} 多于${than.zh} ${large}`,
        `${what.en} ${small} exceeds ${than.en} ${large}`,
      ),
      expected: text(`不多于${than.zh}`, `at most the ${than.en}`),
      code: 'inconsistent',
    });
  }
}

const REGISTRATION_CATEGORY_VALUES: TEnumValue<TAssociationExtrasRecord['registrationCategory']>[] = [
  { value: 'social_group', zh: ['社会团体', '社团'] },
  { value: 'private_non_enterprise', zh: ['民办非企业单位', '社会服务机构'] },
  { value: 'foundation', zh: ['基金会'] },
  { value: 'other', zh: ['其他'] },
];
const MEMBERSHIP_BASIS_VALUES: TEnumValue<NonNullable<TAssociationExtrasRecord['membershipBasis']>>[] = [
  { value: 'same_industry', zh: ['同业', '同行业'] },
  { value: 'area_economic', zh: ['区域经济组织', '地域性'] },
  { value: 'academic', zh: ['学术类', '学术性'] },
  { value: 'professional', zh: ['专业类', '专业性'] },
  { value: 'federative', zh: ['联合类', '联合性'] },
  { value: 'other', zh: ['其他'] },
];
const SCOPE_KIND_VALUES: TEnumValue<TScopeDecisionRecord['kind']>[] = [
  { value: 'manual', zh: ['人工认定', '认定'] },
  { value: 'central_exemption', zh: ['中央批准不脱钩', '中央豁免'] },
];
const SCOPE_OUTCOME_VALUES: TEnumValue<TScopeDecisionRecord['outcome']>[] = [
  { value: 'in', zh: ['纳入', '纳入脱钩范围'] },
  { value: 'out', zh: ['不纳入', '不纳入脱钩范围'] },
];
const BLOCKED_REASON_VALUES: TEnumValue<NonNullable<TCaseRecord['blockedReason']>>[] = [
  { value: 'policy_gap', zh: ['配套政策缺失', '政策空白'] },
  { value: 'insufficient_work', zh: ['工作不到位'] },
];
const FUNCTION_KIND_VALUES: TEnumValue<TFunctionRecord['kind']>[] = [
  { value: 'licensing', zh: ['行政许可'] },
  { value: 'approval', zh: ['行政审批', '审批'] },
  { value: 'qualification_recognition', zh: ['资质资格认定', '资格认定'] },
  { value: 'disguised_licence', zh: ['变相许可'] },
  { value: 'intermediary_service', zh: ['中介服务'] },
  { value: 'standard_setting', zh: ['标准制定'] },
  { value: 'rating', zh: ['评比评级', '评级'] },
  { value: 'statistics', zh: ['行业统计', '统计'] },
  { value: 'other', zh: ['其他'] },
];
const FUNCTION_ORIGIN_VALUES: TEnumValue<TFunctionRecord['origin']>[] = [
  { value: 'own', zh: ['自有', '章程规定'] },
  { value: 'handed_over', zh: ['移交', '机关移交'] },
  { value: 'commissioned', zh: ['委托', '购买服务'] },
  { value: 'authorised', zh: ['授权'] },
  { value: 'statutory_duty', zh: ['法定职责'] },
];
const ACCOUNTING_STANDARD_VALUES: TEnumValue<NonNullable<TFinanceYearRecord['accountingStandard']>>[] = [
  { value: 'npo', zh: ['民间非营利组织会计制度'] },
  { value: 'government', zh: ['政府会计制度'] },
  { value: 'public_institution', zh: ['事业单位会计制度'] },
  { value: 'enterprise', zh: ['企业会计准则'] },
  { value: 'other', zh: ['其他'] },
];
const DISPOSITION_VALUES: TEnumValue<TInstitutionRecord['disposition']>[] = [
  { value: 'merged', zh: ['整合并入', '并入'] },
  { value: 'transferred', zh: ['移交'] },
  { value: 'neither', zh: ['未处置'] },
];
const PARTY_RELATIONSHIP_VALUES: TEnumValue<NonNullable<TPartyRecord['relationship']>>[] = [
  { value: 'former_organ', zh: ['原主管机关党组织', '原主管机关'] },
  { value: 'designated_committee', zh: ['指定的党委', '行业党委'] },
  { value: 'other', zh: ['其他'] },
];
const FEE_CATEGORY_VALUES: TEnumValue<TFeeItemRecord['category']>[] = [
  { value: 'dues', zh: ['会费'] },
  { value: 'service', zh: ['服务费', '经营服务性收费'] },
  { value: 'meeting', zh: ['会议费'] },
  { value: 'training', zh: ['培训费'] },
  { value: 'exam', zh: ['考试费'] },
  { value: 'exhibition', zh: ['展览费', '展位费'] },
  { value: 'rating', zh: ['评比评级费', '评级费'] },
  { value: 'award', zh: ['评奖费', '表彰费'] },
  { value: 'standards_check', zh: ['达标检查费'] },
  { value: 'trip_abroad', zh: ['出国考察费'] },
  { value: 'sponsorship', zh: ['赞助费'] },
  { value: 'donation', zh: ['捐赠'] },
  { value: 'subscription', zh: ['订阅费'] },
  { value: 'qualification', zh: ['资质认定费'] },
  { value: 'branch_setup', zh: ['分支机构设立费'] },
  { value: 'leadership_seat', zh: ['职务席位费'] },
  { value: 'publication', zh: ['出版物费', '资料费'] },
  { value: 'other', zh: ['其他'] },
];
const PAYER_VALUES: TEnumValue<TFeeItemRecord['payer']>[] = [
  { value: 'members', zh: ['会员'] },
  { value: 'non_members', zh: ['非会员'] },
  { value: 'all', zh: ['全部', '会员和非会员'] },
];
const COLLECTED_BY_VALUES: TEnumValue<TFeeItemRecord['collectedBy']>[] = [
  { value: 'hq', zh: ['本会', '总会'] },
  { value: 'branch', zh: ['分支机构'] },
];
const BODY_VALUES: TEnumValue<TDuesDecisionRecord['madeBy']>[] = [
  { value: 'assembly', zh: ['会员大会', '会员代表大会', '会员（代表）大会'] },
  { value: 'council', zh: ['理事会', '常务理事会'] },
  { value: 'branch', zh: ['分支机构'] },
  { value: 'secretariat', zh: ['秘书处'] },
];
const PRICING_VALUES: TEnumValue<NonNullable<TFeeItemRecord['pricing']>>[] = [
  { value: 'market', zh: ['市场调节价'] },
  { value: 'government_guided', zh: ['政府指导价'] },
  { value: 'government_set', zh: ['政府定价'] },
];
const PENALTY_KIND_VALUES: TEnumValue<TPenaltyRecord['kind']>[] = [
  { value: 'warning', zh: ['警告'] },
  { value: 'fine', zh: ['罚款'] },
  { value: 'confiscation', zh: ['没收违法所得', '没收'] },
  { value: 'stop_activities', zh: ['限期停止活动', '停止活动'] },
  { value: 'certificate_revoked', zh: ['撤销登记', '吊销登记证书'] },
  { value: 'change_registration_revoked', zh: ['撤销变更登记'] },
  { value: 'other', zh: ['其他'] },
];
const CREDIT_LIST_VALUES: TEnumValue<TCreditEntryRecord['list']>[] = [
  { value: 'abnormal', zh: ['活动异常名录'] },
  { value: 'serious', zh: ['严重违法失信名单'] },
];
const CREDIT_GROUND_VALUES: TEnumValue<TCreditEntryRecord['ground']>[] = [
  { value: 'annual_report', zh: ['未按规定报送年度工作报告'] },
  { value: 'no_party_organisation', zh: ['未按规定建立党组织'] },
  { value: 'rectification_overdue', zh: ['逾期未整改'] },
  { value: 'minor_penalty', zh: ['受到警告或较小数额罚款'] },
  { value: 'unreachable', zh: ['通过登记住所无法取得联系'] },
  { value: 'abnormal_two_years', zh: ['列入活动异常名录满2年'] },
  { value: 'change_registration_revoked', zh: ['被撤销变更登记'] },
  { value: 'stop_activities', zh: ['被限期停止活动'] },
  { value: 'major_fine', zh: ['受到较大数额罚款'] },
  { value: 'repeat_penalties', zh: ['多次受到行政处罚'] },
  { value: 'court_defaulter', zh: ['失信被执行人'] },
  { value: 'certificate_revoked', zh: ['被撤销登记'] },
  { value: 'other', zh: ['其他'] },
];
const ROLE_VALUES: TEnumValue<TPostRole>[] = [
  { value: 'president', zh: ['会长', '理事长'] },
  { value: 'vice_president', zh: ['副会长', '副理事长'] },
  { value: 'secretary_general', zh: ['秘书长'] },
  { value: 'deputy_secretary_general', zh: ['副秘书长'] },
  { value: 'director', zh: ['理事'] },
  { value: 'standing_director', zh: ['常务理事'] },
  { value: 'supervisor', zh: ['监事'] },
  { value: 'chief_supervisor', zh: ['监事长'] },
  { value: 'legal_representative', zh: ['法定代表人'] },
  { value: 'branch_head', zh: ['分支机构负责人'] },
  { value: 'honorary', zh: ['名誉会长'] },
  { value: 'other', zh: ['其他'] },
];
const APPROVAL_KIND_VALUES: TEnumValue<TPostApprovalImport['kind']>[] = [
  { value: 'approval', zh: ['审批', '批准'] },
  { value: 'filing', zh: ['备案'] },
  { value: 'special_approval', zh: ['特批', '特别审批'] },
];

const associationExtras: TFactFormat<'association_extras'> = {
  kind: 'association_extras',
  title: text('协会登记补充信息（登记类别、会员构成、注销）', 'Registration extras of associations'),
  columns: [
    associationColumn(),
    enumColumn('registration_category', '登记类别', REGISTRATION_CATEGORY_VALUES, '社会团体', {
      required: true,
    }),
    enumColumn('membership_basis', '会员构成', MEMBERSHIP_BASIS_VALUES, '同业'),
    dateColumn('deregistered_on', '注销日期', ''),
    textColumn('recorded_supervising_unit', '登记证书记载的业务主管单位', ''),
  ],
  build: (values) => ({
    record: {
      associationUscc: uscc(values),
      registrationCategory: values.get(
        'registration_category',
      ) as TAssociationExtrasRecord['registrationCategory'],
      membershipBasis: opt(values, 'membership_basis'),
      deregisteredOn: opt(values, 'deregistered_on'),
      recordedSupervisingUnit: opt(values, 'recorded_supervising_unit'),
    },
    problems: [],
  }),
  keyColumns: ['association_uscc'],
  naturalKey: (r) => r.associationUscc,
  references: (r) => [association(r)],
};

const scopeDecisions: TFactFormat<'scope_decisions'> = {
  kind: 'scope_decisions',
  title: text('脱钩范围认定', 'Decisions on the decoupling scope'),
  columns: [
    associationColumn(),
    refColumn('scope_decision_ref', '范围认定文号', '民脱钩〔2024〕3号'),
    enumColumn('decision_kind', '认定类型', SCOPE_KIND_VALUES, '人工认定', { required: true }),
    enumColumn('outcome', '认定结果', SCOPE_OUTCOME_VALUES, '纳入', { required: true }),
    dateColumn('decided_on', '认定日期', '2024-03-01', true),
    textColumn('reason', '理由', '以同业企业为会员主体'),
  ],
  build: (values) => ({
    record: {
      associationUscc: uscc(values),
      ref: str(values, 'scope_decision_ref')!,
      kind: values.get('decision_kind') as TScopeDecisionRecord['kind'],
      outcome: values.get('outcome') as TScopeDecisionRecord['outcome'],
      decidedOn: str(values, 'decided_on')!,
      reason: opt(values, 'reason'),
    },
    problems: [],
  }),
  keyColumns: ['association_uscc', 'scope_decision_ref'],
  naturalKey: (r) => `${r.associationUscc}|${r.ref}`,
  references: (r) => [association(r)],
};

const decouplingCases: TFactFormat<'decoupling_cases'> = {
  kind: 'decoupling_cases',
  title: text(
    '脱钩案件（脱钩名单、批次、期限、完成情况）',
    'Decoupling cases (lists, batches, deadlines, outcome)',
  ),
  columns: [
    associationColumn(),
    refColumn('case_ref', '脱钩案件编号', 'TG-2019-0001', ['案件编号']),
    textColumn('batch', '脱钩批次', 'rollout-2019', true, ['批次', '脱钩名单']),
    column('jurisdiction', '管辖区划代码', parseRegionCode, F.region, '100000', {
      required: true,
      aliases: ['管辖地区'],
    }),
    dateColumn('listed_on', '列入名单日期', '2019-07-01'),
    dateColumn('plan_deadline', '方案报送期限', '2019-09-30'),
    dateColumn('plan_approved_on', '方案批复日期', '2019-09-20'),
    dateColumn('completion_deadline', '完成期限', '2019-12-31'),
    dateColumn('decoupled_on', '脱钩完成日期', '2019-12-15'),
    enumColumn('blocked_reason', '暂缓原因', BLOCKED_REASON_VALUES, ''),
  ],
  build(values) {
    const problems: TRowProblem[] = [];
    const record: TCaseRecord = {
      associationUscc: uscc(values),
      id: str(values, 'case_ref')!,
      batch: str(values, 'batch')!,
      jurisdiction: str(values, 'jurisdiction')!,
      listedOn: opt(values, 'listed_on'),
      planDeadline: opt(values, 'plan_deadline'),
      planApprovedOn: opt(values, 'plan_approved_on'),
      completionDeadline: opt(values, 'completion_deadline'),
      decoupledOn: opt(values, 'decoupled_on'),
      blockedReason: opt(values, 'blocked_reason'),
    };
    endNotBeforeStart(
      problems,
      record.listedOn,
      record.completionDeadline,
      'completion_deadline',
      text('列入名单日期', 'listing date'),
    );
    return { record, problems };
  },
  keyColumns: ['association_uscc', 'case_ref'],
  naturalKey: (r) => `${r.associationUscc}|${r.id}`,
  references: (r) => [association(r)],
};

const functions: TFactFormat<'functions'> = {
  kind: 'functions',
  title: text('协会承担的职能', 'Functions performed by associations'),
  columns: [
    associationColumn(),
    refColumn('function_ref', '职能编号', 'ZN-01'),
    textColumn('function_name', '职能名称', '行业统计调查', true),
    enumColumn('function_kind', '职能类型', FUNCTION_KIND_VALUES, '统计', { required: true }),
    enumColumn('origin', '职能来源', FUNCTION_ORIGIN_VALUES, '委托', { required: true }),
    organColumn('handed_over_by_organ_code', '移交或委托机关代码', EXAMPLE_ORGAN),
    textColumn('legal_basis', '法律法规依据', ''),
    textColumn('catalogue_entry', '目录条目', '可转移职能目录第12项'),
    textColumn('contract_ref', '购买服务合同编号', 'GM-2023-017'),
    boolColumn('published', '是否公开', '是'),
    organColumn('tied_approval_organ_code', '关联审批机关代码', ''),
    dateColumn('started_on', '开始日期', '2023-01-01'),
    dateColumn('ended_on', '结束日期', ''),
  ],
  build(values) {
    const problems: TRowProblem[] = [];
    const record: TFunctionRecord = {
      associationUscc: uscc(values),
      id: str(values, 'function_ref')!,
      name: str(values, 'function_name')!,
      kind: values.get('function_kind') as TFunctionRecord['kind'],
      origin: values.get('origin') as TFunctionRecord['origin'],
      handedOverByOrganCode: opt(values, 'handed_over_by_organ_code'),
      legalBasis: opt(values, 'legal_basis'),
      catalogueEntry: opt(values, 'catalogue_entry'),
      contractRef: opt(values, 'contract_ref'),
      published: bool(values, 'published'),
      tiedApprovalOrganCode: opt(values, 'tied_approval_organ_code'),
      startedOn: opt(values, 'started_on'),
      endedOn: opt(values, 'ended_on'),
    };
    endNotBeforeStart(problems, record.startedOn, record.endedOn, 'ended_on', text('开始日期', 'start date'));
    return { record, problems };
  },
  keyColumns: ['association_uscc', 'function_ref'],
  naturalKey: (r) => `${r.associationUscc}|${r.id}`,
  references: (r) => [
    association(r),
    ...organ(r.handedOverByOrganCode, 'handed_over_by_organ_code'),
    ...organ(r.tiedApprovalOrganCode, 'tied_approval_organ_code'),
  ],
};

const financeBases: TFactFormat<'finance_bases'> = {
  kind: 'finance_bases',
  title: text('2015 年财政直接拨款基数', 'The 2015 base of direct appropriation'),
  columns: [
    associationColumn(),
    amountColumn('base_2015_appropriation', '2015年财政直接拨款', '1200000', true),
    amountColumn('base_2015_retiree_funding', '其中离退休经费', '150000'),
  ],
  build(values) {
    const problems: TRowProblem[] = [];
    const record: TFinanceBaseRecord = {
      associationUscc: uscc(values),
      base2015Appropriation: opt(values, 'base_2015_appropriation'),
      base2015RetireeFunding: opt(values, 'base_2015_retiree_funding'),
    };
    notAfter(
      problems,
      record.base2015RetireeFunding,
      record.base2015Appropriation,
      'base_2015_retiree_funding',
      text('离退休经费', 'retiree funding'),
      text('2015年财政直接拨款', '2015 appropriation'),
    );
    return { record, problems };
  },
  keyColumns: ['association_uscc'],
  naturalKey: (r) => r.associationUscc,
  references: (r) => [association(r)],
};

const financeYears: TFactFormat<'finance_years'> = {
  kind: 'finance_years',
  title: text('年度财务与办公用房、国有资产情况', 'Finance, office premises and state assets per year'),
  columns: [
    associationColumn(),
    column('fiscal_year', '财务年度', parseYear, V.year, '2024', { required: true }),
    boolColumn('independent_account', '是否独立开设账户', '是'),
    boolColumn('separate_books', '是否单独建账', '是'),
    enumColumn('accounting_standard', '执行会计制度', ACCOUNTING_STANDARD_VALUES, '民间非营利组织会计制度'),
    amountColumn('direct_appropriation', '财政直接拨款', '0'),
    amountColumn('placement_funds', '其中安置人员经费', ''),
    boolColumn('office_in_administrative_space', '是否占用行政办公用房', '否'),
    organColumn('office_organ_code', '办公用房所属机关代码', ''),
    dateColumn('vacated_on', '腾退日期', ''),
    textColumn('paid_use_agreement_ref', '有偿使用协议编号', ''),
    boolColumn('state_assets_used', '是否使用国有资产', '否'),
    dateColumn('state_assets_registered_on', '国有资产登记日期', ''),
  ],
  build(values) {
    const problems: TRowProblem[] = [];
    const record: TFinanceYearRecord = {
      associationUscc: uscc(values),
      year: values.get('fiscal_year') as number,
      independentAccount: bool(values, 'independent_account'),
      separateBooks: bool(values, 'separate_books'),
      accountingStandard: opt(values, 'accounting_standard'),
      directAppropriation: opt(values, 'direct_appropriation'),
      placementFunds: opt(values, 'placement_funds'),
      officeInAdministrativeSpace: bool(values, 'office_in_administrative_space'),
      officeOrganCode: opt(values, 'office_organ_code'),
      vacatedOn: opt(values, 'vacated_on'),
      paidUseAgreementRef: opt(values, 'paid_use_agreement_ref'),
      stateAssetsUsed: bool(values, 'state_assets_used'),
      stateAssetsRegisteredOn: opt(values, 'state_assets_registered_on'),
    };
    notAfter(
      problems,
      record.placementFunds,
      record.directAppropriation,
      'placement_funds',
      text('安置人员经费', 'placement funds'),
      text('财政直接拨款', 'direct appropriation'),
    );
    return { record, problems };
  },
  keyColumns: ['association_uscc', 'fiscal_year'],
  naturalKey: (r) => `${r.associationUscc}|${r.year}`,
  references: (r) => [association(r), ...organ(r.officeOrganCode, 'office_organ_code')],
};

const charterAmendments: TFactFormat<'charter_amendments'> = {
  kind: 'charter_amendments',
  title: text('章程修改及核准', 'Charter amendments and their filing'),
  columns: [
    associationColumn(),
    refColumn('amendment_ref', '章程修改编号', 'ZC-2024-01'),
    dateColumn('amended_on', '章程修改日期', '2024-05-10', true),
    dateColumn('filed_on', '核准日期', '2024-06-01', false, ['备案日期']),
  ],
  build(values) {
    const problems: TRowProblem[] = [];
    const record: TCharterAmendmentRecord = {
      associationUscc: uscc(values),
      id: str(values, 'amendment_ref')!,
      amendedOn: str(values, 'amended_on')!,
      filedOn: opt(values, 'filed_on'),
    };
    endNotBeforeStart(
      problems,
      record.amendedOn,
      record.filedOn,
      'filed_on',
      text('章程修改日期', 'amendment date'),
    );
    return { record, problems };
  },
  keyColumns: ['association_uscc', 'amendment_ref'],
  naturalKey: (r) => `${r.associationUscc}|${r.id}`,
  references: (r) => [association(r)],
};

const institutions: TFactFormat<'institutions'> = {
  kind: 'institutions',
  title: text('下属事业单位及其处置', 'Subordinate public institutions and their disposition'),
  columns: [
    associationColumn(),
    refColumn('institution_ref', '事业单位编号', 'SY-01'),
    textColumn('institution_name', '事业单位名称', '示例行业信息中心', true),
    enumColumn('disposition', '处置方式', DISPOSITION_VALUES, '移交', { required: true }),
    dateColumn('legal_person_cancelled_on', '法人注销日期', ''),
    textColumn('transferred_to', '移交至', '示例部'),
  ],
  build: (values) => ({
    record: {
      associationUscc: uscc(values),
      id: str(values, 'institution_ref')!,
      name: str(values, 'institution_name')!,
      disposition: values.get('disposition') as TInstitutionRecord['disposition'],
      legalPersonCancelledOn: opt(values, 'legal_person_cancelled_on'),
      transferredTo: opt(values, 'transferred_to'),
    },
    problems: [],
  }),
  keyColumns: ['association_uscc', 'institution_ref'],
  naturalKey: (r) => `${r.associationUscc}|${r.id}`,
  references: (r) => [association(r)],
};

const staff: TFactFormat<'staff'> = {
  kind: 'staff',
  title: text('工作人员劳动合同与社会保险', 'Staff: labour contracts and social insurance'),
  columns: [
    associationColumn(),
    refColumn('staff_ref', '人员编号', 'YG-01'),
    textColumn('staff_name', '工作人员姓名', '李四', true),
    boolColumn('labour_contract', '是否签订劳动合同', '是'),
    boolColumn('social_insurance', '是否参加社会保险', '是'),
    boolColumn('housing_fund', '是否缴存住房公积金', '是'),
    boolColumn('on_establishment', '是否占用行政事业编制', '否'),
    dateColumn('started_on', '入职日期', '2020-03-01'),
    dateColumn('ended_on', '离职日期', ''),
  ],
  build(values) {
    const problems: TRowProblem[] = [];
    const record: TStaffRecord = {
      associationUscc: uscc(values),
      id: str(values, 'staff_ref')!,
      name: str(values, 'staff_name')!,
      labourContract: bool(values, 'labour_contract'),
      socialInsurance: bool(values, 'social_insurance'),
      housingFund: bool(values, 'housing_fund'),
      onEstablishment: bool(values, 'on_establishment'),
      startedOn: opt(values, 'started_on'),
      endedOn: opt(values, 'ended_on'),
    };
    endNotBeforeStart(problems, record.startedOn, record.endedOn, 'ended_on', text('入职日期', 'start date'));
    return { record, problems };
  },
  keyColumns: ['association_uscc', 'staff_ref'],
  naturalKey: (r) => `${r.associationUscc}|${r.id}`,
  references: (r) => [association(r)],
};

const partyOrganisations: TFactFormat<'party_organisations'> = {
  kind: 'party_organisations',
  title: text('党组织及其隶属关系移交', 'Party organisation and the transfer of its affiliation'),
  columns: [
    associationColumn(),
    boolColumn('organisation_exists', '是否建立党组织', '是', true),
    column('party_member_count', '专职工作人员中党员人数', integerParser(0), V.people, '5'),
    enumColumn('relationship', '党组织隶属关系', PARTY_RELATIONSHIP_VALUES, '行业党委'),
    dateColumn('transferred_on', '隶属关系移交日期', '2019-12-20'),
  ],
  build: (values) => ({
    record: {
      associationUscc: uscc(values),
      organisationExists: values.get('organisation_exists') as boolean,
      memberCount: opt(values, 'party_member_count'),
      relationship: opt(values, 'relationship'),
      transferredOn: opt(values, 'transferred_on'),
    },
    problems: [],
  }),
  keyColumns: ['association_uscc'],
  naturalKey: (r) => r.associationUscc,
  references: (r) => [association(r)],
};

const foreignAffairs: TFactFormat<'foreign_affairs'> = {
  kind: 'foreign_affairs',
  title: text('外事工作管理', 'Handling of foreign affairs'),
  columns: [
    associationColumn(),
    boolColumn('administered_by_former_organ', '外事工作是否仍由原主管机关管理', '否', true),
  ],
  build: (values) => ({
    record: {
      associationUscc: uscc(values),
      administeredByFormerOrgan: values.get('administered_by_former_organ') as boolean,
    },
    problems: [],
  }),
  keyColumns: ['association_uscc'],
  naturalKey: (r) => r.associationUscc,
  references: (r) => [association(r)],
};

const feeItems: TFactFormat<'fee_items'> = {
  kind: 'fee_items',
  title: text('收费项目（含会费）', 'Fee items, dues included'),
  columns: [
    associationColumn(),
    refColumn('fee_ref', '收费项目编号', 'SF-01'),
    textColumn('fee_name', '收费项目名称', '会费', true),
    enumColumn('fee_category', '收费类别', FEE_CATEGORY_VALUES, '会费', { required: true }),
    amountColumn('amount', '收费标准（元）', ''),
    column('tiers', '分档标准（元）', parseTiers, V.tiers, '2000;5000;10000'),
    enumColumn('payer', '收费对象', PAYER_VALUES, '会员'),
    boolColumn('compulsory', '是否强制收取', '否'),
    boolColumn('disguised_compulsory', '是否变相强制收取', '否'),
    boolColumn('obstructs_withdrawal', '是否阻碍退会', '否'),
    boolColumn('services_provided', '是否提供会费对应服务', '是'),
    boolColumn('covered_by_dues', '是否属于会费已涵盖的服务', '否'),
    textColumn('linked_function_ref', '关联职能编号', ''),
    textColumn('linked_award_ref', '关联评比表彰编号', ''),
    enumColumn('collected_by', '收取主体', COLLECTED_BY_VALUES, '本会'),
    textColumn('branch_name', '分支机构名称', ''),
    enumColumn('standard_set_by', '标准制定机构', BODY_VALUES, '会员代表大会'),
    boolColumn('published', '是否公示', '是'),
    enumColumn('pricing', '价格形式', PRICING_VALUES, ''),
    boolColumn('priced_by_procedure', '是否履行定价程序', ''),
    boolColumn('kickback', '是否存在回扣或分成', '否'),
    textColumn('legal_basis', '收费依据', ''),
    textColumn('dues_decision_ref', '会费决议编号', 'HF-2022-01'),
    amountColumn('reference_amount', '参考价格（元）', ''),
    column('complaint_count', '投诉次数', integerParser(0), F.count, '0'),
    dateColumn('started_on', '开始收取日期', '2022-07-01'),
    dateColumn('ended_on', '停止收取日期', ''),
  ],
  build(values) {
    const problems: TRowProblem[] = [];
    const record: TFeeItemRecord = {
      associationUscc: uscc(values),
      id: str(values, 'fee_ref')!,
      name: str(values, 'fee_name')!,
      category: values.get('fee_category') as TFeeItemRecord['category'],
      amount: opt(values, 'amount'),
      tiers: opt(values, 'tiers'),
      payer: (values.get('payer') as TFeeItemRecord['payer'] | undefined) ?? 'members',
      compulsory: flag(values, 'compulsory'),
      disguisedCompulsory: flag(values, 'disguised_compulsory'),
      obstructsWithdrawal: flag(values, 'obstructs_withdrawal'),
      servicesProvided: bool(values, 'services_provided'),
      coveredByDues: flag(values, 'covered_by_dues'),
      linkedFunctionId: opt(values, 'linked_function_ref'),
      linkedAwardId: opt(values, 'linked_award_ref'),
      collectedBy: (values.get('collected_by') as TFeeItemRecord['collectedBy'] | undefined) ?? 'hq',
      branchName: opt(values, 'branch_name'),
      standardSetBy: opt(values, 'standard_set_by'),
      published: flag(values, 'published'),
      pricing: opt(values, 'pricing'),
      pricedByProcedure: bool(values, 'priced_by_procedure'),
      kickback: flag(values, 'kickback'),
      legalBasis: opt(values, 'legal_basis'),
      duesDecisionId: opt(values, 'dues_decision_ref'),
      referenceAmount: opt(values, 'reference_amount'),
      complaintCount: opt<number>(values, 'complaint_count') ?? 0,
      startedOn: opt(values, 'started_on'),
      endedOn: opt(values, 'ended_on'),
    };
    if (record.collectedBy === 'branch' && !record.branchName) {
      problems.push({
        column: 'branch_name',
        problem: text('由分支机构收取但没有分支机构名称', 'collected by a branch but no branch is named'),
        expected: text('收取费用的分支机构名称', 'the name of the collecting branch'),
        code: 'inconsistent',
      });
    }
    endNotBeforeStart(
      problems,
      record.startedOn,
      record.endedOn,
      'ended_on',
      text('开始收取日期', 'start date'),
    );
    return { record, problems };
  },
  keyColumns: ['association_uscc', 'fee_ref'],
  naturalKey: (r) => `${r.associationUscc}|${r.id}`,
  references: (r) => [association(r)],
};

const duesDecisions: TFactFormat<'dues_decisions'> = {
  kind: 'dues_decisions',
  title: text('会费标准决议（会员大会表决）', 'Dues decisions (assembly votes)'),
  columns: [
    associationColumn(),
    refColumn('dues_decision_ref', '会费决议编号', 'HF-2022-01'),
    dateColumn('assembly_date', '会议日期', '2022-06-18', true, ['会员大会日期']),
    enumColumn('made_by', '决议机构', BODY_VALUES, '会员代表大会', { required: true }),
    boolColumn('secret_ballot', '是否无记名投票', '是'),
    column('eligible', '应到人数', integerParser(0), V.people, '210'),
    column('present', '实到人数', integerParser(0), V.people, '168'),
    column('votes_for', '赞成票数', integerParser(0), V.people, '150'),
    column('tiers', '会费档次（元）', parseTiers, V.tiers, '2000;5000;10000'),
    boolColumn('floating', '是否浮动标准', '否'),
    boolColumn('published', '是否公开', '是'),
    boolColumn('adopted', '是否通过', '是'),
    dateColumn('effective_from', '生效日期', '2022-07-01'),
    dateColumn('superseded_on', '废止日期', ''),
  ],
  build(values) {
    const problems: TRowProblem[] = [];
    const record: TDuesDecisionRecord = {
      associationUscc: uscc(values),
      id: str(values, 'dues_decision_ref')!,
      assemblyDate: str(values, 'assembly_date')!,
      madeBy: values.get('made_by') as TDuesDecisionRecord['madeBy'],
      secretBallot: bool(values, 'secret_ballot'),
      eligible: opt(values, 'eligible'),
      present: opt(values, 'present'),
      votesFor: opt(values, 'votes_for'),
      tiers: opt<number[]>(values, 'tiers') ?? [],
      floating: flag(values, 'floating'),
      published: flag(values, 'published'),
      adopted: opt<boolean>(values, 'adopted') ?? true,
      effectiveFrom: opt(values, 'effective_from'),
      supersededOn: opt(values, 'superseded_on'),
    };
    notAfter(
      problems,
      record.present,
      record.eligible,
      'present',
      text('实到人数', 'attendance'),
      text('应到人数', 'eligible members'),
    );
    notAfter(
      problems,
      record.votesFor,
      record.present,
      'votes_for',
      text('赞成票数', 'votes for'),
      text('实到人数', 'attendance'),
    );
    return { record, problems };
  },
  keyColumns: ['association_uscc', 'dues_decision_ref'],
  naturalKey: (r) => `${r.associationUscc}|${r.id}`,
  references: (r) => [association(r)],
};

const awards: TFactFormat<'awards'> = {
  kind: 'awards',
  title: text('评比达标表彰项目', 'Awards and commendations'),
  columns: [
    associationColumn(),
    refColumn('award_ref', '表彰项目编号', 'PB-01'),
    textColumn('award_name', '表彰项目名称', '行业优秀企业评选', true),
    textColumn('approval_ref', '批准文号', '国评组〔2021〕5号'),
    dateColumn('started_on', '设立日期', '2021-03-01'),
  ],
  build: (values) => ({
    record: {
      associationUscc: uscc(values),
      id: str(values, 'award_ref')!,
      name: str(values, 'award_name')!,
      approvalRef: opt(values, 'approval_ref'),
      startedOn: opt(values, 'started_on'),
    },
    problems: [],
  }),
  keyColumns: ['association_uscc', 'award_ref'],
  naturalKey: (r) => `${r.associationUscc}|${r.id}`,
  references: (r) => [association(r)],
};

const annualReports: TFactFormat<'annual_reports'> = {
  kind: 'annual_reports',
  title: text('年度工作报告', 'Annual work reports'),
  columns: [
    associationColumn(),
    column('report_year', '报告年度', parseYear, V.year, '2024', { required: true }),
    dateColumn('filed_on', '报送日期', '2025-05-20'),
  ],
  build: (values) => ({
    record: {
      associationUscc: uscc(values),
      year: values.get('report_year') as number,
      filedOn: opt(values, 'filed_on'),
    },
    problems: [],
  }),
  keyColumns: ['association_uscc', 'report_year'],
  naturalKey: (r) => `${r.associationUscc}|${r.year}`,
  references: (r) => [association(r)],
};

const penalties: TFactFormat<'penalties'> = {
  kind: 'penalties',
  title: text('行政处罚', 'Administrative penalties'),
  columns: [
    associationColumn(),
    refColumn('penalty_ref', '处罚决定书文号', '民罚决字〔2024〕8号'),
    enumColumn('penalty_kind', '处罚种类', PENALTY_KIND_VALUES, '警告', { required: true }),
    amountColumn('amount', '罚没金额（元）', ''),
    dateColumn('decided_on', '处罚决定日期', '2024-08-12', true),
  ],
  build: (values) => ({
    record: {
      associationUscc: uscc(values),
      id: str(values, 'penalty_ref')!,
      kind: values.get('penalty_kind') as TPenaltyRecord['kind'],
      amount: opt(values, 'amount'),
      decidedOn: str(values, 'decided_on')!,
    },
    problems: [],
  }),
  keyColumns: ['association_uscc', 'penalty_ref'],
  naturalKey: (r) => `${r.associationUscc}|${r.id}`,
  references: (r) => [association(r)],
};

const rectifications: TFactFormat<'rectifications'> = {
  kind: 'rectifications',
  title: text('责令整改', 'Rectification orders'),
  columns: [
    associationColumn(),
    refColumn('rectification_ref', '整改通知书文号', '民整改〔2024〕15号'),
    dateColumn('ordered_on', '责令整改日期', '2024-09-01', true),
    dateColumn('due_on', '整改期限', '2024-11-30', true),
    dateColumn('completed_on', '整改完成日期', ''),
  ],
  build(values) {
    const problems: TRowProblem[] = [];
    const record: TRectificationRecord = {
      associationUscc: uscc(values),
      id: str(values, 'rectification_ref')!,
      orderedOn: str(values, 'ordered_on')!,
      dueOn: str(values, 'due_on')!,
      completedOn: opt(values, 'completed_on'),
    };
    endNotBeforeStart(problems, record.orderedOn, record.dueOn, 'due_on', text('责令整改日期', 'order date'));
    return { record, problems };
  },
  keyColumns: ['association_uscc', 'rectification_ref'],
  naturalKey: (r) => `${r.associationUscc}|${r.id}`,
  references: (r) => [association(r)],
};

const unreachable: TFactFormat<'unreachable'> = {
  kind: 'unreachable',
  title: text('通过登记住所无法取得联系的核查记录', 'Records of being unreachable at the registered address'),
  columns: [
    associationColumn(),
    refColumn('unreachable_ref', '核查记录编号', 'HC-2024-003'),
    dateColumn('verified_on', '核查确认日期', '2024-04-02', true),
    dateColumn('resolved_on', '恢复联系日期', ''),
  ],
  build(values) {
    const problems: TRowProblem[] = [];
    const record: TUnreachableRecord = {
      associationUscc: uscc(values),
      id: str(values, 'unreachable_ref')!,
      verifiedOn: str(values, 'verified_on')!,
      resolvedOn: opt(values, 'resolved_on'),
    };
    endNotBeforeStart(
      problems,
      record.verifiedOn,
      record.resolvedOn,
      'resolved_on',
      text('核查确认日期', 'verification date'),
    );
    return { record, problems };
  },
  keyColumns: ['association_uscc', 'unreachable_ref'],
  naturalKey: (r) => `${r.associationUscc}|${r.id}`,
  references: (r) => [association(r)],
};

const courtDefaults: TFactFormat<'court_defaults'> = {
  kind: 'court_defaults',
  title: text('失信被执行人记录', 'Court judgment-defaulter listings'),
  columns: [
    associationColumn(),
    refColumn('court_case_ref', '执行案号', '（2024）京0101执123号'),
    dateColumn('defaulter_listed_on', '列入失信被执行人名单日期', '2024-06-20', true),
    dateColumn('defaulter_removed_on', '移出日期', ''),
  ],
  build(values) {
    const problems: TRowProblem[] = [];
    const record: TCourtDefaultRecord = {
      associationUscc: uscc(values),
      id: str(values, 'court_case_ref')!,
      listedOn: str(values, 'defaulter_listed_on')!,
      removedOn: opt(values, 'defaulter_removed_on'),
    };
    endNotBeforeStart(
      problems,
      record.listedOn,
      record.removedOn,
      'defaulter_removed_on',
      text('列入日期', 'listing date'),
    );
    return { record, problems };
  },
  keyColumns: ['association_uscc', 'court_case_ref'],
  naturalKey: (r) => `${r.associationUscc}|${r.id}`,
  references: (r) => [association(r)],
};

const creditEntries: TFactFormat<'credit_entries'> = {
  kind: 'credit_entries',
  title: text(
    '活动异常名录和严重违法失信名单记录',
    'Entries on the abnormal-activity and serious-violation lists',
  ),
  columns: [
    associationColumn(),
    refColumn('credit_entry_ref', '信用记录编号', 'XY-2024-011'),
    enumColumn('credit_list', '名单类型', CREDIT_LIST_VALUES, '活动异常名录', { required: true }),
    enumColumn('ground', '列入事由', CREDIT_GROUND_VALUES, '未按规定报送年度工作报告', { required: true }),
    dateColumn('ground_on', '事由发生日期', '2024-06-30'),
    dateColumn('listed_on', '列入日期', '2024-07-15', true),
    dateColumn('removed_on', '移出日期', ''),
    dateColumn('obligation_fulfilled_on', '履行义务日期', ''),
    dateColumn('removal_applied_on', '申请移出日期', ''),
  ],
  build(values) {
    const problems: TRowProblem[] = [];
    const record: TCreditEntryRecord = {
      associationUscc: uscc(values),
      id: str(values, 'credit_entry_ref')!,
      list: values.get('credit_list') as TCreditEntryRecord['list'],
      ground: values.get('ground') as TCreditEntryRecord['ground'],
      groundOn: opt(values, 'ground_on'),
      listedOn: str(values, 'listed_on')!,
      removedOn: opt(values, 'removed_on'),
      obligationFulfilledOn: opt(values, 'obligation_fulfilled_on'),
      removalAppliedOn: opt(values, 'removal_applied_on'),
    };
    endNotBeforeStart(
      problems,
      record.listedOn,
      record.removedOn,
      'removed_on',
      text('列入日期', 'listing date'),
    );
    return { record, problems };
  },
  keyColumns: ['association_uscc', 'credit_entry_ref'],
  naturalKey: (r) => `${r.associationUscc}|${r.id}`,
  references: (r) => [association(r)],
};

const postApprovals: TFactFormat<'post_approvals'> = {
  kind: 'post_approvals',
  title: text('任职的审批、备案和特批', 'Approvals, filings and special approvals of posts'),
  columns: [
    associationColumn(),
    textColumn('person_name', '姓名', '张三', true),
    column('resident_id', '身份证号', parseResidentIdCell, F.residentId, '', {
      aliases: ['公民身份号码', '身份证号码'],
      personal: true,
    }),
    dateColumn('birth_date', '出生日期', '1949-12-31'),
    enumColumn('role', '职务', ROLE_VALUES, '副会长', { required: true }),
    dateColumn('started_on', '任职开始日期', '2020-01-01', true, ['任职日期']),
    enumColumn('approval_kind', '审批类型', APPROVAL_KIND_VALUES, '备案', { required: true }),
    refColumn('approval_doc_ref', '审批备案文号', '示组干备〔2020〕3号'),
    dateColumn('approval_doc_date', '审批备案日期', '2020-01-10'),
  ],
  build(values) {
    const problems: TRowProblem[] = [];
    const residentId = opt<string>(values, 'resident_id');
    const birthDate = opt<string>(values, 'birth_date');
    if (!residentId && !birthDate) {
      problems.push({
        column: 'birth_date',
        problem: text(
          '没有身份证号时需要出生日期来确定任职人',
          'without a resident ID the birth date names the holder',
        ),
        expected: text('出生日期或身份证号', 'a birth date or a resident ID'),
        code: 'required',
      });
    }
    const record: TPostApprovalImport = {
      associationUscc: uscc(values),
      person: { name: str(values, 'person_name')!, residentId, birthDate },
      role: values.get('role') as TPostRole,
      startedOn: str(values, 'started_on')!,
      kind: values.get('approval_kind') as TPostApprovalImport['kind'],
      ref: str(values, 'approval_doc_ref')!,
      date: opt(values, 'approval_doc_date'),
    };
    return { record, problems };
  },
  keyColumns: [
    'association_uscc',
    'resident_id',
    'person_name',
    'birth_date',
    'role',
    'started_on',
    'approval_kind',
    'approval_doc_ref',
  ],
  naturalKey: (r) => `${postKeyOf(r)}|${r.kind}|${r.ref}`,
  references: (r) => [association(r)],
};

/** The natural key of the post an approval names (as the posts file keys posts). */
export function postKeyOf(r: TPostApprovalImport): string {
  const who = r.person.residentId
    ? `id:${r.person.residentId}`
    : `nm:${r.person.name}|${r.person.birthDate ?? ''}`;
  return `${r.associationUscc}|${who}|${r.role}|${r.startedOn}`;
}

/** Every fact kind's declarative definition. */
export const FACT_FORMATS: { [K in TFactKind]: TFactFormat<K> } = {
  association_extras: associationExtras,
  scope_decisions: scopeDecisions,
  decoupling_cases: decouplingCases,
  functions,
  finance_bases: financeBases,
  finance_years: financeYears,
  charter_amendments: charterAmendments,
  institutions,
  staff,
  party_organisations: partyOrganisations,
  foreign_affairs: foreignAffairs,
  fee_items: feeItems,
  dues_decisions: duesDecisions,
  awards,
  annual_reports: annualReports,
  penalties,
  rectifications,
  unreachable,
  court_defaults: courtDefaults,
  credit_entries: creditEntries,
  post_approvals: postApprovals,
};
