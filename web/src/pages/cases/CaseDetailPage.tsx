import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  type ButtonProps,
  Card,
  Descriptions,
  Empty,
  Form,
  Input,
  List,
  Modal,
  message,
  Select,
  Space,
  Tag,
  Timeline,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { CASE_STATE_TITLES } from '../../../../src/core/cases/transitions.ts';
import {
  evidenceUrl,
  getCase,
  type TCaseDetail,
  type TCaseFile,
  type TCaseItem,
  type TCaseState,
  type TCaseTransitionBody,
  transitionCase,
  transitionCaseItem,
  uploadEvidence,
} from '../../api/cases.ts';
import { ApiError } from '../../api/http.ts';
import { PageLoading } from '../../components/PageLoading.tsx';
import { NotFoundPage, QueryError } from '../../components/StatusPages.tsx';
import { testAttributes } from '../../components/testAttributes.ts';
import { formatDate, formatDateTime, orEmpty } from '../../format.ts';
import { type TLanguage, useT } from '../../i18n/index.ts';
import { CASE_STATE_COLORS } from './CasesListPage.tsx';
import { caseText, pickText, type TCaseTextId } from './text.ts';

type TTx = (id: TCaseTextId, values?: Record<string, string | number>) => string;

const ITEM_STATE_COLORS: Record<TCaseItem['state'], string> = {
  open: 'default',
  evidence_submitted: 'processing',
  signed_off: 'success',
  waived: 'warning',
};

function errorText(error: unknown): string {
  return error instanceof ApiError || error instanceof Error ? error.message : String(error);
}

function stateTitle(state: string, language: TLanguage): string {
  const title = CASE_STATE_TITLES[state as TCaseState];
  return title ? pickText(title, language) : state;
}

function FileList({ caseId, files, tx }: { caseId: number; files: readonly TCaseFile[]; tx: TTx }) {
  if (files.length === 0) return null;
  return (
    <List
      size="small"
      dataSource={[...files]}
      renderItem={(file) => (
        <List.Item {...testAttributes('case-file', file.id)}>
          <Space wrap>
            <a href={evidenceUrl(caseId, file.id)} data-testid="case-file-download">
              <DownloadOutlined /> {file.fileName}
            </a>
            <Typography.Text type="secondary" copyable={{ text: file.sha256 }}>
              SHA-256 {file.sha256.slice(0, 12)}…
            </Typography.Text>
            <Typography.Text type="secondary">
              {orEmpty(file.uploadedBy)} · {formatDateTime(file.uploadedAt)}
            </Typography.Text>
            {file.submitted ? null : <Tag>{tx('item.waiting')}</Tag>}
          </Space>
        </List.Item>
      )}
    />
  );
}

type TTransitionDialog = { to: TCaseState; title: string; inputs: string[] } | null;

