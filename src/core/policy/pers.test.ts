import { describe, expect, it } from 'vitest';
import type { TOfficialStatusFact, TPostFact } from './facts.ts';
import { ageLimitDate } from './pers.ts';
import {
  buildCase,
  buildPerson,
  buildPost,
  buildStaff,
  buildStatus,
  derivePack,
  ruleFindings,
} from './test-support.ts';

function cadrePost(
  status: Partial<TOfficialStatusFact> = {},
  post: Partial<TPostFact> = {},
  birthDate = '1958-06-15',
) {
  return buildPost({ ...post, person: buildPerson({ birthDate, status: buildStatus(status) }) });
}

describe('PERS-1', () => {
  it('flags a serving civil servant holding a post in an industry association, even with approval', () => {
    const posts = [cadrePost({ status: 'serving', retiredOn: null, rank: 'section' })];
    const [finding] = ruleFindings('PERS-1', { facts: { posts } });
    expect(finding?.severity).toBe('violation');
    expect(finding?.explanationZh).toContain('现职公务员');
  });

  it('flags a civil servant who left office without retiring', () => {
    expect(
      ruleFindings('PERS-1', {
        facts: { posts: [cadrePost({ status: 'left_not_retired', retiredOn: null })] },
      }),
    ).toHaveLength(1);
  });

  it('treats a retirement dated after the evaluation date as still serving', () => {
    expect(
      ruleFindings('PERS-1', { facts: { posts: [cadrePost({ retiredOn: '2025-07-02' })] } }),
    ).toHaveLength(1);
    expect(ruleFindings('PERS-1', { facts: { posts: [cadrePost({ retiredOn: '2025-07-01' })] } })).toEqual(
      [],
    );
  });

  it('does not flag a post that ended before the evaluation date', () => {
    const posts = [cadrePost({ status: 'serving', retiredOn: null }, { endedOn: '2025-07-01' })];
    expect(ruleFindings('PERS-1', { facts: { posts } })).toEqual([]);
  });

  it('in other social groups flags only serving leading cadres of the six organ kinds without approval', () => {
    const academic = { name: '某省计算机学会' };
    const serving = { status: 'serving' as const, retiredOn: null, rank: 'division' as const };
    const unapproved = [cadrePost(serving, { approvals: [], role: 'branch_head' })];
    expect(
      ruleFindings('PERS-1', { facts: { association: academic, posts: unapproved } })[0]?.explanationZh,
    ).toContain('分支机构负责人');
    expect(ruleFindings('PERS-1', { facts: { association: academic, posts: [cadrePost(serving)] } })).toEqual(
      [],
    );
    const junior = [cadrePost({ ...serving, rank: 'section' }, { approvals: [] })];
    expect(ruleFindings('PERS-1', { facts: { association: academic, posts: junior } })).toEqual([]);
    const enterprise = [cadrePost({ ...serving, organKind: 'state_enterprise' }, { approvals: [] })];
    expect(ruleFindings('PERS-1', { facts: { association: academic, posts: enterprise } })).toEqual([]);
  });

  it('makes a finding resting on a low-confidence match a risk', () => {
    const posts = [cadrePost({ status: 'serving', retiredOn: null, matchConfidence: 0.9 })];
    expect(ruleFindings('PERS-1', { facts: { posts } })[0]?.severity).toBe('risk');
  });
});

describe('PERS-2', () => {
  const retired = { retiredOn: '2022-07-01' };

  it('flags a post taken the day before the third anniversary of retirement, as a violation without approval', () => {
    const [finding] = ruleFindings('PERS-2', {
      facts: { posts: [cadrePost(retired, { startedOn: '2025-06-30', approvals: [] })] },
    });
    expect(finding?.severity).toBe('violation');
    expect(finding?.explanationZh).toContain('未记录批准');
  });

  it('makes it a risk when an approval is recorded', () => {
    const [finding] = ruleFindings('PERS-2', {
      facts: { posts: [cadrePost(retired, { startedOn: '2025-06-30' })] },
    });
    expect(finding?.severity).toBe('risk');
    expect(finding?.explanationZh).toContain('组干〔2023〕12号');
  });

  it('does not flag a post taken on the third anniversary', () => {
    expect(
      ruleFindings('PERS-2', {
        facts: { posts: [cadrePost(retired, { startedOn: '2025-07-01', approvals: [] })] },
      }),
    ).toEqual([]);
  });

  it('does not flag a retired official below the leading-cadre rank', () => {
    const posts = [cadrePost({ ...retired, rank: 'section' }, { startedOn: '2025-06-30', approvals: [] })];
    expect(ruleFindings('PERS-2', { facts: { posts } })).toEqual([]);
  });
});

