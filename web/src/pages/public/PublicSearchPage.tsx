import { SearchOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Empty, Input, Pagination, Select, Space, Spin, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { searchPublicAssociations } from '../../api/public.ts';
import { LEVELS, type TPublicAssociation } from '../../api/types.ts';
import { QueryErrorLazy } from '../../components/LazyStatusPages.tsx';
import { RegionSelect } from '../../components/RegionSelect.tsx';
import { formatNumber, orEmpty } from '../../format.ts';
import { useT } from '../../i18n/index.ts';
import { levelLabel, statusLabel } from '../../labels.ts';
import { PUBLIC_PAGE_SIZE, parsePublicParams, publicParams } from './publicParams.ts';
import { Code, Heading, Muted } from './text.tsx';

function ResultRow({ item }: { item: TPublicAssociation }) {
  const { t } = useT();
  return (
    <div
      data-testid="public-result-row"
      data-key={item.uscc}
      style={{ padding: '12px 0', borderBottom: '1px solid #f0f0f0' }}
    >
      <Link
        to={`/public/associations/${item.uscc}`}
        style={{ fontSize: 16 }}
        data-testid="public-result-link"
      >
        {item.name}
      </Link>
      <div style={{ marginTop: 4 }}>
        <Space size="small" wrap>
          <Code>{item.uscc}</Code>
          <Tag>{t(levelLabel(item.level))}</Tag>
          <Muted>{orEmpty(item.regionName)}</Muted>
          {item.industry ? <Muted>{item.industry}</Muted> : null}
          <Tag color={item.status === 'active' ? 'green' : 'default'}>{t(statusLabel(item.status))}</Tag>
        </Space>
      </div>
    </div>
  );
}

/** The public search: anyone may look associations up by name or USCC, by region and by level. */
export function PublicSearchPage() {
  const { t } = useT();
  const [searchParams, setSearchParams] = useSearchParams();
  const query = parsePublicParams(searchParams);
  const [draft, setDraft] = useState(query.q ?? '');
  useEffect(() => setDraft(query.q ?? ''), [query.q]);
  const update = (patch: Partial<typeof query>) =>
    setSearchParams(publicParams({ ...query, page: 1, ...patch }));

  const result = useQuery({
    queryKey: ['public', 'search', query],
    queryFn: () => searchPublicAssociations({ ...query, pageSize: PUBLIC_PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <div>
        <Heading level={1} testId="public-title">
          {t('public.title')}
        </Heading>
        <Muted>{t('public.subtitle')}</Muted>
      </div>
      <Space.Compact style={{ width: '100%', maxWidth: 640 }}>
        <Input
          size="large"
          data-testid="public-search"
          placeholder={t('public.search.placeholder')}
          value={draft}
          allowClear
          onChange={(event) => {
            setDraft(event.target.value);
            if (event.target.value === '' && query.q) update({ q: undefined });
          }}
          onPressEnter={() => update({ q: draft.trim() || undefined })}
        />
        <Button
          size="large"
          type="primary"
          icon={<SearchOutlined />}
          data-testid="public-search-button"
          onClick={() => update({ q: draft.trim() || undefined })}
        >
          {t('public.search.button')}
        </Button>
      </Space.Compact>
      <Space wrap>
        <RegionSelect
          provincePlaceholder={t('public.filter.region')}
          prefecturePlaceholder={t('public.filter.prefecture')}
          value={query.region}
          onChange={(region) => update({ region })}
        />
        <Select
          data-testid="public-filter-level"
          style={{ width: 140 }}
          placeholder={t('public.filter.level')}
          value={query.level}
          allowClear
          options={LEVELS.map((level) => ({ value: level, label: t(levelLabel(level)) }))}
          onChange={(level) => update({ level: level || undefined })}
        />
      </Space>
      {result.isError ? (
        <QueryErrorLazy error={result.error} onRetry={() => void result.refetch()} homePath="/public" />
      ) : (
        <Spin spinning={result.isFetching}>
          <Muted testId="public-total">
            {t('public.results', {
              total: result.data?.totalIsEstimate
                ? t('app.approximately', { value: formatNumber(result.data.total) })
                : formatNumber(result.data?.total ?? 0),
            })}
          </Muted>
          <div data-testid="public-results">
            {result.data?.items.map((item) => (
              <ResultRow key={item.uscc} item={item} />
            ))}
          </div>
          {result.data && result.data.items.length === 0 ? (
            <Empty description={t('public.noResults')} />
          ) : null}
          {result.data && result.data.total > PUBLIC_PAGE_SIZE ? (
            <Pagination
              style={{ marginTop: 16 }}
              current={query.page}
              pageSize={PUBLIC_PAGE_SIZE}
              total={result.data.total}
              showSizeChanger={false}
              onChange={(page) => setSearchParams(publicParams({ ...query, page }))}
            />
          ) : null}
        </Spin>
      )}
    </Space>
  );
}
