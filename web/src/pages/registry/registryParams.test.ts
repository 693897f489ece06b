import { describe, expect, it } from 'vitest';
import { parseRegistryParams, registryParams, sortOrderOf, sortParam } from './registryParams.ts';

describe('parseRegistryParams', () => {
  it('reads filters, page, page size and sort from the URL', () => {
    const state = parseRegistryParams(
      new URLSearchParams(
        'q=钢铁&region=110000&level=national&status=active&page=3&pageSize=50&sort=-registeredOn',
      ),
    );
    expect(state).toEqual({
      filters: { q: '钢铁', region: '110000', level: 'national', status: 'active' },
      page: 3,
      pageSize: 50,
      sort: '-registeredOn',
    });
  });

  it('drops unknown enum values, bad numbers and blank texts', () => {
    const state = parseRegistryParams(
      new URLSearchParams('q=%20%20&level=galactic&status=x&page=-2&pageSize=7&sort=-uscc'),
    );
    expect(state).toEqual({ filters: {}, page: 1, pageSize: 20, sort: undefined });
  });
});

describe('registryParams', () => {
  it('round-trips a state through the URL', () => {
    const state = {
      filters: { organ: '11100000000013127D', industry: '制造业' },
      page: 2,
      pageSize: 100,
      sort: 'name' as const,
    };
    expect(parseRegistryParams(registryParams(state))).toEqual(state);
  });

  it('leaves defaults out of the URL', () => {
    expect(registryParams({ filters: { q: '' }, page: 1, pageSize: 20 }).toString()).toBe('');
  });
});

describe('sortParam and sortOrderOf', () => {
  it('maps header clicks to the API sort and back', () => {
    expect(sortParam('registeredOn', 'descend')).toBe('-registeredOn');
    expect(sortParam('name', 'ascend')).toBe('name');
    expect(sortOrderOf('-registeredOn', 'registeredOn')).toBe('descend');
    expect(sortOrderOf('name', 'registeredOn')).toBeNull();
  });

  it('drops a descending USCC sort that the API does not offer', () => {
    expect(sortParam('uscc', 'descend')).toBeUndefined();
    expect(sortParam('name', null)).toBeUndefined();
  });
});
