import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../../api/http.ts';
import {
  assignInspectors,
  createDraw,
  getDraw,
  INSPECTION_OUTCOMES,
  listAssignments,
  listDraws,
  listInspectors,
  publishDraw,
  recordResult,
  revealDraw,
  type TAssignment,
  type TCreateDraw,
  type TDrawSummary,
  type TInspectionOutcome,
  type TResultInput,
} from '../../api/inspections.ts';
import { useSession } from '../../auth/session.ts';
import { QueryError } from '../../components/StatusPages.tsx';
import {
  KIND_LABELS,
  OUTCOME_LABELS,
  STATE_COLORS,
  STATE_LABELS,
  type TPhrase,
  usePick,
  verifyCommand,
} from './text.ts';

type TPick = (phrase: TPhrase) => string;

/** The role of the logged-in account (the page sits behind login). */
function useRole(): string | undefined {
  const session = useSession();
  return session.status === 'authenticated' ? session.user.role : undefined;
}

function errorText(error: unknown): string {
  return error instanceof ApiError || error instanceof Error ? error.message : String(error);
}

function CreateDrawForm({ pick, onCreated }: { pick: TPick; onCreated: (id: string) => void }) {
  const [form] = Form.useForm<TCreateDraw>();
  const kind = Form.useWatch('kind', form);
  const mutation = useMutation({ mutationFn: createDraw, onSuccess: (draw) => onCreated(draw.id) });
  return (
    <Form
      form={form}
      layout="inline"
      initialValues={{ kind: 'yearly', year: new Date().getFullYear() }}
      onFinish={(values) => mutation.mutate({ ...values, jurisdiction: values.jurisdiction || undefined })}
      data-testid="create-draw-form"
    >
      <Form.Item name="kind">
        <Radio.Group
          options={(['yearly', 'irregular'] as const).map((k) => ({ value: k, label: pick(KIND_LABELS[k]) }))}
        />
      </Form.Item>
      <Form.Item name="year" label={pick({ zh: '年度', en: 'Year' })}>
        <InputNumber min={2000} max={2200} />
      </Form.Item>
      <Form.Item name="jurisdiction" label={pick({ zh: '地区代码', en: 'Region' })}>
        <Input placeholder="110000" style={{ width: 100 }} />
      </Form.Item>
      {kind === 'irregular' && (
        <>
          <Form.Item
            name="category"
            label={pick({ zh: '行业', en: 'Industry' })}
            rules={[{ required: true }]}
          >
            <Input style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="ratio" label={pick({ zh: '比例', en: 'Ratio' })}>
            <InputNumber min={0.01} max={1} step={0.01} />
          </Form.Item>
        </>
      )}
      <Button type="primary" htmlType="submit" loading={mutation.isPending} data-testid="create-draw">
        {pick({ zh: '生成抽取方案并公示承诺', en: 'Create and commit' })}
      </Button>
      {mutation.error && <Alert type="error" showIcon message={errorText(mutation.error)} />}
    </Form>
  );
}

