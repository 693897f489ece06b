import { describe, expect, it } from 'vitest';
import type { TCreditGroundHit } from '../policy/cred.ts';
import { groundsFromRuleHits } from './grounds.ts';

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
