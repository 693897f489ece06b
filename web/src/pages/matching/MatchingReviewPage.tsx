import { CheckOutlined, CloseOutlined, PlayCircleOutlined, UndoOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Input,
  Modal,
  message,
  Pagination,
  Popconfirm,
  Progress,
  Row,
  Space,
  Table,
  type TableColumnsType,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { ApiError } from '../../api/http.ts';
import {
  decideMatch,
  getMatchRun,
  listMatchQueue,
  listMatchRuns,
  startMatchRun,
  type TMatchQueueItem,
  type TMatchRun,
  type TQueueState,
  type TReviewDecision,
  undoMatchReview,
} from '../../api/matching.ts';
import type { TPostRole } from '../../api/types.ts';
import { useSession } from '../../auth/session.ts';
import { QueryError } from '../../components/StatusPages.tsx';
import { formatDate, formatDateTime, formatNumber, orEmpty } from '../../format.ts';
import { useT } from '../../i18n/index.ts';
import { postRoleLabel } from '../../labels.ts';
import { codeLabel, matchingTranslator, type TMatchingTranslate } from './messages.ts';

const PAGE_SIZE = 10;
const STATE_COLORS: Readonly<Record<TMatchRun['state'], string>> = {
  queued: 'default',
  running: 'processing',
  completed: 'success',
  failed: 'error',
};

function useMatchingT(): TMatchingTranslate {
  const { language } = useT();
  return useMemo(() => matchingTranslator(language), [language]);
}

/** The runs: start one (regulators, admins), follow its progress by polling, and the recent ones. */
function RunsCard({ canRun }: { canRun: boolean }) {
  const t = useMatchingT();
  const [notice, noticeHolder] = message.useMessage();
  const queryClient = useQueryClient();
  const [followed, setFollowed] = useState<number | null>(null);
  const runs = useQuery({ queryKey: ['match-runs'], queryFn: () => listMatchRuns({ page: 1, pageSize: 5 }) });
  const active = runs.data?.items.find((r) => r.state === 'queued' || r.state === 'running');
  const followId = followed ?? active?.id ?? null;
  const progress = useQuery({
    queryKey: ['match-run', followId],
    queryFn: () => getMatchRun(followId!),
    enabled: followId !== null,
    refetchInterval: (query) => {
      const state = query.state.data?.state;
      return state === 'completed' || state === 'failed' ? false : 1000;
    },
  });
  const live = progress.data;
  const finished = live && (live.state === 'completed' || live.state === 'failed');
  useEffect(() => {
    if (!finished || followed === null) return;
    setFollowed(null);
    void queryClient.invalidateQueries({ queryKey: ['match-runs'] });
    void queryClient.invalidateQueries({ queryKey: ['match-queue'] });
  }, [finished, followed, queryClient]);
  const start = useMutation({
    mutationFn: startMatchRun,
    onSuccess: (run) => {
      setFollowed(run.id);
      void notice.success(t('run.started', { id: run.id }));
      void queryClient.invalidateQueries({ queryKey: ['match-runs'] });
    },
    onError: (error) =>
      void notice.error(
        error instanceof ApiError && error.code === 'conflict' ? t('run.busy') : error.message,
      ),
  });
  const last = runs.data?.items.find((r) => r.state === 'completed');
  const columns: TableColumnsType<TMatchRun> = [
    { key: 'id', title: t('col.id'), dataIndex: 'id', align: 'right' },
    {
      key: 'state',
      title: t('col.state'),
      render: (_, run) => <Tag color={STATE_COLORS[run.state]}>{codeLabel(t, 'state', run.state)}</Tag>,
    },
    { key: 'startedAt', title: t('col.startedAt'), render: (_, run) => formatDateTime(run.startedAt) },
    { key: 'startedBy', title: t('col.startedBy'), dataIndex: 'startedBy' },
    { key: 'posts', title: t('col.posts'), align: 'right', render: (_, run) => formatNumber(run.postsDone) },
    {
      key: 'roster',
      title: t('col.roster'),
      align: 'right',
      render: (_, run) => formatNumber(run.rosterRecords),
    },
    {
      key: 'matches',
      title: t('col.matches'),
      align: 'right',
      render: (_, run) => formatNumber(run.matches),
    },
    {
      key: 'possibles',
      title: t('col.possibles'),
      align: 'right',
      render: (_, run) => formatNumber(run.possibles),
    },
    {
      key: 'applied',
      title: t('col.applied'),
      align: 'right',
      render: (_, run) => `${formatNumber(run.confirmedApplied)} / ${formatNumber(run.rejectedApplied)}`,
    },
  ];
  return (
    <Card
      title={t('runs.title')}
      extra={
        canRun ? (
          <Popconfirm title={t('run.confirm')} onConfirm={() => start.mutate()}>
            <Button
              type="primary"
              icon={<PlayCircleOutlined />}
              loading={start.isPending || (live !== undefined && !finished)}
              data-testid="match-run-start"
            >
              {t('run.start')}
            </Button>
          </Popconfirm>
        ) : null
      }
    >
      {noticeHolder}
      <Space orientation="vertical" style={{ width: '100%' }}>
        {live && !finished ? (
          <Alert
            type="info"
            data-testid="match-run-progress"
            title={
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Typography.Text>
                  {t('run.progress', {
                    id: live.id,
                    phase: codeLabel(t, 'phase', live.phase ?? 'none'),
                    done: formatNumber(live.postsDone),
                    total: formatNumber(live.postsTotal),
                  })}
                </Typography.Text>
                <Progress
                  percent={live.postsTotal ? Math.round((100 * live.postsDone) / live.postsTotal) : 0}
                  status="active"
                />
              </Space>
            }
          />
        ) : null}
        <Typography.Text type="secondary" data-testid="match-run-last">
          {last
            ? t('run.last', { id: last.id, matches: last.matches, possibles: last.possibles })
            : t('run.none')}
        </Typography.Text>
        {runs.isError ? <QueryError error={runs.error} onRetry={() => void runs.refetch()} /> : null}
        <Table
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={runs.data?.items ?? []}
          loading={runs.isPending}
          pagination={false}
        />
      </Space>
    </Card>
  );
}

type TDialog = { kind: TReviewDecision | 'undo'; item: TMatchQueueItem } | null;

/** The reason dialog of a confirm, reject or undo: the reason is required and goes to the audit log. */
function ReasonDialog({ dialog, onClose }: { dialog: TDialog; onClose: () => void }) {
  const t = useMatchingT();
  const [notice, noticeHolder] = message.useMessage();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const submit = useMutation({
    mutationFn: async () => {
      if (!dialog) return;
      if (dialog.kind === 'undo') await undoMatchReview(dialog.item.review!.id, reason.trim());
      else await decideMatch(dialog.item.resultId, { decision: dialog.kind, reason: reason.trim() });
    },
    onSuccess: () => {
      void notice.success(t(dialog?.kind === 'undo' ? 'review.undone' : 'review.done'));
      void queryClient.invalidateQueries({ queryKey: ['match-queue'] });
      setReason('');
      setTouched(false);
      onClose();
    },
    onError: (error) => void notice.error(error.message),
  });
  const missing = reason.trim() === '';
  return (
    <>
      {noticeHolder}
      <Modal
        open={dialog !== null}
        title={dialog ? t(`dialog.${dialog.kind}`) : ''}
        okText={t('dialog.ok')}
        cancelText={t('dialog.cancel')}
        okButtonProps={{ danger: dialog?.kind === 'reject', 'data-testid': 'match-dialog-ok' } as never}
        confirmLoading={submit.isPending}
        onOk={() => {
          setTouched(true);
          if (!missing) submit.mutate();
        }}
        onCancel={() => {
          setReason('');
          setTouched(false);
          onClose();
        }}
        destroyOnHidden
      >
        <Typography.Paragraph>{t('dialog.reason')}</Typography.Paragraph>
        <Input.TextArea
          rows={3}
          maxLength={500}
          value={reason}
          status={touched && missing ? 'error' : undefined}
          onChange={(e) => setReason(e.target.value)}
          data-testid="match-dialog-reason"
        />
        {touched && missing ? (
          <Typography.Text type="danger">{t('dialog.reasonRequired')}</Typography.Text>
        ) : null}
      </Modal>
    </>
  );
}

function sexText(t: TMatchingTranslate, sex: string | null): string {
  return sex ? codeLabel(t, 'sex', sex) : orEmpty(null);
}

/** One pair: the post holder and the roster record side by side, the field weights, the decision. */
function PairCard({
  item,
  canReview,
  onAction,
}: {
  item: TMatchQueueItem;
  canReview: boolean;
  onAction: (kind: TReviewDecision | 'undo') => void;
}) {
  const t = useMatchingT();
  const { t: shared } = useT();
  const { post, record, review } = item;
  const reasonRows = item.reasons.map((r, i) => ({ ...r, key: i }));
  return (
    <Card
      size="small"
      data-testid="match-pair"
      data-key={item.resultId}
      title={
        <Space wrap>
          <Typography.Text strong>{post.personName}</Typography.Text>
          <Typography.Text type="secondary">{post.associationName}</Typography.Text>
          {review ? (
            <Tag color={review.decision === 'confirm' ? 'green' : 'red'} data-testid="match-review-tag">
              {t(review.decision === 'confirm' ? 'review.confirm' : 'review.reject')}
            </Tag>
          ) : null}
        </Space>
      }
      extra={
        canReview ? (
          review ? (
            <Button icon={<UndoOutlined />} onClick={() => onAction('undo')} data-testid="match-undo">
              {t('action.undo')}
            </Button>
          ) : (
            <Space>
              <Button
                type="primary"
                icon={<CheckOutlined />}
                onClick={() => onAction('confirm')}
                data-testid="match-confirm"
              >
                {t('action.confirm')}
              </Button>
              <Button
                danger
                icon={<CloseOutlined />}
                onClick={() => onAction('reject')}
                data-testid="match-reject"
              >
                {t('action.reject')}
              </Button>
            </Space>
          )
        ) : null
      }
    >
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Descriptions size="small" column={1} bordered title={t('side.post')}>
            <Descriptions.Item label={t('field.name')}>{post.personName}</Descriptions.Item>
            <Descriptions.Item label={t('field.id')}>
              <span data-testid="match-post-id">{orEmpty(post.idMasked)}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('field.sex')}>{sexText(t, post.sex)}</Descriptions.Item>
            <Descriptions.Item label={t('field.birthDate')}>{formatDate(post.birthDate)}</Descriptions.Item>
            <Descriptions.Item label={t('field.association')}>
              {post.associationName}（{post.associationUscc}）
            </Descriptions.Item>
            <Descriptions.Item label={t('field.role')}>
              {shared(postRoleLabel(post.role as TPostRole))}
            </Descriptions.Item>
            <Descriptions.Item label={t('field.startedOn')}>{formatDate(post.startedOn)}</Descriptions.Item>
          </Descriptions>
        </Col>
        <Col xs={24} md={12}>
          <Descriptions size="small" column={1} bordered title={t('side.record')}>
            <Descriptions.Item label={t('field.name')}>{record.name}</Descriptions.Item>
            <Descriptions.Item label={t('field.id')}>
              <span data-testid="match-record-id">{orEmpty(record.idMasked)}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('field.sex')}>{sexText(t, record.sex)}</Descriptions.Item>
            <Descriptions.Item label={t('field.birthDate')}>{formatDate(record.birthDate)}</Descriptions.Item>
            <Descriptions.Item label={t('field.source')}>
              {record.source} #{record.recordKey}
            </Descriptions.Item>
            <Descriptions.Item label={t('field.status')}>
              {codeLabel(t, 'status', record.status)} · {codeLabel(t, 'rank', record.rank)}
              {record.retiredOn ? ` · ${t('field.retiredOn')} ${formatDate(record.retiredOn)}` : ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('field.organ')}>{orEmpty(record.organName)}</Descriptions.Item>
          </Descriptions>
        </Col>
      </Row>
      <Row gutter={16} style={{ marginTop: 12 }} align="middle">
        <Col xs={24} md={8}>
          <Typography.Text type="secondary">{t('probability')}</Typography.Text>
          <Progress percent={Math.round(item.probability * 1000) / 10} data-testid="match-probability" />
          <Typography.Text type="secondary">
            {t('score')}: {formatNumber(item.score, 2)} · {t('candidates', { count: item.candidates })}
          </Typography.Text>
        </Col>
        <Col xs={24} md={16}>
          <Table
            size="small"
            pagination={false}
            dataSource={reasonRows}
            data-testid="match-reasons"
            columns={[
              {
                key: 'field',
                title: t('reasons.field'),
                render: (_, r) => codeLabel(t, 'reason', r.field),
              },
              { key: 'outcome', title: t('reasons.outcome'), dataIndex: 'outcome' },
              {
                key: 'weight',
                title: t('reasons.weight'),
                align: 'right',
                render: (_, r) => (
                  <Typography.Text type={r.weight > 0 ? 'success' : r.weight < 0 ? 'danger' : 'secondary'}>
                    {r.weight > 0 ? '+' : ''}
                    {formatNumber(r.weight, 2)}
                  </Typography.Text>
                ),
              },
            ]}
          />
        </Col>
      </Row>
      {review ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }} data-testid="match-review-by">
          {t('review.by', {
            reviewer: review.reviewer,
            at: formatDateTime(review.at),
            reason: review.reason,
          })}
        </Typography.Paragraph>
      ) : null}
    </Card>
  );
}

