import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listCurrentRegions } from '../core/ids/regions.ts';
import { parseResidentId, upgradeResidentId15 } from '../core/ids/resident-id.ts';
import { createIdAllocator, createPrescribedIdAllocator, toLegacyId15 } from './people.ts';

const counties = listCurrentRegions('county')
  .slice(0, 40)
  .map((c) => c.code);

describe('resident ID allocation', () => {
  it('issues valid, unique IDs across populations, even when crowding one bucket', () => {
    const seen = new Set<string>();
    for (const population of ['posts', 'serving', 'retired'] as const) {
      const allocator = createIdAllocator(population, counties);
      for (let i = 0; i < 3_000; i++) {
        // Most draws land in one (county, year, sex) bucket to stress the permutation.
        const county = i % 10 === 0 ? i % counties.length : 0;
        const sex = i % 3 === 0 ? 'female' : 'male';
        const { residentId, birthDate } = allocator.issue(county, 1970, sex);
        const parsed = parseResidentId(residentId, { today: '2026-06-30' });
        expect(parsed.valid).toBe(true);
        if (parsed.valid) {
          expect(parsed.birthDate).toBe(birthDate);
          expect(parsed.sex).toBe(sex);
        }
        expect(seen.has(residentId)).toBe(false);
        seen.add(residentId);
      }
    }
  });

  it('never gives a prescribed-date ID that a population could also issue', () => {
    const prescribed = createPrescribedIdAllocator(() => 0);
    const special = new Set<string>();
    for (let i = 0; i < 19; i++) special.add(prescribed(counties[0]!, '1970-03-05', 'male'));
    expect(special.size).toBe(19);
    expect(() => prescribed(counties[0]!, '1970-03-05', 'male')).toThrow(/too many/);
    const allocator = createIdAllocator('serving', counties);
    for (let i = 0; i < 20_000; i++) {
      expect(special.has(allocator.issue(0, 1970, 'male').residentId)).toBe(false);
    }
  });

  it('writes a legacy 15-digit form that upgrades back to the same 18-digit ID', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: counties.length - 1 }),
        fc.integer({ min: 1930, max: 1999 }),
        (c, y) => {
          const { residentId } = createIdAllocator('posts', counties).issue(c, y, 'female');
          return upgradeResidentId15(toLegacyId15(residentId)) === residentId;
        },
      ),
    );
  });
});