describe('PERS-3', () => {
  it('flags a retired cadre’s post with neither approval nor filing', () => {
    expect(ruleFindings('PERS-3', { facts: { posts: [cadrePost({}, { approvals: [] })] } })).toHaveLength(1);
  });

  it('accepts a filing', () => {
    const posts = [cadrePost({}, { approvals: [{ kind: 'filing', ref: '备案2024-3', date: '2024-01-05' }] })];
    expect(ruleFindings('PERS-3', { facts: { posts } })).toEqual([]);
  });
});

describe('PERS-4', () => {
  const other = {
    associationUscc: '51330000MJ8800002B',
    associationName: '某省动漫行业协会',
    role: 'president' as const,
    startedOn: '2023-01-01',
    endedOn: null,
  };

  it('flags a retired cadre holding posts in two social groups at once', () => {
    const post = buildPost({ person: buildPerson({ status: buildStatus(), otherPosts: [other] }) });
    const [finding] = ruleFindings('PERS-4', { facts: { posts: [post] } });
    expect(finding?.subject).toEqual({ type: 'person', id: 'person-1' });
    expect(finding?.explanationZh).toContain('2 个社会团体');
    expect(finding?.explanationZh).toContain('某省动漫行业协会');
  });

  it('counts several posts in the same group once, and ignores ended posts', () => {
    const person = buildPerson({
      status: buildStatus(),
      otherPosts: [
        { ...other, associationUscc: '51330000MJ8800001A' },
        { ...other, endedOn: '2025-01-01' },
      ],
    });
    const posts = [buildPost({ person }), buildPost({ id: 'post-2', role: 'legal_representative', person })];
    expect(ruleFindings('PERS-4', { facts: { posts } })).toEqual([]);
  });
});

describe('PERS-5', () => {
  // Born 1955-07-01: the 70th birthday is 2025-07-01.
  const posts = [cadrePost({}, {}, '1955-07-01')];

  it('by default does not flag the day before or the 70th birthday itself, and flags the day after', () => {
    expect(ruleFindings('PERS-5', { facts: { posts }, asOf: '2025-06-30' })).toEqual([]);
    expect(ruleFindings('PERS-5', { facts: { posts }, asOf: '2025-07-01' })).toEqual([]);
    const [finding] = ruleFindings('PERS-5', { facts: { posts }, asOf: '2025-07-02' });
    expect(finding?.explanationZh).toContain('于 2025-07-02 达到70周岁');
    expect(finding?.explanationZh).toContain('生日次日起超过上限');
  });

  it('flags the birthday itself when the pack says the limit is reached on it', () => {
    const pack = derivePack('national-2019', { pers: { ageLimitReachedOnBirthday: true } });
    expect(ruleFindings('PERS-5', { facts: { posts }, asOf: '2025-06-30', pack })).toEqual([]);
    expect(
      ruleFindings('PERS-5', { facts: { posts }, asOf: '2025-07-01', pack })[0]?.explanationZh,
    ).toContain('生日当天即达上限');
  });

  it('takes 28 February as the birthday of someone born on 29 February in a common year', () => {
    expect(ageLimitDate('1956-02-29', 70, true)).toBe('2026-02-28');
    expect(ageLimitDate('1956-02-29', 70, false)).toBe('2026-03-01');
  });

  it('does not check without a birth date', () => {
    expect(
      ruleFindings('PERS-5', {
        facts: {
          posts: [cadrePost({}, {}, '')].map((p) => ({ ...p, person: { ...p.person, birthDate: null } })),
        },
        asOf: '2030-01-01',
      }),
    ).toEqual([]);
  });
});

