import { FileExcelOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Drawer, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { BUILT_IN_BATCHES } from '../../../../src/core/cases/batches.ts';
import {
  dashboardExportUrl,
  listDashboardSegment,
  type TDashboardAggregate,
  type TDashboardCase,
  type TDashboardFilter,
  type TDashboardFinding,
  type TDashboardSegment,
} from '../../api/dashboard.ts';
import { QueryError } from '../../components/StatusPages.tsx';
import { useT } from '../../i18n/index.ts';
import { codeLabel, type TDashboardTranslate } from './messages.ts';

const PAGE_SIZE = 20;

/** A readable name of a segment, from its fields. */
export function segmentTitle(segment: TDashboardSegment, t: TDashboardTranslate): string {
  const parts: string[] = [];
  if (segment.batch) parts.push(segment.batch);
  if (segment.state) parts.push(codeLabel(t, 'state', segment.state));
  if (segment.stage) parts.push(codeLabel(t, 'stage', segment.stage));
  if (segment.province) parts.push(segment.province === '10' ? t('national') : segment.province);
  if (segment.level) parts.push(codeLabel(t, 'level', segment.level));
  if (segment.segmentOrgan) parts.push(segment.segmentOrgan);
  if (segment.reason) parts.push(codeLabel(t, 'reason', segment.reason));
  if (segment.month) parts.push(segment.month);
  if (segment.series) parts.push(codeLabel(t, 'series', segment.series));
  if (segment.rule) parts.push(t(`rule.${segment.rule}`));
  if (segment.family) parts.push(codeLabel(t, 'family', segment.family));
  if (segment.severity) parts.push(codeLabel(t, 'severity', segment.severity));
  return parts.join(' · ');
}

export type TSegmentListProps = {
  aggregate: TDashboardAggregate;
  filter: TDashboardFilter;
  segment: TDashboardSegment;
  page: number;
  onPage: (page: number) => void;
  onClose: () => void;
  t: TDashboardTranslate;
};

/** The list behind a chart segment, paged, with its XLSX export. */
export function SegmentList({ aggregate, filter, segment, page, onPage, onClose, t }: TSegmentListProps) {
  const { language } = useT();
  const batchTitle = (id: string) => {
    const batch = BUILT_IN_BATCHES.find((b) => b.id === id);
    return batch ? (language === 'en' ? batch.title.en : batch.title.zh) : id;
  };
  const query = useQuery({
    queryKey: ['dashboard', 'list', aggregate, filter, segment, page],
    queryFn: () => listDashboardSegment(aggregate, filter, segment, { page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const data = query.data;
  const pagination = {
    current: page,
    pageSize: PAGE_SIZE,
    total: data?.total ?? 0,
    showSizeChanger: false,
    onChange: onPage,
  };
  const association = {
    title: t('col.association'),
    key: 'association',
    render: (_: unknown, row: { uscc: string; associationName: string }) => (
      <Link to={`/registry/${row.uscc}`}>{row.associationName}</Link>
    ),
  };
  return (
    <Drawer
      open
      size="large"
      onClose={onClose}
      title={t('list.title', { segment: segmentTitle(segment, t) })}
      extra={
        <Button
          icon={<FileExcelOutlined />}
          href={dashboardExportUrl(aggregate, filter, segment)}
          download
          data-testid="dashboard-list-export"
        >
          {t('list.export')}
        </Button>
      }
    >
      <div data-testid="dashboard-list">
        {query.isError ? (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Typography.Text data-testid="dashboard-list-total">
              {t('list.total', { total: data?.total ?? 0 })}
            </Typography.Text>
            {data?.kind === 'findings' ? (
              <Table<TDashboardFinding>
                rowKey="id"
                size="small"
                loading={query.isFetching}
                dataSource={data.items}
                pagination={pagination}
                columns={[
                  association,
                  { title: t('col.rule'), dataIndex: 'ruleId' },
                  {
                    title: t('col.family'),
                    dataIndex: 'family',
                    render: (v: string) => codeLabel(t, 'family', v),
                  },
                  {
                    title: t('col.severity'),
                    dataIndex: 'severity',
                    render: (v: string) => codeLabel(t, 'severity', v),
                  },
                  { title: t('col.firstSeen'), dataIndex: 'firstSeenOn' },
                ]}
              />
            ) : (
              <Table<TDashboardCase>
                rowKey="id"
                size="small"
                loading={query.isFetching}
                dataSource={data?.items ?? []}
                pagination={pagination}
                columns={[
                  association,
                  { title: t('col.batch'), dataIndex: 'batch', render: batchTitle },
                  {
                    title: t('col.state'),
                    dataIndex: 'state',
                    render: (v: string) => codeLabel(t, 'state', v),
                  },
                  { title: t('col.completionDeadline'), dataIndex: 'completionDeadline' },
                  { title: t('col.decoupledOn'), dataIndex: 'decoupledOn' },
                  {
                    title: t('col.overdue'),
                    key: 'overdue',
                    render: (_: unknown, row: TDashboardCase) => (
                      <>
                        {row.overduePlan ? <Tag color="orange">{t('overdue.plan')}</Tag> : null}
                        {row.overdueCompletion ? <Tag color="red">{t('overdue.completion')}</Tag> : null}
                      </>
                    ),
                  },
                ]}
              />
            )}
          </Space>
        )}
      </div>
    </Drawer>
  );
}
