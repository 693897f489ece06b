import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/http.ts';
import { loginErrorTitle, safeNextPath } from './loginError.ts';

describe('loginErrorTitle', () => {
  it('tells wrong credentials, a locked account and rate limiting apart', () => {
    expect(loginErrorTitle(new ApiError(401, 'invalid_credentials', 'x'))).toBe(
      'login.error.invalid_credentials',
    );
    expect(loginErrorTitle(new ApiError(423, 'locked', 'x'))).toBe('login.error.locked');
    expect(loginErrorTitle(new ApiError(429, 'rate_limited', 'x'))).toBe('login.error.rate_limited');
  });

  it('falls back to a generic headline for other failures', () => {
    expect(loginErrorTitle(new ApiError(500, 'internal', 'x'))).toBe('login.failed');
    expect(loginErrorTitle(new Error('offline'))).toBe('login.failed');
  });
});

describe('safeNextPath', () => {
  it('returns to an in-app path after login', () => {
    expect(safeNextPath('/registry?level=national')).toBe('/registry?level=national');
  });

  it('refuses paths that would leave the site', () => {
    expect(safeNextPath('//evil.example')).toBe('/');
    expect(safeNextPath('/\\evil.example')).toBe('/');
    expect(safeNextPath('https://evil.example')).toBe('/');
    expect(safeNextPath(null)).toBe('/');
  });
});
