/**
 * The five-separation checklist (五分离) of a case, generated from the policy pack in force: one item
 * per thing to be done, with its owner, the rules whose findings belong beside it, the evidence it
 * needs and who signs it off. Items name their rules so that findings can be shown beside them, and an
 * item whose rules are all switched off in the pack is left out.
 *
 * Each item then moves open → evidence_submitted → signed_off, or is waived with a reason; a signer
 * may return submitted evidence (back to open) with a reason, and a regulator may reopen a waived or
 * signed-off item with a reason.
 */

import type { TResolvedPack } from '../policy/packs.ts';
import type { TRuleId, TTemplate } from '../policy/types.ts';
import { EVIDENCE_TYPE_SPECS, type TEvidenceType } from './evidence.ts';
import { dayOf } from './instants.ts';
import {
  CLOSED_CASE_STATES,
  type TActor,
  type TActorRole,
  type TCaseState,
  type TEvidenceRef,
  type TRefusal,
} from './types.ts';

export const SEPARATIONS = [
  'institution',
  'functions',
  'assets_finance',
  'personnel',
  'party_foreign_affairs',
] as const;
export type TSeparation = (typeof SEPARATIONS)[number];

export const SEPARATION_TITLES: Readonly<Record<TSeparation, TTemplate>> = {
  institution: { zh: '机构分离', en: 'Institution' },
  functions: { zh: '职能分离', en: 'Functions' },
  assets_finance: { zh: '资产财务分离', en: 'Assets and finance' },
  personnel: { zh: '人员管理分离', en: 'Personnel' },
  party_foreign_affairs: { zh: '党建、外事等事项分离', en: 'Party building and foreign affairs' },
};

/** Who does the work of an item. */
export type TItemOwner = 'association' | 'organ' | 'regulator';

export type TEvidenceRequirement = {
  kind: string;
  title: TTemplate;
  /** MIME types accepted for this kind. */
  mimeTypes: readonly string[];
  maxBytes: number;
  /** At least this many files of the kind before the item can be submitted (0: optional). */
  minCount: number;
};

export type TSignOffRule = {
  /** Roles that may sign the item off (and return its evidence). */
  signers: readonly TActorRole[];
  /** True for a hand-over by the former organ: the organ confirms it, nobody on its behalf. */
  organHandOver: boolean;
};

export type TChecklistItem = {
  /** Stable across packs, e.g. `inst.links_ended`. */
  id: string;
  separation: TSeparation;
  title: TTemplate;
  /** What exactly is checked, with the pack's parameters filled in. */
  detail: TTemplate;
  owner: TItemOwner;
  /** The rules whose findings are shown beside the item (only rules active in the pack). */
  ruleIds: readonly TRuleId[];
  evidence: readonly TEvidenceRequirement[];
  signOff: TSignOffRule;
};

const MB = 1024 * 1024;
const DOCUMENTS: readonly TEvidenceType[] = ['pdf', 'docx', 'png', 'jpeg'];
const TABLES: readonly TEvidenceType[] = ['xlsx', 'csv', 'pdf'];

function requirement(
  kind: string,
  title: TTemplate,
  types: readonly TEvidenceType[],
  minCount = 1,
  maxBytes = 20 * MB,
): TEvidenceRequirement {
  const mimeTypes = [...new Set(types)].map((t) => EVIDENCE_TYPE_SPECS[t].mimeType);
  return { kind, title, mimeTypes, maxBytes, minCount };
}

const BY_ORGAN: TSignOffRule = { signers: ['organ'], organHandOver: true };
const BY_REGULATOR: TSignOffRule = { signers: ['regulator'], organHandOver: false };

const LINK_KIND_ZH: Record<string, string> = {
  sponsor: '主办',
  supervisor: '主管',
  contact: '联系',
  host: '挂靠',
  custodian: '代管',
};

export type GenerateChecklistOptions = { pack: TResolvedPack };

/**
 * The checklist items of a case under a pack, in the order of the five separations. Titles and
 * details carry the pack's parameters (age limit, appropriation cut-off, vacating deadline, party
 * member threshold), and only rules active in the pack are named.
 */
