import { describe, expect, it } from 'vitest';
import { isCountyCode, regionPath } from './regionPath.ts';

describe('regionPath', () => {
  it('leads from the province through the prefecture to a county', () => {
    expect(regionPath('110105')).toEqual(['110000', '110100', '110105']);
  });

  it('stops at the prefecture or the province itself', () => {
    expect(regionPath('440300')).toEqual(['440000', '440300']);
    expect(regionPath('440000')).toEqual(['440000']);
  });

  it('gives no path for something that is not a six-digit code', () => {
    expect(regionPath('11')).toEqual([]);
    expect(regionPath('11010x')).toEqual([]);
  });
});

describe('isCountyCode', () => {
  it('tells counties from provinces and prefectures', () => {
    expect(isCountyCode('110105')).toBe(true);
    expect(isCountyCode('110100')).toBe(false);
    expect(isCountyCode('110000')).toBe(false);
  });
});
