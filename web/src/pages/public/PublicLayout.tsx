import { FileSearchOutlined, LoginOutlined } from '@ant-design/icons';
import { Layout, Space } from 'antd';
import { Suspense, useEffect } from 'react';
import { Link, Outlet } from 'react-router-dom';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { PageLoading } from '../../components/PageLoading.tsx';
import { useT } from '../../i18n/index.ts';
import { Muted } from './text.tsx';

/** The public portal's light frame: product name, language switch and a way in for staff. */
export function PublicLayout() {
  const { t, language } = useT();
  useEffect(() => {
    document.title = `${t('public.title')} · ${t('app.name')}`;
  }, [t]);
  return (
    <Layout style={{ minHeight: '100vh', background: '#fff' }}>
      <Layout.Header
        // The header's fixed 64 px height and line height are dropped so that on a phone the links
        // wrap under the name instead of spilling out of the bar.
        style={{
          display: 'flex',
          flexWrap: 'wrap',
          alignItems: 'center',
          justifyContent: 'space-between',
          gap: '8px 16px',
          height: 'auto',
          minHeight: 64,
          lineHeight: 1.5,
          paddingBlock: 12,
          paddingInline: 16,
          background: '#fff',
          borderBottom: '1px solid #f0f0f0',
        }}
      >
        <Link
          to="/public"
          style={{ fontSize: 18, fontWeight: 600, color: 'inherit', whiteSpace: 'nowrap' }}
          data-testid="public-home"
        >
          {t('app.name')}
          <Muted style={{ marginLeft: 12, fontWeight: 400 }}>{t('public.title')}</Muted>
        </Link>
        <Space wrap>
          <Link to="/public/complaints/track" data-testid="public-track-link">
            <FileSearchOutlined /> {language === 'en' ? 'Follow a complaint' : '举报查询'}
          </Link>
          <LanguageSwitch />
          <Link to="/login" data-testid="public-login-link">
            <LoginOutlined /> {t('public.login')}
          </Link>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ width: '100%', maxWidth: 1100, margin: '0 auto', padding: '24px 16px' }}>
        <Suspense fallback={<PageLoading />}>
          <Outlet />
        </Suspense>
      </Layout.Content>
      <Layout.Footer style={{ textAlign: 'center', background: '#fff' }}>
        <Muted>{t('app.tagline')}</Muted>
      </Layout.Footer>
    </Layout>
  );
}
