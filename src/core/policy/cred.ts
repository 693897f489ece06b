/**
 * CRED — credit lists (民政部令第60号). These rules do not list anyone: they find where a listing or a
 * removal is due, and by when, so that a registrar can act and the credit module can record it.
 */

import { addDays, addMonths, addWorkingDays, addYears, holdsOn, maxDate, yearOf } from './dates.ts';
import type { TCreditEntryFact, TCreditGround, TPenaltyFact } from './facts.ts';
import { memo } from './helpers.ts';
import type {
  TFactValue,
  TFindingDraft,
  TRuleContext,
  TRuleDefinition,
  TSeverity,
  TSubject,
} from './types.ts';

const ORDER_60 = '《社会组织信用信息管理办法》（民政部令第60号，2018）';

/** A ground for a listing, found in the facts. */
export type TCreditGroundHit = {
  ground: TCreditGround;
  /** Day the ground arose; `null` when the facts do not date it. */
  groundOn: string | null;
  subject: TSubject;
  zh: string;
  en: string;
};

const GROUND_NAMES: Readonly<Record<TCreditGround, { zh: string; en: string }>> = {
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

/** Grounds that go away only by the association doing something (registrar verifies before removal). */
const CURABLE: ReadonlySet<TCreditGround> = new Set([
  'annual_report',
  'no_party_organisation',
  'rectification_overdue',
  'unreachable',
  'other',
]);

function isMinorPenalty(p: TPenaltyFact, majorFine: number): boolean {
  return p.kind === 'warning' || (p.kind === 'fine' && (p.amount === null || p.amount < majorFine));
}

/**
 * The abnormal-list grounds standing on `asOf`. A curable ground stands while not cured; a penalty
 * stands for the automatic-removal period (after it a listing would have to be removed anyway).
 */
export function abnormalGrounds(context: TRuleContext): readonly TCreditGroundHit[] {
  return memo(context, 'abnormalGrounds', () => findAbnormalGrounds(context));
}

function findAbnormalGrounds(context: TRuleContext): TCreditGroundHit[] {
  const { facts, asOf, params } = context;
  const { cred } = params;
  const hits: TCreditGroundHit[] = [];
  const uscc = facts.association.uscc;
  const registeredYear =
    facts.association.registeredOn === null ? null : yearOf(facts.association.registeredOn);
  const firstYear = Math.max(cred.annualReportFirstYear, registeredYear ?? cred.annualReportFirstYear);

  for (let year = firstYear; year < yearOf(asOf); year += 1) {
    const deadline = `${year + 1}-${cred.annualReportDeadline}`;
    if (deadline >= asOf) continue;
    let filedOn: string | null = null;
    for (const report of facts.annualReports) if (report.year === year) filedOn = report.filedOn;
    if (filedOn !== null && filedOn <= deadline) continue;
    if (filedOn !== null && filedOn <= asOf) continue;
    hits.push({
      ground: 'annual_report',
      groundOn: addDays(deadline, 1),
      subject: { type: 'annual_report', id: `${uscc}:${year}` },
      zh: `${year} 年度工作报告未在 ${deadline} 前提交`,
      en: `the ${year} annual work report was not filed by ${deadline}`,
    });
  }
  const party = facts.party;
  if (
    party &&
    !party.organisationExists &&
    party.memberCount !== null &&
    party.memberCount >= params.party.memberThreshold
  ) {
    hits.push({
      ground: 'no_party_organisation',
      groundOn: null,
      subject: { type: 'association', id: uscc },
      zh: `有正式党员 ${party.memberCount} 名但未建立党组织`,
      en: `${party.memberCount} party members and no party organisation`,
    });
  }
  for (const r of facts.rectifications) {
    if (r.dueOn >= asOf) continue;
    if (r.completedOn !== null && (r.completedOn <= r.dueOn || r.completedOn <= asOf)) continue;
    hits.push({
      ground: 'rectification_overdue',
      groundOn: addDays(r.dueOn, 1),
      subject: { type: 'rectification', id: r.id },
      zh: `${r.orderedOn} 责令的整改未在 ${r.dueOn} 前完成`,
      en: `the rectification ordered on ${r.orderedOn} was not finished by ${r.dueOn}`,
    });
  }
  for (const p of facts.penalties) {
    if (!isMinorPenalty(p, cred.majorFineAmount) || p.decidedOn > asOf) continue;
    if (addMonths(p.decidedOn, cred.autoRemovalMonths) <= asOf) continue;
    hits.push({
      ground: 'minor_penalty',
      groundOn: p.decidedOn,
      subject: { type: 'penalty', id: p.id },
      zh: p.kind === 'warning' ? `${p.decidedOn} 受到警告` : `${p.decidedOn} 受到罚款 ${p.amount ?? '—'} 元`,
      en:
        p.kind === 'warning'
          ? `a warning on ${p.decidedOn}`
          : `a fine of ${p.amount ?? '—'} yuan on ${p.decidedOn}`,
    });
  }
  for (const u of facts.unreachable) {
    if (!holdsOn(u.verifiedOn, u.resolvedOn, asOf)) continue;
    hits.push({
      ground: 'unreachable',
      groundOn: u.verifiedOn,
      subject: { type: 'association', id: `${uscc}#unreachable:${u.id}` },
      zh: `${u.verifiedOn} 核实通过登记住所无法取得联系`,
      en: `verified unreachable at the registered address on ${u.verifiedOn}`,
    });
  }
  return hits;
}

/** The serious-list grounds standing on `asOf`. */
export function seriousGrounds(context: TRuleContext): readonly TCreditGroundHit[] {
  return memo(context, 'seriousGrounds', () => findSeriousGrounds(context));
}

function findSeriousGrounds(context: TRuleContext): TCreditGroundHit[] {
  const { facts, asOf, params } = context;
  const { cred } = params;
  const hits: TCreditGroundHit[] = [];
  const standing = (groundOn: string) =>
    groundOn <= asOf && addYears(groundOn, cred.seriousRemovalYears) > asOf;
  for (const entry of facts.creditEntries) {
    if (entry.list !== 'abnormal' || !holdsOn(entry.listedOn, entry.removedOn, asOf)) continue;
    const groundOn = addYears(entry.listedOn, cred.abnormalToSeriousYears);
    if (groundOn > asOf) continue;
    hits.push({
      ground: 'abnormal_two_years',
      groundOn,
      subject: { type: 'credit_entry', id: entry.id },
      zh: `自 ${entry.listedOn} 列入活动异常名录已满 ${cred.abnormalToSeriousYears} 年`,
      en: `on the abnormal list since ${entry.listedOn}, ${cred.abnormalToSeriousYears} years or more`,
    });
  }
  const repeatable: TPenaltyFact[] = [];
  for (const p of facts.penalties) {
    if (p.decidedOn > asOf) continue;
    if (p.kind === 'warning' || p.kind === 'fine') repeatable.push(p);
    let ground: TCreditGround | null = null;
    if (p.kind === 'change_registration_revoked') ground = 'change_registration_revoked';
    else if (p.kind === 'stop_activities') ground = 'stop_activities';
    else if (p.kind === 'certificate_revoked') ground = 'certificate_revoked';
    else if (p.kind === 'fine' && p.amount !== null && p.amount >= cred.majorFineAmount)
      ground = 'major_fine';
    if (ground === null) continue;
    // A revoked certificate stands until deregistration (CRED-4); the others for the listing period.
    if (ground !== 'certificate_revoked' && !standing(p.decidedOn)) continue;
    hits.push({
      ground,
      groundOn: p.decidedOn,
      subject: { type: 'penalty', id: p.id },
      zh: `${p.decidedOn} ${GROUND_NAMES[ground].zh}${p.amount !== null ? `（${p.amount} 元）` : ''}`,
      en: `${GROUND_NAMES[ground].en} on ${p.decidedOn}${p.amount !== null ? ` (${p.amount} yuan)` : ''}`,
    });
  }
  repeatable.sort((a, b) =>
    a.decidedOn < b.decidedOn ? -1 : a.decidedOn > b.decidedOn ? 1 : a.id < b.id ? -1 : 1,
  );
  let windowStart = 0;
  for (let i = 0; i < repeatable.length; i += 1) {
    const current = repeatable[i] as TPenaltyFact;
    const from = addYears(current.decidedOn, -cred.repeatPenaltyWindowYears);
    while ((repeatable[windowStart] as TPenaltyFact).decidedOn < from) windowStart += 1;
    const count = i - windowStart + 1;
    if (count < cred.repeatPenaltyCount || !standing(current.decidedOn)) continue;
    hits.push({
      ground: 'repeat_penalties',
      groundOn: current.decidedOn,
      subject: { type: 'penalty', id: current.id },
      zh: `${cred.repeatPenaltyWindowYears} 年内第 ${count} 次警告或罚款（${current.decidedOn}）`,
      en: `warning or fine number ${count} within ${cred.repeatPenaltyWindowYears} years (${current.decidedOn})`,
    });
  }
  for (const c of facts.courtDefaults) {
    if (!holdsOn(c.listedOn, c.removedOn, asOf)) continue;
    hits.push({
      ground: 'court_defaulter',
      groundOn: c.listedOn,
      subject: { type: 'association', id: `${facts.association.uscc}#court:${c.id}` },
      zh: `${c.listedOn} 被人民法院列为失信被执行人`,
      en: `listed by a court as a judgement defaulter on ${c.listedOn}`,
    });
  }
  return hits;
}

function isListed(entries: readonly TCreditEntryFact[], list: 'abnormal' | 'serious', hit: TCreditGroundHit) {
  return entries.some(
    (e) =>
      e.list === list && e.ground === hit.ground && (hit.groundOn === null || e.listedOn >= hit.groundOn),
  );
}

function timedSeverity(asOf: string, dueOn: string | null): TSeverity {
  return dueOn !== null && asOf > dueOn ? 'violation' : 'open';
}

function listingDrafts(context: TRuleContext, list: 'abnormal' | 'serious'): TFindingDraft[] {
  if (context.facts.association.status !== 'active') return [];
  const hits = list === 'abnormal' ? abnormalGrounds(context) : seriousGrounds(context);
  const drafts: TFindingDraft[] = [];
  for (const hit of hits) {
    if (isListed(context.facts.creditEntries, list, hit)) continue;
    const dueOn =
      hit.groundOn === null
        ? null
        : addWorkingDays(context.calendar, hit.groundOn, context.params.cred.entryWorkingDays);
    drafts.push({
      subject: hit.subject,
      aspect: hit.ground,
      severity: timedSeverity(context.asOf, dueOn),
      template: hit.groundOn === null ? 'undated' : 'default',
      facts: {
        association: context.facts.association.name,
        groundZh: hit.zh,
        groundEn: hit.en,
        groundOn: hit.groundOn,
        dueOn,
        workingDays: context.params.cred.entryWorkingDays,
        calendar: context.calendar.id,
      },
      arisenOn: hit.groundOn,
      dueOn,
    });
  }
  return drafts;
}

function entryFacts(context: TRuleContext, entry: TCreditEntryFact): Record<string, TFactValue> {
  return {
    association: context.facts.association.name,
    listedOn: entry.listedOn,
    groundZh: GROUND_NAMES[entry.ground].zh,
    groundEn: GROUND_NAMES[entry.ground].en,
    calendar: context.calendar.id,
  };
}

export const CRED_RULES: readonly TRuleDefinition[] = [
  {
    id: 'CRED-1',
    family: 'CRED',
    severity: 'open',
    title: { zh: '应列入活动异常名录', en: 'Abnormal-list entry due' },
    clause: `${ORDER_60}第七条`,
    parameters: [
      'cred.annualReportDeadline',
      'cred.annualReportFirstYear',
      'cred.entryWorkingDays',
      'cred.autoRemovalMonths',
      'cred.majorFineAmount',
      'party.memberThreshold',
    ],
    appliesTo: 'all_social_groups',
    templates: {
      default: {
        zh: '{association}：{groundZh}，情形发生于 {groundOn}，应在 {workingDays} 个工作日内（{dueOn} 前）列入活动异常名录。',
        en: '{association}: {groundEn}; the ground arose on {groundOn}, so it is due on the abnormal list within {workingDays} working days (by {dueOn}).',
      },
      undated: {
        zh: '{association}：{groundZh}，应在发现之日起 {workingDays} 个工作日内列入活动异常名录（情形发生日期未记录）。',
        en: '{association}: {groundEn}; due on the abnormal list within {workingDays} working days of finding it (the date the ground arose is not recorded).',
      },
    },
    decisions: [
      {
        zh: '工作日按传入的官方日历计算（含调休），从情形发生次日起算；到期仍未列入为 violation，之前为 open。',
        en: 'Working days follow the official calendar passed in (with swapped days), counted from the day after the ground; past the due date it is a violation, before it open.',
      },
      {
        zh: '已在情形发生后以同一事由列入（即使其后已移出）即不再提示；已补交的年报、已完成的整改不再提示；警告、小额罚款在满6个月后不再提示（此时即使列入也应自动移出）。',
        en: 'No finding once listed for the same ground after it arose (even if removed since); a report filed late or a finished rectification ends it; a warning or small fine stops after 6 months (a listing would then be removed automatically).',
      },
    ],
    example: {
      zh: '2024 年度工作报告 2025-05-31 前未提交，应于 2025-06-09 前列入。',
      en: 'The 2024 report was not filed by 2025-05-31; listing is due by 2025-06-09.',
    },
    check: (context) => listingDrafts(context, 'abnormal'),
  },
  {
    id: 'CRED-2',
    family: 'CRED',
    severity: 'open',
    title: { zh: '应移出活动异常名录', en: 'Removal from the abnormal list due' },
    clause: `${ORDER_60}第十条`,
    parameters: ['cred.removalWorkingDays', 'cred.autoRemovalMonths'],
    appliesTo: 'all_social_groups',
    templates: {
      default: {
        zh: '{association} 于 {listedOn} 因“{groundZh}”列入活动异常名录，义务已于 {fulfilledOn} 履行并核实，应在 {dueOn} 前移出。',
        en: '{association} was put on the abnormal list on {listedOn} for "{groundEn}"; the obligation was fulfilled and verified on {fulfilledOn}, so removal is due by {dueOn}.',
      },
      automatic: {
        zh: '{association} 于 {listedOn} 因“{groundZh}”列入活动异常名录，无需整改事项，自 {clockFrom} 起满 {months} 个月，应于 {dueOn} 自动移出。',
        en: '{association} was put on the abnormal list on {listedOn} for "{groundEn}"; nothing needs fixing and {months} months have run since {clockFrom}, so it is due for automatic removal on {dueOn}.',
      },
    },
    decisions: [
      {
        zh: '无需整改的事由（警告、小额罚款）满6个月自动移出；期间出现新的列入事由则从新事由之日重新计算。',
        en: 'Grounds with nothing to fix (warnings, small fines) end automatically after 6 months; a new ground restarts the clock from its date.',
      },
    ],
    example: {
      zh: '2025-03-03 补交年报并经核实，应在 2025-03-10 前移出。',
      en: 'Report filed and verified on 2025-03-03; removal due by 2025-03-10.',
    },
    check(context) {
      const { facts, asOf, params, calendar } = context;
      const drafts: TFindingDraft[] = [];
      const newGroundDates: string[] = [];
      for (const hit of abnormalGrounds(context))
        if (hit.groundOn !== null) newGroundDates.push(hit.groundOn);
      for (const e of facts.creditEntries)
        if (e.list === 'abnormal') newGroundDates.push(e.groundOn ?? e.listedOn);
      for (const entry of facts.creditEntries) {
        if (entry.list !== 'abnormal' || !holdsOn(entry.listedOn, entry.removedOn, asOf)) continue;
        if (entry.obligationFulfilledOn !== null && entry.obligationFulfilledOn <= asOf) {
          const dueOn = addWorkingDays(calendar, entry.obligationFulfilledOn, params.cred.removalWorkingDays);
          drafts.push({
            subject: { type: 'credit_entry', id: entry.id },
            severity: timedSeverity(asOf, dueOn),
            facts: { ...entryFacts(context, entry), fulfilledOn: entry.obligationFulfilledOn, dueOn },
            arisenOn: entry.obligationFulfilledOn,
            dueOn,
          });
          continue;
        }
        if (CURABLE.has(entry.ground)) continue;
        let clockFrom = entry.listedOn;
        for (const date of newGroundDates) if (date > clockFrom && date <= asOf) clockFrom = date;
        const dueOn = addMonths(clockFrom, params.cred.autoRemovalMonths);
        if (asOf < dueOn) continue;
        drafts.push({
          subject: { type: 'credit_entry', id: entry.id },
          template: 'automatic',
          severity: timedSeverity(asOf, dueOn),
          facts: { ...entryFacts(context, entry), clockFrom, months: params.cred.autoRemovalMonths, dueOn },
          arisenOn: dueOn,
          dueOn,
        });
      }
      return drafts;
    },
  },
  {
    id: 'CRED-3',
    family: 'CRED',
    severity: 'open',
    title: { zh: '应列入严重违法失信名单', en: 'Serious-violation list entry due' },
    clause: `${ORDER_60}第九条`,
    parameters: [
      'cred.abnormalToSeriousYears',
      'cred.majorFineAmount',
      'cred.repeatPenaltyCount',
      'cred.repeatPenaltyWindowYears',
      'cred.seriousRemovalYears',
      'cred.entryWorkingDays',
    ],
    appliesTo: 'all_social_groups',
    templates: {
      default: {
        zh: '{association}：{groundZh}，情形发生于 {groundOn}，应在 {workingDays} 个工作日内（{dueOn} 前）列入严重违法失信名单。',
        en: '{association}: {groundEn}; the ground arose on {groundOn}, so it is due on the serious-violation list within {workingDays} working days (by {dueOn}).',
      },
      undated: {
        zh: '{association}：{groundZh}，应列入严重违法失信名单（情形发生日期未记录）。',
        en: '{association}: {groundEn}; due on the serious-violation list (the date the ground arose is not recorded).',
      },
    },
    decisions: [
      {
        zh: '列入时限沿用活动异常名录的工作日参数（规章未另定）；罚款 5 万元（含）以上为严重情形；“3年内2次”以第2次处罚之日为情形发生日，窗口含两端。',
        en: 'The entry timer reuses the working-day parameter (the order sets no other); fines from 50,000 yuan (inclusive) are serious; "twice within 3 years" arises on the second penalty, window inclusive.',
      },
      {
        zh: '一次性事由在满 2 年（严重名单最短期限）后不再提示；撤销登记证书持续至注销。',
        en: 'One-off grounds stop after 2 years (the minimum serious-list period); a revoked certificate stands until deregistration.',
      },
    ],
    example: {
      zh: '2025-04-01 被罚款 8 万元，应在 2025-04-09 前列入（以当年官方日历为准）。',
      en: 'Fined 80,000 yuan on 2025-04-01; listing due by 2025-04-09 on that year’s official calendar.',
    },
    check: (context) => listingDrafts(context, 'serious'),
  },
  {
    id: 'CRED-4',
    family: 'CRED',
    severity: 'open',
    title: { zh: '可以或应当移出严重违法失信名单', en: 'Removal from the serious list available or due' },
    clause: `${ORDER_60}第十一条`,
    parameters: ['cred.seriousRemovalYears', 'cred.removalWorkingDays'],
    appliesTo: 'all_social_groups',
    templates: {
      default: {
        zh: '{association} 于 {listedOn} 因“{groundZh}”列入严重违法失信名单，{eligibleOn} 起满 {years} 年且无新的列入事由，已于 {appliedOn} 申请移出，应在 {dueOn} 前办理。',
        en: '{association} was put on the serious list on {listedOn} for "{groundEn}"; from {eligibleOn}, {years} years on without a new ground, and it applied on {appliedOn}: removal due by {dueOn}.',
      },
      eligible: {
        zh: '{association} 于 {listedOn} 因“{groundZh}”列入严重违法失信名单，自 {eligibleOn} 起可申请移出（满 {years} 年且无新的列入事由）。',
        en: '{association} was put on the serious list on {listedOn} for "{groundEn}"; it may apply for removal from {eligibleOn} ({years} years without a new ground).',
      },
      deregistered: {
        zh: '{association} 因“{groundZh}”列入严重违法失信名单，已于 {deregisteredOn} 注销，应在 {dueOn} 前移出。',
        en: '{association} is on the serious list for "{groundEn}" and was deregistered on {deregisteredOn}: removal due by {dueOn}.',
      },
    },
    decisions: [
      {
        zh: '未提出申请时为 info（可以申请）；已申请的，以申请日与满期日中较晚者起算工作日时限。因“异常满2年”列入的，还须义务已履行。',
        en: 'Without an application it is info (may apply); with one, the working-day timer runs from the later of application and eligibility. Where the ground was 2 years abnormal, obligations must be fulfilled too.',
      },
    ],
    example: {
      zh: '2022-05-10 列入，2024-05-10 起满2年无新事由，可申请移出。',
      en: 'Listed on 2022-05-10; from 2024-05-10, two years clean, it may apply for removal.',
    },
    check(context) {
      const { facts, asOf, params, calendar } = context;
      const drafts: TFindingDraft[] = [];
      const grounds = seriousGrounds(context);
      for (const entry of facts.creditEntries) {
        if (entry.list !== 'serious' || !holdsOn(entry.listedOn, entry.removedOn, asOf)) continue;
        const base = entryFacts(context, entry);
        if (entry.ground === 'certificate_revoked') {
          const deregisteredOn = facts.association.deregisteredOn;
          if (deregisteredOn === null || deregisteredOn > asOf) continue;
          const dueOn = addWorkingDays(calendar, deregisteredOn, params.cred.removalWorkingDays);
          drafts.push({
            subject: { type: 'credit_entry', id: entry.id },
            template: 'deregistered',
            severity: timedSeverity(asOf, dueOn),
            facts: { ...base, deregisteredOn, dueOn },
            arisenOn: deregisteredOn,
            dueOn,
          });
          continue;
        }
        if (facts.association.status !== 'active') continue;
        if (entry.ground === 'abnormal_two_years' && (entry.obligationFulfilledOn ?? '9999-12-31') > asOf)
          continue;
        let eligibleOn = addYears(entry.listedOn, params.cred.seriousRemovalYears);
        for (const hit of grounds) {
          if (hit.groundOn !== null && hit.groundOn > entry.listedOn) {
            eligibleOn = maxDate(eligibleOn, addYears(hit.groundOn, params.cred.seriousRemovalYears));
          }
        }
        if (eligibleOn > asOf) continue;
        const appliedOn =
          entry.removalAppliedOn !== null && entry.removalAppliedOn <= asOf ? entry.removalAppliedOn : null;
        if (appliedOn === null) {
          drafts.push({
            subject: { type: 'credit_entry', id: entry.id },
            template: 'eligible',
            severity: 'info',
            facts: { ...base, eligibleOn, years: params.cred.seriousRemovalYears },
            arisenOn: eligibleOn,
          });
          continue;
        }
        const dueOn = addWorkingDays(
          calendar,
          maxDate(appliedOn, eligibleOn),
          params.cred.removalWorkingDays,
        );
        drafts.push({
          subject: { type: 'credit_entry', id: entry.id },
          severity: timedSeverity(asOf, dueOn),
          facts: { ...base, eligibleOn, appliedOn, years: params.cred.seriousRemovalYears, dueOn },
          arisenOn: maxDate(appliedOn, eligibleOn),
          dueOn,
        });
      }
      return drafts;
    },
  },
];
