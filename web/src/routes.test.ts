import { describe, expect, it } from 'vitest';
import { ROLES } from './api/types.ts';
import { appRoutes, canAccess, menuRoutes, selectedMenuPath } from './routes.tsx';

describe('route table as access map', () => {
  it('gives every role the home page and the registry in its menu', () => {
    for (const role of ROLES) {
      const paths = menuRoutes(role).map((route) => route.path);
      expect(paths).toContain('/');
      expect(paths).toContain('/registry');
    }
  });

  it('keeps detail pages out of the menu while still allowing them', () => {
    const detail = appRoutes.find((route) => route.path === '/registry/:uscc')!;
    expect(menuRoutes('admin').map((route) => route.path)).not.toContain('/registry/:uscc');
    expect(canAccess(detail, 'association')).toBe(true);
  });

  it('hides the organ list from an association user and forbids it by URL too', () => {
    const organs = appRoutes.find((route) => route.path === '/organs')!;
    expect(menuRoutes('association').map((route) => route.path)).not.toContain('/organs');
    expect(canAccess(organs, 'association')).toBe(false);
    expect(canAccess(organs, 'regulator')).toBe(true);
  });

  it('gives every route a distinct path and a title', () => {
    const paths = appRoutes.map((route) => route.path);
    expect(new Set(paths).size).toBe(paths.length);
    for (const route of appRoutes) expect(route.titleId).toMatch(/^menu\./);
  });
});

describe('audit log access', () => {
  it('shows the audit log to auditors and admins only', () => {
    const audit = appRoutes.find((route) => route.path === '/audit')!;
    const allowed = ROLES.filter((role) => canAccess(audit, role));
    expect(allowed).toEqual(['auditor', 'admin']);
  });
});

describe('rules pages access', () => {
  const allowed = (path: string) => {
    const route = appRoutes.find((candidate) => candidate.path === path)!;
    return ROLES.filter((role) => canAccess(route, role));
  };

  it('lets regulators and admins run screenings and nobody else', () => {
    expect(allowed('/screening')).toEqual(['regulator', 'admin']);
    expect(menuRoutes('inspector').map((route) => route.path)).not.toContain('/screening');
  });

  it('shows the rule catalog and the findings list to every logged-in role', () => {
    expect(allowed('/rules')).toEqual([...ROLES]);
    expect(allowed('/findings')).toEqual([...ROLES]);
  });
});

describe('selectedMenuPath', () => {
  it('selects the list entry on its detail pages', () => {
    expect(selectedMenuPath('/registry/51100000500000000X')).toBe('/registry');
    expect(selectedMenuPath('/registry')).toBe('/registry');
  });

  it('selects home only on the root, not on every path', () => {
    expect(selectedMenuPath('/')).toBe('/');
    expect(selectedMenuPath('/unknown')).toBeUndefined();
  });
});
