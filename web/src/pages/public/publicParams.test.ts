import { describe, expect, it } from 'vitest';
import { parsePublicParams, publicParams } from './publicParams.ts';

describe('public search parameters', () => {
  it('reads the search, region, level and page', () => {
    expect(parsePublicParams(new URLSearchParams('q=钢铁&region=110000&level=national&page=2'))).toEqual({
      q: '钢铁',
      region: '110000',
      level: 'national',
      page: 2,
    });
  });

  it('ignores a malformed region, an unknown level and a bad page', () => {
    expect(parsePublicParams(new URLSearchParams('region=beijing&level=x&page=abc'))).toEqual({ page: 1 });
  });

  it('round-trips through the URL and leaves page 1 out', () => {
    const query = { q: '协会', level: 'county' as const, page: 1 };
    expect(publicParams(query).toString()).toBe('q=%E5%8D%8F%E4%BC%9A&level=county');
    expect(parsePublicParams(publicParams(query))).toEqual(query);
  });
});
