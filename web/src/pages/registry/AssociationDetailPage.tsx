import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, type DescriptionsProps, Space, Tabs, Tag, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { getAssociation } from '../../api/associations.ts';
import type { TAssociationDetail, TRole } from '../../api/types.ts';
import { useSession } from '../../auth/session.ts';
import { PageLoading } from '../../components/PageLoading.tsx';
import { QueryError } from '../../components/StatusPages.tsx';
import { formatDate, formatNumber, orEmpty } from '../../format.ts';
import { type TTranslate, useT } from '../../i18n/index.ts';
import { levelLabel, statusLabel } from '../../labels.ts';
import { appRoutes, canAccess } from '../../routes.tsx';
import { OrganLinksTable } from './OrganLinksTable.tsx';
import { PostsTable } from './PostsTable.tsx';

// The findings tab loads with its first opening; most visits only read the registration.
const AssociationFindings = lazy(() =>
  import('../findings/AssociationFindings.tsx').then((m) => ({ default: m.AssociationFindings })),
);

const TABS = ['overview', 'findings'] as const;
type TTab = (typeof TABS)[number];

/** Whether the role may see findings at all: the same roles as the findings list. */
function canSeeFindings(role: TRole): boolean {
  const route = appRoutes.find((candidate) => candidate.path === '/findings');
  return route !== undefined && canAccess(route, role);
}

/** Only these roles may open a full resident ID (the server checks again and audits it). */
function canRevealIds(role: TRole): boolean {
  return role === 'regulator' || role === 'admin';
}

function basicItems(association: TAssociationDetail, t: TTranslate): DescriptionsProps['items'] {
  const regionText =
    association.regionName && association.regionName !== association.regionCode
      ? `${association.regionName}(${association.regionCode})`
      : association.regionCode;
  return [
    {
      key: 'uscc',
      label: t('field.uscc'),
      children: <Typography.Text copyable>{association.uscc}</Typography.Text>,
    },
    { key: 'name', label: t('field.name'), children: association.name },
    { key: 'nameEn', label: t('field.nameEn'), children: orEmpty(association.nameEn) },
    { key: 'shortName', label: t('field.shortName'), children: orEmpty(association.shortName) },
    { key: 'level', label: t('field.level'), children: t(levelLabel(association.level)) },
    { key: 'region', label: t('field.region'), children: regionText },
    { key: 'industry', label: t('field.industry'), children: orEmpty(association.industry) },
    { key: 'registrar', label: t('field.registrar'), children: orEmpty(association.registrar) },
    { key: 'foundedOn', label: t('field.foundedOn'), children: formatDate(association.foundedOn) },
    { key: 'registeredOn', label: t('field.registeredOn'), children: formatDate(association.registeredOn) },
    { key: 'status', label: t('field.status'), children: t(statusLabel(association.status)) },
    { key: 'memberCount', label: t('field.memberCount'), children: formatNumber(association.memberCount) },
    { key: 'address', label: t('field.address'), children: orEmpty(association.address), span: 2 },
    { key: 'phone', label: t('field.phone'), children: orEmpty(association.phone) },
    {
      key: 'bankAccount',
      label: t('field.bankAccount'),
      children: orEmpty(association.bankAccount),
      span: 2,
    },
  ];
}

/** One association: registration fields, organ links and office-holders; its findings on a tab. */
export function AssociationDetailPage() {
  const { uscc = '' } = useParams();
  const { t } = useT();
  const session = useSession();
  const [searchParams, setSearchParams] = useSearchParams();
  const query = useQuery({ queryKey: ['associations', 'detail', uscc], queryFn: () => getAssociation(uscc) });

  if (query.isPending) return <PageLoading />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const { association, links, posts } = query.data;
  const role = session.status === 'authenticated' ? session.user.role : undefined;
  const showFindings = role !== undefined && canSeeFindings(role);
  const requested = searchParams.get('tab');
  const tab: TTab = showFindings && requested === 'findings' ? 'findings' : 'overview';

  const overview = (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card title={t('detail.basic')}>
        <Descriptions
          data-testid="detail-fields"
          bordered
          size="small"
          column={{ xs: 1, md: 2, xl: 3 }}
          items={basicItems(association, t)}
        />
      </Card>
      <Card title={t('detail.links')}>
        <OrganLinksTable links={links} />
      </Card>
      <Card title={t('detail.posts')}>
        <PostsTable posts={posts} canRevealId={role !== undefined && canRevealIds(role)} />
      </Card>
    </Space>
  );

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Space align="center" wrap>
        <Link to="/registry">
          <Button icon={<ArrowLeftOutlined />}>{t('app.back')}</Button>
        </Link>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="detail-title">
          {association.name}
        </Typography.Title>
        <Tag color={association.status === 'active' ? 'green' : 'red'}>
          {t(statusLabel(association.status))}
        </Tag>
      </Space>
      <Tabs
        data-testid="detail-tabs"
        activeKey={tab}
        onChange={(key) => setSearchParams(key === 'overview' ? {} : { tab: key })}
        items={[
          {
            key: 'overview',
            label: <span data-testid="detail-tab-overview">{t('detail.tab.overview')}</span>,
            children: overview,
          },
          ...(showFindings
            ? [
                {
                  key: 'findings',
                  label: <span data-testid="detail-tab-findings">{t('detail.tab.findings')}</span>,
                  children: (
                    <Suspense fallback={<PageLoading />}>
                      <AssociationFindings uscc={association.uscc} />
                    </Suspense>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Space>
  );
}
