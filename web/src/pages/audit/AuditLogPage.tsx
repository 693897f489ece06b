import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Table, type TableColumnsType, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { listAuditEvents } from '../../api/audit.ts';
import type { TAuditEvent } from '../../api/types.ts';
import { QueryError } from '../../components/StatusPages.tsx';
import { testAttributes } from '../../components/testAttributes.ts';
import { formatDateTime, formatNumber, orEmpty } from '../../format.ts';
import { type TTranslate, useT } from '../../i18n/index.ts';

const PAGE_SIZE = 50;

function columns(t: TTranslate): TableColumnsType<TAuditEvent> {
  return [
    { key: 'seq', title: t('audit.seq'), dataIndex: 'seq', align: 'right' },
    { key: 'at', title: t('audit.at'), render: (_, event) => formatDateTime(event.at) },
    { key: 'actor', title: t('audit.actor'), dataIndex: 'actorLabel' },
    {
      key: 'action',
      title: t('audit.action'),
      render: (_, event) => <Typography.Text code>{event.action}</Typography.Text>,
    },
    {
      key: 'entity',
      title: t('audit.entity'),
      render: (_, event) => `${event.entity}${event.entityId ? ` #${event.entityId}` : ''}`,
    },
    {
      key: 'detail',
      title: t('audit.detail'),
      render: (_, event) => {
        const text = Object.keys(event.detail).length === 0 ? orEmpty(null) : JSON.stringify(event.detail);
        return (
          <Typography.Text
            type="secondary"
            style={{ fontSize: 12, maxWidth: 480 }}
            ellipsis={{ tooltip: text }}
          >
            {text}
          </Typography.Text>
        );
      },
    },
  ];
}

/** The audit log, newest first: who did what to which record, including every opened resident ID. */
export function AuditLogPage() {
  const { t } = useT();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const query = useQuery({
    queryKey: ['audit', page],
    queryFn: () => listAuditEvents({ page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });

  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="audit-title">
          {t('audit.title')}
        </Typography.Title>
      }
    >
      {query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Table<TAuditEvent>
          rowKey="seq"
          size="small"
          loading={query.isFetching}
          columns={columns(t)}
          dataSource={query.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          onRow={(event) => testAttributes('audit-row', event.seq)}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: query.data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (total) => t('audit.total', { total: formatNumber(total) }),
          }}
          onChange={(pagination) => {
            const next = pagination.current ?? 1;
            setParams(next > 1 ? { page: String(next) } : {});
          }}
        />
      )}
    </Card>
  );
}