function ResultModal({
  pick,
  drawId,
  uscc,
  onClose,
}: {
  pick: TPick;
  drawId: string;
  uscc: string | null;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const [form] = Form.useForm<
    Omit<TResultInput, 'uscc' | 'inspectedOn' | 'rectifyBy'> & {
      inspectedOn: { format(f: string): string };
      rectifyBy?: { format(f: string): string };
    }
  >();
  const outcome = Form.useWatch('outcome', form) as TInspectionOutcome | undefined;
  const mutation = useMutation({
    mutationFn: (body: TResultInput) => recordResult(drawId, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['inspections'] });
      onClose();
    },
  });
  return (
    <Modal
      open={uscc !== null}
      title={pick({ zh: `录入检查结果：${uscc}`, en: `Record the result: ${uscc}` })}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={mutation.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ outcome: 'compliant' }}
        onFinish={(v) =>
          mutation.mutate({
            uscc: uscc ?? '',
            inspectedOn: v.inspectedOn.format('YYYY-MM-DD'),
            outcome: v.outcome,
            summaryZh: v.summaryZh,
            summaryEn: v.summaryEn,
            rectifyBy: v.rectifyBy ? v.rectifyBy.format('YYYY-MM-DD') : null,
          })
        }
      >
        <Form.Item
          name="inspectedOn"
          label={pick({ zh: '检查日期', en: 'Inspected on' })}
          rules={[{ required: true }]}
        >
          <DatePicker />
        </Form.Item>
        <Form.Item name="outcome" label={pick({ zh: '结论', en: 'Outcome' })}>
          <Select options={INSPECTION_OUTCOMES.map((o) => ({ value: o, label: pick(OUTCOME_LABELS[o]) }))} />
        </Form.Item>
        {outcome === 'rectification_ordered' && (
          <Form.Item
            name="rectifyBy"
            label={pick({ zh: '整改期限', en: 'Rectify by' })}
            rules={[{ required: true }]}
          >
            <DatePicker />
          </Form.Item>
        )}
        <Form.Item
          name="summaryZh"
          label={pick({ zh: '摘要（中文，将公开）', en: 'Summary in Chinese (public)' })}
          rules={[{ required: true }]}
        >
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item
          name="summaryEn"
          label={pick({ zh: '摘要（英文，将公开）', en: 'Summary in English (public)' })}
          rules={[{ required: true }]}
        >
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
      {mutation.error && <Alert type="error" showIcon message={errorText(mutation.error)} />}
    </Modal>
  );
}

function DrawDrawer({ pick, drawId, onClose }: { pick: TPick; drawId: string | null; onClose: () => void }) {
  const role = useRole();
  const queryClient = useQueryClient();
  const [resultFor, setResultFor] = useState<string | null>(null);
  const query = useQuery({
    queryKey: ['inspections', 'draw', drawId],
    queryFn: () => getDraw(drawId ?? ''),
    enabled: drawId !== null,
  });
  const act = useMutation({
    mutationFn: (step: 'draw' | 'assign' | 'publish') =>
      step === 'draw'
        ? revealDraw(drawId!)
        : step === 'assign'
          ? assignInspectors(drawId!)
          : publishDraw(drawId!),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['inspections'] }),
  });
  const draw = query.data;
  const manages = role === 'regulator' || role === 'admin';
  // Inspectors record from their own list, where every row is theirs.
  const records = manages;
  const resultOf = (uscc: string) => draw?.results.find((r) => r.uscc === uscc);
  return (
    <Drawer
      open={drawId !== null}
      onClose={onClose}
      width={880}
      title={draw ? pick(draw.title) : drawId}
      destroyOnHidden
    >
      {query.error && <QueryError error={query.error} />}
      {draw && (
        <Space direction="vertical" style={{ width: '100%' }} data-testid="draw-detail">
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={pick({ zh: '状态', en: 'State' })}>
              <Tag color={STATE_COLORS[draw.state]} data-testid="draw-state">
                {pick(STATE_LABELS[draw.state])}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label={pick({ zh: '公示文件 SHA-256', en: 'Document SHA-256' })}>
              <Typography.Text code copyable>
                {draw.published.sha256}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={pick({ zh: '种子承诺值', en: 'Seed commitment' })}>
              <Typography.Text code>{draw.seedCommitment}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={pick({ zh: '种子', en: 'Seed' })}>
              {draw.seed ? (
                <Typography.Text code>{draw.seed}</Typography.Text>
              ) : (
                pick({ zh: '抽取后公布', en: 'Revealed at the draw' })
              )}
            </Descriptions.Item>
            <Descriptions.Item label={pick({ zh: '分层与数量', en: 'Strata and quotas' })}>
              {draw.strata
                .map(
                  (s) =>
                    `${pick(s.label)} ${draw.quotas.find((q) => q.stratum === s.id)?.count ?? 0}/${s.population}`,
                )
                .join('；')}
            </Descriptions.Item>
            <Descriptions.Item label={pick({ zh: '公开页与核验', en: 'Public page and verification' })}>
              <Space direction="vertical">
                <Link to={`/public/inspections/${draw.id}`}>{`/public/inspections/${draw.id}`}</Link>
                <Typography.Text code copyable>
                  {verifyCommand(draw.id, window.location.origin)}
                </Typography.Text>
              </Space>
            </Descriptions.Item>
          </Descriptions>
          {manages && (
            <Space>
              {draw.state === 'committed' && (
                <Button
                  type="primary"
                  onClick={() => act.mutate('draw')}
                  loading={act.isPending}
                  data-testid="reveal-draw"
                >
                  {pick({ zh: '抽取并公布种子', en: 'Draw and reveal the seed' })}
                </Button>
              )}
              {draw.state === 'drawn' && (
                <>
                  <Button
                    onClick={() => act.mutate('assign')}
                    loading={act.isPending}
                    data-testid="assign-inspectors"
                  >
                    {pick({ zh: '随机分派检查人员', en: 'Draw the inspectors' })}
                  </Button>
                  <Button
                    type="primary"
                    onClick={() => act.mutate('publish')}
                    loading={act.isPending}
                    data-testid="publish-draw"
                  >
                    {pick({ zh: '公开检查结果', en: 'Publish the results' })}
                  </Button>
                </>
              )}
            </Space>
          )}
          {act.error && <Alert type="error" showIcon message={errorText(act.error)} />}
          {draw.state !== 'committed' && (
            <Table
              size="small"
              rowKey="uscc"
              pagination={{ pageSize: 20 }}
              dataSource={draw.selections}
              data-testid="draw-selections-table"
              columns={[
                { title: pick({ zh: '分层', en: 'Stratum' }), dataIndex: 'stratum' },
                { title: pick({ zh: '名次', en: 'Rank' }), dataIndex: 'rank' },
                {
                  title: pick({ zh: '名称', en: 'Name' }),
                  render: (_, s) => <Link to={`/registry/${s.uscc}`}>{s.name}</Link>,
                },
                {
                  title: pick({ zh: '检查人员', en: 'Inspectors' }),
                  render: (_, s) =>
                    draw.assignments
                      .filter((a) => a.uscc === s.uscc)
                      .map((a) => a.inspector.name)
                      .join('、') || '—',
                },
                {
                  title: pick({ zh: '结果', en: 'Result' }),
                  render: (_, s) => {
                    const result = resultOf(s.uscc);
                    if (result) return pick(OUTCOME_LABELS[result.outcome]);
                    const assigned = draw.assignments.some((a) => a.uscc === s.uscc);
                    return records && draw.state === 'drawn' && assigned ? (
                      <Button size="small" onClick={() => setResultFor(s.uscc)} data-testid="record-result">
                        {pick({ zh: '录入', en: 'Record' })}
                      </Button>
                    ) : (
                      '—'
                    );
                  },
                },
              ]}
            />
          )}
        </Space>
      )}
      {drawId && (
        <ResultModal pick={pick} drawId={drawId} uscc={resultFor} onClose={() => setResultFor(null)} />
      )}
    </Drawer>
  );
}

