import { Button, Result } from 'antd';
import { Link, useRouteError } from 'react-router-dom';
import { ApiError } from '../api/http.ts';
import { useT } from '../i18n/index.ts';

/** 403: the role may not open the page, or the item is outside the user's scope. */
export function ForbiddenPage({ detail }: { detail?: string }) {
  const { t } = useT();
  return (
    <Result
      status="403"
      title={t('error.403.title')}
      subTitle={detail ?? t('error.403.subtitle')}
      extra={
        <Link to="/">
          <Button type="primary">{t('error.backHome')}</Button>
        </Link>
      }
      data-testid="forbidden-page"
    />
  );
}

/** 404: no such page (or no such item). */
export function NotFoundPage({ detail, homePath = '/' }: { detail?: string; homePath?: string }) {
  const { t } = useT();
  return (
    <Result
      status="404"
      title={t('error.404.title')}
      subTitle={detail ?? t('error.404.subtitle')}
      extra={
        <Link to={homePath}>
          <Button type="primary">{t('error.backHome')}</Button>
        </Link>
      }
      data-testid="not-found-page"
    />
  );
}

type TQueryErrorProps = { error: Error; onRetry?: () => void; homePath?: string };

/**
 * Shows a failed API call: 403 and 404 as their own pages with the server's message, anything else as
 * an error with the message and a retry button.
 */
export function QueryError({ error, onRetry, homePath }: TQueryErrorProps) {
  const { t } = useT();
  if (error instanceof ApiError && error.status === 403) return <ForbiddenPage detail={error.message} />;
  if (error instanceof ApiError && error.status === 404) {
    return <NotFoundPage detail={error.message} homePath={homePath} />;
  }
  return (
    <Result
      status="error"
      title={t('app.error.title')}
      subTitle={error.message}
      extra={onRetry ? <Button onClick={onRetry}>{t('app.retry')}</Button> : undefined}
      data-testid="query-error"
    />
  );
}

/**
 * Last resort for errors thrown while rendering a route, typically a chunk that no longer exists after a
 * new version was deployed: reloading fetches the new version.
 */
export function RouteError() {
  const { t } = useT();
  const error = useRouteError();
  const message = error instanceof Error ? error.message : String(error);
  return (
    <Result
      status="error"
      title={t('app.error.title')}
      subTitle={message}
      extra={<Button onClick={() => window.location.reload()}>{t('app.retry')}</Button>}
      data-testid="route-error"
    />
  );
}