export function generateChecklist({ pack }: GenerateChecklistOptions): TChecklistItem[] {
  const p = pack.parameters;
  const active = (ids: readonly TRuleId[]) => ids.filter((id) => pack.rules[id]);
  const linkKindsZh = p.inst.linkKinds.map((k) => LINK_KIND_ZH[k] ?? k).join('、');
  const linkKindsEn = p.inst.linkKinds.join(', ');
  const vacating = p.fin.vacatingDeadline;
  const vacatingZh = vacating ? `于 ${vacating} 前` : '在本地规定期限内';
  const vacatingEn = vacating ? `by ${vacating}` : 'by the local deadline';
  const paidUseZh = p.fin.paidUseAllowed ? '，或签订有偿使用协议' : '（不允许有偿使用）';
  const paidUseEn = p.fin.paidUseAllowed ? ', or sign a paid-use agreement' : ' (paid use is not allowed)';
  const ageZh = p.pers.ageLimitReachedOnBirthday ? '（生日当天即达上限）' : '（生日次日起超限）';
  const ageEn = p.pers.ageLimitReachedOnBirthday
    ? 'reached on the birthday'
    : 'passed the day after the birthday';

  const items: TChecklistItem[] = [
    {
      id: 'inst.links_ended',
      separation: 'institution',
      title: { zh: '取消与原行政机关的关联关系', en: 'Links with the former organ ended' },
      detail: {
        zh: `终止与行政机关及其下属单位的${linkKindsZh}关系${pack.rules['INST-2'] ? '，登记信息不再记载业务主管单位' : ''}。`,
        en: `End every ${linkKindsEn} link with administrative organs and their subordinate units${pack.rules['INST-2'] ? '; the registration no longer records a supervising unit' : ''}.`,
      },
      owner: 'organ',
      ruleIds: active(['INST-1', 'INST-2']),
      evidence: [
        requirement('termination_notice', { zh: '解除关系的文件', en: 'Notice ending the link' }, DOCUMENTS),
      ],
      signOff: BY_REGULATOR,
    },
    {
      id: 'inst.institutions_transferred',
      separation: 'institution',
      title: { zh: '所办事业单位撤并或划转', en: 'Public institutions merged or transferred' },
      detail: {
        zh: '协会管理的事业单位已撤并（注销法人）或划转至行业管理部门。',
        en: 'Public institutions run by the association are merged (legal person cancelled) or transferred to a sector department.',
      },
      owner: 'organ',
      ruleIds: active(['INST-3']),
      evidence: [
        requirement(
          'transfer_decision',
          { zh: '撤并或划转文件', en: 'Merger or transfer decision' },
          DOCUMENTS,
        ),
      ],
      signOff: BY_REGULATOR,
    },
    {
      id: 'inst.charter_amended',
      separation: 'institution',
      title: { zh: '修改章程并核准', en: 'Charter amended and filed' },
      detail: {
        zh: '章程删除业务主管单位等内容，经会员（代表）大会通过并报登记管理机关核准。',
        en: 'The charter drops the supervising unit, is adopted by the member assembly and approved by the registration authority.',
      },
      owner: 'association',
      ruleIds: active(['INST-5']),
      evidence: [
        requirement('charter', { zh: '修改后的章程', en: 'Amended charter' }, DOCUMENTS),
        requirement('charter_approval', { zh: '核准文件', en: 'Approval of the charter' }, DOCUMENTS),
      ],
      signOff: BY_REGULATOR,
    },
    {
      id: 'func.admin_functions_withdrawn',
      separation: 'functions',
      title: { zh: '剥离行政职能', en: 'Administrative functions withdrawn' },
      detail: {
        zh: '原行政机关收回协会承担的行政许可、审批、资质认定等职能；未脱钩前不得借主管单位审批事项提供中介服务。',
        en: 'The former organ takes back licensing, approval and qualification functions; no intermediary services tied to its approvals meanwhile.',
      },
      owner: 'association',
      ruleIds: active(['FUNC-1', 'FUNC-4']),
      evidence: [
        requirement(
          'function_list',
          { zh: '职能清单及处理情况', en: 'List of functions and how each was handled' },
          [...DOCUMENTS, ...TABLES],
        ),
      ],
      signOff: BY_ORGAN,
    },
    {
      id: 'func.services_contracted',
      separation: 'functions',
      title: { zh: '转移职能纳入目录或购买服务', en: 'Transferred functions catalogued or contracted' },
      detail: {
        zh: '移交或委托的职能列入公开目录，或签订政府购买服务合同。',
        en: 'Functions handed over or commissioned are in a published catalogue or under a purchase-of-services contract.',
      },
      owner: 'organ',
      ruleIds: active(['FUNC-2']),
      evidence: [
        requirement(
          'service_contract',
          { zh: '目录或购买服务合同', en: 'Catalogue entry or service contract' },
          DOCUMENTS,
        ),
      ],
      signOff: BY_REGULATOR,
    },
    {
      id: 'func.items_published',
      separation: 'functions',
      title: { zh: '公开委托授权事项及收费', en: 'Commissioned items and fees published' },
      detail: {
        zh: '受委托、授权事项及其收费标准向社会公开。',
        en: 'Commissioned and authorised items and their fees are published.',
      },
      owner: 'association',
      ruleIds: active(['FUNC-3']),
      evidence: [
        requirement(
          'publication',
          { zh: '公开页面截图或公告', en: 'Screenshot or notice of the publication' },
          DOCUMENTS,
        ),
      ],
      signOff: BY_REGULATOR,
    },
    {
      id: 'fin.accounts_separate',
      separation: 'assets_finance',
      title: { zh: '独立账户、单独建账', en: 'Own bank account and books' },
      detail: {
        zh: '开立独立银行账户，单独建账、独立核算，执行《民间非营利组织会计制度》。',
        en: 'An own bank account, separate books and accounts under the Accounting System for Non-Profit Organisations.',
      },
      owner: 'association',
      ruleIds: active(['FIN-1', 'FIN-2']),
      evidence: [
        requirement('bank_account', { zh: '开户许可或账户证明', en: 'Bank account certificate' }, DOCUMENTS),
        requirement('accounts', { zh: '最近一期会计报表', en: 'Latest financial statements' }, [
          ...TABLES,
          'docx',
        ]),
      ],
      signOff: BY_REGULATOR,
    },
    {
      id: 'fin.appropriation_phased_out',
      separation: 'assets_finance',
      title: { zh: '财政直接拨款按期退出', en: 'Direct appropriation phased out' },
      detail: {
        zh: `直接财政拨款按过渡比例逐年核减，${p.fin.appropriationZeroFromYear}年起取消。`,
        en: `Direct appropriation is cut by the transition shares and ends from ${p.fin.appropriationZeroFromYear}.`,
      },
      owner: 'organ',
      ruleIds: active(['FIN-3']),
      evidence: [
        requirement('budget_statement', { zh: '预算安排说明', en: 'Budget statement' }, [
          ...DOCUMENTS,
          ...TABLES,
        ]),
      ],
      signOff: BY_REGULATOR,
    },
    {
      id: 'fin.office_vacated',
      separation: 'assets_finance',
      title: { zh: '腾退行政办公用房', en: 'Administrative office space vacated' },
      detail: {
        zh: `${vacatingZh}腾退占用的行政办公用房${paidUseZh}。`,
        en: `Vacate administrative office space ${vacatingEn}${paidUseEn}.`,
      },
      owner: 'association',
      ruleIds: active(['FIN-4']),
      evidence: [
        requirement(
          'vacating_record',
          { zh: '腾退交接记录或有偿使用协议', en: 'Hand-back record or paid-use agreement' },
          DOCUMENTS,
        ),
      ],
      signOff: BY_ORGAN,
    },
    {
      id: 'fin.assets_registered',
      separation: 'assets_finance',
      title: { zh: '国有资产清查登记', en: 'State-owned assets inventoried' },
      detail: {
        zh: '协会使用的国有资产完成清查、登记和产权界定。',
        en: 'State-owned assets used by the association are inventoried, registered and their ownership settled.',
      },
      owner: 'association',
      ruleIds: active(['FIN-5']),
      evidence: [requirement('asset_inventory', { zh: '资产清查表', en: 'Asset inventory' }, TABLES)],
      signOff: BY_ORGAN,
    },
    {
      id: 'pers.officials_withdrawn',
      separation: 'personnel',
      title: { zh: '在职公务员退出协会任职', en: 'Serving officials out of association posts' },
      detail: {
        zh: '在职及未办理退休手续的公务员不在协会兼任职务；行政机关不推荐、安排公务员到协会任职。',
        en: 'No serving civil servant (or one not yet retired) holds a post; organs neither recommend nor arrange officials into posts.',
      },
      owner: 'organ',
      ruleIds: active(['PERS-1', 'PERS-9']),
      evidence: [
        requirement(
          'post_roster',
          { zh: '负责人名单及任免文件', en: 'Roster of office-holders and appointment papers' },
          [...TABLES, 'docx'],
        ),
      ],
      signOff: BY_REGULATOR,
    },
    {
      id: 'pers.retired_cadres_compliant',
      separation: 'personnel',
      title: { zh: '退（离）休领导干部兼职合规', en: 'Retired leading cadres within the limits' },
      detail: {
        zh: `退（离）休领导干部兼职须审批或备案：退休${p.pers.yearsAfterRetirement}年内兼职须批准，兼职不超过${p.pers.maxConcurrentPosts}个，年龄不超过${p.pers.ageLimit}周岁${ageZh}，任期不超过${p.pers.maxTerms}届，不取酬，不担任法定代表人（另有特批的除外）。`,
        en: `Retired leading cadres' posts are approved or filed: approval within ${p.pers.yearsAfterRetirement} years of retirement, at most ${p.pers.maxConcurrentPosts} post(s), age limit ${p.pers.ageLimit} (${ageEn}), at most ${p.pers.maxTerms} terms, no pay, not legal representative without special approval.`,
      },
      owner: 'association',
      ruleIds: active(['PERS-2', 'PERS-3', 'PERS-4', 'PERS-5', 'PERS-6', 'PERS-7', 'PERS-8']),
      evidence: [
        requirement(
          'cadre_approvals',
          { zh: '兼职审批或备案文件', en: 'Approvals or filings of the posts' },
          DOCUMENTS,
        ),
      ],
      signOff: BY_REGULATOR,
    },
    {
      id: 'pers.staff_contracts',
      separation: 'personnel',
      title: { zh: '工作人员劳动合同和社保', en: 'Staff contracts and social insurance' },
      detail: {
        zh: '工作人员签订劳动合同，参加社会保险、缴存住房公积金，不再占用事业编制。',
        en: 'Staff have labour contracts, social insurance and housing fund, and no longer hold public-institution posts.',
      },
      owner: 'association',
      ruleIds: active(['PERS-10']),
      evidence: [
        requirement(
          'staff_roster',
          { zh: '人员名册及社保缴纳证明', en: 'Staff roster and social-insurance proof' },
          TABLES,
        ),
      ],
      signOff: BY_REGULATOR,
    },
    {
      id: 'party.relationship_transferred',
      separation: 'party_foreign_affairs',
      title: { zh: '党组织关系移交', en: 'Party organisation transferred' },
      detail: {
        zh: '党组织关系由原行政机关党组织移交至指定的党委（行业协会商会党委）。',
        en: "The party organisation's relationship moves from the former organ to the designated party committee.",
      },
      owner: 'association',
      ruleIds: active(['PARTY-1']),
      evidence: [
        requirement('party_transfer', { zh: '党组织关系转接文件', en: 'Party transfer papers' }, DOCUMENTS),
      ],
      signOff: BY_ORGAN,
    },
    {
      id: 'party.organisation_set_up',
      separation: 'party_foreign_affairs',
      title: { zh: '按规定建立党组织', en: 'Party organisation set up as required' },
      detail: {
        zh: `正式党员${p.party.memberThreshold}人以上的，建立党的基层组织。`,
        en: `A party organisation exists where there are ${p.party.memberThreshold} or more full members.`,
      },
      owner: 'association',
      ruleIds: active(['PARTY-2']),
      evidence: [
        requirement(
          'party_approval',
          { zh: '成立党组织的批复', en: 'Approval setting up the organisation' },
          DOCUMENTS,
          0,
        ),
      ],
      signOff: BY_REGULATOR,
    },
    {
      id: 'party.foreign_affairs_transferred',
      separation: 'party_foreign_affairs',
      title: { zh: '外事工作移交', en: 'Foreign affairs handed over' },
      detail: {
        zh: '外事事项不再由原行政机关管理，按规定移交。',
        en: 'Foreign affairs are no longer administered by the former organ.',
      },
      owner: 'association',
      ruleIds: active(['PARTY-3']),
      evidence: [
        requirement(
          'foreign_affairs_handover',
          { zh: '外事管理移交文件', en: 'Foreign-affairs hand-over papers' },
          DOCUMENTS,
        ),
      ],
      signOff: BY_ORGAN,
    },
  ];
  return items.filter((item) => item.ruleIds.length > 0);
}

