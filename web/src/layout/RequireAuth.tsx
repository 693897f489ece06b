import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { useSession } from '../auth/session.ts';
import { QueryErrorLazy } from '../components/LazyStatusPages.tsx';
import { PageLoading } from '../components/PageLoading.tsx';

/** Renders its children only for a logged-in user; others go to the login page and come back after. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  switch (session.status) {
    case 'loading':
      return <PageLoading />;
    case 'error':
      return <QueryErrorLazy error={session.error} onRetry={session.retry} />;
    case 'anonymous': {
      const next = `${location.pathname}${location.search}`;
      return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
    }
    case 'authenticated':
      return children;
  }
}
