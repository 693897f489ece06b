import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Input, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { listOrgans } from '../../api/organs.ts';
import type { TOrganSummary } from '../../api/types.ts';
import { QueryError } from '../../components/StatusPages.tsx';
import { testAttributes } from '../../components/testAttributes.ts';
import { formatNumber } from '../../format.ts';
import { type TTranslate, useT } from '../../i18n/index.ts';
import { levelLabel, organKindLabel } from '../../labels.ts';

const PAGE_SIZE = 20;

function columns(t: TTranslate): TableColumnsType<TOrganSummary> {
  return [
    { key: 'name', title: t('field.name'), dataIndex: 'name' },
    {
      key: 'code',
      title: t('field.organCode'),
      dataIndex: 'code',
      render: (code: string) => <Typography.Text code>{code}</Typography.Text>,
    },
    { key: 'kind', title: t('field.organKind'), render: (_, organ) => t(organKindLabel(organ.kind)) },
    {
      key: 'isAdministrative',
      title: t('field.isAdministrative'),
      render: (_, organ) =>
        organ.isAdministrative ? <Tag color="blue">{t('app.yes')}</Tag> : <Tag>{t('app.no')}</Tag>,
    },
    { key: 'level', title: t('field.level'), render: (_, organ) => t(levelLabel(organ.level)) },
    {
      key: 'associationCount',
      title: t('field.associationCount'),
      align: 'right',
      render: (_, organ) => (
        <Link to={`/registry?organ=${encodeURIComponent(organ.code)}`}>
          {formatNumber(organ.associationCount)}
        </Link>
      ),
    },
  ];
}

/** Administrative organs and their units, with how many associations each was linked to. */
export function OrganListPage() {
  const { t } = useT();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const query = useQuery({
    queryKey: ['organs', 'list', q, page],
    queryFn: () => listOrgans({ q: q || undefined, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });

  const set = (next: { q: string; page: number }) => {
    const search = new URLSearchParams();
    if (next.q) search.set('q', next.q);
    if (next.page > 1) search.set('page', String(next.page));
    setParams(search);
  };

  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('organs.title')}
        </Typography.Title>
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Input
          key={q}
          data-testid="organs-search"
          style={{ maxWidth: 360 }}
          placeholder={t('organs.search.placeholder')}
          defaultValue={q}
          allowClear
          onPressEnter={(event) => set({ q: event.currentTarget.value.trim(), page: 1 })}
          onChange={(event) => {
            if (event.target.value === '' && q) set({ q: '', page: 1 });
          }}
        />
        {query.isError ? (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <Table<TOrganSummary>
            rowKey="code"
            size="middle"
            loading={query.isFetching}
            columns={columns(t)}
            dataSource={query.data?.items ?? []}
            scroll={{ x: 'max-content' }}
            onRow={(organ) => testAttributes('organ-row', organ.code)}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: query.data?.total ?? 0,
              showSizeChanger: false,
              showTotal: (total) => t('organs.total', { total: formatNumber(total) }),
            }}
            onChange={(pagination) => set({ q, page: pagination.current ?? 1 })}
          />
        )}
      </Space>
    </Card>
  );
}
