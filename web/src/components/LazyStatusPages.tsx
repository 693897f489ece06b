import { type ComponentProps, lazy, Suspense } from 'react';
import { PageLoading } from './PageLoading.tsx';

// The status pages carry antd's Result illustrations; the shared entry (which the public portal also
// loads) only needs them when something goes wrong, so it fetches them then.
const load = () => import('./StatusPages.tsx');
const LazyNotFound = lazy(() => load().then((m) => ({ default: m.NotFoundPage })));
const LazyForbidden = lazy(() => load().then((m) => ({ default: m.ForbiddenPage })));
const LazyQueryError = lazy(() => load().then((m) => ({ default: m.QueryError })));
const LazyRouteError = lazy(() => load().then((m) => ({ default: m.RouteError })));

/** {@link import('./StatusPages.tsx').NotFoundPage}, loaded on demand. */
export function NotFoundPageLazy(props: ComponentProps<typeof LazyNotFound>) {
  return (
    <Suspense fallback={<PageLoading />}>
      <LazyNotFound {...props} />
    </Suspense>
  );
}

/** {@link import('./StatusPages.tsx').ForbiddenPage}, loaded on demand. */
export function ForbiddenPageLazy(props: ComponentProps<typeof LazyForbidden>) {
  return (
    <Suspense fallback={<PageLoading />}>
      <LazyForbidden {...props} />
    </Suspense>
  );
}

/** {@link import('./StatusPages.tsx').QueryError}, loaded on demand. */
export function QueryErrorLazy(props: ComponentProps<typeof LazyQueryError>) {
  return (
    <Suspense fallback={<PageLoading />}>
      <LazyQueryError {...props} />
    </Suspense>
  );
}

/** {@link import('./StatusPages.tsx').RouteError}, loaded on demand. */
export function RouteErrorLazy() {
  return (
    <Suspense fallback={<PageLoading />}>
      <LazyRouteError />
    </Suspense>
  );
}
