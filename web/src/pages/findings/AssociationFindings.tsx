import { UnorderedListOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Checkbox, Select, Space } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { listAssociationFindings } from '../../api/findings.ts';
import { FINDING_STATUSES } from '../../api/types.ts';
import { QueryError } from '../../components/StatusPages.tsx';
import { useT } from '../../i18n/index.ts';
import { findingStatusLabel } from '../../labels.ts';
import { FindingDrawer } from './FindingDrawer.tsx';
import { FindingsTable } from './FindingsTable.tsx';
import { findingsParams, parseFindingsParams, type TFindingsState } from './findingParams.ts';

/**
 * The findings tab of an association's page. Its status filter, paging and open finding live in the
 * page's URL beside the tab, so a link can point at one finding of one association.
 */
export function AssociationFindings({ uscc }: { uscc: string }) {
  const { t } = useT();
  const [searchParams, setSearchParams] = useSearchParams();
  const parsed = parseFindingsParams(searchParams);
  // This API filters by status and resolution only; other keys in a hand-made URL are ignored.
  const { status, includeResolved } = parsed.filters;
  const state: TFindingsState = { ...parsed, filters: { status, includeResolved } };
  const update = (next: TFindingsState) => {
    const params = findingsParams(next);
    params.set('tab', 'findings');
    setSearchParams(params);
  };

  const query = useQuery({
    queryKey: ['findings', 'list', 'association', uscc, state.filters, state.page, state.pageSize],
    queryFn: () =>
      listAssociationFindings(uscc, { ...state.filters, page: state.page, pageSize: state.pageSize }),
    placeholderData: keepPreviousData,
  });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="association-findings">
      <Space wrap size="middle">
        <Select
          data-testid="association-findings-status"
          style={{ width: 130 }}
          placeholder={t('findings.filter.status')}
          value={status}
          allowClear
          options={FINDING_STATUSES.map((value) => ({ value, label: t(findingStatusLabel(value)) }))}
          onChange={(value) =>
            update({ ...state, page: 1, filters: { ...state.filters, status: value || undefined } })
          }
        />
        <Checkbox
          data-testid="association-findings-include-resolved"
          checked={includeResolved === true}
          onChange={(event) =>
            update({
              ...state,
              page: 1,
              filters: { ...state.filters, includeResolved: event.target.checked || undefined },
            })
          }
        >
          {t('findings.filter.includeResolved')}
        </Checkbox>
        <Link to={`/findings?association=${encodeURIComponent(uscc)}`} data-testid="association-findings-all">
          <Button icon={<UnorderedListOutlined />}>{t('findings.title')}</Button>
        </Link>
      </Space>
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
