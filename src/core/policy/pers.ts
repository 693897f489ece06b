/** PERS — personnel separation (人员管理分离) and officials' posts in social groups. */

import { addDays, addYears, holdsOn, maxDate } from './dates.ts';
import type { TOfficialStatusFact, TPostFact } from './facts.ts';
import {
  heldPosts,
  isRetiredLeadingCadre,
  memo,
  personFacts,
  personSeverity,
  rankAtLeast,
  statusOn,
} from './helpers.ts';
import type { TFindingDraft, TRuleContext, TRuleDefinition, TSeverity } from './types.ts';

const PLAN_2015 = '《行业协会商会与行政机关脱钩总体方案》（2015）“人员管理分离”';
const CADRE_1998 = '中办发〔1998〕17号';
const RETIRED_2014 = '中组部《关于规范退（离）休领导干部在社会团体兼职问题的通知》（2014）';
const LEADERS_2015 = '《全国性行业协会商会负责人任职管理办法（试行）》（2015）';
const OPINIONS_2019 = '发改体改〔2019〕1063号';

function hasApproval(
  post: TPostFact,
  kinds: readonly ('approval' | 'filing' | 'special_approval')[],
): boolean {
  return post.approvals.some((a) => kinds.includes(a.kind) && a.ref.trim() !== '');
}

function approvalRef(post: TPostFact): string | null {
  return post.approvals.find((a) => a.ref.trim() !== '')?.ref ?? null;
}

/** Posts held on `asOf` by retired leading cadres, with their status. */
function retiredCadrePosts(
  context: TRuleContext,
): readonly { post: TPostFact; status: TOfficialStatusFact }[] {
  return memo(context, 'retiredCadrePosts', () => {
    const result: { post: TPostFact; status: TOfficialStatusFact }[] = [];
    for (const post of heldPosts(context)) {
      const status = post.person.status;
      if (isRetiredLeadingCadre(status, context.asOf, context.params)) result.push({ post, status });
    }
    return result;
  });
}

function postDraft(
  context: TRuleContext,
  post: TPostFact,
  status: TOfficialStatusFact,
  severity: TSeverity,
  extra: Record<string, string | number | boolean | null>,
  arisenOn: string | null,
  template?: string,
): TFindingDraft {
  return {
    subject: { type: 'post', id: post.id },
    severity: personSeverity(severity, status, context.params),
    facts: {
      association: context.facts.association.name,
      asOf: context.asOf,
      ...personFacts(post),
      ...extra,
    },
    arisenOn,
    ...(template ? { template } : {}),
  };
}

/** The day the age limit is reached: the birthday, or the day after it (周岁 counted from the next day). */
export function ageLimitDate(birthDate: string, ageLimit: number, reachedOnBirthday: boolean): string {
  const birthday = addYears(birthDate, ageLimit);
  return reachedOnBirthday ? birthday : addDays(birthday, 1);
}

