import { PlayCircleOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  type ButtonProps,
  Card,
  Col,
  Popconfirm,
  Progress,
  Row,
  Space,
  Spin,
  Statistic,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { listScreeningRuns, startScreeningRun } from '../../api/screening.ts';
import type { TScreeningRun, TScreeningRunStatus } from '../../api/types.ts';
import { QueryError } from '../../components/StatusPages.tsx';
import { testAttributes } from '../../components/testAttributes.ts';
import { formatDate, formatDateTime, formatNumber, orEmpty } from '../../format.ts';
import { type TTranslate, useT } from '../../i18n/index.ts';
import { screeningStatusLabel } from '../../labels.ts';
import {
  estimatePercent,
  lastCompletedRun,
  pollInterval,
  runDurationMs,
  runningRun,
} from './screeningProgress.ts';

const PAGE_SIZE = 20;
const STATUS_COLORS: Readonly<Record<TScreeningRunStatus, string>> = {
  running: 'processing',
  completed: 'success',
  failed: 'error',
};

function columns(t: TTranslate): TableColumnsType<TScreeningRun> {
  const count = (value: number) => formatNumber(value);
  return [
    { key: 'id', title: t('screening.col.id'), dataIndex: 'id', align: 'right' },
    {
      key: 'status',
      title: t('screening.col.status'),
      render: (_, run) => (
        <Tag color={STATUS_COLORS[run.status]} data-testid="screening-row-status">
          {t(screeningStatusLabel(run.status))}
        </Tag>
      ),
    },
    {
      key: 'startedAt',
      title: t('screening.col.startedAt'),
      render: (_, run) => formatDateTime(run.startedAt),
    },
    {
      key: 'finishedAt',
      title: t('screening.col.finishedAt'),
      render: (_, run) => formatDateTime(run.finishedAt),
    },
    { key: 'actor', title: t('screening.col.startedBy'), render: (_, run) => orEmpty(run.actor) },
    { key: 'asOf', title: t('screening.col.asOf'), render: (_, run) => formatDate(run.asOf) },
    {
      key: 'associations',
      title: t('screening.col.associations'),
      align: 'right',
      render: (_, run) => count(run.associations),
    },
    {
      key: 'findings',
      title: t('screening.col.findings'),
      align: 'right',
      render: (_, run) => count(run.findings),
    },
    { key: 'new', title: t('screening.col.new'), align: 'right', render: (_, run) => count(run.newFindings) },
    {
      key: 'persisting',
      title: t('screening.col.persisting'),
      align: 'right',
      render: (_, run) => count(run.persistingFindings),
    },
    {
      key: 'resolved',
      title: t('screening.col.resolved'),
      align: 'right',
      render: (_, run) => count(run.resolvedFindings),
    },
    {
      key: 'error',
      title: t('screening.col.error'),
      render: (_, run) =>
        run.error ? (
          <Typography.Text type="danger" style={{ maxWidth: 320 }} ellipsis={{ tooltip: run.error }}>
            {run.error}
          </Typography.Text>
        ) : (
          orEmpty(null)
        ),
    },
  ];
}

const TICK_MS = 500;

/** Milliseconds since `since` (epoch ms), ticking while `since` is set. */
function useElapsed(since: number | undefined): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (since === undefined) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, [since]);
  return since === undefined ? 0 : Math.max(0, now - since);
}

type TRunningBannerProps = {
  /** When this page started a run (epoch ms), or a run someone else started, or neither. */
  startedAt: number | undefined;
  previous: TScreeningRun | undefined;
};

/**
 * The live indicator of a run in progress: seconds elapsed, and a bar estimated from how long the
 * previous run took, since the server answers only when the run is done.
 */
function RunningBanner({ startedAt, previous }: TRunningBannerProps) {
  const { t } = useT();
  const elapsed = useElapsed(startedAt);
  if (startedAt === undefined) return null;
  const percent = estimatePercent(elapsed, previous ? runDurationMs(previous) : undefined);
  return (
    <Alert
      type="info"
      data-testid="screening-progress"
      title={
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Space>
            <Spin size="small" />
            <Typography.Text>
              {t('screening.running', { seconds: formatNumber(elapsed / 1000, 1) })}
            </Typography.Text>
          </Space>
          {percent === undefined ? null : (
            <>
              <Progress percent={percent} status="active" />
              <Typography.Text type="secondary">{t('screening.estimate')}</Typography.Text>
            </>
          )}
        </Space>
      }
    />
  );
}

