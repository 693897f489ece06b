import { FileExcelOutlined, FileTextOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { associationsExportUrl, listAssociations } from '../../api/associations.ts';
import type { TAssociationSummary } from '../../api/types.ts';
import { QueryError } from '../../components/StatusPages.tsx';
import { testAttributes } from '../../components/testAttributes.ts';
import { formatDate, formatNumber, orEmpty } from '../../format.ts';
import { type TTranslate, useT } from '../../i18n/index.ts';
import { levelLabel, statusLabel } from '../../labels.ts';
import { RegistryFilters } from './RegistryFilters.tsx';
import {
  PAGE_SIZES,
  parseRegistryParams,
  registryParams,
  sortOrderOf,
  sortParam,
  type TRegistryState,
  type TSortColumn,
} from './registryParams.ts';

const STATUS_COLORS = { active: 'green', deregistered: 'default', revoked: 'red' } as const;
const MAX_ORGAN_TAGS = 2;

function columns(t: TTranslate, state: TRegistryState): TableColumnsType<TAssociationSummary> {
  return [
    {
      key: 'name',
      title: t('field.name'),
      dataIndex: 'name',
      sorter: true,
      sortOrder: sortOrderOf(state.sort, 'name'),
      render: (name: string, row) => (
        <Link to={`/registry/${row.uscc}`} data-testid="registry-row-link">
          {name}
        </Link>
      ),
    },
    {
      key: 'uscc',
      title: t('field.uscc'),
      dataIndex: 'uscc',
      sorter: true,
      sortDirections: ['ascend'],
      sortOrder: sortOrderOf(state.sort, 'uscc'),
      render: (uscc: string) => <Typography.Text code>{uscc}</Typography.Text>,
    },
    { key: 'level', title: t('field.level'), dataIndex: 'level', render: (level) => t(levelLabel(level)) },
    { key: 'region', title: t('field.region'), dataIndex: 'regionName', render: (name) => orEmpty(name) },
    { key: 'industry', title: t('field.industry'), dataIndex: 'industry', render: (value) => orEmpty(value) },
    {
      key: 'organs',
      title: t('field.organs'),
      dataIndex: 'organs',
      render: (organs: TAssociationSummary['organs']) =>
        organs.length === 0 ? (
          orEmpty(null)
        ) : (
          <Space size={[0, 4]} wrap>
            {organs.slice(0, MAX_ORGAN_TAGS).map((organ) => (
              <Tag key={organ.code}>{organ.name}</Tag>
            ))}
            {organs.length > MAX_ORGAN_TAGS ? <Tag>+{organs.length - MAX_ORGAN_TAGS}</Tag> : null}
          </Space>
        ),
    },
    {
      key: 'status',
      title: t('field.status'),
      dataIndex: 'status',
      render: (status: TAssociationSummary['status']) => (
        <Tag color={STATUS_COLORS[status]}>{t(statusLabel(status))}</Tag>
      ),
    },
    {
      key: 'registeredOn',
      title: t('field.registeredOn'),
      dataIndex: 'registeredOn',
      sorter: true,
      sortOrder: sortOrderOf(state.sort, 'registeredOn'),
      render: (value: string | null) => formatDate(value),
    },
  ];
}

/** The registry: filterable, sortable, paged list of the associations in the user's scope. */
export function RegistryListPage() {
  const { t } = useT();
  const [searchParams, setSearchParams] = useSearchParams();
  const state = parseRegistryParams(searchParams);
  const update = (next: TRegistryState) => setSearchParams(registryParams(next));

  const query = useQuery({
    queryKey: ['associations', 'list', state],
    queryFn: () =>
      listAssociations({ ...state.filters, page: state.page, pageSize: state.pageSize, sort: state.sort }),
    // Keep the previous page on screen while the next one loads; no flashing empty table.
    placeholderData: keepPreviousData,
  });

  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="registry-title">
          {t('registry.title')}
        </Typography.Title>
      }
      extra={
        <Space>
          <Button
            icon={<FileExcelOutlined />}
            href={associationsExportUrl('xlsx', state.filters)}
            data-testid="registry-export-xlsx"
          >
            {t('registry.export.xlsx')}
          </Button>
          <Button
            icon={<FileTextOutlined />}
            href={associationsExportUrl('csv', state.filters)}
            data-testid="registry-export-csv"
          >
            {t('registry.export.csv')}
          </Button>
        </Space>
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <RegistryFilters
          filters={state.filters}
          onChange={(filters) => update({ ...state, filters, page: 1 })}
        />
        {query.isError ? (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <Table<TAssociationSummary>
            data-testid="registry-table"
            rowKey="uscc"
            size="middle"
            loading={query.isFetching}
            columns={columns(t, state)}
            dataSource={query.data?.items ?? []}
            scroll={{ x: 'max-content' }}
            onRow={(row) => testAttributes('registry-row', row.uscc)}
            pagination={{
              current: state.page,
              pageSize: state.pageSize,
              total: query.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: PAGE_SIZES.map(String),
              showTotal: (total) =>
                t('registry.total', {
                  total: query.data?.totalIsEstimate
                    ? t('app.approximately', { value: formatNumber(total) })
                    : formatNumber(total),
                }),
            }}
            onChange={(pagination, _filters, sorter) => {
              const single = Array.isArray(sorter) ? sorter[0] : sorter;
              const column = single?.columnKey as TSortColumn | undefined;
              const sort = sortParam(column, single?.order);
              const pageSize = pagination.pageSize ?? state.pageSize;
              // A new sort or page size starts again at page 1; a page click keeps the sort.
              const reset = sort !== state.sort || pageSize !== state.pageSize;
              update({ ...state, sort, pageSize, page: reset ? 1 : (pagination.current ?? 1) });
            }}
          />
        )}
      </Space>
    </Card>
  );
}