export const ITEM_STATES = ['open', 'evidence_submitted', 'signed_off', 'waived'] as const;
export type TItemState = (typeof ITEM_STATES)[number];

/** The progress of one checklist item of a case. */
export type TChecklistEntry = {
  itemId: string;
  state: TItemState;
  evidence: readonly TEvidenceRef[];
  /** The reason of the last waiver, return or reopening. */
  reason: string | null;
  signedOffBy: string | null;
  version: number;
};

/** Every item of a fresh checklist, open and without evidence. */
export function startChecklist(items: readonly TChecklistItem[]): TChecklistEntry[] {
  return items.map((item) => ({
    itemId: item.id,
    state: 'open',
    evidence: [],
    reason: null,
    signedOffBy: null,
    version: 0,
  }));
}

/** Who may move an item: its owner submits, its signers sign or return, the regulator waives or reopens. */
export type TItemTransition = {
  from: TItemState;
  to: TItemState;
  who: 'owner' | 'signer' | 'regulator';
  needs: 'evidence' | 'reason' | null;
};

export const ITEM_TRANSITIONS: readonly TItemTransition[] = [
  { from: 'open', to: 'evidence_submitted', who: 'owner', needs: 'evidence' },
  { from: 'evidence_submitted', to: 'evidence_submitted', who: 'owner', needs: 'evidence' },
  { from: 'evidence_submitted', to: 'signed_off', who: 'signer', needs: null },
  { from: 'evidence_submitted', to: 'open', who: 'signer', needs: 'reason' },
  { from: 'open', to: 'waived', who: 'regulator', needs: 'reason' },
  { from: 'evidence_submitted', to: 'waived', who: 'regulator', needs: 'reason' },
  { from: 'waived', to: 'open', who: 'regulator', needs: 'reason' },
  { from: 'signed_off', to: 'open', who: 'regulator', needs: 'reason' },
];