function CaseTransitionModal({
  dialog,
  onClose,
  onSubmit,
  pending,
  tx,
}: {
  dialog: TTransitionDialog;
  onClose: () => void;
  onSubmit: (body: TCaseTransitionBody) => void;
  pending: boolean;
  tx: TTx;
}) {
  const [form] = Form.useForm<{
    reason?: string;
    approvalRef?: string;
    blockedReason?: 'policy_gap' | 'insufficient_work';
  }>();
  const needs = (input: string) => dialog?.inputs.includes(input) ?? false;
  return (
    <Modal
      open={dialog !== null}
      title={dialog?.title}
      onCancel={onClose}
      destroyOnHidden
      okText={tx('transition.submit')}
      okButtonProps={{ loading: pending, 'data-testid': 'case-transition-submit' } as ButtonProps}
      onOk={() =>
        void form.validateFields().then((values) =>
          onSubmit({
            to: dialog!.to,
            reason: values.reason?.trim() || undefined,
            approvalRef: values.approvalRef?.trim() || undefined,
            blockedReason: values.blockedReason,
          }),
        )
      }
    >
      <Form form={form} layout="vertical" preserve={false}>
        {needs('blocked_reason') ? (
          <Form.Item
            name="blockedReason"
            label={tx('transition.blockedReason')}
            rules={[{ required: true, message: tx('transition.blockedReason.required') }]}
          >
            <Select
              data-testid="case-transition-blocked-reason"
              options={(['policy_gap', 'insufficient_work'] as const).map((r) => ({
                value: r,
                label: tx(`blocked.${r}`),
              }))}
            />
          </Form.Item>
        ) : null}
        {needs('approval_ref') ? (
          <Form.Item
            name="approvalRef"
            label={tx('transition.approvalRef')}
            rules={[{ required: true, whitespace: true, message: tx('transition.approvalRef.required') }]}
          >
            <Input data-testid="case-transition-approval-ref" />
          </Form.Item>
        ) : null}
        <Form.Item
          name="reason"
          label={tx('transition.reason')}
          rules={
            needs('reason')
              ? [{ required: true, whitespace: true, message: tx('transition.reason.required') }]
              : []
          }
        >
          <Input.TextArea rows={3} data-testid="case-transition-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ChecklistItemCard({
  detail,
  item,
  language,
  tx,
  onChanged,
}: {
  detail: TCaseDetail;
  item: TCaseItem;
  language: TLanguage;
  tx: TTx;
  onChanged: () => void;
}) {
  const caseId = detail.case.id;
  const [reasonFor, setReasonFor] = useState<'waived' | 'open' | null>(null);
  const [reason, setReason] = useState('');
  const move = useMutation({
    mutationFn: (body: { to: 'signed_off' | 'waived' | 'open'; reason?: string }) =>
      transitionCaseItem(caseId, item.key, body),
    onSuccess: () => {
      setReasonFor(null);
      setReason('');
      onChanged();
    },
    onError: (error) => void message.error(errorText(error)),
  });
  const mayUpload = item.allowed.includes('evidence_submitted');
  return (
    <Card
      size="small"
      {...testAttributes('case-item', item.key)}
      title={
        <Space wrap>
          <span>{pickText(item.title, language)}</span>
          <Tag color={ITEM_STATE_COLORS[item.state]} data-testid="case-item-state" data-state={item.state}>
            {tx(`item.state.${item.state}`)}
          </Tag>
        </Space>
      }
      extra={
        <Space size={4} wrap>
          <Tag>
            {tx('item.owner')}: {tx(`owner.${item.owner}`)}
          </Tag>
          <Tag>
            {tx('item.signers')}: {item.signers.map((s) => tx(`owner.${s}`)).join('、')}
          </Tag>
        </Space>
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {pickText(item.detail, language)}
        </Typography.Paragraph>
        <div>
          <Typography.Text strong>{tx('item.requirements')}：</Typography.Text>
          <Space wrap>
            {item.requirements.map((r) => (
              <Space key={r.kind} size={4}>
                <span>
                  {pickText(r.title, language)}
                  {r.minCount === 0 ? tx('item.optional') : ''}
                </span>
                {mayUpload ? (
                  <Upload
                    accept={r.mimeTypes.join(',')}
                    showUploadList={false}
                    customRequest={({ file, onSuccess, onError }) => {
                      uploadEvidence(caseId, { file: file as File, kind: r.kind, item: item.key })
                        .then((result) => {
                          onSuccess?.(result);
                          void message.success(tx('upload.done', { name: (file as File).name }));
                          onChanged();
                        })
                        .catch((error: unknown) => {
                          onError?.(error as Error);
                          void message.error(errorText(error));
                        });
                    }}
                  >
                    <Button size="small" icon={<UploadOutlined />} data-testid={`case-item-upload-${r.kind}`}>
                      {tx('item.upload')}
                    </Button>
                  </Upload>
                ) : null}
              </Space>
            ))}
          </Space>
        </div>
        <FileList caseId={caseId} files={item.files} tx={tx} />
        {item.state === 'signed_off' && item.signedOffBy ? (
          <Typography.Text type="success">
            {tx('item.signedOff', { who: item.signedOffBy, at: formatDateTime(item.signedOffAt) })}
          </Typography.Text>
        ) : null}
        {item.reason ? (
          <Typography.Text type="secondary" data-testid="case-item-reason">
            {tx('item.reason')}：{item.reason}
          </Typography.Text>
        ) : null}
        {item.findings.length > 0 ? (
          <Alert
            type="warning"
            showIcon
            data-testid="case-item-findings"
            title={tx('item.findings')}
            description={
              <Space orientation="vertical" size={2}>
                {item.findings.map((f) => (
                  <Link key={f.id} to={`/findings?open=${f.id}`}>
                    <Tag>{f.rule}</Tag>
                    {language === 'en' ? f.explanationEn : f.explanationZh}（{f.status}）
                  </Link>
                ))}
              </Space>
            }
          />
        ) : null}
        <Space wrap>
          {item.allowed
            .filter((to): to is 'signed_off' | 'waived' | 'open' => to !== 'evidence_submitted')
            .map((to) => (
              <Button
                key={to}
                size="small"
                type={to === 'signed_off' ? 'primary' : 'default'}
                loading={move.isPending}
                data-testid={`case-item-action-${to}`}
                onClick={() => (to === 'signed_off' ? move.mutate({ to }) : setReasonFor(to))}
              >
                {tx(`item.action.${to}`)}
              </Button>
            ))}
        </Space>
        {reasonFor ? (
          <Space.Compact style={{ width: '100%' }}>
            <Input
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              placeholder={tx('transition.reason')}
              data-testid="case-item-reason-input"
            />
            <Button
              type="primary"
              loading={move.isPending}
              disabled={reason.trim() === ''}
              data-testid="case-item-reason-submit"
              onClick={() => move.mutate({ to: reasonFor, reason })}
            >
              {tx('transition.submit')}
            </Button>
          </Space.Compact>
        ) : null}
      </Space>
    </Card>
  );
}

/** One case: its dates, the moves open to the user, the plan, the checklist by separation and the history. */
export function CaseDetailPage() {
  const { language } = useT();
  const tx: TTx = (id, values) => caseText(language, id, values);
  const id = Number(useParams().id);
  const client = useQueryClient();
  const [dialog, setDialog] = useState<TTransitionDialog>(null);
  const query = useQuery({ queryKey: ['cases', 'detail', id], queryFn: () => getCase(id), enabled: id > 0 });
  const refresh = () => {
    void client.invalidateQueries({ queryKey: ['cases'] });
    void client.invalidateQueries({ queryKey: ['notifications'] });
  };
  const move = useMutation({
    mutationFn: (body: TCaseTransitionBody) => transitionCase(id, body),
    onSuccess: (detail) => {
      client.setQueryData(['cases', 'detail', id], detail);
      setDialog(null);
      refresh();
      void message.success(tx('transition.done'));
    },
    onError: (error) => void message.error(errorText(error)),
  });

  if (!(id > 0)) return <NotFoundPage />;
  if (query.isPending) return <PageLoading />;
  if (query.isError)
    return <QueryError error={query.error} onRetry={() => void query.refetch()} homePath="/cases" />;
  const detail = query.data;
  const c = detail.case;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Link to="/cases">← {tx('detail.back')}</Link>
      <Card
        title={
          <Space wrap>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="case-title">
              {c.association.name}
            </Typography.Title>
            <Typography.Text type="secondary">{c.ref}</Typography.Text>
            <Tag color={CASE_STATE_COLORS[c.state]} data-testid="case-state" data-state={c.state}>
              {pickText(c.stateTitle, language)}
            </Tag>
            {c.overdue.map((o) => (
              <Tag key={o.rule} color="red" data-testid="case-overdue">
                {tx('overdue.days', { rule: o.rule, days: o.daysOverdue })}
              </Tag>
            ))}
          </Space>
        }
      >
        <Descriptions
          size="small"
          column={{ xs: 1, md: 3 }}
          items={[
            { key: 'batch', label: tx('col.batch'), children: pickText(c.batch.title, language) },
            { key: 'listed', label: tx('detail.listedOn'), children: formatDate(c.listedOn) },
            { key: 'planDeadline', label: tx('col.planDeadline'), children: formatDate(c.planDeadline) },
            {
              key: 'submitted',
              label: tx('detail.planSubmittedOn'),
              children: formatDate(c.planSubmittedOn),
            },
            { key: 'approved', label: tx('detail.planApprovedOn'), children: formatDate(c.planApprovedOn) },
            { key: 'approvalRef', label: tx('detail.planApprovalRef'), children: orEmpty(c.planApprovalRef) },
            {
              key: 'completion',
              label: tx('col.completionDeadline'),
              children: formatDate(c.completionDeadline),
            },
            { key: 'decoupled', label: tx('detail.decoupledOn'), children: formatDate(c.decoupledOn) },
            ...(c.state === 'blocked'
              ? [
                  {
                    key: 'blocked',
                    label: tx('detail.blocked'),
                    children: `${c.blockedReason ? tx(`blocked.${c.blockedReason}`) : ''}：${orEmpty(c.blockedNote)}`,
                  },
                ]
              : []),
            ...(c.exemptApprovalRef
              ? [{ key: 'exempt', label: tx('detail.exempt'), children: c.exemptApprovalRef }]
              : []),
          ]}
        />
        <Space wrap style={{ marginTop: 12 }} data-testid="case-actions">
          <Typography.Text strong>{tx('detail.actions')}：</Typography.Text>
          {detail.transitions.length === 0 ? (
            <Typography.Text type="secondary" data-testid="case-actions-none">
              {tx('detail.actions.none')}
            </Typography.Text>
          ) : (
            detail.transitions.map((t) => (
              <Button
                key={t.to}
                type={t.to === 'blocked' || t.to === 'exempt' ? 'default' : 'primary'}
                danger={t.to === 'blocked'}
                data-testid={`case-action-${t.to}`}
                onClick={() =>
                  t.inputs.some((i) => i !== 'plan_document')
                    ? setDialog({ to: t.to, title: pickText(t.title, language), inputs: t.inputs })
                    : move.mutate({ to: t.to })
                }
                loading={move.isPending && move.variables?.to === t.to}
              >
                {pickText(t.title, language)}
              </Button>
            ))
          )}
        </Space>
      </Card>

      <Card size="small" title={tx('detail.plan')} data-testid="case-plan">
        <Space orientation="vertical" style={{ width: '100%' }}>
          {detail.planDocuments.length === 0 ? (
            <Typography.Text type="secondary">{tx('detail.plan.none')}</Typography.Text>
          ) : (
            <FileList caseId={c.id} files={detail.planDocuments} tx={tx} />
          )}
          {detail.mayUploadPlan ? (
            <Upload
              accept="application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
              showUploadList={false}
              customRequest={({ file, onSuccess, onError }) => {
                uploadEvidence(c.id, { file: file as File, kind: 'plan_document' })
                  .then((result) => {
                    onSuccess?.(result);
                    void message.success(tx('upload.done', { name: (file as File).name }));
                    refresh();
                  })
                  .catch((error: unknown) => {
                    onError?.(error as Error);
                    void message.error(errorText(error));
                  });
              }}
            >
              <Button icon={<UploadOutlined />} data-testid="case-plan-upload">
                {tx('detail.plan.upload')}
              </Button>
            </Upload>
          ) : null}
        </Space>
      </Card>

      <Card size="small" title={tx('detail.checklist')} data-testid="case-checklist">
        {detail.checklist.length === 0 ? (
          <Empty />
        ) : (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            {detail.separations.map((separation) => {
              const items = detail.checklist.filter((i) => i.separation === separation.key);
              if (items.length === 0) return null;
              return (
                <div key={separation.key} {...testAttributes('case-separation', separation.key)}>
                  <Typography.Title level={5}>{pickText(separation.title, language)}</Typography.Title>
                  <Space orientation="vertical" style={{ width: '100%' }}>
                    {items.map((item) => (
                      <ChecklistItemCard
                        key={item.key}
                        detail={detail}
                        item={item}
                        language={language}
                        tx={tx}
                        onChanged={refresh}
                      />
                    ))}
                  </Space>
                </div>
              );
            })}
          </Space>
        )}
      </Card>

      {detail.otherFindings.length > 0 ? (
        <Card size="small" title={tx('detail.otherFindings')}>
          <Space orientation="vertical">
            {detail.otherFindings.map((f) => (
              <Link key={f.id} to={`/findings?open=${f.id}`}>
                <Tag>{f.rule}</Tag>
                {language === 'en' ? f.explanationEn : f.explanationZh}
              </Link>
            ))}
          </Space>
        </Card>
      ) : null}

      <Card size="small" title={tx('detail.timeline')}>
        <Timeline
          items={detail.timeline.map((e, index) => ({
            key: index,
            content: (
              <div data-testid="case-timeline-event" data-to={e.to}>
                <Typography.Text type="secondary">{formatDateTime(e.at)}</Typography.Text>{' '}
                <Typography.Text strong>{orEmpty(e.actor)}</Typography.Text>（
                {tx(`owner.${e.role as 'association'}`)}）{' '}
                {e.itemTitle ? `${pickText(e.itemTitle, language)}：` : ''}
                {e.item
                  ? `${e.from ? tx(`item.state.${e.from as TCaseItem['state']}`) : ''} → ${tx(`item.state.${e.to as TCaseItem['state']}`)}`
                  : `${e.from ? stateTitle(e.from, language) : ''} → ${stateTitle(e.to, language)}`}
                {e.reason ? <Typography.Text type="secondary">（{e.reason}）</Typography.Text> : null}
              </div>
            ),
          }))}
        />
      </Card>

      <CaseTransitionModal
        dialog={dialog}
        onClose={() => setDialog(null)}
        onSubmit={(body) => move.mutate(body)}
        pending={move.isPending}
        tx={tx}
      />
    </Space>
  );
}
