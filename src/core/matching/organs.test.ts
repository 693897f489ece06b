import { describe, expect, it } from 'vitest';
import { createOrganResolver, normaliseOrganName } from './organs.ts';

const organs = [
  { code: 'A1', name: '国家发展和改革委员会', short_name: '国家发改委' },
  { code: 'B1', name: '杭州市发展和改革委员会', short_name: '发改委' },
  { code: 'C1', name: '宁波市发展和改革委员会', short_name: '发改委' },
];

describe('createOrganResolver', () => {
  const resolver = createOrganResolver(organs);

  it('resolves a known code, a full name and an abbreviation to the code', () => {
    expect(resolver.resolve('A1', null)).toBe('A1');
    expect(resolver.resolve('', '国家发展和改革委员会')).toBe('A1');
    expect(resolver.resolve(null, '国家发改委')).toBe('A1');
  });

  it('resolves names written in traditional characters or with spaces', () => {
    expect(resolver.resolve(null, '國家發展和改革委員會')).toBe('A1');
    expect(resolver.resolve(null, '国家 发改委')).toBe('A1');
  });

  it('leaves a short name shared by two organs unresolved', () => {
    expect(resolver.resolve(null, '发改委')).toBeNull();
  });

  it('keeps an unknown code as given and an unknown name unresolved', () => {
    expect(resolver.resolve('Z9', null)).toBe('Z9');
    expect(resolver.resolve(null, '不存在的局')).toBeNull();
  });

  it('normalises brackets and full-width forms in organ names', () => {
    expect(normaliseOrganName('（国家）发改委 ')).toBe('国家发改委');
  });
});
