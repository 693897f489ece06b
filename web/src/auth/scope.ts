import type { TUser } from '../api/types.ts';
import type { TTranslate } from '../i18n/index.ts';

const NATIONAL_REGION = '100000';

/**
 * The user's jurisdiction in words: the association, the organ, or the region they are limited to;
 * “全国” for a national region scope and “全部” for roles that see everything (auditor, admin).
 */
export function describeScope(user: TUser, t: TTranslate): string {
  const { scope } = user;
  if (scope.associationUscc) return scope.associationName ?? scope.associationUscc;
  if (scope.organCode) return scope.organName ?? scope.organCode;
  if (scope.regionCode === NATIONAL_REGION) return t('scope.national');
  if (scope.regionCode) return scope.regionName ?? scope.regionCode;
  return t('scope.everywhere');
}
