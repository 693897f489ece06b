import { Suspense, useEffect } from 'react';
import { useSession } from '../auth/session.ts';
import { ForbiddenPageLazy } from '../components/LazyStatusPages.tsx';
import { PageLoading } from '../components/PageLoading.tsx';
import { useT } from '../i18n/index.ts';
import { canAccess, type TAppRoute } from '../routes.tsx';

/** Shows a route of the table if the user's role may open it, a 403 page otherwise. */
export function RouteAccess({ route }: { route: TAppRoute }) {
  const session = useSession();
  const { t } = useT();
  const title = t(route.titleId);
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);
  if (session.status !== 'authenticated') return null;
  if (!canAccess(route, session.user.role)) return <ForbiddenPageLazy />;
  return <Suspense fallback={<PageLoading />}>{route.element}</Suspense>;
}
