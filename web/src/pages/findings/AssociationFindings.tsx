import { UnorderedListOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Space } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { listAssociationFindings } from '../../api/findings.ts';
import { QueryError } from '../../components/StatusPages.tsx';
import { useT } from '../../i18n/index.ts';
import { FindingDrawer } from './FindingDrawer.tsx';
import { FindingsTable } from './FindingsTable.tsx';
import { findingsParams, parseFindingsParams, type TFindingsState } from './findingParams.ts';

/**
 * The findings tab of an association's page. Its paging and open finding live in the page's URL
 * beside the tab, so a link can point at one finding of one association.
 */
export function AssociationFindings({ uscc }: { uscc: string }) {
  const { t } = useT();
  const [searchParams, setSearchParams] = useSearchParams();
  const state = parseFindingsParams(searchParams);
  const update = (next: TFindingsState) => {
    const params = findingsParams({ ...next, filters: {} });
    params.set('tab', 'findings');
    setSearchParams(params);
  };

  const query = useQuery({
    queryKey: ['findings', 'list', 'association', uscc, state.page, state.pageSize, state.sort],
    queryFn: () =>
      listAssociationFindings(uscc, { page: state.page, pageSize: state.pageSize, sort: state.sort }),
    placeholderData: keepPreviousData,
  });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="association-findings">
      <Link to={`/findings?association=${encodeURIComponent(uscc)}`} data-testid="association-findings-all">
        <Button icon={<UnorderedListOutlined />}>{t('findings.title')}</Button>
      </Link>
      {query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <FindingsTable
          data={query.data}
          loading={query.isFetching}
          paging={state}
          onPagingChange={(paging) => update({ ...state, ...paging })}
          onOpen={(id) => update({ ...state, open: id })}
          showAssociation={false}
        />
      )}
      <FindingDrawer id={state.open} onClose={() => update({ ...state, open: undefined })} />
    </Space>
  );
}
