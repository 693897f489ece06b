/**
 * Classifies a complaint (举报) into the rule families FEE, PERS and FUNC, and where it can into the
 * specific FEE type, from what the form asked (topic, fee item, "I was made to pay") and from cue words
 * in the Chinese text. The result routes the complaint; a regulator still reads it.
 */

import type { TFeeCategory } from '../policy/facts.ts';
import type { TRuleId } from '../policy/types.ts';

export type TComplaintFamily = 'FEE' | 'PERS' | 'FUNC';

/** The topic picked on the form, if any. */
export type TComplaintTopic = 'fee' | 'personnel' | 'function' | 'other';

/** A published fee item of the association complained about. */
export type TComplaintFeeItem = { id: string; name: string; category: TFeeCategory };

export type ClassifyComplaintOptions = {
  text: string;
  topic?: TComplaintTopic | null;
  /** The association's published fee items, to link the complaint to one. */
  feeItems?: readonly TComplaintFeeItem[];
  /** A fee item picked on the form. */
  feeItemId?: string | null;
  /** The complainant says the payment was compulsory. */
  compulsory?: boolean | null;
};

export type TFamilyScore = { family: TComplaintFamily; score: number; cues: readonly string[] };

export type TComplaintClassification = {
  /** Families with a positive score, best first. */
  families: readonly TFamilyScore[];
  /** The best family; `null` when nothing points anywhere or two families tie. */
  primary: TComplaintFamily | null;
  /** The specific FEE type, when the complaint is about fees and one type stands out. */
  feeRule: TRuleId | null;
  feeRuleCues: readonly string[];
  feeItemId: string | null;
  /** How the fee item was found: picked on the form, or named in the text. */
  feeItemMatch: 'chosen' | 'named' | null;
  /** Fee items the text could mean when it names more than one equally well. */
  feeItemCandidates: readonly string[];
  /** True when a person has to decide the family. */
  needsTriage: boolean;
};

type TCue = { words: readonly string[]; weight: number };

/** Cue words for the specific FEE types; each also counts for the FEE family. */
const FEE_TYPE_CUES: readonly { rule: TRuleId; words: readonly string[] }[] = [
  {
    rule: 'FEE-1',
    words: [
      '强制入会',
      '强迫入会',
      '被迫入会',
      '必须入会',
      '不入会',
      '强制缴纳会费',
      '强制交会费',
      '不准退会',
      '拒绝退会',
      '阻挠退会',
      '不让退会',
      '变相强制',
    ],
  },
  {
    rule: 'FEE-2',
    words: ['不提供服务', '没有提供服务', '没有任何服务', '只收费不服务', '只收钱不服务', '重复收费'],
  },
  { rule: 'FEE-3', words: ['分会收', '分会收取', '分支机构收', '分支机构收取', '代表机构收', '分会会费'] },
  { rule: 'FEE-4', words: ['返成', '返点', '回扣', '收费分成'] },
  { rule: 'FEE-5', words: ['行政职能收费', '委托事项收费', '授权事项收费', '法定职责收费', '利用职能收费'] },
  {
    rule: 'FEE-6',
    words: [
      '评比',
      '达标',
      '表彰',
      '评选',
      '评优',
      '颁奖',
      '奖项',
      '荣誉称号',
      '排行榜',
      '星级评定',
      '示范单位',
    ],
  },
  { rule: 'FEE-7', words: ['职业资格', '资格认定', '水平评价', '资格证书', '资格考试', '资质认定'] },
  {
    rule: 'FEE-8',
    words: ['培训', '会议费', '参会', '考试', '展览', '展会', '参展', '出国考察', '考察团', '研讨会', '论坛'],
  },
  { rule: 'FEE-9', words: ['赞助', '捐赠', '捐款', '摊派', '订阅', '征订', '订购', '报刊', '年鉴'] },
  { rule: 'FEE-10', words: ['设立分支', '成立分会', '分支机构管理费', '挂靠费', '冠名费'] },
  { rule: 'FEE-11', words: ['理事单位', '常务理事', '副会长单位', '会长单位', '理事费', '职务费'] },
  { rule: 'FEE-12', words: ['会费标准', '无记名投票', '会员大会', '会费档次', '浮动会费'] },
  { rule: 'FEE-13', words: ['经营服务性收费', '定价程序'] },
  { rule: 'FEE-14', words: ['收费过高', '价格过高', '天价', '高价', '不合理收费', '漫天要价'] },
  { rule: 'FEE-15', words: ['未公示', '没有公示', '不公示', '未公开', '不公开', '没有公开'] },
];

const FAMILY_CUES: Readonly<Record<TComplaintFamily, readonly TCue[]>> = {
  FEE: [
    {
      words: ['收费', '乱收费', '费用', '缴费', '交费', '缴纳', '会费', '收取', '元', '付款', '发票'],
      weight: 1,
    },
  ],
  PERS: [
    {
      words: [
        '兼职',
        '退休',
        '离退休',
        '领导干部',
        '公务员',
        '现职',
        '在职干部',
        '超龄',
        '七十岁',
        '70岁',
        '70周岁',
      ],
      weight: 2,
    },
    {
      words: [
        '官员',
        '局长',
        '厅长',
        '处长',
        '处级',
        '厅级',
        '任职',
        '担任会长',
        '担任秘书长',
        '薪酬',
        '领取报酬',
        '补贴',
        '推荐',
        '安排进',
      ],
      weight: 1,
    },
  ],
  FUNC: [
    { words: ['审批', '资质', '许可', '行政职能', '代行', '前置', '行政审批'], weight: 2 },
    { words: ['认定', '年检', '备案', '中介服务', '指定', '垄断', '购买服务', '委托'], weight: 1 },
  ],
};

