import { describe, expect, it } from 'vitest';
import type { TUser } from '../api/types.ts';
import type { TTranslate } from '../i18n/index.ts';
import { describeScope } from './scope.ts';

const t: TTranslate = (id) => `<${id}>`;

function user(scope: TUser['scope'], role: TUser['role'] = 'regulator'): TUser {
  return { id: 1, username: 'u', displayName: 'U', role, scope };
}

describe('describeScope', () => {
  it('names the province of a provincial regulator', () => {
    expect(describeScope(user({ regionCode: '110000', regionName: '北京市' }), t)).toBe('北京市');
  });

  it('calls the national region code nationwide rather than printing it', () => {
    expect(describeScope(user({ regionCode: '100000', regionName: '全国' }), t)).toBe('<scope.national>');
  });

  it('names the organ of an organ user and the association of an association user', () => {
    expect(describeScope(user({ organCode: 'X1', organName: '某部' }, 'organ'), t)).toBe('某部');
    expect(describeScope(user({ associationUscc: '51100000500000000X' }, 'association'), t)).toBe(
      '51100000500000000X',
    );
  });

  it('says “everything” for a role without a scope', () => {
    expect(describeScope(user({}, 'auditor'), t)).toBe('<scope.everywhere>');
  });
});
