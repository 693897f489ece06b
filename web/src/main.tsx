import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider, type ConfigProviderProps } from 'antd';
import enUSModule from 'antd/es/locale/en_US.js';
import zhCNModule from 'antd/es/locale/zh_CN.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router-dom';
import { ApiError } from './api/http.ts';
import { SESSION_KEY } from './auth/session.ts';
import { initI18n, useT } from './i18n/index.ts';
import { createAppRouter } from './router.tsx';

initI18n();

// antd's ES locale files are ES modules whose typings the NodeNext resolver reads as CommonJS (the package
// has no `type: module`), so the checker thinks the default import is the module wrapper. The bundler
// hands over the locale object itself.
const zhCN = zhCNModule as unknown as ConfigProviderProps['locale'];
const enUS = enUSModule as unknown as ConfigProviderProps['locale'];

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({
    // A 401 on any call means the session ended (expired or logged out elsewhere): forget the user so
    // the guard sends them to the login page.
    onError: (error, query) => {
      if (error instanceof ApiError && error.status === 401 && query.queryKey[0] !== SESSION_KEY[0]) {
        queryClient.setQueryData(SESSION_KEY, null);
      }
    },
  }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // Client errors (403 outside scope, 404, …) will not change on retry; network trouble might.
      retry: (failureCount, error) =>
        !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failureCount < 2,
    },
  },
});

const router = createAppRouter();

function Root() {
  const { language } = useT();
  return (
    <ConfigProvider locale={language === 'en' ? enUS : zhCN} theme={{ token: { colorPrimary: '#b4232a' } }}>
      <RouterProvider router={router} />
    </ConfigProvider>
  );
}

const container = document.getElementById('root');
if (!container) throw new Error('index.html lacks the #root element');
createRoot(container).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <Root />
    </QueryClientProvider>
  </StrictMode>,
);
