import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  type ButtonProps,
  Descriptions,
  type DescriptionsProps,
  Drawer,
  Empty,
  Form,
  Input,
  Modal,
  message,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { getFinding, transitionFinding } from '../../api/findings.ts';
import type { TFinding, TFindingEvent, TFindingStatus, TRole, TRuleEntry } from '../../api/types.ts';
import { useSession } from '../../auth/session.ts';
import { PageLoading } from '../../components/PageLoading.tsx';
import { QueryError } from '../../components/StatusPages.tsx';
import { formatDate, formatDateTime, orEmpty } from '../../format.ts';
import { type TLanguage, type TTranslate, useT } from '../../i18n/index.ts';
import {
  FINDING_STATUS_COLORS,
  findingStatusLabel,
  SEVERITY_COLORS,
  severityLabel,
  transitionLabel,
} from '../../labels.ts';
import { explanationOf, factText, pick, subjectText } from './text.ts';
import { allowedTransitions, needsReason, sideOf, transitionErrorTitle } from './transitions.ts';
import { rulesById, ruleTitleOf, useRuleCatalog } from './useRuleCatalog.ts';

function statusTag(status: TFindingStatus, t: TTranslate) {
  return <Tag color={FINDING_STATUS_COLORS[status]}>{t(findingStatusLabel(status))}</Tag>;
}

function fieldItems(
  finding: TFinding,
  rules: ReadonlyMap<string, TRuleEntry>,
  t: TTranslate,
  language: TLanguage,
): DescriptionsProps['items'] {
  const title = ruleTitleOf(finding.rule, rules);
  return [
    {
      key: 'rule',
      label: t('finding.rule'),
      children: (
        <Space wrap>
          <Link to={`/rules?q=${encodeURIComponent(finding.rule)}`} data-testid="finding-rule-link">
            <Typography.Text code>{finding.rule}</Typography.Text>
          </Link>
          {title ? pick(title, language) : null}
          <Tag color={SEVERITY_COLORS[finding.severity]}>{t(severityLabel(finding.severity))}</Tag>
        </Space>
      ),
    },
    {
      key: 'association',
      label: t('finding.association'),
      children: (
        <Link to={`/registry/${finding.association.uscc}`} data-testid="finding-association-link">
          {finding.association.name}
        </Link>
      ),
    },
    { key: 'subject', label: t('finding.subject'), children: subjectText(finding, t) },
    {
      key: 'explanation',
      label: t('finding.explanation'),
      children: <span data-testid="finding-explanation">{explanationOf(finding, language)}</span>,
    },
    {
      key: 'clause',
      label: t('finding.clause'),
      children: <span data-testid="finding-clause">{orEmpty(finding.clause)}</span>,
    },
    {
      key: 'pack',
      label: t('finding.pack'),
      children: (
        <span data-testid="finding-pack">
          {finding.pack.id} · {finding.pack.version}
        </span>
      ),
    },
    {
      key: 'status',
      label: t('findings.col.status'),
      children: (
        <Space size={4} data-testid="finding-status">
          {statusTag(finding.status, t)}
          {finding.overdue ? <Tag color="red">{t('findings.overdue')}</Tag> : null}
        </Space>
      ),
    },
    { key: 'arisenOn', label: t('finding.arisenOn'), children: formatDate(finding.arisenOn) },
    {
      key: 'firstSeen',
      label: t('findings.col.firstSeen'),
      children: t('finding.seenInRun', {
        date: formatDate(finding.firstSeen.on),
        run: finding.firstSeen.runId,
      }),
    },
    {
      key: 'lastSeen',
      label: t('findings.col.lastSeen'),
      children: t('finding.seenInRun', {
        date: formatDate(finding.lastSeen.on),
        run: finding.lastSeen.runId,
      }),
    },
    ...(finding.resolved
      ? [
          {
            key: 'resolved',
            label: t('findings.resolved'),
            children: t('finding.seenInRun', {
              date: formatDate(finding.resolved.on),
              run: finding.resolved.runId,
            }),
          },
        ]
      : []),
    { key: 'deadline', label: t('findings.col.deadline'), children: formatDate(finding.deadline) },
    { key: 'dueOn', label: t('finding.dueOn'), children: formatDate(finding.dueOn) },
  ];
}

