import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng, drawWeighted, hash32, weightedTable } from './prng.ts';

describe('seeded generator', () => {
  it('gives the same sequence for the same seed and label', () => {
    const a = createRng(2015, 'posts');
    const b = createRng(2015, 'posts');
    expect(Array.from({ length: 100 }, () => a.nextU32())).toEqual(
      Array.from({ length: 100 }, () => b.nextU32()),
    );
  });

  it('gives different sequences for different seeds or labels', () => {
    const first = (seed: number, label: string) => createRng(seed, label).nextU32();
    expect(first(2015, 'posts')).not.toBe(first(2016, 'posts'));
    expect(first(2015, 'posts')).not.toBe(first(2015, 'rosters'));
  });

  it('keeps int() within its inclusive bounds', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: -1000, max: 1000 }), fc.nat(1000), (seed, min, span) => {
        const rng = createRng(seed);
        for (let i = 0; i < 20; i++) {
          const v = rng.int(min, min + span);
          if (v < min || v > min + span || !Number.isInteger(v)) return false;
        }
        return true;
      }),
    );
  });

  it('draws weighted items in proportion to their weights', () => {
    const rng = createRng(7);
    const table = weightedTable([
      ['a', 1],
      ['b', 3],
    ] as const);
    let b = 0;
    for (let i = 0; i < 20_000; i++) if (drawWeighted(rng, table) === 'b') b++;
    expect(b / 20_000).toBeGreaterThan(0.73);
    expect(b / 20_000).toBeLessThan(0.77);
  });

  it('refuses non-positive weights', () => {
    expect(() => weightedTable([['a', 0]])).toThrow(/positive/);
  });

  it('hashes strings stably', () => {
    expect(hash32('')).toBe(0x811c9dc5);
    expect(hash32('王伟|1970-01-01')).toBe(hash32('王伟|1970-01-01'));
    expect(hash32('王伟|1970-01-01')).not.toBe(hash32('王伟|1970-01-02'));
  });
});
