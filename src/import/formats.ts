import type {
  ASSOCIATION_STATUSES,
  CADRE_RANKS,
  LEVELS,
  LINK_KINDS,
  ORGAN_KINDS,
  POST_ROLES,
  ROSTER_STATUSES,
  TAssociationRecord,
  TLinkRecord,
  TOrganRecord,
  TPostRecord,
  TRosterRecord,
} from '../core/registry/types.ts';
import {
  column,
  EXAMPLE_ORGAN,
  EXAMPLE_USCC,
  endNotBeforeStart,
  enumColumn,
  F,
  opt,
  str,
  type TBuilt,
  type TColumn,
  type TFormatOf,
  type TReference,
  type TRowProblem,
  type TRowValues,
} from './columns.ts';
import { FACT_FORMATS, FACT_KINDS, type TFactRecordOf } from './fact-formats.ts';
import { text } from './issues.ts';
import {
  integerParser,
  parseBankAccount,
  parseBoolean,
  parseCode,
  parseDate,
  parsePhone,
  parseRegionCode,
  parseResidentIdCell,
  parseText,
  parseUscc,
  type TEnumValue,
} from './values.ts';

export type { TBuilt, TColumn, TReference, TRowProblem, TRowValues };

/** The kinds of the registry's own files, in dependency order. */
export const REGISTRY_KINDS = ['organs', 'associations', 'links', 'posts', 'rosters'] as const;
export type TRegistryKind = (typeof REGISTRY_KINDS)[number];

/**
 * The kinds of file the importer reads, in dependency order (a folder is imported in this order): the
 * registry first, then the policy facts that refer to its associations, organs and posts.
 */
export const IMPORT_KINDS = [...REGISTRY_KINDS, ...FACT_KINDS] as const;
export type TImportKind = (typeof IMPORT_KINDS)[number];

export type TRecordOf = {
  organs: TOrganRecord;
  associations: TAssociationRecord;
  links: TLinkRecord;
  posts: TPostRecord;
  rosters: TRosterRecord;
} & TFactRecordOf;

export type TFormat<K extends TImportKind> = TFormatOf<K, TRecordOf[K]>;