function LastRun({ run }: { run: TScreeningRun }) {
  const { t } = useT();
  return (
    <Row gutter={16} data-testid="screening-last-run">
      <Col span={6}>
        <Statistic title={t('screening.col.findings')} value={formatNumber(run.findings)} />
      </Col>
      <Col span={6}>
        <Statistic
          title={t('screening.col.new')}
          value={formatNumber(run.newFindings)}
          styles={{ content: { color: run.newFindings > 0 ? '#cf1322' : undefined } }}
          data-testid="screening-last-new"
        />
      </Col>
      <Col span={6}>
        <Statistic
          title={t('screening.col.persisting')}
          value={formatNumber(run.persistingFindings)}
          data-testid="screening-last-persisting"
        />
      </Col>
      <Col span={6}>
        <Statistic
          title={t('screening.col.resolved')}
          value={formatNumber(run.resolvedFindings)}
          styles={{ content: { color: run.resolvedFindings > 0 ? '#3f8600' : undefined } }}
          data-testid="screening-last-resolved"
        />
      </Col>
    </Row>
  );
}

/** Screening runs: start one, watch it progress, and see what changed against the run before. */
export function ScreeningRunsPage() {
  const { t } = useT();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);

  const [startedAt, setStartedAt] = useState<number>();
  const start = useMutation({
    mutationFn: startScreeningRun,
    onMutate: () => setStartedAt(Date.now()),
    onSettled: () => {
      setStartedAt(undefined);
      void queryClient.invalidateQueries({ queryKey: ['screening'] });
      void queryClient.invalidateQueries({ queryKey: ['findings'] });
    },
  });
  const query = useQuery({
    queryKey: ['screening', 'runs', page],
    queryFn: () => listScreeningRuns({ page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
    refetchInterval: (current) => pollInterval(current.state.data?.items ?? [], start.isPending),
  });
  const runs = query.data?.items ?? [];
  const running = runningRun(runs);
  const last = lastCompletedRun(runs);

  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="screening-title">
          {t('screening.title')}
        </Typography.Title>
      }
      extra={
        <Popconfirm
          title={t('screening.run.confirm')}
          okText={t('screening.run')}
          cancelText={t('finding.transition.cancel')}
          okButtonProps={{ 'data-testid': 'screening-run-confirm' } as ButtonProps}
          onConfirm={() => start.mutate()}
        >
          <Button
            type="primary"
            icon={<PlayCircleOutlined />}
            loading={start.isPending || running !== undefined}
            data-testid="screening-run"
          >
            {t('screening.run')}
          </Button>
        </Popconfirm>
      }
    >
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        {start.isError ? (
          <Alert type="error" title={start.error.message} data-testid="screening-run-error" showIcon />
        ) : null}
        <RunningBanner
          startedAt={startedAt ?? (running ? Date.parse(running.startedAt) : undefined)}
          previous={last}
        />
        {last ? (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Typography.Text type="secondary">
              {t('screening.last', { id: last.id, asOf: formatDate(last.asOf) })}
            </Typography.Text>
            <LastRun run={last} />
            <Link to="/findings" data-testid="screening-findings-link">
              {t('screening.viewFindings')}
            </Link>
          </Space>
        ) : null}
        {query.isError ? (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <Table<TScreeningRun>
            data-testid="screening-table"
            rowKey="id"
            size="small"
            loading={query.isPending}
            columns={columns(t)}
            dataSource={runs}
            scroll={{ x: 'max-content' }}
            onRow={(run) => testAttributes('screening-row', run.id)}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: query.data?.total ?? 0,
              showSizeChanger: false,
              showTotal: (total) => t('screening.total', { total: formatNumber(total) }),
            }}
            onChange={(pagination) => {
              const next = pagination.current ?? 1;
              setParams(next > 1 ? { page: String(next) } : {});
            }}
          />
        )}
      </Space>
    </Card>
  );
}
