import { lazy, type ReactNode, Suspense } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router-dom';
import { NotFoundPageLazy, RouteErrorLazy } from './components/LazyStatusPages.tsx';
import { PageLoading } from './components/PageLoading.tsx';
import { RequireAuth } from './layout/RequireAuth.tsx';
import { RouteAccess } from './layout/RouteAccess.tsx';
import { appRoutes } from './routes.tsx';

// The back-office frame and the login page are chunks of their own, so the public portal's first load
// carries neither; the portal is one chunk of its own that the back office never loads.
const AppLayout = lazy(() => import('./layout/AppLayout.tsx').then((m) => ({ default: m.AppLayout })));
const LoginPage = lazy(() => import('./pages/LoginPage.tsx').then((m) => ({ default: m.LoginPage })));
const loadPublic = () => import('./pages/public/index.ts');
const PublicLayout = lazy(() => loadPublic().then((m) => ({ default: m.PublicLayout })));
const PublicSearchPage = lazy(() => loadPublic().then((m) => ({ default: m.PublicSearchPage })));
const PublicAssociationPage = lazy(() => loadPublic().then((m) => ({ default: m.PublicAssociationPage })));
// The public draw pages load only when a draw is opened.
const loadDrawPages = () => import('./pages/inspections/PublicDrawPages.tsx');
const PublicDrawListPage = lazy(() => loadDrawPages().then((m) => ({ default: m.PublicDrawListPage })));
const PublicDrawPage = lazy(() => loadDrawPages().then((m) => ({ default: m.PublicDrawPage })));
const loadComplaintPages = () => import('./pages/public/complaint-pages.ts');
const ComplaintFormPage = lazy(() => loadComplaintPages().then((m) => ({ default: m.ComplaintFormPage })));
const TrackComplaintPage = lazy(() => loadComplaintPages().then((m) => ({ default: m.TrackComplaintPage })));

function Loading({ children }: { children: ReactNode }) {
  return <Suspense fallback={<PageLoading />}>{children}</Suspense>;
}

/** The router's configuration: the public portal, the login page and the route table behind login. */
export const routeObjects: RouteObject[] = [
  {
    errorElement: <RouteErrorLazy />,
    children: [
      {
        path: '/public',
        element: (
          <Loading>
            <PublicLayout />
          </Loading>
        ),
        children: [
          { index: true, element: <PublicSearchPage /> },
          { path: 'associations/:uscc', element: <PublicAssociationPage /> },
          { path: 'inspections', element: <PublicDrawListPage /> },
          { path: 'inspections/:id', element: <PublicDrawPage /> },
          { path: 'complaints/new', element: <ComplaintFormPage /> },
          { path: 'complaints/track', element: <TrackComplaintPage /> },
          { path: '*', element: <NotFoundPageLazy homePath="/public" /> },
        ],
      },
      {
        path: '/login',
        element: (
          <Loading>
            <LoginPage />
          </Loading>
        ),
      },
      {
        path: '/',
        element: (
          <RequireAuth>
            <Loading>
              <AppLayout />
            </Loading>
          </RequireAuth>
        ),
        children: [
          ...appRoutes.map((route) =>
            route.path === '/'
              ? { index: true, element: <RouteAccess route={route} /> }
              : { path: route.path.slice(1), element: <RouteAccess route={route} /> },
          ),
          { path: '*', element: <NotFoundPageLazy /> },
        ],
      },
    ],
  },
];

/** Creates the browser router (history API; the server falls back to index.html for non-/api paths). */
export function createAppRouter() {
  return createBrowserRouter(routeObjects);
}