const LEVEL_VALUES: TEnumValue<(typeof LEVELS)[number]>[] = [
  { value: 'national', zh: ['全国', '全国性', '国家级'] },
  { value: 'provincial', zh: ['省级', '省'] },
  { value: 'municipal', zh: ['市级', '地市级', '市'] },
  { value: 'county', zh: ['县级', '县'] },
];
const ASSOCIATION_STATUS_VALUES: TEnumValue<(typeof ASSOCIATION_STATUSES)[number]>[] = [
  { value: 'active', zh: ['正常', '存续', '活跃'] },
  { value: 'deregistered', zh: ['注销', '已注销'] },
  { value: 'revoked', zh: ['撤销', '已撤销', '吊销'] },
];
const ORGAN_KIND_VALUES: TEnumValue<(typeof ORGAN_KINDS)[number]>[] = [
  { value: 'party', zh: ['党委', '党的机关', '党委部门'] },
  { value: 'congress', zh: ['人大', '人大机关'] },
  { value: 'government', zh: ['政府', '行政机关', '政府部门'] },
  { value: 'cppcc', zh: ['政协', '政协机关'] },
  { value: 'court', zh: ['法院', '审判机关'] },
  { value: 'procuratorate', zh: ['检察院', '检察机关'] },
  { value: 'public_institution', zh: ['事业单位'] },
  { value: 'state_enterprise', zh: ['国有企业', '国企'] },
  { value: 'other', zh: ['其他'] },
];
const LINK_KIND_VALUES: TEnumValue<(typeof LINK_KINDS)[number]>[] = [
  { value: 'sponsor', zh: ['主办'] },
  { value: 'supervisor', zh: ['主管', '业务主管'] },
  { value: 'contact', zh: ['联系'] },
  { value: 'host', zh: ['挂靠'] },
  { value: 'custodian', zh: ['代管'] },
];
const ROLE_VALUES: TEnumValue<(typeof POST_ROLES)[number]>[] = [
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
const RANK_VALUES: TEnumValue<(typeof CADRE_RANKS)[number]>[] = [
  { value: 'national', zh: ['国家级'] },
  { value: 'ministerial', zh: ['正部级', '部级'] },
  { value: 'deputy_ministerial', zh: ['副部级'] },
  { value: 'department', zh: ['正厅级', '正局级', '厅级', '局级'] },
  { value: 'deputy_department', zh: ['副厅级', '副局级'] },
  { value: 'division', zh: ['正处级', '正县级', '处级'] },
  { value: 'deputy_division', zh: ['副处级', '副县级'] },
  { value: 'section', zh: ['科级', '正科级', '副科级'] },
  { value: 'none', zh: ['无'] },
];
const ROSTER_STATUS_VALUES: TEnumValue<(typeof ROSTER_STATUSES)[number]>[] = [
  { value: 'serving', zh: ['在职', '现职'] },
  { value: 'left_not_retired', zh: ['离职未退休', '离职'] },
  { value: 'retired', zh: ['退休', '已退休', '离退休'] },
];
const SEX_VALUES: TEnumValue<'male' | 'female'>[] = [
  { value: 'male', zh: ['男'] },
  { value: 'female', zh: ['女'] },
];

const organs: TFormat<'organs'> = {
  kind: 'organs',
  title: text('机关（业务主管单位、主办单位等）', 'Organs (sponsoring, supervising and other organs)'),
  columns: [
    column(
      'code',
      '机关代码',
      parseCode,
      text('机关的统一社会信用代码或本单位使用的代码', "the organ's USCC or the code its registry uses"),
      EXAMPLE_ORGAN,
      { required: true, aliases: ['单位代码'] },
    ),
    column('name', '名称', parseText, F.text, '示例部', {
      required: true,
      aliases: ['机关名称', '单位名称'],
    }),
    column('short_name', '简称', parseText, F.text, '示例部'),
    enumColumn('kind', '类型', ORGAN_KIND_VALUES, '政府', { required: true, aliases: ['机关类型'] }),
    column('is_administrative', '是否行政机关', parseBoolean, F.bool, '是', { required: true }),
    enumColumn('level', '级别', LEVEL_VALUES, '全国', { required: true }),
    column('region_code', '行政区划代码', parseRegionCode, F.region, '100000', { required: true }),
    column(
      'parent_code',
      '上级机关代码',
      parseCode,
      text(
        '所属机关的代码（同一文件或系统中已有）',
        'code of the organ it belongs to (in the file or the registry)',
      ),
      '',
    ),
    column('address', '地址', parseText, F.text, '北京市西城区示例路1号'),
    column('phone', '电话', parsePhone, F.phone, '010-12345678'),
    column('bank_account', '银行账号', parseBankAccount, F.bankAccount, ''),
  ],
  build(values) {
    const problems: TRowProblem[] = [];
    const record: TOrganRecord = {
      code: str(values, 'code')!,
      name: str(values, 'name')!,
      shortName: opt(values, 'short_name'),
      kind: values.get('kind') as TOrganRecord['kind'],
      isAdministrative: values.get('is_administrative') as boolean,
      level: values.get('level') as TOrganRecord['level'],
      regionCode: str(values, 'region_code')!,
      parentCode: opt(values, 'parent_code'),
      address: opt(values, 'address'),
      phone: opt(values, 'phone'),
      bankAccount: opt(values, 'bank_account'),
    };
    if (record.parentCode === record.code) {
      problems.push({
        column: 'parent_code',
        problem: text('上级机关是它自己', 'names the organ itself as its parent'),
        expected: text('另一个机关的代码', "another organ's code"),
      });
    }
    return { record, problems };
  },
  keyColumns: ['code'],
  naturalKey: (r) => r.code,
  references: () => [],
};

const associations: TFormat<'associations'> = {
  kind: 'associations',
  title: text('行业协会商会', 'Industry associations and chambers of commerce'),
  columns: [
    column('uscc', '统一社会信用代码', parseUscc, F.uscc, EXAMPLE_USCC, { required: true }),
    column('name', '名称', parseText, F.text, '中国示例行业协会', {
      required: true,
      aliases: ['协会名称', '社会组织名称'],
    }),
    column('name_en', '英文名称', parseText, F.text, 'China Example Industry Association'),
    column('short_name', '简称', parseText, F.text, '示例协会'),
    enumColumn('level', '级别', LEVEL_VALUES, '全国', { required: true }),
    column('region_code', '行政区划代码', parseRegionCode, F.region, '100000', { required: true }),
    column('industry', '行业', parseText, F.text, '制造业', { aliases: ['所属行业'] }),
    column('registrar', '登记管理机关', parseText, F.text, '民政部'),
    column('founded_on', '成立日期', parseDate, F.date, '1995-06-01'),
    column('registered_on', '登记日期', parseDate, F.date, '1995-06-20'),
    enumColumn('status', '状态', ASSOCIATION_STATUS_VALUES, '正常', { aliases: ['登记状态'] }),
    column('address', '地址', parseText, F.text, '北京市东城区示例大街2号', { aliases: ['住所'] }),
    column('phone', '电话', parsePhone, F.phone, '010-87654321'),
    column('bank_account', '银行账号', parseBankAccount, F.bankAccount, ''),
    column('member_count', '会员数', integerParser(0), F.count, '320', { aliases: ['会员数量'] }),
  ],
  build(values) {
    const problems: TRowProblem[] = [];
    const record: TAssociationRecord = {
      uscc: str(values, 'uscc')!,
      name: str(values, 'name')!,
      nameEn: opt(values, 'name_en'),
      shortName: opt(values, 'short_name'),
      level: values.get('level') as TAssociationRecord['level'],
      regionCode: str(values, 'region_code')!,
      industry: opt(values, 'industry'),
      registrar: opt(values, 'registrar'),
      foundedOn: opt(values, 'founded_on'),
      registeredOn: opt(values, 'registered_on'),
      status: (values.get('status') as TAssociationRecord['status'] | undefined) ?? 'active',
      address: opt(values, 'address'),
      phone: opt(values, 'phone'),
      bankAccount: opt(values, 'bank_account'),
      memberCount: opt(values, 'member_count'),
    };
    endNotBeforeStart(
      problems,
      record.foundedOn ?? null,
      record.registeredOn ?? null,
      'registered_on',
      text('成立日期', 'founding date'),
    );
    if (
      record.level === 'national' &&
      record.regionCode !== '100000' &&
      !/^\d{2}0000$/.test(record.regionCode)
    ) {
      problems.push({
        column: 'region_code',
        problem: text(
          '全国性协会的区划代码应为 100000 或省级代码',
          'a national association is registered at 100000 or a province',
        ),
        expected: text('100000', '100000'),
      });
    }
    return { record, problems };
  },
  keyColumns: ['uscc'],
  naturalKey: (r) => r.uscc,
  references: () => [],
};

const links: TFormat<'links'> = {
  kind: 'links',
  title: text('协会与机关的关系（主办、主管、联系、挂靠、代管）', 'Links between associations and organs'),
  columns: [
    column('organ_code', '机关代码', parseCode, F.code, EXAMPLE_ORGAN, { required: true }),
    column('association_uscc', '协会统一社会信用代码', parseUscc, F.uscc, EXAMPLE_USCC, {
      required: true,
      aliases: ['统一社会信用代码'],
    }),
    enumColumn('kind', '类型', LINK_KIND_VALUES, '主管', { required: true, aliases: ['关系类型'] }),
    column('started_on', '开始日期', parseDate, F.date, '1995-06-20', { required: true }),
    column('ended_on', '结束日期', parseDate, F.date, ''),
  ],
  build(values) {
    const problems: TRowProblem[] = [];
    const record: TLinkRecord = {
      organCode: str(values, 'organ_code')!,
      associationUscc: str(values, 'association_uscc')!,
      kind: values.get('kind') as TLinkRecord['kind'],
      startedOn: str(values, 'started_on')!,
      endedOn: opt(values, 'ended_on'),
    };
    endNotBeforeStart(
      problems,
      record.startedOn,
      record.endedOn ?? null,
      'ended_on',
      text('开始日期', 'start date'),
    );
    return { record, problems };
  },
  keyColumns: ['organ_code', 'association_uscc', 'kind', 'started_on'],
  naturalKey: (r) => `${r.organCode}|${r.associationUscc}|${r.kind}|${r.startedOn}`,
  references: (r) => [
    { target: 'organ', key: r.organCode, column: 'organ_code' },
    { target: 'association', key: r.associationUscc, column: 'association_uscc' },
  ],
};

/** Birth date and sex follow from a resident ID; cells that contradict it are an error. */
function personFrom(values: TRowValues, nameKey: string, problems: TRowProblem[]) {
  const residentId = opt<string>(values, 'resident_id');
  let birthDate = opt<string>(values, 'birth_date');
  let sex = opt<'male' | 'female'>(values, 'sex');
  if (residentId) {
    const idBirth = `${residentId.slice(6, 10)}-${residentId.slice(10, 12)}-${residentId.slice(12, 14)}`;
    const idSex = Number(residentId[16]) % 2 === 1 ? 'male' : 'female';
    if (birthDate && birthDate !== idBirth) {
      problems.push({
        column: 'birth_date',
        problem: text('与身份证号中的出生日期不一致', 'differs from the birth date in the resident ID'),
        expected: text('与身份证号一致的出生日期', 'the birth date the resident ID gives'),
      });
    }
    if (sex && sex !== idSex) {
      problems.push({
        column: 'sex',
        problem: text('与身份证号中的性别不一致', 'differs from the sex the resident ID gives'),
        expected: text('与身份证号一致的性别', 'the sex the resident ID gives'),
      });
    }
    birthDate = idBirth;
    sex = idSex;
  }
  return { name: str(values, nameKey)!, residentId, sex, birthDate };
}

const personColumns = (nameKey: string, required: boolean): TColumn[] => [
  column(nameKey, '姓名', parseText, F.text, '张三', { required: true }),
  column('resident_id', '身份证号', parseResidentIdCell, F.residentId, '11010519491231002X', {
    aliases: ['公民身份号码', '身份证号码'],
    personal: true,
    required,
  }),
  enumColumn('sex', '性别', SEX_VALUES, '女'),
  column('birth_date', '出生日期', parseDate, F.date, '1949-12-31'),
];

const posts: TFormat<'posts'> = {
  kind: 'posts',
  title: text('协会负责人任职', 'Posts held in associations'),
  columns: [
    column(
      'post_ref',
      '任职编号',
      parseCode,
      text(
        '来源系统中该任职的编号（可选，仅用于核对）',
        "the source's own id of the post (optional, for cross-checking)",
      ),
      'P-0001',
    ),
    column('association_uscc', '协会统一社会信用代码', parseUscc, F.uscc, EXAMPLE_USCC, {
      required: true,
      aliases: ['统一社会信用代码'],
    }),
    ...personColumns('person_name', false),
    enumColumn('role', '职务', ROLE_VALUES, '副会长', { required: true }),
    column('branch_name', '分支机构名称', parseText, F.text, ''),
    column('started_on', '任职开始日期', parseDate, F.date, '2020-01-01', {
      required: true,
      aliases: ['任职日期'],
    }),
    column('ended_on', '任职结束日期', parseDate, F.date, '', { aliases: ['离任日期'] }),
    column('term_number', '届次', integerParser(1), F.term, '5'),
    column('remunerated', '是否领取报酬', parseBoolean, F.bool, '否'),
    column('approval_ref', '审批文号', parseText, F.text, '示组干〔2019〕12号'),
    column('approval_date', '审批日期', parseDate, F.date, '2019-12-20'),
    column('recommended_by_organ_code', '推荐机关代码', parseCode, F.code, EXAMPLE_ORGAN),
  ],
  build(values) {
    const problems: TRowProblem[] = [];
    const startedOn = str(values, 'started_on')!;
    const record: TPostRecord = {
      associationUscc: str(values, 'association_uscc')!,
      person: personFrom(values, 'person_name', problems),
      role: values.get('role') as TPostRecord['role'],
      branchName: opt(values, 'branch_name'),
      startedOn,
      endedOn: opt(values, 'ended_on'),
      termNumber: opt(values, 'term_number'),
      remunerated: opt(values, 'remunerated'),
      approvalRef: opt(values, 'approval_ref'),
      approvalDate: opt(values, 'approval_date'),
      recommendedByOrganCode: opt(values, 'recommended_by_organ_code'),
    };
    endNotBeforeStart(
      problems,
      startedOn,
      record.endedOn ?? null,
      'ended_on',
      text('任职开始日期', 'start date'),
    );
    if (record.person.birthDate && startedOn < record.person.birthDate) {
      problems.push({
        column: 'started_on',
        problem: text('早于出生日期', 'is before the birth date'),
        expected: text('出生日期之后的日期', 'a date after the birth date'),
      });
    }
    return { record, problems };
  },
  keyColumns: ['association_uscc', 'resident_id', 'person_name', 'birth_date', 'role', 'started_on'],
  naturalKey: (r) =>
    `${r.associationUscc}|${r.person.residentId ? `id:${r.person.residentId}` : `nm:${r.person.name}|${r.person.birthDate ?? ''}`}|${r.role}|${r.startedOn}`,
  references: (r) => [
    { target: 'association', key: r.associationUscc, column: 'association_uscc' },
    ...(r.recommendedByOrganCode
      ? [{ target: 'organ' as const, key: r.recommendedByOrganCode, column: 'recommended_by_organ_code' }]
      : []),
  ],
};

const rosters: TFormat<'rosters'> = {
  kind: 'rosters',
  title: text(
    '公职人员名册（在职、离职未退休、退休领导干部）',
    'Official rosters (serving, left, retired cadres)',
  ),
  columns: [
    column(
      'source',
      '来源',
      parseCode,
      text('名册来源的代码，如 2024-beijing-retired', 'code of the roster, e.g. 2024-beijing-retired'),
      'retired-2024',
      { required: true, aliases: ['名册来源'] },
    ),
    column(
      'record_key',
      '记录编号',
      parseCode,
      text('记录在名册中的编号', 'key of the record in that roster'),
      'R-000001',
      { required: true },
    ),
    ...personColumns('name', false),
    enumColumn('status', '状态', ROSTER_STATUS_VALUES, '退休', { required: true, aliases: ['人员状态'] }),
    column('retired_on', '退休日期', parseDate, F.date, '2014-12-31'),
    column('organ_code', '机关代码', parseCode, F.code, EXAMPLE_ORGAN, { aliases: ['单位代码'] }),
    column('organ_name', '机关名称', parseText, F.text, '示例部', { aliases: ['单位名称', '工作单位'] }),
    enumColumn('rank', '职级', RANK_VALUES, '正厅级', { aliases: ['级别'] }),
  ],
  build(values) {
    const problems: TRowProblem[] = [];
    const record: TRosterRecord = {
      source: str(values, 'source')!,
      recordKey: str(values, 'record_key')!,
      person: personFrom(values, 'name', problems),
      status: values.get('status') as TRosterRecord['status'],
      retiredOn: opt(values, 'retired_on'),
      organCode: opt(values, 'organ_code'),
      organName: opt(values, 'organ_name'),
      rank: (values.get('rank') as TRosterRecord['rank'] | undefined) ?? 'none',
    };
    if (record.status === 'retired' && !record.retiredOn) {
      problems.push({
        column: 'retired_on',
        problem: text('状态为退休但没有退休日期', 'status is retired but there is no retirement date'),
        expected: text('退休日期', 'the retirement date'),
      });
    }
    if (record.retiredOn && record.person.birthDate && record.retiredOn < record.person.birthDate) {
      problems.push({
        column: 'retired_on',
        problem: text('早于出生日期', 'is before the birth date'),
        expected: text('出生日期之后的日期', 'a date after the birth date'),
      });
    }
    return { record, problems };
  },
  keyColumns: ['source', 'record_key'],
  naturalKey: (r) => `${r.source}|${r.recordKey}`,
  references: (r) => (r.organCode ? [{ target: 'organ', key: r.organCode, column: 'organ_code' }] : []),
};

/** Every file kind's declarative definition. */
export const FORMATS: { [K in TImportKind]: TFormat<K> } = {
  organs,
  associations,
  links,
  posts,
  rosters,
  ...FACT_FORMATS,
};

/** Headers compare without case, spaces, a required-marker `*` or a trailing note in brackets. */
export function normaliseHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .replace(/[（(][^）)]*[）)]\s*$/, '')
    .replace(/[\s*＊_]/g, '')
    .toLowerCase();
}