/** Whether a role counts as the owner of an item (a regulator-owned item is worked by regulators). */
function isOwner(item: TChecklistItem, role: TActorRole): boolean {
  return item.owner === role;
}

export type TItemRefusalCode =
  | 'illegal_transition'
  | 'role_not_allowed'
  | 'missing_reason'
  | 'missing_evidence'
  | 'evidence_not_allowed'
  | 'item_mismatch'
  | 'case_closed';

export type TItemEvent = {
  itemId: string;
  version: number;
  actor: TActor;
  at: string;
  from: TItemState;
  to: TItemState;
  reason: string | null;
  evidence: readonly TEvidenceRef[];
};

export type TransitionItemOptions = {
  item: TChecklistItem;
  entry: TChecklistEntry;
  to: TItemState;
  actor: TActor;
  input?: { reason?: string | null; evidence?: readonly TEvidenceRef[] };
  /** The instant of the move, ISO 8601 with an offset. */
  at: string;
  /** The state of the item's case: the checklist of a decoupled or exempt case is frozen. */
  caseState: TCaseState;
};

export type TItemTransitionResult =
  | { ok: true; entry: TChecklistEntry; event: TItemEvent }
  | { ok: false; refusal: TRefusal<TItemRefusalCode> };

const ITEM_STATE_ZH: Record<TItemState, string> = {
  open: '待办',
  evidence_submitted: '已提交材料',
  signed_off: '已确认',
  waived: '已豁免',
};