/** A cue right after one of these does not count ("没有强制入会"). */
const NEGATIONS = ['没有', '并未', '并非', '不存在', '未曾', '不是'];

/** The fee type a fee item's category points to when the text names none. */
const CATEGORY_RULE: Partial<Record<TFeeCategory, TRuleId>> = {
  meeting: 'FEE-8',
  training: 'FEE-8',
  exam: 'FEE-8',
  exhibition: 'FEE-8',
  trip_abroad: 'FEE-8',
  rating: 'FEE-6',
  award: 'FEE-6',
  standards_check: 'FEE-6',
  sponsorship: 'FEE-9',
  donation: 'FEE-9',
  subscription: 'FEE-9',
  publication: 'FEE-9',
  qualification: 'FEE-7',
  branch_setup: 'FEE-10',
  leadership_seat: 'FEE-11',
};

/** Full-width to half-width, no whitespace or punctuation, so cues match across typing habits. */
export function normaliseComplaintText(text: string): string {
  return text.normalize('NFKC').replace(/[\s\p{P}]/gu, '');
}

/** Cue words found in `text`, each once, skipping negated ones. */
function findCues(text: string, words: readonly string[]): string[] {
  const found: string[] = [];
  for (const word of words) {
    let from = 0;
    for (;;) {
      const at = text.indexOf(word, from);
      if (at < 0) break;
      const before = text.slice(Math.max(0, at - 3), at);
      if (!NEGATIONS.some((n) => before.endsWith(n))) {
        found.push(word);
        break;
      }
      from = at + word.length;
    }
  }
  return found;
}

const FEE_NAME_ENDINGS = /(收费|费用|费)$/u;

function linkFeeItem(
  text: string,
  feeItems: readonly TComplaintFeeItem[],
): { id: string | null; candidates: string[] } {
  let best: TComplaintFeeItem[] = [];
  let bestLength = 0;
  for (const item of feeItems) {
    const name = normaliseComplaintText(item.name);
    const stem = name.replace(FEE_NAME_ENDINGS, '');
    const length = text.includes(name)
      ? name.length
      : stem.length >= 2 && text.includes(stem)
        ? stem.length
        : 0;
    if (length === 0) continue;
    if (length > bestLength) {
      best = [item];
      bestLength = length;
    } else if (length === bestLength) best.push(item);
  }
  if (best.length === 1) return { id: best[0]!.id, candidates: [] };
  return { id: null, candidates: best.map((b) => b.id) };
}

/**
 * Classifies a complaint. Scores: each cue word found adds its weight to its family (a specific fee
 * type's cue adds 2 to FEE), the form's topic adds 3 to its family and a picked or named fee item 3 to
 * FEE. The best family is `primary` unless two tie. The fee type is the one with most cues (ties go to
 * the lower number, the more specific prohibitions coming first), else the fee item's category, and a
 * compulsory payment of dues is FEE-1.
 */
export function classifyComplaint({
  text,
  topic = null,
  feeItems = [],
  feeItemId = null,
  compulsory = null,
}: ClassifyComplaintOptions): TComplaintClassification {
  const normalised = normaliseComplaintText(text);
  const scores: Record<TComplaintFamily, { score: number; cues: string[] }> = {
    FEE: { score: 0, cues: [] },
    PERS: { score: 0, cues: [] },
    FUNC: { score: 0, cues: [] },
  };
  for (const family of ['FEE', 'PERS', 'FUNC'] as const) {
    for (const cue of FAMILY_CUES[family]) {
      const found = findCues(normalised, cue.words);
      scores[family].score += found.length * cue.weight;
      scores[family].cues.push(...found);
    }
  }
  let feeRule: TRuleId | null = null;
  let feeRuleCues: string[] = [];
  for (const { rule, words } of FEE_TYPE_CUES) {
    const found = findCues(normalised, words);
    if (found.length === 0) continue;
    scores.FEE.score += found.length * 2;
    scores.FEE.cues.push(...found);
    if (found.length > feeRuleCues.length) {
      feeRule = rule;
      feeRuleCues = found;
    }
  }
  switch (topic) {
    case 'fee':
      scores.FEE.score += 3;
      break;
    case 'personnel':
      scores.PERS.score += 3;
      break;
    case 'function':
      scores.FUNC.score += 3;
      break;
    case 'other':
    case null:
      break;
  }

  const chosen = feeItemId === null ? undefined : feeItems.find((f) => f.id === feeItemId);
  const named = chosen ? { id: chosen.id, candidates: [] } : linkFeeItem(normalised, feeItems);
  const item = feeItems.find((f) => f.id === named.id) ?? null;
  if (item) scores.FEE.score += 3;
  if (feeRule === null && item) feeRule = CATEGORY_RULE[item.category] ?? null;
  if (
    compulsory === true &&
    (item?.category === 'dues' || (feeRule === null && scores.FEE.cues.includes('会费')))
  ) {
    feeRule = 'FEE-1';
  }

  const families = (['FEE', 'PERS', 'FUNC'] as const)
    .map((family) => ({ family, score: scores[family].score, cues: [...new Set(scores[family].cues)] }))
    .filter((f) => f.score > 0)
    .sort((a, b) => b.score - a.score);
  const top = families[0];
  const primary = top && (families[1] === undefined || families[1].score < top.score) ? top.family : null;
  const aboutFees = families.some((f) => f.family === 'FEE');
  return {
    families,
    primary,
    feeRule: aboutFees ? feeRule : null,
    feeRuleCues: aboutFees ? feeRuleCues : [],
    feeItemId: item?.id ?? null,
    feeItemMatch: item === null ? null : chosen ? 'chosen' : 'named',
    feeItemCandidates: named.candidates,
    needsTriage: primary === null,
  };
}
