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
  progressPercent,
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
  /** The run going on, once the list shows it. */
  running: TScreeningRun | undefined;
  /** When this page's start request went out (epoch ms), before the list shows the run. */
  requestedAt: number | undefined;
  previous: TScreeningRun | undefined;
};

/**
 * The live indicator of a run in progress: the phase and how many associations are done, as the
 * server reports them while it works; without a report (a run of another server), the seconds
 * elapsed and a bar estimated from how long the previous run took.
 */
function RunningBanner({ running, requestedAt, previous }: TRunningBannerProps) {
  const { t } = useT();
  const since = running ? Date.parse(running.startedAt) : requestedAt;
  const elapsed = useElapsed(since);
  if (since === undefined) return null;
  const progress = running?.progress ?? null;
  const reported = running ? progressPercent(running) : undefined;
  const percent = reported ?? estimatePercent(elapsed, previous ? runDurationMs(previous) : undefined);
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
          {progress ? (
            <Typography.Text data-testid="screening-progress-phase">
              {t(`screening.phase.${progress.phase}`, {
                done: formatNumber(progress.done),
                total: formatNumber(progress.total),
              })}
            </Typography.Text>
          ) : null}
          {percent === undefined ? null : (
            <>
              <Progress percent={percent} status="active" data-testid="screening-progress-bar" />
              {reported === undefined ? (
                <Typography.Text type="secondary">{t('screening.estimate')}</Typography.Text>
              ) : null}
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

  const [requestedAt, setRequestedAt] = useState<number>();
  // The server answers at once (202) and screens in the background; the list then shows the run
  // with its progress until it ends.
  const start = useMutation({
    mutationFn: startScreeningRun,
    onMutate: () => setRequestedAt(Date.now()),
    onSettled: () => {
      setRequestedAt(undefined);
      void queryClient.invalidateQueries({ queryKey: ['screening'] });
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
  // A run that has just ended changes the findings lists.
  const lastId = last?.id;
  useEffect(() => {
    if (lastId !== undefined) void queryClient.invalidateQueries({ queryKey: ['findings'] });
  }, [lastId, queryClient]);

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
        <RunningBanner running={running} requestedAt={requestedAt} previous={last} />
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
