import { describe, expect, it } from 'vitest';
import { residentIdCheckCharacter } from '../ids/index.ts';
import { createOrganResolver } from './organs.ts';
import {
  buildRosterIndex,
  createRosterIndexBuilder,
  mergeRosterColumns,
  type TPartRun,
} from './roster-index.ts';
import type { TRosterRow } from './types.ts';

describe('createRosterIndexBuilder', () => {
  const first17 = '11010519700307013';
  const id = first17 + residentIdCheckCharacter(first17);
  const build = () => {
    const builder = createRosterIndexBuilder({
      key: Buffer.from('test screening key, 32 bytes...'),
      organs: createOrganResolver([
        { code: 'ORG-1', name: '国家发展和改革委员会', short_name: '国家发改委' },
      ]),
      today: '2026-11-26',
      expectedSize: 2,
    });
    for (let i = 0; i < 5; i++) {
      builder.add({
        record_key: `K${i}`,
        name: '欧阳修远',
        resident_id: id,
        birth_date: '',
        organ_name: '国家发改委',
        status: 'retired',
        rank: 'department',
      });
    }
    return builder.finish();
  };

  it('keeps neither the resident ID nor the name in clear', () => {
    const index = build();
    const seen: string[] = [];
    for (const value of Object.values(index)) {
      if (typeof value === 'string') seen.push(value);
      if (Array.isArray(value)) seen.push(...value.filter((v): v is string => typeof v === 'string'));
    }
    for (let r = 0; r < index.size; r++) seen.push(index.recordKeys.get(r));
    const text = seen.join('|');
    expect(text).not.toContain(id);
    expect(text).not.toContain('欧阳');
    expect(text).toContain('K4');
  });

  it('grows past the expected size and takes birth date and sex from the ID when the row lacks them', () => {
    const index = build();
    expect(index.size).toBe(5);
    expect(index.birth[4]).toBe(19700307);
    expect(index.sex[4]).toBe(1);
    expect(index.organCodes[index.organ[0]!]).toBe('ORG-1');
    expect(index.nameCounts.get(index.nameHi[0]!, index.nameLo[0]!)).toBe(5);
  });
});

describe('mergeRosterColumns', () => {
  const organs = createOrganResolver([
    { code: 'ORG-1', name: '国家发展和改革委员会', short_name: '国家发改委' },
    { code: 'ORG-2', name: '工业和信息化部', short_name: '工信部' },
  ]);
  const options = { key: Buffer.from('test screening key, 32 bytes...'), organs, today: '2026-11-26' };
  const rows: TRosterRow[] = Array.from({ length: 23 }, (_, i) => ({
    source: i % 3 === 0 ? 'retired_roster' : 'serving_roster',
    record_key: `K${i}`,
    name: ['王伟', '李娜', '欧阳修远', '张三'][i % 4]!,
    birth_date: `19${60 + i}-0${1 + (i % 9)}-1${i % 10}`,
    sex: i % 2 ? 'male' : 'female',
    status: i % 3 === 0 ? 'retired' : 'serving',
    // Organs appear in another order in each part, so their local numbers differ.
    organ_name: i % 5 === 0 ? '工信部' : i % 7 === 0 ? '' : '国家发改委',
  }));

  it('joins parts built from alternating batches into the index one builder makes from all rows', () => {
    const single = createRosterIndexBuilder(options);
    for (const row of rows) single.add(row);
    const expected = single.finish();

    const parts = [
      createRosterIndexBuilder({ ...options, reviewedRecordKeys: new Set(['K7']) }),
      createRosterIndexBuilder({ ...options, reviewedRecordKeys: new Set(['K7']) }),
    ];
    const plan: TPartRun[] = [];
    const sent = [0, 0];
    for (let start = 0, batch = 0; start < rows.length; start += 4, batch++) {
      const part = batch % 2;
      const slice = rows.slice(start, start + 4);
      for (const row of slice) parts[part]!.add(row);
      plan.push({ part, start: sent[part]!, count: slice.length });
      sent[part]! += slice.length;
    }
    const joined = buildRosterIndex(
      mergeRosterColumns(
        parts.map((p) => p.columns()),
        plan,
        true,
      ),
      true,
    );

    expect(joined.size).toBe(rows.length);
    expect(joined.birth.buffer).toBeInstanceOf(SharedArrayBuffer);
    for (let r = 0; r < rows.length; r++) {
      expect(joined.recordKeys.get(r)).toBe(`K${r}`);
      expect(joined.nameHi[r]).toBe(expected.nameHi[r]);
      expect(joined.birth[r]).toBe(expected.birth[r]);
      expect(joined.status[r]).toBe(expected.status[r]);
      expect(joined.deletions.slice(r * 4, r * 4 + 4)).toEqual(expected.deletions.slice(r * 4, r * 4 + 4));
      const organ = (index: typeof joined, i: number) =>
        index.organ[i]! < 0 ? null : index.organCodes[index.organ[i]!];
      expect(organ(joined, r)).toBe(organ(expected, r));
      expect(joined.sources[joined.source[r]!]).toBe(rows[r]!.source);
    }
    expect(joined.nameCounts.get(expected.nameHi[0]!, expected.nameLo[0]!)).toBe(6);
    expect(joined.pinyinCounts.get(expected.pinyinHi[2]!, expected.pinyinLo[2]!)).toBe(6);
    expect(joined.reviewedRecords.get('K7')).toBe(7);
    expect([...joined.byNameBirth.next]).toEqual([...expected.byNameBirth.next]);
    expect([...joined.organCounts].sort()).toEqual([...expected.organCounts].sort());
  });
});
