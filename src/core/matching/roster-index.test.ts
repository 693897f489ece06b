import { describe, expect, it } from 'vitest';
import { residentIdCheckCharacter } from '../ids/index.ts';
import { createOrganResolver } from './organs.ts';
import { createRosterIndexBuilder } from './roster-index.ts';

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