function FactsTable({ facts }: { facts: Record<string, unknown> }) {
  const { t } = useT();
  const rows = Object.entries(facts).map(([name, value]) => ({ name, value }));
  return (
    <Table
      data-testid="finding-facts"
      rowKey="name"
      size="small"
      pagination={false}
      dataSource={rows}
      columns={[
        {
          key: 'name',
          title: t('finding.fact'),
          dataIndex: 'name',
          render: (name: string) => <Typography.Text code>{name}</Typography.Text>,
        },
        {
          key: 'value',
          title: t('finding.value'),
          dataIndex: 'value',
          render: (value: unknown) => factText(value, t),
        },
      ]}
    />
  );
}

function History({ events }: { events: TFindingEvent[] }) {
  const { t } = useT();
  if (events.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('finding.history.empty')} />;
  }
  return (
    <Timeline
      data-testid="finding-history"
      items={events.map((event) => ({
        key: event.id,
        color: FINDING_STATUS_COLORS[event.to] === 'default' ? 'gray' : undefined,
        content: (
          <div data-testid="finding-history-event">
            <Typography.Text strong>
              {t('finding.history.entry', {
                from: t(findingStatusLabel(event.from)),
                to: t(findingStatusLabel(event.to)),
              })}
            </Typography.Text>
            <br />
            <Typography.Text type="secondary">
              {formatDateTime(event.at)} · {event.actor}
              {event.deadline ? ` · ${t('findings.col.deadline')} ${formatDate(event.deadline)}` : ''}
            </Typography.Text>
            {event.reason ? (
              <Typography.Paragraph style={{ margin: 0 }}>{event.reason}</Typography.Paragraph>
            ) : null}
          </div>
        ),
      }))}
    />
  );
}

type TTransitionDialogProps = {
  finding: TFinding;
  /** Supervisors may set the rectification deadline when acknowledging; the server defaults it. */
  canSetDeadline: boolean;
  to: TFindingStatus | undefined;
  onClose: () => void;
  onDone: (status: TFindingStatus) => void;
};

/** Asks for the reason (required for waive, appeal and reopen) and sends the move. */
function TransitionDialog({ finding, canSetDeadline, to, onClose, onDone }: TTransitionDialogProps) {
  const { t } = useT();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ reason?: string; deadline?: string }>();
  const mutation = useMutation({
    mutationFn: (options: { to: TFindingStatus; reason: string; deadline: string }) =>
      transitionFinding(finding.id, {
        to: options.to,
        reason: options.reason || undefined,
        deadline: options.deadline || undefined,
      }),
    onError: () => {
      // A conflict means the finding moved meanwhile: show its current status and moves.
      void queryClient.invalidateQueries({ queryKey: ['findings', 'detail', finding.id] });
    },
    onSuccess: (response, options) => {
      queryClient.setQueryData(['findings', 'detail', finding.id], response);
      void queryClient.invalidateQueries({ queryKey: ['findings', 'list'] });
      onDone(options.to);
      form.resetFields();
      onClose();
    },
  });
  const required = to !== undefined && needsReason(to);

  return (
    <Modal
      open={to !== undefined}
      title={
        to ? t('finding.transition.title', { action: t(transitionLabel(to)), rule: finding.rule }) : null
      }
      okText={t('finding.transition.submit')}
      cancelText={t('finding.transition.cancel')}
      okButtonProps={{ 'data-testid': 'finding-transition-submit' } as ButtonProps}
      confirmLoading={mutation.isPending}
      destroyOnHidden
      onCancel={() => {
        mutation.reset();
        onClose();
      }}
      onOk={() => {
        if (!to) return;
        void form
          .validateFields()
          .then((values) =>
            mutation.mutate({ to, reason: values.reason?.trim() ?? '', deadline: values.deadline ?? '' }),
          )
          .catch(() => undefined);
      }}
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="reason"
          label={required ? t('finding.reason') : t('finding.reason.optional')}
          rules={
            required ? [{ required: true, whitespace: true, message: t('finding.reason.required') }] : []
          }
        >
          <Input.TextArea rows={3} maxLength={2000} showCount data-testid="finding-transition-reason" />
        </Form.Item>
        {canSetDeadline && to === 'acknowledged' ? (
          <Form.Item name="deadline" label={t('finding.deadline')} extra={t('finding.deadline.default')}>
            <Input type="date" style={{ width: 200 }} data-testid="finding-transition-deadline" />
          </Form.Item>
        ) : null}
      </Form>
      {mutation.error ? (
        <Alert
          type="error"
          showIcon
          data-testid="finding-transition-error"
          title={t(transitionErrorTitle(mutation.error))}
          description={mutation.error.message}
        />
      ) : null}
    </Modal>
  );
}

