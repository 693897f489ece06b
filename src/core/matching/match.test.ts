import { describe, expect, it } from 'vitest';
import { residentIdCheckCharacter } from '../ids/index.ts';
import { DEFAULT_MATCH_PARAMETERS, type TMatchParameters } from './match.ts';
import { runMatching } from './run.ts';
import type { TMatchDecision, TPostRow, TReviewDecision, TRosterRow } from './types.ts';

const key = Buffer.from('test screening key, 32 bytes...');
const today = '2026-11-26';
const id = (region: string, birth: string, seq: string) => {
  const first17 = region + birth.replace(/-/g, '') + seq;
  return first17 + residentIdCheckCharacter(first17);
};

const organs = [
  { code: 'ORG-NDRC', name: '国家发展和改革委员会', short_name: '国家发改委' },
  { code: 'ORG-MIIT', name: '工业和信息化部', short_name: '工信部' },
];
const links = [{ organ_code: 'ORG-NDRC', association_uscc: 'ASSOC-1' }];

/** A roster with one rare-named official, and a crowd of namesakes for a common name. */
function roster(): TRosterRow[] {
  const rows: TRosterRow[] = [
    {
      source: 'serving',
      record_key: 'S-rare',
      name: '欧阳修远',
      resident_id: id('110105', '1970-03-07', '013'),
      sex: 'male',
      birth_date: '1970-03-07',
      status: 'serving',
      organ_name: '国家发改委',
      rank: 'division',
    },
    {
      source: 'retired',
      record_key: 'R-zhang',
      name: '张建国',
      resident_id: id('330102', '1955-06-15', '031'),
      sex: 'male',
      birth_date: '1955-06-15',
      status: 'retired',
      retired_on: '2015-06-15',
      organ_code: 'ORG-MIIT',
      rank: 'department',
    },
  ];
  for (let i = 0; i < 300; i++) {
    const birth = `19${60 + (i % 30)}-0${1 + (i % 9)}-1${i % 10}`;
    rows.push({
      source: 'serving',
      record_key: `S-wang-${i}`,
      name: '王伟',
      resident_id: id('440103', birth, String(100 + i * 2 + 1).slice(-3)),
      sex: 'male',
      birth_date: birth,
      status: 'serving',
      organ_code: 'ORG-MIIT',
      rank: 'none',
    });
  }
  for (let i = 0; i < 2000; i++) {
    rows.push({
      record_key: `S-other-${i}`,
      name: `李${String.fromCharCode(0x4e00 + i)}`,
      status: 'serving',
      rank: 'none',
    });
  }
  return rows;
}

async function decide(
  post: Partial<TPostRow>,
  reviews: TReviewDecision[] = [],
  parameters: Partial<TMatchParameters> = {},
): Promise<TMatchDecision> {
  const out: TMatchDecision[] = [];
  for await (const d of runMatching({
    key,
    today,
    organs,
    links,
    reviews,
    parameters,
    rosters: [roster()],
    posts: [{ post_ref: 'P1', association_uscc: 'ASSOC-0', person_name: '', ...post }],
  })) {
    out.push(d);
  }
  return out[0]!;
}

const rare = { person_name: '欧阳修远', sex: 'male', birth_date: '1970-03-07' };
const rareId = id('110105', '1970-03-07', '013');