function headerIndex(format: TFormat<TImportKind>): Map<string, TColumn> {
  const index = new Map<string, TColumn>();
  for (const c of format.columns) {
    for (const name of [c.key, c.zh, ...(c.aliases ?? [])]) index.set(normaliseHeader(name), c);
  }
  return index;
}

const HEADER_INDEX = new Map(IMPORT_KINDS.map((kind) => [kind, headerIndex(FORMATS[kind])]));

/** The column a header names in a kind of file, if any. */
export function columnForHeader(kind: TImportKind, header: string): TColumn | undefined {
  return HEADER_INDEX.get(kind)!.get(normaliseHeader(header));
}

/**
 * Recognises the kind of file from its header row: the kind whose required columns are most complete,
 * then whose headers match most. Undefined when no kind has any of its required columns.
 */
export function recogniseKind(headers: string[]): TImportKind | undefined {
  let best: { kind: TImportKind; score: number } | undefined;
  for (const kind of IMPORT_KINDS) {
    const format = FORMATS[kind];
    const matched = new Set(headers.map((h) => columnForHeader(kind, h)).filter((c) => c !== undefined));
    const required = format.columns.filter((c) => c.required);
    const requiredShare = required.filter((c) => matched.has(c)).length / required.length;
    if (requiredShare === 0) continue;
    const unknown = headers.filter((h) => h.trim() !== '' && !columnForHeader(kind, h)).length;
    const score = requiredShare * 1000 + matched.size * 10 - unknown;
    if (!best || score > best.score) best = { kind, score };
  }
  return best?.kind;
}
