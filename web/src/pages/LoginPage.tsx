import { LockOutlined, SearchOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useEffect } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { useLogin, useSession } from '../auth/session.ts';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { useT } from '../i18n/index.ts';
import { loginErrorTitle, safeNextPath } from './loginError.ts';

type TLoginForm = { username: string; password: string };

/** Username and password; shows why a login failed in the server's words. */
export function LoginPage() {
  const { t } = useT();
  const session = useSession();
  const login = useLogin();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'));

  useEffect(() => {
    document.title = `${t('login.title')} · ${t('app.name')}`;
  }, [t]);

  if (session.status === 'authenticated') return <Navigate to={next} replace />;

  const onFinish = (values: TLoginForm) => {
    login.mutate(values, { onSuccess: () => navigate(next, { replace: true }) });
  };

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: '#f5f7fa',
        padding: 16,
      }}
    >
      <Card style={{ width: 380 }}>
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {t('app.name')}
            </Typography.Title>
            <LanguageSwitch />
          </div>
          <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
          {login.error ? (
            <Alert
              type="error"
              showIcon
              title={t(loginErrorTitle(login.error))}
              description={login.error.message}
              data-testid="login-error"
            />
          ) : null}
          <Form<TLoginForm>
            layout="vertical"
            onFinish={onFinish}
            requiredMark={false}
            data-testid="login-form"
          >
            <Form.Item
              name="username"
              label={t('login.username')}
              rules={[{ required: true, message: t('login.username.required') }]}
            >
              <Input
                prefix={<UserOutlined />}
                autoComplete="username"
                autoFocus
                data-testid="login-username"
              />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('login.password')}
              rules={[{ required: true, message: t('login.password.required') }]}
            >
              <Input.Password
                prefix={<LockOutlined />}
                autoComplete="current-password"
                data-testid="login-password"
              />
            </Form.Item>
            <Button
              type="primary"
              htmlType="submit"
              block
              loading={login.isPending}
              data-testid="login-submit"
            >
              {t('login.submit')}
            </Button>
          </Form>
          <Link to="/public" data-testid="public-link">
            <SearchOutlined /> {t('login.publicLink')}
          </Link>
        </Space>
      </Card>
    </div>
  );
}