type TActionsProps = {
  finding: TFinding;
  role: TRole;
  onDone: (status: TFindingStatus) => void;
};

function Actions({ finding, role, onDone }: TActionsProps) {
  const { t } = useT();
  const [to, setTo] = useState<TFindingStatus>();
  const moves = allowedTransitions({ status: finding.status, role });
  if (moves.length === 0) {
    const reader = allowedTransitions({ status: 'open', role }).length === 0;
    return (
      <Typography.Text type="secondary" data-testid="finding-actions-none">
        {t(reader ? 'finding.actions.none' : 'finding.actions.closed')}
      </Typography.Text>
    );
  }
  return (
    <>
      <Space wrap data-testid="finding-actions">
        {moves.map((move) => (
          <Button
            key={move}
            type={move === 'acknowledged' || move === 'rectified' ? 'primary' : 'default'}
            danger={move === 'waived'}
            data-testid={`finding-action-${move}`}
            onClick={() => setTo(move)}
          >
            {t(transitionLabel(move))}
          </Button>
        ))}
      </Space>
      <TransitionDialog
        finding={finding}
        canSetDeadline={sideOf(role) === 'supervisor'}
        to={to}
        onClose={() => setTo(undefined)}
        onDone={onDone}
      />
    </>
  );
}

export type TFindingDrawerProps = { id: number | undefined; onClose: () => void };

/**
 * One finding beside its list: the facts that made the rule fire, the clause, the explanation, the
 * pack and version, the status history and the moves the user's role may make.
 */
export function FindingDrawer({ id, onClose }: TFindingDrawerProps) {
  const { t, language } = useT();
  const session = useSession();
  const catalog = useRuleCatalog();
  const query = useQuery({
    queryKey: ['findings', 'detail', id],
    queryFn: () => getFinding(id!),
    enabled: id !== undefined,
  });
  const role = session.status === 'authenticated' ? session.user.role : undefined;
  // The notice lives here, not in the dialog, which unmounts when the new status allows no more moves.
  const [notice, noticeHolder] = message.useMessage();
  const onDone = (status: TFindingStatus) =>
    void notice.success(t('finding.transition.done', { status: t(findingStatusLabel(status)) }));

  let body: React.ReactNode = null;
  if (id !== undefined) {
    if (query.isPending) body = <PageLoading />;
    else if (query.isError) body = <QueryError error={query.error} onRetry={() => void query.refetch()} />;
    else {
      const { finding, events } = query.data;

      body = (
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          <Descriptions
            data-testid="finding-fields"
            bordered
            size="small"
            column={1}
            items={fieldItems(finding, rulesById(catalog.data?.items), t, language)}
          />
          <div>
            <Typography.Title level={5}>{t('finding.facts')}</Typography.Title>
            <FactsTable facts={finding.facts} />
          </div>
          <div>
            <Typography.Title level={5}>{t('finding.actions')}</Typography.Title>
            {role ? <Actions finding={finding} role={role} onDone={onDone} /> : null}
          </div>
          <div>
            <Typography.Title level={5}>{t('finding.history')}</Typography.Title>
            <History events={events} />
          </div>
        </Space>
      );
    }
  }

  return (
    <Drawer
      open={id !== undefined}
      onClose={onClose}
      size="large"
      title={<span data-testid="finding-title">{t('finding.title')}</span>}
      data-testid="finding-drawer"
      destroyOnHidden
    >
      {noticeHolder}
      {body}
    </Drawer>
  );
}
