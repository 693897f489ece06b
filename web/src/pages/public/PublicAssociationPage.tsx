import { ArrowLeftOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Descriptions, type DescriptionsProps, Empty, Space, Tag } from 'antd';
import { lazy, Suspense } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { getPublicAssociation } from '../../api/public.ts';
import type { TFormerOrgan, TPublicAssociationDetail } from '../../api/types.ts';
import { QueryErrorLazy } from '../../components/LazyStatusPages.tsx';
import { PageLoading } from '../../components/PageLoading.tsx';
import { formatDate, formatDateRange, formatNumber, orEmpty } from '../../format.ts';
import { type TTranslate, useT } from '../../i18n/index.ts';
import { levelLabel, linkKindLabel, statusLabel } from '../../labels.ts';
import { Heading, Muted, Section } from './text.tsx';

// Scorecard, fees, credit, inspections and complaint outcomes come in a chunk of their own after the
// registry record is shown, which keeps the portal's first load within its budget.
const AssociationSections = lazy(() =>
  import('./AssociationSections.tsx').then((m) => ({ default: m.AssociationSections })),
);

function fields(association: TPublicAssociationDetail, t: TTranslate): DescriptionsProps['items'] {
  return [
    { key: 'uscc', label: t('field.uscc'), children: association.uscc },
    { key: 'level', label: t('field.level'), children: t(levelLabel(association.level)) },
    { key: 'region', label: t('field.region'), children: orEmpty(association.regionName) },
    { key: 'industry', label: t('field.industry'), children: orEmpty(association.industry) },
    { key: 'status', label: t('field.status'), children: t(statusLabel(association.status)) },
    { key: 'registrar', label: t('field.registrar'), children: orEmpty(association.registrar) },
    { key: 'foundedOn', label: t('field.foundedOn'), children: formatDate(association.foundedOn) },
    { key: 'registeredOn', label: t('field.registeredOn'), children: formatDate(association.registeredOn) },
    { key: 'memberCount', label: t('field.memberCount'), children: formatNumber(association.memberCount) },
    { key: 'address', label: t('field.address'), children: orEmpty(association.address), span: 'filled' },
  ];
}

function FormerOrgans({ organs }: { organs: TFormerOrgan[] }) {
  const { t } = useT();
  if (organs.length === 0) return <Empty description={t('public.noFormerOrgans')} />;
  return (
    <div data-testid="public-former-organs">
      {organs.map((organ) => (
        <div
          key={`${organ.code}:${organ.kind}:${organ.startedOn}`}
          data-testid="public-former-organ"
          style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}
        >
          <Space wrap>
            <Tag color="purple">{t(linkKindLabel(organ.kind))}</Tag>
            <strong>{organ.name}</strong>
            <Muted>{formatDateRange(organ.startedOn, organ.endedOn, t('app.current'))}</Muted>
          </Space>
        </div>
      ))}
    </div>
  );
}

/** An association's public page: registration facts and the organs it was linked to; no person data. */
export function PublicAssociationPage() {
  const { uscc = '' } = useParams();
  const { t, language } = useT();
  const query = useQuery({
    queryKey: ['public', 'association', uscc],
    queryFn: () => getPublicAssociation(uscc),
  });
  const navigate = useNavigate();
  const location = useLocation();
  // Back to the search as it was (query, filters, page) when we came from it; a direct visit has no
  // history entry of ours (`default` key), so it goes to an empty search.
  const back = () => (location.key === 'default' ? navigate('/public') : navigate(-1));

  if (query.isPending) return <PageLoading />;
  if (query.isError) {
    return <QueryErrorLazy error={query.error} onRetry={() => void query.refetch()} homePath="/public" />;
  }
  const { association, formerOrgans } = query.data;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Space align="center" wrap>
        <Button icon={<ArrowLeftOutlined />} onClick={back} data-testid="public-back">
          {t('public.backToSearch')}
        </Button>
        <Heading level={2} testId="public-detail-title">
          {association.name}
        </Heading>
      </Space>
      <Section>
        <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} items={fields(association, t)} />
      </Section>
      <Section title={t('public.formerOrgans')}>
        <FormerOrgans organs={formerOrgans} />
      </Section>
      <Suspense fallback={<PageLoading />}>
        <AssociationSections uscc={association.uscc} />
      </Suspense>
      <Link to={`/public/complaints/new?uscc=${association.uscc}`} data-testid="public-file-complaint">
        <Button danger icon={<ExclamationCircleOutlined />}>
          {language === 'en' ? 'Report this association' : '举报该协会'}
        </Button>
      </Link>
    </Space>
  );
}
