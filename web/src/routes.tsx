import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  BookOutlined,
  CreditCardOutlined,
  DatabaseOutlined,
  FileDoneOutlined,
  FileSearchOutlined,
  HomeOutlined,
  SafetyCertificateOutlined,
  SolutionOutlined,
  ThunderboltOutlined,
} from '@ant-design/icons';
import { lazy, type ReactNode } from 'react';
import { ROLES, type TRole } from './api/types.ts';
import type { TMessageId } from './i18n/index.ts';

// Pages load on demand so that the login screen and the public portal do not carry the back office.
const HomePage = lazy(() => import('./pages/HomePage.tsx').then((m) => ({ default: m.HomePage })));
const RegistryListPage = lazy(() =>
  import('./pages/registry/RegistryListPage.tsx').then((m) => ({ default: m.RegistryListPage })),
);
const AssociationDetailPage = lazy(() =>
  import('./pages/registry/AssociationDetailPage.tsx').then((m) => ({ default: m.AssociationDetailPage })),
);
const OrganListPage = lazy(() =>
  import('./pages/organs/OrganListPage.tsx').then((m) => ({ default: m.OrganListPage })),
);
const FindingsListPage = lazy(() =>
  import('./pages/findings/FindingsListPage.tsx').then((m) => ({ default: m.FindingsListPage })),
);
const RuleCatalogPage = lazy(() =>
  import('./pages/rules/RuleCatalogPage.tsx').then((m) => ({ default: m.RuleCatalogPage })),
);
const ScreeningRunsPage = lazy(() =>
  import('./pages/screening/ScreeningRunsPage.tsx').then((m) => ({ default: m.ScreeningRunsPage })),
);
const CasesListPage = lazy(() =>
  import('./pages/cases/CasesListPage.tsx').then((m) => ({ default: m.CasesListPage })),
);
const CaseDetailPage = lazy(() =>
  import('./pages/cases/CaseDetailPage.tsx').then((m) => ({ default: m.CaseDetailPage })),
);
const InspectionsPage = lazy(() =>
  import('./pages/inspections/InspectionsPage.tsx').then((m) => ({ default: m.InspectionsPage })),
);
const DashboardPage = lazy(() =>
  import('./pages/dashboard/DashboardPage.tsx').then((m) => ({ default: m.DashboardPage })),
);
const MatchingReviewPage = lazy(() =>
  import('./pages/matching/MatchingReviewPage.tsx').then((m) => ({ default: m.MatchingReviewPage })),
);
const ComplaintsInboxPage = lazy(() =>
  import('./pages/complaints/ComplaintsInboxPage.tsx').then((m) => ({ default: m.ComplaintsInboxPage })),
);
const CreditListPage = lazy(() =>
  import('./pages/credit/CreditListPage.tsx').then((m) => ({ default: m.CreditListPage })),
);
const AuditLogPage = lazy(() =>
  import('./pages/audit/AuditLogPage.tsx').then((m) => ({ default: m.AuditLogPage })),
);

/**
 * One entry of the back office: its URL, its title (menu label and page title), its menu icon, the
 * roles allowed to open it, and what it shows.
 */
export type TAppRoute = {
  path: string;
  titleId: TMessageId;
  icon?: ReactNode;
  roles: readonly TRole[];
  element: ReactNode;
  /** Detail pages are reached from a list, not from the menu. */
  hideInMenu?: boolean;
};

/**
 * The route table of the logged-in app. It is at once the router's configuration, the side menu and
 * the access map: a route a role may not open is neither in its menu nor reachable by URL.
 */
export const appRoutes: readonly TAppRoute[] = [
  { path: '/', titleId: 'menu.home', icon: <HomeOutlined />, roles: ROLES, element: <HomePage /> },
  {
    path: '/registry',
    titleId: 'menu.registry',
    icon: <DatabaseOutlined />,
    roles: ROLES,
    element: <RegistryListPage />,
  },
  {
    path: '/registry/:uscc',
    titleId: 'menu.registry.detail',
    roles: ROLES,
    element: <AssociationDetailPage />,
    hideInMenu: true,
  },
  {
    path: '/organs',
    titleId: 'menu.organs',
    icon: <ApartmentOutlined />,
    roles: ['regulator', 'organ', 'inspector', 'auditor', 'admin'],
    element: <OrganListPage />,
  },
  {
    path: '/findings',
    titleId: 'menu.findings',
    icon: <SafetyCertificateOutlined />,
    roles: ROLES,
    element: <FindingsListPage />,
  },
  {
    path: '/cases',
    titleId: 'menu.cases',
    icon: <FileDoneOutlined />,
    roles: ROLES,
    element: <CasesListPage />,
  },
  {
    path: '/cases/:id',
    titleId: 'menu.cases.detail',
    roles: ROLES,
    element: <CaseDetailPage />,
    hideInMenu: true,
  },
  {
    path: '/rules',
    titleId: 'menu.rules',
    icon: <BookOutlined />,
    roles: ROLES,
    element: <RuleCatalogPage />,
  },
  {
    path: '/screening',
    titleId: 'menu.screening',
    icon: <ThunderboltOutlined />,
    roles: ['regulator', 'admin'],
    element: <ScreeningRunsPage />,
  },
  {
    path: '/matching',
    titleId: 'menu.matching',
    icon: <SolutionOutlined />,
    roles: ['regulator', 'admin', 'auditor'],
    element: <MatchingReviewPage />,
  },
  {
    path: '/inspections',
    titleId: 'menu.inspections',
    icon: <FileSearchOutlined />,
    roles: ['regulator', 'inspector', 'auditor', 'admin'],
    element: <InspectionsPage />,
  },
  {
    path: '/dashboard',
    titleId: 'menu.dashboard',
    icon: <BarChartOutlined />,
    roles: ['regulator', 'organ', 'auditor', 'admin'],
    element: <DashboardPage />,
  },
  {
    path: '/complaints',
    titleId: 'menu.complaints',
    icon: <AlertOutlined />,
    roles: ['regulator', 'admin', 'auditor'],
    element: <ComplaintsInboxPage />,
  },
  {
    path: '/credit',
    titleId: 'menu.credit',
    icon: <CreditCardOutlined />,
    roles: ['regulator', 'admin', 'inspector', 'auditor'],
    element: <CreditListPage />,
  },
  {
    path: '/audit',
    titleId: 'menu.audit',
    icon: <AuditOutlined />,
    roles: ['auditor', 'admin'],
    element: <AuditLogPage />,
  },
];

/** Whether a user with the given role may open the route. */
export function canAccess(route: TAppRoute, role: TRole): boolean {
  return route.roles.includes(role);
}

/** The side-menu entries of a role, in table order. */
export function menuRoutes(role: TRole, routes: readonly TAppRoute[] = appRoutes): TAppRoute[] {
  return routes.filter((route) => !route.hideInMenu && canAccess(route, role));
}

/**
 * The menu entry to highlight for a location: the longest menu path that is the location itself or
 * one of its ancestors, so `/registry/51…` keeps “协会登记” selected.
 */
export function selectedMenuPath(
  pathname: string,
  routes: readonly TAppRoute[] = appRoutes,
): string | undefined {
  const candidates = routes
    .filter((route) => !route.hideInMenu)
    .map((route) => route.path)
    .filter((path) => pathname === path || (path !== '/' && pathname.startsWith(`${path}/`)));
  return candidates.sort((a, b) => b.length - a.length)[0];
}
