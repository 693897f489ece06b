import { FileExcelOutlined, FileTextOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Space, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { findingsExportUrl, listFindings } from '../../api/findings.ts';
import { QueryError } from '../../components/StatusPages.tsx';
import { useT } from '../../i18n/index.ts';
import { FindingDrawer } from './FindingDrawer.tsx';
import { FindingFilters } from './FindingFilters.tsx';
import { FindingsTable } from './FindingsTable.tsx';
import { findingsParams, parseFindingsParams, type TFindingsState } from './findingParams.ts';

/** The findings in the user's scope: filterable, sortable, paged, exportable; a row opens its detail. */
export function FindingsListPage() {
  const { t } = useT();
  const [searchParams, setSearchParams] = useSearchParams();
  const state = parseFindingsParams(searchParams);
  const update = (next: TFindingsState) => setSearchParams(findingsParams(next));
  const { open: _open, ...listState } = state;

  const query = useQuery({
    queryKey: ['findings', 'list', 'all', listState],
    queryFn: () =>
      listFindings({ ...state.filters, page: state.page, pageSize: state.pageSize, sort: state.sort }),
    placeholderData: keepPreviousData,
  });

  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="findings-title">
          {t('findings.title')}
        </Typography.Title>
      }
      extra={
        <Space>
          <Button
            icon={<FileExcelOutlined />}
            href={findingsExportUrl('xlsx', state.filters)}
            data-testid="findings-export-xlsx"
          >
            {t('findings.export.xlsx')}
          </Button>
          <Button
            icon={<FileTextOutlined />}
            href={findingsExportUrl('csv', state.filters)}
            data-testid="findings-export-csv"
          >
            {t('findings.export.csv')}
          </Button>
        </Space>
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <FindingFilters
          filters={state.filters}
          onChange={(filters) => update({ ...state, filters, page: 1 })}
        />
        {query.isError ? (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <FindingsTable
            data={query.data}
            loading={query.isFetching}
            paging={state}
            onPagingChange={(paging) => update({ ...state, ...paging })}
            sorting={{ sort: state.sort, onSortChange: (sort) => update({ ...state, sort, page: 1 }) }}
            onOpen={(id) => update({ ...state, open: id })}
            showAssociation
          />
        )}
      </Space>
      <FindingDrawer id={state.open} onClose={() => update({ ...state, open: undefined })} />
    </Card>
  );
}