describe('runMatching', () => {
  it('matches on the resident ID even when the name is written in pinyin', async () => {
    const d = await decide({ person_name: 'OUYANG Xiuyuan', resident_id: rareId });
    expect(d).toMatchObject({ decision: 'match', recordKey: 'S-rare', status: 'serving', rank: 'division' });
    expect(d.reasons.find((r) => r.field === 'resident_id')?.outcome).toMatch(/agrees/);
  });

  it('matches a legacy 15-digit ID to the 18-character ID on the roster', async () => {
    const d = await decide({ person_name: '张建国', resident_id: '330102550615031' });
    expect(d).toMatchObject({ decision: 'match', recordKey: 'R-zhang', retiredOn: '2015-06-15' });
    expect(d.reasons.find((r) => r.field === 'resident_id')?.outcome).toMatch(/upgraded_from_15/);
  });

  it('repairs one mistyped digit when only one repair fits', async () => {
    const typo = `${rareId.slice(0, 14)}${rareId[14] === '5' ? '6' : '5'}${rareId.slice(15)}`;
    const d = await decide({
      person_name: '欧阳修远',
      resident_id: typo,
      birth_date: '1970-03-07',
      sex: 'male',
    });
    expect(d).toMatchObject({ decision: 'match', recordKey: 'S-rare' });
    expect(d.reasons.find((r) => r.field === 'resident_id')?.outcome).toMatch(/repaired/);
  });

  it('refuses a namesake with the same birth date when the IDs differ', async () => {
    const d = await decide({ ...rare, resident_id: id('110105', '1970-03-07', '055') });
    expect(d.decision).toBe('no_match');
    expect(d.reasons.find((r) => r.field === 'resident_id')).toMatchObject({ outcome: 'different' });
  });

  it('matches a rare name with its birth date without any ID', async () => {
    const d = await decide(rare);
    expect(d).toMatchObject({ decision: 'match', recordKey: 'S-rare' });
  });

  it('does not match a very common name on name and birth year alone', async () => {
    const d = await decide({ person_name: '王伟', sex: 'male', birth_date: '1961-02-28' });
    expect(d.decision).not.toBe('match');
  });

  it('counts an exact common name for less than an exact rare name', async () => {
    const common = await decide({ person_name: '王伟', birth_date: '1960-01-10', sex: 'male' });
    const rareName = await decide(rare);
    const weight = (d: TMatchDecision) => d.reasons.find((r) => r.field === 'name')!.weight;
    expect(common.reasons.find((r) => r.field === 'name')!.outcome).toMatch(/exact \(300 on the rosters\)/);
    expect(weight(common)).toBeLessThan(weight(rareName) - 7);
  });

  it('matches a traditional-character spelling and a homophone on the pinyin key', async () => {
    expect(await decide({ ...rare, person_name: '歐陽修遠' })).toMatchObject({
      decision: 'match',
      recordKey: 'S-rare',
    });
    const homophone = await decide({ ...rare, person_name: '欧阳修元' });
    expect(homophone.recordKey).toBe('S-rare');
    expect(homophone.reasons.find((r) => r.field === 'name')!.outcome).toMatch(/same reading/);
  });

  it('finds a name with a dropped character through surname and birth date', async () => {
    const d = await decide({ ...rare, person_name: '欧阳修' });
    expect(d.recordKey).toBe('S-rare');
    expect(d.reasons.find((r) => r.field === 'name')!.outcome).toMatch(/one character apart/);
  });

  it('gives partial credit for a birth date with month and day exchanged', async () => {
    const d = await decide({ ...rare, birth_date: '1970-07-03' });
    expect(d.recordKey).toBe('S-rare');
    expect(d.reasons.find((r) => r.field === 'birth_date')).toMatchObject({
      outcome: 'month and day exchanged',
    });
  });

  it('counts the organ when the roster names it by abbreviation and it sponsors the association', async () => {
    const d = await decide({ person_name: '欧阳修远', association_uscc: 'ASSOC-1' });
    const organ = d.reasons.find((r) => r.field === 'organ');
    expect(organ?.weight).toBeGreaterThan(0);
    expect(d.organCode).toBe('ORG-NDRC');
  });

  it('keeps a pair a reviewer confirmed and never proposes one a reviewer rejected', async () => {
    const post = { person_name: '王伟', sex: 'male', birth_date: '1960-01-10' };
    const confirmed = await decide(post, [{ postKey: 'P1', recordKey: 'S-wang-0', verdict: 'confirmed' }]);
    expect(confirmed).toMatchObject({ decision: 'match', recordKey: 'S-wang-0', probability: 1 });
    expect(confirmed.reasons[0]).toMatchObject({ field: 'review' });
    const rejected = await decide(rare, [{ postKey: 'P1', recordKey: 'S-rare', verdict: 'rejected' }]);
    expect(rejected.recordKey).not.toBe('S-rare');
  });

  it('explains every decision field by field, weights summing to the score', async () => {
    const d = await decide(rare);
    expect(d.reasons.map((r) => r.field)).toEqual([
      'prior',
      'resident_id',
      'name',
      'birth_date',
      'sex',
      'organ',
    ]);
    const sum = d.reasons.reduce((s, r) => s + r.weight, 0);
    expect(Math.abs(sum - d.score)).toBeLessThan(0.05);
  });

  it('gives a retired cadre a prior retiredPriorFactor times that of a serving official', async () => {
    const prior = (d: TMatchDecision) => d.reasons.find((r) => r.field === 'prior')!;
    const serving = await decide(rare);
    const retired = await decide({ person_name: '张建国', sex: 'male', birth_date: '1955-06-15' });
    expect(retired.recordKey).toBe('R-zhang');
    expect(prior(retired).weight - prior(serving).weight).toBeCloseTo(
      Math.log2(DEFAULT_MATCH_PARAMETERS.retiredPriorFactor),
      1,
    );
    expect(prior(retired).outcome).toMatch(/retired ×5/);
    const flat = await decide({ person_name: '张建国', birth_date: '1955-06-15' }, [], {
      retiredPriorFactor: 1,
    });
    expect(prior(flat).weight).toBeCloseTo(prior(serving).weight, 1);
  });

  it('looks a post with neither ID nor birth date up by a rare name alone, never by a crowded one', async () => {
    const rareOnly = await decide({ person_name: '歐陽修遠' });
    expect(rareOnly.recordKey).toBe('S-rare');
    // 300 records are called 王伟, past the limit: name and sex alone would only split among them.
    const crowded = await decide({ person_name: '王伟', sex: 'male' });
    expect(crowded).toMatchObject({ decision: 'no_match', candidates: 0 });
    const unlimited = await decide({ person_name: '王伟', sex: 'male' }, [], { nameOnlyBlockingLimit: 1000 });
    expect(unlimited.candidates).toBe(300);
    expect(unlimited.decision).toBe('no_match');
  });

  it('finds a pinyin or homophone spelling through the organ linked to the association', async () => {
    const noNameOnly = { nameOnlyBlockingLimit: 0 };
    const alone = await decide({ person_name: 'Xiuyuan Ouyang' }, [], noNameOnly);
    expect(alone.candidates).toBe(0);
    const linked = await decide(
      { person_name: 'Xiuyuan Ouyang', association_uscc: 'ASSOC-1' },
      [],
      noNameOnly,
    );
    expect(linked.recordKey).toBe('S-rare');
    expect(linked.reasons.find((r) => r.field === 'name')!.outcome).toMatch(/pinyin spelling/);
    const homophone = await decide({ person_name: '欧阳修元', association_uscc: 'ASSOC-1' }, [], noNameOnly);
    expect(homophone.recordKey).toBe('S-rare');
  });

  it('returns no_match without a record when nothing on the rosters is near', async () => {
    const d = await decide({ person_name: '赵无名', birth_date: '1999-09-09' });
    expect(d).toMatchObject({ decision: 'no_match', recordKey: null, candidates: 0 });
  });
});

describe('runMatching with the index built in a worker thread', () => {
  it('decides every post exactly as the single-thread run does', async () => {
    const posts: TPostRow[] = [
      { post_ref: 'A', person_name: 'OUYANG Xiuyuan', resident_id: rareId },
      { post_ref: 'B', person_name: '张建国', resident_id: '330102550615031' },
      {
        post_ref: 'C',
        person_name: '王伟',
        sex: 'male',
        birth_date: '1960-01-10',
        association_uscc: 'ASSOC-1',
      },
      { post_ref: 'D', ...rare },
    ];
    const run = async (indexInWorker: boolean) => {
      const out: TMatchDecision[] = [];
      for await (const d of runMatching({
        key,
        today,
        organs,
        links,
        reviews: [{ postKey: 'C', recordKey: 'S-wang-3', verdict: 'confirmed' }],
        rosters: [roster().slice(0, 100), roster().slice(100)],
        posts,
        indexInWorker,
      })) {
        out.push(d);
      }
      return out;
    };
    const inWorker = await run(true);
    expect(inWorker).toEqual(await run(false));
    expect(inWorker.map((d) => d.recordKey)).toEqual(['S-rare', 'R-zhang', 'S-wang-3', 'S-rare']);
  });
});