export const PERS_RULES: readonly TRuleDefinition[] = [
  {
    id: 'PERS-1',
    family: 'PERS',
    severity: 'violation',
    title: { zh: '现职或未办退休手续的公务员在协会任职', en: 'Serving civil servant holds a post' },
    clause: `${PLAN_2015}；${LEADERS_2015}；${CADRE_1998}；${OPINIONS_2019}`,
    parameters: ['pers.leadingCadreMinRank', 'pers.cadreOrganKinds'],
    appliesTo: 'all_social_groups',
    templates: {
      default: {
        zh: '{name}（{statusZh}，{organ}，{rankZh}）自 {postStartedOn} 起在 {association} 担任{roleZh}，截至 {asOf} 仍在任；现职公务员及未办理退休手续的公务员不得在行业协会商会兼任职务。',
        en: '{name} ({statusEn}, {organ}, {rankEn}) has held the post of {roleEn} in {association} since {postStartedOn} and still did on {asOf}; serving civil servants and those who left office without retiring may not hold posts in industry associations.',
      },
      cadre: {
        zh: '{name}（现职{rankZh}领导干部，{organ}）自 {postStartedOn} 起在社会团体 {association} 担任{roleZh}，未记录批准；县处级以上现职领导干部不得兼任社会团体领导职务（含分支机构负责人）。',
        en: '{name} (serving {rankEn} leading cadre, {organ}) has held the post of {roleEn} in the social group {association} since {postStartedOn} with no approval recorded; serving leading cadres at county/division level and above may not hold social-group posts, branch heads included.',
      },
    },
    decisions: [
      {
        zh: '行业协会商会（范围内）：现职与“离职未退休”公务员任何职务均违规，批准不豁免（2015方案）。范围外的社会团体：仅对党委、人大、政府、政协、法院、检察院的县处级以上现职领导干部适用，记录批准的除外（1998年规定）。',
        en: 'In-scope industry associations: any post of a serving or left-but-not-retired civil servant is a violation, approval does not exempt (2015 Plan). Other social groups: only serving leading cadres at county/division level and above of party, congress, government, CPPCC, court and procuratorate organs, unless approved (1998 rule).',
      },
      {
        zh: '退休日期晚于评估日的记录按现职处理；匹配置信度低于参数的身份记录只产生 risk。',
        en: 'A retirement dated after the evaluation date counts as serving; a status matched below the confidence parameter gives a risk.',
      },
    ],
    example: {
      zh: '某局在职副局长兼任协会副会长。',
      en: 'A serving deputy bureau director is vice president of an association.',
    },
    check(context) {
      const { asOf, params } = context;
      const inScope = context.scope.outcome !== 'out';
      const drafts: TFindingDraft[] = [];
      for (const post of heldPosts(context)) {
        const status = post.person.status;
        if (!status) continue;
        const current = statusOn(status, asOf);
        if (current !== 'serving' && current !== 'left_not_retired') continue;
        const extra = {
          statusZh: current === 'serving' ? '现职公务员' : '离职未办理退休手续',
          statusEn: current === 'serving' ? 'serving civil servant' : 'left office without retiring',
          organ: status.organName,
        };
        if (inScope) {
          drafts.push(postDraft(context, post, status, 'violation', extra, post.startedOn));
          continue;
        }
        const cadre =
          current === 'serving' &&
          rankAtLeast(status.rank, params.pers.leadingCadreMinRank) &&
          status.organKind !== null &&
          params.pers.cadreOrganKinds.includes(status.organKind);
        if (cadre && !hasApproval(post, ['approval', 'special_approval'])) {
          drafts.push(postDraft(context, post, status, 'violation', extra, post.startedOn, 'cadre'));
        }
      }
      return drafts;
    },
  },
  {
    id: 'PERS-2',
    family: 'PERS',
    severity: 'risk',
    title: { zh: '退休领导干部退休后三年内任职', en: 'Retired cadre took a post within 3 years of retiring' },
    clause: `${RETIRED_2014}；${LEADERS_2015}`,
    parameters: ['pers.yearsAfterRetirement', 'pers.leadingCadreMinRank'],
    appliesTo: 'all_social_groups',
    templates: {
      default: {
        zh: '{rankZh}退休领导干部 {name} 于 {retiredOn} 退休，{postStartedOn} 即在 {association} 担任{roleZh}，距退休不满{years}年（批准文号 {approval}），需复核。',
        en: '{name}, a retired {rankEn} leading cadre who retired on {retiredOn}, took the post of {roleEn} in {association} on {postStartedOn}, within {years} years of retiring (approval {approval}); to be reviewed.',
      },
      unapproved: {
        zh: '{rankZh}退休领导干部 {name} 于 {retiredOn} 退休，{postStartedOn} 即在 {association} 担任{roleZh}，距退休不满{years}年，且未记录批准。',
        en: '{name}, a retired {rankEn} leading cadre who retired on {retiredOn}, took the post of {roleEn} in {association} on {postStartedOn}, within {years} years of retiring, with no approval recorded.',
      },
    },
    decisions: [
      {
        zh: '“三年内”指任职开始日早于退休日满三周年之日（满三年当日起任职不触发）；退休前已任职并延续至退休后也计入。',
        en: '"Within 3 years" means the post started before the third anniversary of retirement (starting on the anniversary does not fire); a post taken before retiring and kept counts.',
      },
      {
        zh: '有批准记录为 risk，无批准记录为 violation；“备案”不等于批准。',
        en: 'risk with a recorded approval, violation without one; a filing is not an approval.',
      },
    ],
    example: {
      zh: '2023-03-01 退休的副厅长 2024-06-01 出任协会会长。',
      en: 'A deputy department head retired on 2023-03-01 became president on 2024-06-01.',
    },
    check(context) {
      const years = context.params.pers.yearsAfterRetirement;
      const drafts: TFindingDraft[] = [];
      for (const { post, status } of retiredCadrePosts(context)) {
        if (status.retiredOn === null || post.startedOn >= addYears(status.retiredOn, years)) continue;
        const approved = hasApproval(post, ['approval', 'special_approval']);
        drafts.push(
          postDraft(
            context,
            post,
            status,
            approved ? 'risk' : 'violation',
            { years, approval: approvalRef(post) },
            post.startedOn,
            approved ? undefined : 'unapproved',
          ),
        );
      }
      return drafts;
    },
  },
  {
    id: 'PERS-3',
    family: 'PERS',
    severity: 'violation',
    title: { zh: '退休领导干部任职未经审批或备案', en: 'Retired cadre’s post neither approved nor filed' },
    clause: RETIRED_2014,
    parameters: ['pers.leadingCadreMinRank'],
    appliesTo: 'all_social_groups',
    templates: {
      default: {
        zh: '{rankZh}退休领导干部 {name} 自 {postStartedOn} 起在 {association} 担任{roleZh}，没有审批或备案记录。',
        en: '{name}, a retired {rankEn} leading cadre, has held the post of {roleEn} in {association} since {postStartedOn} with no approval or filing on record.',
      },
    },
    decisions: [
      {
        zh: '审批、备案或特批任一记录即可（文号非空）。',
        en: 'Any approval, filing or special approval with a reference clears it.',
      },
    ],
    example: {
      zh: '退休处长担任协会监事长，干部管理部门无审批也无备案。',
      en: 'A retired division head is chief supervisor with neither approval nor filing.',
    },
    check(context) {
      return retiredCadrePosts(context)
        .filter(({ post }) => !hasApproval(post, ['approval', 'filing', 'special_approval']))
        .map(({ post, status }) =>
          postDraft(
            context,
            post,
            status,
            'violation',
            {},
            status.retiredOn ? maxDate(post.startedOn, status.retiredOn) : post.startedOn,
          ),
        );
    },
  },
  {
    id: 'PERS-4',
    family: 'PERS',
    severity: 'violation',
    title: { zh: '退休领导干部兼职超过限数', en: 'Retired cadre holds too many social-group posts' },
    clause: RETIRED_2014,
    parameters: ['pers.maxConcurrentPosts', 'pers.leadingCadreMinRank'],
    appliesTo: 'all_social_groups',
    templates: {
      default: {
        zh: '{rankZh}退休领导干部 {name} 截至 {asOf} 同时在 {count} 个社会团体任职（{groups}），超过 {max} 个的限制。',
        en: '{name}, a retired {rankEn} leading cadre, holds posts in {count} social groups on {asOf} ({groups}), more than the limit of {max}.',
      },
    },
    decisions: [
      {
        zh: '按社会团体个数计，同一团体内的多个职务算一个；以本团体加上其他团体中在评估日有效的职务计算。发现以人为对象，每个相关团体各有一条。',
        en: 'Counted in social groups: several posts in one group count once; this group plus other groups with posts held on the evaluation date. The subject is the person; each group involved gets its own finding.',
      },
    ],
    example: {
      zh: '退休副部长同时担任两个协会的会长。',
      en: 'A retired deputy minister is president of two associations at once.',
    },
    check(context) {
      const { asOf, params, facts } = context;
      const seen = new Set<string>();
      const drafts: TFindingDraft[] = [];
      for (const { post, status } of retiredCadrePosts(context)) {
        if (seen.has(post.person.id)) continue;
        seen.add(post.person.id);
        const groups = new Map<string, string>([[facts.association.uscc, facts.association.name]]);
        let latestStart = post.startedOn;
        for (const other of post.person.otherPosts) {
          if (
            other.associationUscc === facts.association.uscc ||
            !holdsOn(other.startedOn, other.endedOn, asOf)
          )
            continue;
          groups.set(other.associationUscc, other.associationName);
          if (other.startedOn !== null) latestStart = maxDate(latestStart, other.startedOn);
        }
        if (groups.size <= params.pers.maxConcurrentPosts) continue;
        drafts.push({
          subject: { type: 'person', id: post.person.id },
          severity: personSeverity('violation', status, params),
          facts: {
            association: facts.association.name,
            asOf,
            ...personFacts(post),
            count: groups.size,
            max: params.pers.maxConcurrentPosts,
            groups: [...groups.values()].sort().join('、'),
          },
          arisenOn: latestStart,
        });
      }
      return drafts;
    },
  },
  {
    id: 'PERS-5',
    family: 'PERS',
    severity: 'violation',
    title: { zh: '退休领导干部超龄任职', en: 'Retired cadre holds a post beyond the age limit' },
    clause: RETIRED_2014,
    parameters: ['pers.ageLimit', 'pers.ageLimitReachedOnBirthday', 'pers.leadingCadreMinRank'],
    appliesTo: 'all_social_groups',
    templates: {
      default: {
        zh: '{rankZh}退休领导干部 {name}（{birthDate} 出生）于 {limitDate} 达到{ageLimit}周岁任职年龄上限（{limitRuleZh}），截至 {asOf} 仍在 {association} 担任{roleZh}。',
        en: '{name}, a retired {rankEn} leading cadre born on {birthDate}, reached the age limit of {ageLimit} on {limitDate} ({limitRuleEn}) and still holds the post of {roleEn} in {association} on {asOf}.',
      },
    },
    decisions: [
      {
        zh: '默认按“周岁自生日次日起算”的司法惯例：生日当天仍未超过上限，次日起违规（参数 pers.ageLimitReachedOnBirthday 可改为生日当天）。2月29日出生者在平年以2月28日为生日（民法典第二百零二条）。',
        en: 'By default, following the judicial practice that a full year of age is counted from the day after the birthday, holding the post on the 70th birthday is fine and from the next day a violation (parameter pers.ageLimitReachedOnBirthday switches to the birthday itself). Someone born on 29 February turns a year older on 28 February in common years (Civil Code art. 202).',
      },
      { zh: '出生日期未知时不检查。', en: 'Not checked without a birth date.' },
    ],
    example: {
      zh: '退休领导干部张三 1955-03-01 出生，2025-03-02 起仍任副会长。',
      en: 'Retired cadre Zhang San, born 1955-03-01, is still vice president from 2025-03-02.',
    },
    check(context) {
      const { asOf, params } = context;
      const drafts: TFindingDraft[] = [];
      for (const { post, status } of retiredCadrePosts(context)) {
        const birthDate = post.person.birthDate;
        if (birthDate === null) continue;
        const limitDate = ageLimitDate(
          birthDate,
          params.pers.ageLimit,
          params.pers.ageLimitReachedOnBirthday,
        );
        if (asOf < limitDate) continue;
        drafts.push(
          postDraft(
            context,
            post,
            status,
            'violation',
            {
              ageLimit: params.pers.ageLimit,
              limitDate,
              limitRuleZh: params.pers.ageLimitReachedOnBirthday ? '生日当天即达上限' : '生日次日起超过上限',
              limitRuleEn: params.pers.ageLimitReachedOnBirthday
                ? 'reached on the birthday'
                : 'exceeded from the day after the birthday',
            },
            maxDate(limitDate, post.startedOn),
          ),
        );
      }
      return drafts;
    },
  },
  {
    id: 'PERS-6',
    family: 'PERS',
    severity: 'violation',
    title: { zh: '退休领导干部任职超过届数', en: 'Retired cadre serves more terms than allowed' },
    clause: RETIRED_2014,
    parameters: ['pers.maxTerms', 'pers.leadingCadreMinRank'],
    appliesTo: 'all_social_groups',
    templates: {
      default: {
        zh: '{rankZh}退休领导干部 {name} 在 {association} 担任{roleZh}已是第 {terms} 届，超过 {maxTerms} 届的限制。',
        en: '{name}, a retired {rankEn} leading cadre, is in term {terms} as {roleEn} of {association}, more than the limit of {maxTerms} terms.',
      },
    },
    decisions: [
      {
        zh: '届数取任职记录的届次；未记录届次时，以同一人同一职务在本团体开始日不晚于本次的任职记录数计。',
        en: 'The term is the recorded term number; without one, the number of posts of the same person and role in this group that started on or before this one.',
      },
    ],
    example: {
      zh: '退休厅长连任协会会长第三届。',
      en: 'A retired department head is in a third term as president.',
    },
    check(context) {
      const { params, facts } = context;
      const drafts: TFindingDraft[] = [];
      for (const { post, status } of retiredCadrePosts(context)) {
        let terms = post.termNumber;
        if (terms === null) {
          terms = 0;
          for (const other of facts.posts) {
            if (
              other.person.id === post.person.id &&
              other.role === post.role &&
              other.startedOn <= post.startedOn
            )
              terms += 1;
          }
        }
        if (terms <= params.pers.maxTerms) continue;
        drafts.push(
          postDraft(
            context,
            post,
            status,
            'violation',
            { terms, maxTerms: params.pers.maxTerms },
            post.startedOn,
          ),
        );
      }
      return drafts;
    },
  },
  {
    id: 'PERS-7',
    family: 'PERS',
    severity: 'violation',
    title: { zh: '退休领导干部在协会取酬', en: 'Retired cadre is paid by the association' },
    clause: RETIRED_2014,
    parameters: ['pers.leadingCadreMinRank'],
    appliesTo: 'all_social_groups',
    templates: {
      default: {
        zh: '{rankZh}退休领导干部 {name} 在 {association} 担任{roleZh}并领取薪酬、奖金、津贴或其他福利。',
        en: '{name}, a retired {rankEn} leading cadre serving as {roleEn} of {association}, receives pay, bonus, allowance or other benefits.',
      },
    },
    decisions: [
      {
        zh: '任职记录“取酬”为是即触发；未记录不触发。',
        en: 'Fires when the post is recorded as remunerated; unknown does not fire.',
      },
    ],
    example: {
      zh: '退休副局长任协会秘书长，每月领取补贴。',
      en: 'A retired deputy bureau director is secretary general with a monthly allowance.',
    },
    check(context) {
      return retiredCadrePosts(context)
        .filter(({ post }) => post.remunerated === true)
        .map(({ post, status }) => postDraft(context, post, status, 'violation', {}, post.startedOn));
    },
  },
  {
    id: 'PERS-8',
    family: 'PERS',
    severity: 'violation',
    title: {
      zh: '退休领导干部任法定代表人未经特批',
      en: 'Retired cadre is legal representative without special approval',
    },
    clause: RETIRED_2014,
    parameters: ['pers.leadingCadreMinRank'],
    appliesTo: 'all_social_groups',
    templates: {
      default: {
        zh: '{rankZh}退休领导干部 {name} 自 {postStartedOn} 起担任 {association} 的法定代表人，没有特别批准记录。',
        en: '{name}, a retired {rankEn} leading cadre, has been legal representative of {association} since {postStartedOn} with no special approval recorded.',
      },
    },
    decisions: [
      {
        zh: '只认“特批”类记录；一般审批或备案不足以担任法定代表人。',
        en: 'Only a special approval counts; an ordinary approval or filing is not enough for legal representative.',
      },
    ],
    example: {
      zh: '退休领导干部任会长兼法定代表人，仅有一般备案。',
      en: 'A retired cadre is president and legal representative with only an ordinary filing.',
    },
    check(context) {
      return retiredCadrePosts(context)
        .filter(
          ({ post }) => post.role === 'legal_representative' && !hasApproval(post, ['special_approval']),
        )
        .map(({ post, status }) => postDraft(context, post, status, 'violation', {}, post.startedOn));
    },
  },
  {
    id: 'PERS-9',
    family: 'PERS',
    severity: 'violation',
    title: { zh: '行政机关推荐安排公务员任职', en: 'Organ recommended a civil servant into the post' },
    clause: `${PLAN_2015}；${OPINIONS_2019}`,
    parameters: [],
    appliesTo: 'in_scope',
    templates: {
      default: {
        zh: '{name}（{statusZh}）在 {association} 担任{roleZh}，系由 {organ} 推荐或安排；行政机关不得推荐、安排在职或退休公务员到行业协会商会任职。',
        en: '{name} ({statusEn}) holds the post of {roleEn} in {association} on the recommendation or arrangement of {organ}; administrative organs may not place serving or retired civil servants in industry associations.',
      },
    },
    decisions: [
      {
        zh: '推荐单位须是行政机关或其下属单位；被推荐人须在公务员名册中（在职、离职未退休或退休，不论职级）。',
        en: 'The recommender must be an administrative organ or its unit; the person must be on a civil-service roster (serving, left, or retired, any rank).',
      },
    ],
    example: {
      zh: '原主管局发文推荐其退休处长任协会秘书长。',
      en: 'The former bureau recommended its retired division head as secretary general.',
    },
    check(context) {
      const { facts, asOf, params } = context;
      const drafts: TFindingDraft[] = [];
      for (const post of heldPosts(context)) {
        const status = post.person.status;
        if (!status || post.recommendedByOrganCode === null) continue;
        const organ = facts.organs.byCode.get(post.recommendedByOrganCode);
        if (!organ || organ.administrativeCode === null) continue;
        const current = statusOn(status, asOf);
        drafts.push({
          subject: { type: 'post', id: post.id },
          severity: personSeverity('violation', status, params),
          facts: {
            association: facts.association.name,
            asOf,
            ...personFacts(post),
            organ: organ.organ.name,
            statusZh:
              current === 'retired'
                ? '退休公务员'
                : current === 'serving'
                  ? '在职公务员'
                  : '离职未退休公务员',
            statusEn:
              current === 'retired'
                ? 'retired civil servant'
                : current === 'serving'
                  ? 'serving civil servant'
                  : 'civil servant who left without retiring',
          },
          arisenOn: post.startedOn,
        });
      }
      return drafts;
    },
  },
  {
    id: 'PERS-10',
    family: 'PERS',
    severity: 'open',
    title: {
      zh: '脱钩后人员未依法用工或仍占事业编制',
      en: 'Staff without contract, insurance or housing fund, or on establishment',
    },
    clause: PLAN_2015,
    parameters: [],
    appliesTo: 'in_scope',
    templates: {
      default: {
        zh: '{association} 已于 {decoupledOn} 脱钩，工作人员 {name} {gapsZh}。',
        en: '{association} was decoupled on {decoupledOn}; staff member {name} {gapsEn}.',
      },
    },
    decisions: [
      {
        zh: '只对脱钩后在评估日在职的工作人员；未记录（null）不视为缺失。',
        en: 'Only staff employed on the evaluation date after decoupling; unknown (null) is not a gap.',
      },
    ],
    example: {
      zh: '脱钩两年后，协会副秘书长仍占原主管局下属事业单位编制。',
      en: 'Two years after decoupling, the deputy secretary general is still on a public-institution establishment.',
    },
    check(context) {
      const { decoupledOn, facts, asOf } = context;
      if (decoupledOn === null) return [];
      const drafts: TFindingDraft[] = [];
      for (const staff of facts.staff) {
        if (!holdsOn(staff.startedOn, staff.endedOn, asOf)) continue;
        const zh: string[] = [];
        const en: string[] = [];
        if (staff.labourContract === false) {
          zh.push('未签订劳动合同');
          en.push('has no labour contract');
        }
        if (staff.socialInsurance === false) {
          zh.push('未参加社会保险');
          en.push('has no social insurance');
        }
        if (staff.housingFund === false) {
          zh.push('未缴存住房公积金');
          en.push('has no housing fund');
        }
        if (staff.onEstablishment === true) {
          zh.push('仍占事业编制');
          en.push('is still on a public-institution establishment');
        }
        if (zh.length === 0) continue;
        drafts.push({
          subject: { type: 'staff', id: staff.id },
          facts: {
            association: facts.association.name,
            decoupledOn,
            name: staff.name,
            gapsZh: zh.join('、'),
            gapsEn: en.join(', '),
          },
          arisenOn: staff.startedOn === null ? decoupledOn : maxDate(staff.startedOn, decoupledOn),
        });
      }
      return drafts;
    },
  },
];