const ROLE_ZH: Record<TActorRole, string> = {
  regulator: '登记管理机关/联合工作组',
  organ: '原主管单位',
  association: '协会',
  inspector: '检查人员',
  auditor: '审计/纪检',
  admin: '系统管理员',
};

function itemRefusal(code: TItemRefusalCode, zh: string, en: string): TItemTransitionResult {
  return { ok: false, refusal: { code, zh, en } };
}

function mayMove(item: TChecklistItem, rule: TItemTransition, role: TActorRole): boolean {
  switch (rule.who) {
    case 'owner':
      return isOwner(item, role);
    case 'signer':
      return item.signOff.signers.includes(role);
    case 'regulator':
      return role === 'regulator';
    default: {
      const never: never = rule.who;
      throw new Error(`unhandled mover ${String(never)}`);
    }
  }
}

/** The states an item can move to from its present state for a role, for the UI. */
export function allowedItemTransitions({
  item,
  entry,
  role,
}: {
  item: TChecklistItem;
  entry: TChecklistEntry;
  role: TActorRole;
}): TItemState[] {
  return ITEM_TRANSITIONS.filter((t) => t.from === entry.state && mayMove(item, t, role)).map((t) => t.to);
}

/**
 * Moves one checklist item. Submitting needs at least the required files of every evidence kind, each
 * of an accepted type and size and with a content hash; signing off is for the item's signers only
 * (an organ hand-over is confirmed by the organ itself); waiving, returning and reopening need a reason.
 * Submitting again while submitted adds files.
 */
