import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Row, Space, Statistic, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { getRegistrySummary, type TRegistrySummary } from '../api/associations.ts';
import { listOrgans } from '../api/organs.ts';
import type { TAssociationFilters, TRole, TUser } from '../api/types.ts';
import { describeScope } from '../auth/scope.ts';
import { useSession } from '../auth/session.ts';
import { formatNumber } from '../format.ts';
import { type TMessageId, useT } from '../i18n/index.ts';
import { roleLabel } from '../labels.ts';

type TCountCard = {
  id: string;
  titleId: TMessageId;
  /** The registry list behind the number, which the card opens; its count is read off the summary. */
  filters: Pick<TAssociationFilters, 'status' | 'level'>;
};

const ASSOCIATION_CARDS: readonly TCountCard[] = [
  { id: 'total', titleId: 'home.stat.total', filters: {} },
  { id: 'active', titleId: 'home.stat.active', filters: { status: 'active' } },
  { id: 'deregistered', titleId: 'home.stat.deregistered', filters: { status: 'deregistered' } },
  { id: 'revoked', titleId: 'home.stat.revoked', filters: { status: 'revoked' } },
  { id: 'national', titleId: 'home.stat.national', filters: { level: 'national' } },
];

/** The summary's count of a card's list: by status, by level, or all. */
function countOf(summary: TRegistrySummary, { status, level }: TCountCard['filters']): number {
  if (status) return summary.byStatus[status];
  if (level) return summary.byLevel[level];
  return summary.total;
}

/** Roles that look after many associations see counts; an association user sees its own record. */
function cardsFor(role: TRole): readonly TCountCard[] {
  switch (role) {
    case 'association':
      return ASSOCIATION_CARDS.slice(0, 1);
    case 'regulator':
    case 'organ':
    case 'inspector':
    case 'auditor':
    case 'admin':
      return ASSOCIATION_CARDS;
  }
}

function showsOrganCount(role: TRole): boolean {
  return role === 'regulator' || role === 'auditor' || role === 'admin';
}

/** One exact count of the caller's scope (the search's totals are estimates past a thousand). */
function AssociationCount({ card }: { card: TCountCard }) {
  const { t } = useT();
  const query = useQuery({ queryKey: ['registry', 'summary'], queryFn: getRegistrySummary });
  const params = new URLSearchParams(card.filters as Record<string, string>).toString();
  return (
    <Link to={params ? `/registry?${params}` : '/registry'} data-testid={`home-stat-${card.id}-link`}>
      <Card hoverable data-testid={`home-stat-${card.id}`}>
        <Statistic
          title={t(card.titleId)}
          loading={query.isPending}
          value={query.data ? formatNumber(countOf(query.data, card.filters)) : query.isError ? '—' : 0}
        />
      </Card>
    </Link>
  );
}

function OrganCount() {
  const { t } = useT();
  const query = useQuery({
    queryKey: ['organs', 'count'],
    queryFn: () => listOrgans({ page: 1, pageSize: 1 }),
  });
  return (
    <Card data-testid="home-stat-organs">
      <Statistic
        title={t('home.stat.organs')}
        loading={query.isPending}
        value={query.data ? formatNumber(query.data.total) : query.isError ? '—' : 0}
      />
    </Card>
  );
}

function Welcome({ user }: { user: TUser }) {
  const { t } = useT();
  const own = user.scope.associationUscc;
  return (
    <Card>
      <Space orientation="vertical">
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="home-title">
          {t('home.welcome', { name: user.displayName })}
        </Typography.Title>
        <Space wrap>
          <Tag color="blue">{t(roleLabel(user.role))}</Tag>
          <Typography.Text type="secondary">
            {t('scope.label')}: {describeScope(user, t)}
          </Typography.Text>
        </Space>
        <Typography.Paragraph style={{ margin: 0 }}>{t(`home.role.${user.role}`)}</Typography.Paragraph>
        <Link to={own ? `/registry/${own}` : '/registry'}>
          <Button type="primary">{own ? (user.scope.associationName ?? own) : t('home.openRegistry')}</Button>
        </Link>
      </Space>
    </Card>
  );
}

/** Overview for the logged-in user: who they are, what they may see, and the counts in their scope. */
export function HomePage() {
  const session = useSession();
  if (session.status !== 'authenticated') return null;
  const { user } = session;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Welcome user={user} />
      <Row gutter={[16, 16]}>
        {cardsFor(user.role).map((card) => (
          <Col key={card.id} xs={24} sm={12} lg={8} xl={6}>
            <AssociationCount card={card} />
          </Col>
        ))}
        {showsOrganCount(user.role) ? (
          <Col xs={24} sm={12} lg={8} xl={6}>
            <OrganCount />
          </Col>
        ) : null}
      </Row>
    </Space>
  );
}