function DrawsTab({ pick }: { pick: TPick }) {
  const role = useRole();
  const [open, setOpen] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: ['inspections', 'draws'], queryFn: listDraws });
  const manages = role === 'regulator' || role === 'admin';
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {manages && (
        <CreateDrawForm
          pick={pick}
          onCreated={(id) => {
            void queryClient.invalidateQueries({ queryKey: ['inspections'] });
            setOpen(id);
          }}
        />
      )}
      {query.error && <QueryError error={query.error} />}
      <Table<TDrawSummary>
        rowKey="id"
        loading={query.isLoading}
        dataSource={query.data?.items ?? []}
        data-testid="draws-table"
        onRow={(d) => ({ onClick: () => setOpen(d.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: pick({ zh: '编号', en: 'Draw' }), dataIndex: 'id' },
          { title: pick({ zh: '名称', en: 'Title' }), render: (_, d) => pick(d.title) },
          {
            title: pick({ zh: '状态', en: 'State' }),
            render: (_, d) => <Tag color={STATE_COLORS[d.state]}>{pick(STATE_LABELS[d.state])}</Tag>,
          },
          { title: pick({ zh: '公示日期', en: 'Published' }), dataIndex: 'publishedOn' },
          { title: pick({ zh: '抽取范围', en: 'Frame' }), dataIndex: 'frameSize', align: 'right' },
          { title: pick({ zh: '抽中', en: 'Selected' }), dataIndex: 'selected', align: 'right' },
          { title: pick({ zh: '已有结果', en: 'Results' }), dataIndex: 'results', align: 'right' },
        ]}
      />
      <DrawDrawer pick={pick} drawId={open} onClose={() => setOpen(null)} />
    </Space>
  );
}