function QueueList({ state, canReview }: { state: TQueueState; canReview: boolean }) {
  const t = useMatchingT();
  const [page, setPage] = useState(1);
  const [dialog, setDialog] = useState<TDialog>(null);
  const queue = useQuery({
    queryKey: ['match-queue', state, page],
    queryFn: () => listMatchQueue({ state, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  if (queue.isError) return <QueryError error={queue.error} onRetry={() => void queue.refetch()} />;
  const items = queue.data?.items ?? [];
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid={`match-queue-${state}`}>
      {!queue.isPending && items.length === 0 ? (
        <Empty description={t(state === 'pending' ? 'queue.empty' : 'queue.emptyDecided')} />
      ) : null}
      {items.map((item) => (
        <PairCard
          key={item.resultId}
          item={item}
          canReview={canReview}
          onAction={(kind) => setDialog({ kind, item })}
        />
      ))}
      {queue.data && queue.data.total > PAGE_SIZE ? (
        <Pagination
          current={page}
          pageSize={PAGE_SIZE}
          total={queue.data.total}
          onChange={setPage}
          showTotal={(total) => t('queue.total', { total })}
        />
      ) : null}
      <ReasonDialog dialog={dialog} onClose={() => setDialog(null)} />
    </Space>
  );
}

/** The review queue of officials matching: runs, possible matches side by side, decisions and undo. */
export function MatchingReviewPage() {
  const t = useMatchingT();
  const session = useSession();
  const role = session.status === 'authenticated' ? session.user.role : null;
  const canReview = role === 'regulator' || role === 'admin';
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('intro')}</Typography.Paragraph>
      {canReview ? null : <Alert type="info" title={t('readOnly')} data-testid="match-read-only" />}
      <RunsCard canRun={canReview} />
      <Tabs
        items={[
          {
            key: 'pending',
            label: t('tab.pending'),
            children: <QueueList state="pending" canReview={canReview} />,
          },
          {
            key: 'decided',
            label: t('tab.decided'),
            children: <QueueList state="decided" canReview={canReview} />,
          },
        ]}
      />
    </Space>
  );
}
