import { describe, expect, it } from 'vitest';
import { abnormalGrounds, seriousGrounds, type TCreditGroundHit } from '../policy/cred.ts';
import { evaluate } from '../policy/engine.ts';
import { getPack } from '../policy/packs.ts';
import { decideScope } from '../policy/scope.ts';
import { buildFacts } from '../policy/test-support.ts';
import type { TRuleContext } from '../policy/types.ts';
import { groundsFromRuleHits } from './grounds.ts';
import { creditParams, creditTimeline } from './timeline.ts';
import { officialCalendar } from './working-days.ts';

const uscc = '51110000MJ00000013';

describe('grounds from the CRED rules', () => {
  const report: TCreditGroundHit = {
    ground: 'annual_report',
    groundOn: '2025-06-01',
    subject: { type: 'annual_report', id: `${uscc}:2024` },
    zh: '2024 年度工作报告未在 2025-05-31 前提交',
    en: 'the 2024 annual work report was not filed by 2025-05-31',
  };
  const party: TCreditGroundHit = {
    ground: 'no_party_organisation',
    groundOn: null,
    subject: { type: 'association', id: uscc },
    zh: '有正式党员 3 名但未建立党组织',
    en: '3 party members and no party organisation',
  };
  const twoYears: TCreditGroundHit = {
    ground: 'abnormal_two_years',
    groundOn: '2025-06-01',
    subject: { type: 'credit_entry', id: 'e1' },
    zh: '',
    en: '',
  };

  it('keeps the date and words of each ground, dates an undated one on the day found, and leaves escalation to the timeline', () => {
    const records = groundsFromRuleHits({
      abnormal: [report, party, report],
      serious: [twoYears],
      foundOn: '2025-09-30',
    });
    expect(records).toEqual([
      {
        id: `abnormal:annual_report:annual_report:${uscc}:2024`,
        list: 'abnormal',
        ground: 'annual_report',
        arisenOn: '2025-06-01',
        detail: { zh: report.zh, en: report.en },
      },
      {
        id: `abnormal:no_party_organisation:association:${uscc}`,
        list: 'abnormal',
        ground: 'no_party_organisation',
        arisenOn: '2025-09-30',
        detail: { zh: party.zh, en: party.en },
      },
    ]);
  });
});

describe('from the facts to the timer', () => {
  it('gives the same entry deadline as the CRED-1 finding, on the official calendar (Dragon Boat Festival 2025)', () => {
    const facts = buildFacts({
      annualReports: Array.from({ length: 8 }, (_, i) => ({
        year: 2017 + i,
        filedOn: i === 7 ? null : `${2018 + i}-03-31`,
      })),
    });
    const asOf = '2025-06-04';
    const pack = getPack('national-2019');
    const calendar = officialCalendar();
    const context: TRuleContext = {
      facts,
      asOf,
      pack,
      params: pack.parameters,
      calendar,
      scope: decideScope({ association: facts.association, params: pack.parameters }),
      decoupledOn: null,
      earlier: [],
      cache: new Map(),
    };
    const grounds = groundsFromRuleHits({
      abnormal: abnormalGrounds(context),
      serious: seriousGrounds(context),
      foundOn: asOf,
    });
    expect(grounds.map((g) => [g.ground, g.arisenOn])).toEqual([['annual_report', '2025-06-01']]);
    const timeline = creditTimeline({
      grounds,
      events: [],
      asOf,
      calendar,
      params: creditParams(pack.parameters.cred),
    });
    const finding = evaluate({ pack, facts, asOf, calendar }).findings.find((f) => f.ruleId === 'CRED-1');
    // 2025-05-31 to 2025-06-02 are the Dragon Boat holidays: the 5th working day after 1 June is 9 June.
    expect(timeline.due[0]).toMatchObject({ action: 'list', dueOn: '2025-06-09' });
    expect(finding?.dueOn).toBe('2025-06-09');
  });
});
