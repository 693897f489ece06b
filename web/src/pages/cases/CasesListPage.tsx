import { FileExcelOutlined, FileTextOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { BUILT_IN_BATCHES } from '../../../../src/core/cases/batches.ts';
import { CASE_STATE_TITLES } from '../../../../src/core/cases/transitions.ts';
import { CASE_STATES } from '../../../../src/core/cases/types.ts';
import {
  casesExportUrl,
  listCases,
  type TCaseFilters,
  type TCaseState,
  type TCaseSummary,
} from '../../api/cases.ts';
import { QueryError } from '../../components/StatusPages.tsx';
import { testAttributes } from '../../components/testAttributes.ts';
import { formatDate } from '../../format.ts';
import { useT } from '../../i18n/index.ts';
import { caseText, pickText } from './text.ts';

/** Colours of the case states: grey before the plan, blue while working, green closed, red blocked. */
export const CASE_STATE_COLORS: Record<TCaseState, string> = {
  listed: 'default',
  plan_drafted: 'default',
  plan_submitted: 'processing',
  plan_returned: 'warning',
  plan_approved: 'processing',
  executing: 'blue',
  verification: 'purple',
  decoupled: 'success',
  blocked: 'error',
  exempt: 'cyan',
};

const OVERDUE = ['any', 'CASE-1', 'CASE-2'] as const;

function filtersOf(params: URLSearchParams): TCaseFilters & { page: number; pageSize: number } {
  const state = params.get('state');
  const overdue = params.get('overdue');
  return {
    state: (CASE_STATES as readonly string[]).includes(state ?? '') ? (state as TCaseState) : undefined,
    batch: params.get('batch') || undefined,
    q: params.get('q') || undefined,
    overdue: (OVERDUE as readonly string[]).includes(overdue ?? '')
      ? (overdue as TCaseFilters['overdue'])
      : undefined,
    page: Number(params.get('page')) || 1,
    pageSize: Number(params.get('pageSize')) || 20,
  };
}

/** The decoupling cases in the user's scope: filter by state, batch and overdue, export, open one. */
export function CasesListPage() {
  const { language } = useT();
  const tx = (id: Parameters<typeof caseText>[1], values?: Record<string, string | number>) =>
    caseText(language, id, values);
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const state = filtersOf(params);
  const { page, pageSize, ...filters } = state;
  const update = (next: Partial<typeof state>) => {
    const merged = { ...state, ...next };
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(merged)) {
      if (
        value !== undefined &&
        value !== '' &&
        !(key === 'page' && value === 1) &&
        !(key === 'pageSize' && value === 20)
      )
        search.set(key, String(value));
    }
    setParams(search);
  };

  const query = useQuery({
    queryKey: ['cases', 'list', state],
    queryFn: () => listCases(state),
    placeholderData: keepPreviousData,
  });

  const columns = [
    {
      key: 'ref',
      title: tx('col.ref'),
      render: (_: unknown, row: TCaseSummary) => (
        <Link to={`/cases/${row.id}`} data-testid="case-row-open">
          {row.ref}
        </Link>
      ),
    },
    {
      key: 'association',
      title: tx('col.association'),
      render: (_: unknown, row: TCaseSummary) => row.association.name,
    },
    {
      key: 'batch',
      title: tx('col.batch'),
      render: (_: unknown, row: TCaseSummary) => pickText(row.batch.title, language),
    },
    {
      key: 'state',
      title: tx('col.state'),
      render: (_: unknown, row: TCaseSummary) => (
        <Tag color={CASE_STATE_COLORS[row.state]} data-testid="case-row-state">
          {pickText(row.stateTitle, language)}
        </Tag>
      ),
    },
    {
      key: 'plan',
      title: tx('col.planDeadline'),
      render: (_: unknown, row: TCaseSummary) => formatDate(row.planDeadline),
    },
    {
      key: 'completion',
      title: tx('col.completionDeadline'),
      render: (_: unknown, row: TCaseSummary) => formatDate(row.completionDeadline),
    },
    {
      key: 'overdue',
      title: tx('col.overdue'),
      render: (_: unknown, row: TCaseSummary) => (
        <Space size={4} wrap>
          {row.overdue.map((o) => (
            <Tag key={o.rule} color="red">
              {tx('overdue.days', { rule: o.rule, days: o.daysOverdue })}
            </Tag>
          ))}
        </Space>
      ),
    },
  ];

  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="cases-title">
          {tx('list.title')}
        </Typography.Title>
      }
      extra={
        <Space>
          <Button
            icon={<FileExcelOutlined />}
            href={casesExportUrl('xlsx', filters)}
            data-testid="cases-export-xlsx"
          >
            {tx('list.export.xlsx')}
          </Button>
          <Button
            icon={<FileTextOutlined />}
            href={casesExportUrl('csv', filters)}
            data-testid="cases-export-csv"
          >
            {tx('list.export.csv')}
          </Button>
        </Space>
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Space wrap>
          <Input.Search
            allowClear
            defaultValue={filters.q}
            placeholder={tx('list.filter.q')}
            style={{ width: 300 }}
            onSearch={(q) => update({ q: q || undefined, page: 1 })}
            data-testid="cases-filter-q"
          />
          <Select
            allowClear
            placeholder={tx('list.filter.state')}
            style={{ width: 160 }}
            value={filters.state}
            onChange={(value?: TCaseState) => update({ state: value, page: 1 })}
            options={CASE_STATES.map((s) => ({ value: s, label: pickText(CASE_STATE_TITLES[s], language) }))}
            data-testid="cases-filter-state"
          />
          <Select
            allowClear
            placeholder={tx('list.filter.batch')}
            style={{ width: 240 }}
            value={filters.batch}
            onChange={(value?: string) => update({ batch: value, page: 1 })}
            options={BUILT_IN_BATCHES.map((b) => ({ value: b.id, label: pickText(b.title, language) }))}
            data-testid="cases-filter-batch"
          />
          <Select
            allowClear
            placeholder={tx('list.filter.overdue')}
            style={{ width: 200 }}
            value={filters.overdue}
            onChange={(value?: TCaseFilters['overdue']) => update({ overdue: value, page: 1 })}
            options={OVERDUE.map((o) => ({ value: o, label: tx(`list.overdue.${o}`) }))}
            data-testid="cases-filter-overdue"
          />
        </Space>
        {query.isError ? (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <Table<TCaseSummary>
            rowKey="id"
            size="middle"
            loading={query.isFetching}
            dataSource={query.data?.items ?? []}
            columns={columns}
            onRow={(row) => ({
              ...testAttributes('case-row', row.id),
              onDoubleClick: () => navigate(`/cases/${row.id}`),
            })}
            pagination={{
              current: page,
              pageSize,
              total: query.data?.total ?? 0,
              showTotal: (total) => tx('list.total', { total }),
              onChange: (nextPage, nextSize) => update({ page: nextPage, pageSize: nextSize }),
            }}
          />
        )}
      </Space>
    </Card>
  );
}