function AssignmentsTab({ pick }: { pick: TPick }) {
  const role = useRole();
  const [open, setOpen] = useState<string | null>(null);
  const [recording, setRecording] = useState<{ drawId: string; uscc: string } | null>(null);
  const query = useQuery({ queryKey: ['inspections', 'assignments'], queryFn: listAssignments });
  return (
    <>
      {query.error && <QueryError error={query.error} />}
      <Table<TAssignment>
        rowKey={(a) => `${a.drawId}|${a.uscc}|${a.inspector.code}`}
        loading={query.isLoading}
        dataSource={query.data?.items ?? []}
        data-testid="assignments-table"
        columns={[
          {
            title: pick({ zh: '抽查', en: 'Draw' }),
            render: (_, a) => (
              <Button type="link" size="small" onClick={() => setOpen(a.drawId)}>
                {a.drawId}
              </Button>
            ),
          },
          { title: pick({ zh: '单位', en: 'Organisation' }), dataIndex: 'associationName' },
          { title: pick({ zh: '检查人员', en: 'Inspector' }), render: (_, a) => a.inspector.name },
          {
            title: pick({ zh: '结果', en: 'Result' }),
            render: (_, a) => {
              if (a.resultOutcome) return pick(OUTCOME_LABELS[a.resultOutcome]);
              // An inspector's list holds only their own assignments: each open one can be recorded here.
              return role === 'inspector' && a.drawState === 'drawn' ? (
                <Button
                  size="small"
                  onClick={() => setRecording({ drawId: a.drawId, uscc: a.uscc })}
                  data-testid="record-own-result"
                >
                  {pick({ zh: '录入结果', en: 'Record the result' })}
                </Button>
              ) : (
                pick({ zh: '待录入', en: 'Pending' })
              );
            },
          },
        ]}
      />
      <DrawDrawer pick={pick} drawId={open} onClose={() => setOpen(null)} />
      {recording && (
        <ResultModal
          pick={pick}
          drawId={recording.drawId}
          uscc={recording.uscc}
          onClose={() => setRecording(null)}
        />
      )}
    </>
  );
}

function InspectorsTab({ pick }: { pick: TPick }) {
  const query = useQuery({ queryKey: ['inspections', 'inspectors'], queryFn: listInspectors });
  return (
    <>
      {query.error && <QueryError error={query.error} />}
      <Table
        rowKey="code"
        loading={query.isLoading}
        dataSource={query.data?.items ?? []}
        data-testid="inspectors-table"
        columns={[
          { title: pick({ zh: '编号', en: 'Code' }), dataIndex: 'code' },
          { title: pick({ zh: '姓名', en: 'Name' }), dataIndex: 'displayName' },
          { title: pick({ zh: '所在单位', en: 'Works for' }), dataIndex: 'organCode' },
          { title: pick({ zh: '地区', en: 'Region' }), dataIndex: 'regionCode' },
          {
            title: pick({ zh: '申报回避', en: 'Declared conflicts' }),
            render: (_, i) => [...i.declaredConflicts, ...i.priorPosts].join(', ') || '—',
          },
        ]}
      />
    </>
  );
}

/** Random inspections for staff: draws and their steps, assignments, the inspector pool. */
export function InspectionsPage() {
  const pick = usePick();
  const role = useRole();
  const items = [
    { key: 'draws', label: pick({ zh: '抽查批次', en: 'Draws' }), children: <DrawsTab pick={pick} /> },
    {
      key: 'assignments',
      label:
        role === 'inspector'
          ? pick({ zh: '我的检查任务', en: 'My assignments' })
          : pick({ zh: '检查任务', en: 'Assignments' }),
      children: <AssignmentsTab pick={pick} />,
    },
  ];
  if (role !== 'inspector')
    items.push({
      key: 'inspectors',
      label: pick({ zh: '检查人员库', en: 'Inspector pool' }),
      children: <InspectorsTab pick={pick} />,
    });
  return (
    <Tabs
      items={items}
      defaultActiveKey={role === 'inspector' ? 'assignments' : 'draws'}
      data-testid="inspections-page"
    />
  );
}