describe('PERS-6', () => {
  it('flags a third term and not a second', () => {
    expect(
      ruleFindings('PERS-6', { facts: { posts: [cadrePost({}, { termNumber: 3 })] } })[0]?.explanationZh,
    ).toContain('第 3 届');
    expect(ruleFindings('PERS-6', { facts: { posts: [cadrePost({}, { termNumber: 2 })] } })).toEqual([]);
  });

  it('counts earlier posts in the same role when the term is not recorded', () => {
    const person = buildPerson({ status: buildStatus() });
    const posts = [
      buildPost({ id: 'p1', person, termNumber: null, startedOn: '2014-01-01', endedOn: '2019-01-01' }),
      buildPost({ id: 'p2', person, termNumber: null, startedOn: '2019-01-01', endedOn: '2024-01-01' }),
      buildPost({ id: 'p3', person, termNumber: null, startedOn: '2024-01-01' }),
    ];
    expect(ruleFindings('PERS-6', { facts: { posts } }).map((f) => f.subject.id)).toEqual(['p3']);
    expect(ruleFindings('PERS-6', { facts: { posts: posts.slice(1) } })).toEqual([]);
  });
});

describe('PERS-7', () => {
  it('flags a remunerated retired cadre and not an unpaid one', () => {
    expect(ruleFindings('PERS-7', { facts: { posts: [cadrePost({}, { remunerated: true })] } })).toHaveLength(
      1,
    );
    expect(ruleFindings('PERS-7', { facts: { posts: [cadrePost({}, { remunerated: null })] } })).toEqual([]);
  });
});

describe('PERS-8', () => {
  it('flags a retired cadre as legal representative with only an ordinary approval', () => {
    expect(
      ruleFindings('PERS-8', { facts: { posts: [cadrePost({}, { role: 'legal_representative' })] } }),
    ).toHaveLength(1);
  });

  it('accepts a special approval', () => {
    const approvals = [{ kind: 'special_approval' as const, ref: '中组特批〔2024〕1号', date: '2024-01-01' }];
    expect(
      ruleFindings('PERS-8', {
        facts: { posts: [cadrePost({}, { role: 'legal_representative', approvals })] },
      }),
    ).toEqual([]);
  });
});

describe('PERS-9', () => {
  it('flags a post arranged by a unit of an administrative organ, whatever the rank', () => {
    const posts = [cadrePost({ rank: 'none' }, { recommendedByOrganCode: 'CTR' })];
    const [finding] = ruleFindings('PERS-9', { facts: { posts } });
    expect(finding?.explanationZh).toContain('某省工业和信息化厅信息中心');
    expect(finding?.explanationZh).toContain('退休公务员');
  });

  it('does not flag a recommendation by a company, or a person on no roster', () => {
    expect(
      ruleFindings('PERS-9', { facts: { posts: [cadrePost({}, { recommendedByOrganCode: 'CO' })] } }),
    ).toEqual([]);
    expect(
      ruleFindings('PERS-9', { facts: { posts: [buildPost({ recommendedByOrganCode: 'MIN' })] } }),
    ).toEqual([]);
  });
});

describe('PERS-10', () => {
  it('flags staff still on an establishment after decoupling', () => {
    const [finding] = ruleFindings('PERS-10', {
      facts: { staff: [buildStaff({ onEstablishment: true, housingFund: false })] },
    });
    expect(finding?.explanationZh).toContain('未缴存住房公积金、仍占事业编制');
  });

  it('does not flag staff who left, or before decoupling', () => {
    expect(
      ruleFindings('PERS-10', {
        facts: { staff: [buildStaff({ labourContract: false, endedOn: '2020-01-01' })] },
      }),
    ).toEqual([]);
    const facts = {
      case: buildCase({ decoupledOn: null, completionDeadline: '2026-12-31' }),
      staff: [buildStaff({ labourContract: false })],
    };
    expect(ruleFindings('PERS-10', { facts })).toEqual([]);
  });
});