export function transitionItem({
  item,
  entry,
  to,
  actor,
  input = {},
  at,
  caseState,
}: TransitionItemOptions): TItemTransitionResult {
  dayOf(at);
  if ((CLOSED_CASE_STATES as readonly TCaseState[]).includes(caseState)) {
    return itemRefusal(
      'case_closed',
      `案件已结案（${caseState === 'decoupled' ? '已脱钩' : '豁免'}），清单项“${item.title.zh}”不能再变更。`,
      `The case is closed (${caseState}); item "${item.title.en}" can no longer change.`,
    );
  }
  if (entry.itemId !== item.id) {
    return itemRefusal(
      'item_mismatch',
      `进度记录属于清单项 ${entry.itemId}，不是 ${item.id}。`,
      `The progress record belongs to item ${entry.itemId}, not ${item.id}.`,
    );
  }
  const rules = ITEM_TRANSITIONS.filter((t) => t.from === entry.state && t.to === to);
  if (rules.length === 0) {
    const next = ITEM_TRANSITIONS.filter((t) => t.from === entry.state).map((t) => t.to);
    return itemRefusal(
      'illegal_transition',
      `清单项“${item.title.zh}”处于“${ITEM_STATE_ZH[entry.state]}”，不能改为“${ITEM_STATE_ZH[to]}”；可改为：${next.map((s) => `“${ITEM_STATE_ZH[s]}”`).join('、')}。`,
      `Item "${item.title.en}" is ${entry.state} and cannot become ${to}; it can become: ${next.join(', ')}.`,
    );
  }
  const rule = rules.find((t) => mayMove(item, t, actor.role));
  if (!rule) {
    const who = rules[0]!.who;
    const roles =
      who === 'owner' ? [item.owner] : who === 'signer' ? item.signOff.signers : (['regulator'] as const);
    return itemRefusal(
      'role_not_allowed',
      `${ROLE_ZH[actor.role]}不能将清单项“${item.title.zh}”改为“${ITEM_STATE_ZH[to]}”；只有${roles.map((r) => ROLE_ZH[r]).join('、')}可以${item.signOff.organHandOver && who === 'signer' ? '（移交事项由原主管单位确认）' : ''}。`,
      `The ${actor.role} role may not move item "${item.title.en}" to ${to}; only: ${roles.join(', ')}${item.signOff.organHandOver && who === 'signer' ? ' (hand-overs are confirmed by the organ)' : ''}.`,
    );
  }
  const reason = input.reason?.trim() || null;
  const evidence = input.evidence ?? [];
  if (rule.needs === 'reason' && reason === null) {
    return itemRefusal(
      'missing_reason',
      `将清单项“${item.title.zh}”改为“${ITEM_STATE_ZH[to]}”须填写理由。`,
      `Moving item "${item.title.en}" to ${to} needs a reason.`,
    );
  }
  if (rule.needs === 'evidence') {
    for (const file of evidence) {
      const req = item.evidence.find((r) => r.kind === file.kind);
      const problem =
        req === undefined
          ? { zh: `材料种类 ${file.kind} 不属于此项`, en: `kind ${file.kind} does not belong to this item` }
          : !req.mimeTypes.includes(file.mimeType)
            ? { zh: `类型 ${file.mimeType} 不被接受`, en: `type ${file.mimeType} is not accepted` }
            : file.size <= 0 || file.size > req.maxBytes
              ? { zh: `大小 ${file.size} 字节超出范围`, en: `size ${file.size} bytes is out of range` }
              : !/^[0-9a-f]{64}$/.test(file.sha256)
                ? { zh: '缺少内容哈希（SHA-256）', en: 'the content hash (SHA-256) is missing' }
                : null;
      if (problem) {
        return itemRefusal(
          'evidence_not_allowed',
          `清单项“${item.title.zh}”的材料“${file.fileName}”：${problem.zh}。`,
          `Item "${item.title.en}", file "${file.fileName}": ${problem.en}.`,
        );
      }
    }
    const all = [...entry.evidence, ...evidence];
    const missing = item.evidence.filter((r) => all.filter((f) => f.kind === r.kind).length < r.minCount);
    if (evidence.length === 0 || missing.length > 0) {
      const list = missing.length > 0 ? missing : item.evidence;
      return itemRefusal(
        'missing_evidence',
        `清单项“${item.title.zh}”须上传材料：${list.map((r) => r.title.zh).join('、')}。`,
        `Item "${item.title.en}" needs evidence: ${list.map((r) => r.title.en).join(', ')}.`,
      );
    }
  }
  const version = entry.version + 1;
  const added = rule.needs === 'evidence' ? evidence : [];
  const next: TChecklistEntry = {
    itemId: entry.itemId,
    state: to,
    // Returned or reopened items keep their files: the history of what was shown stays visible.
    evidence: [...entry.evidence, ...added],
    reason: rule.needs === 'reason' ? reason : entry.reason,
    signedOffBy: to === 'signed_off' ? actor.userId : null,
    version,
  };
  return {
    ok: true,
    entry: next,
    event: { itemId: item.id, version, actor, at, from: entry.state, to, reason, evidence: added },
  };
}

export type FindingsBesideItemsOptions<TFindingLike extends { ruleId: TRuleId }> = {
  items: readonly TChecklistItem[];
  findings: readonly TFindingLike[];
};

/**
 * The findings to show beside each item (by the rules the item names), and the rest (rules of no
 * item, such as FEE, CRED or INST-4), keeping the order of `findings`.
 */
export function findingsBesideItems<TFindingLike extends { ruleId: TRuleId }>({
  items,
  findings,
}: FindingsBesideItemsOptions<TFindingLike>): { byItem: Map<string, TFindingLike[]>; other: TFindingLike[] } {
  const itemOfRule = new Map<TRuleId, string>();
  for (const item of items)
    for (const rule of item.ruleIds) if (!itemOfRule.has(rule)) itemOfRule.set(rule, item.id);
  const byItem = new Map<string, TFindingLike[]>(items.map((item) => [item.id, []]));
  const other: TFindingLike[] = [];
  for (const finding of findings) {
    const itemId = itemOfRule.get(finding.ruleId);
    if (itemId === undefined) other.push(finding);
    else byItem.get(itemId)!.push(finding);
  }
  return { byItem, other };
}
