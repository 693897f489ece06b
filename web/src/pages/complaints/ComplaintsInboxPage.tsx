import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  DatePicker,
  Descriptions,
  Drawer,
  Input,
  Select,
  Space,
  Switch,
  Table,
  type TableColumnsType,
  Tag,
} from 'antd';
import { useState } from 'react';
import {
  actOnComplaint,
  getComplaint,
  listComplaints,
  type TComplaint,
  type TComplaintAction,
  type TComplaintFamily,
  type TComplaintState,
} from '../../api/complaints.ts';
import { ApiError } from '../../api/http.ts';
import { useSession } from '../../auth/session.ts';
import { testAttributes } from '../../components/testAttributes.ts';
import { formatDate, formatDateTime } from '../../format.ts';
import { type TStaffTextId, useStaffText } from './messages.ts';

const STATES: readonly TComplaintState[] = ['received', 'assigned', 'investigating', 'resolved', 'dismissed'];
const FAMILIES: readonly TComplaintFamily[] = ['FEE', 'PERS', 'FUNC'];
const TIMELINESS_COLOURS = {
  on_time: 'green',
  assignment_overdue: 'orange',
  resolution_overdue: 'red',
} as const;

function ComplaintDrawer({ id, onClose }: { id: number; onClose: () => void }) {
  const { s, pick } = useStaffText();
  const session = useSession();
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: ['complaint', id], queryFn: () => getComplaint(id) });
  const [outcomeZh, setOutcomeZh] = useState('');
  const [outcomeEn, setOutcomeEn] = useState('');
  const act = useMutation({
    mutationFn: (action: TComplaintAction) => actOnComplaint(id, action),
    onSuccess: (detail) => {
      queryClient.setQueryData(['complaint', id], detail);
      void queryClient.invalidateQueries({ queryKey: ['complaints'] });
      setOutcomeZh('');
      setOutcomeEn('');
    },
  });
  const c = query.data;
  const me = session.status === 'authenticated' ? session.user.username : null;
  const open = c && (c.state === 'received' || c.state === 'assigned' || c.state === 'investigating');
  return (
    <Drawer open onClose={onClose} size="large" title={c ? `${c.trackingCode} · ${c.association.name}` : ''}>
      {c ? (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="complaint-detail">
          <Descriptions
            bordered
            size="small"
            column={1}
            items={[
              {
                key: 'state',
                label: s('inbox.state'),
                children: <Tag data-testid="complaint-state">{s(`state.${c.state}`)}</Tag>,
              },
              { key: 'received', label: s('inbox.received'), children: formatDate(c.receivedOn) },
              { key: 'resolveBy', label: s('inbox.resolveBy'), children: formatDate(c.resolveBy) },
              { key: 'assignee', label: s('inbox.assignee'), children: c.assignee ?? '—' },
              {
                key: 'family',
                label: s('inbox.classification'),
                children: (
                  <Space wrap>
                    {c.family ? (
                      <Tag color="blue">{s(`family.${c.family}`)}</Tag>
                    ) : (
                      <Tag color="orange">{s('inbox.triage')}</Tag>
                    )}
                    {c.feeRule ? <Tag>{c.feeRule}</Tag> : null}
                    {c.classification.families
                      .flatMap((f) => f.cues)
                      .slice(0, 8)
                      .map((cue) => (
                        <Tag key={cue}>{cue}</Tag>
                      ))}
                  </Space>
                ),
              },
              { key: 'fee', label: s('inbox.feeItem'), children: c.feeItem?.name ?? '—' },
              {
                key: 'contact',
                label: '',
                children: c.hasContact ? s('inbox.contact') : s('inbox.anonymous'),
              },
              {
                key: 'text',
                label: s('inbox.text'),
                children: <div style={{ whiteSpace: 'pre-wrap' }}>{c.text}</div>,
              },
              ...(c.outcome
                ? [{ key: 'outcome', label: s('inbox.outcome'), children: pick(c.outcome) }]
                : []),
              ...(c.dismissalReason
                ? [{ key: 'dismissal', label: s('inbox.dismissReason'), children: pick(c.dismissalReason) }]
                : []),
            ]}
          />
          {act.isError ? (
            <Alert
              type="error"
              title={act.error instanceof ApiError ? act.error.message : String(act.error)}
            />
          ) : null}
          {open ? (
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Space wrap>
                {me ? (
                  <Button
                    onClick={() => act.mutate({ type: 'assign', assignee: me })}
                    data-testid="complaint-assign-me"
                  >
                    {s('inbox.assignMe')}
                  </Button>
                ) : null}
                {c.state === 'assigned' ? (
                  <Button onClick={() => act.mutate({ type: 'start' })} data-testid="complaint-start">
                    {s('inbox.start')}
                  </Button>
                ) : null}
                <Select<TComplaintFamily>
                  placeholder={s('inbox.reclassify')}
                  style={{ width: 160 }}
                  options={FAMILIES.map((f) => ({ value: f, label: s(`family.${f}`) }))}
                  onChange={(family) => act.mutate({ type: 'reclassify', family, feeRule: c.feeRule })}
                  aria-label={s('inbox.reclassify')}
                />
                <DatePicker
                  placeholder={s('inbox.deadline')}
                  onChange={(value) => {
                    if (value) act.mutate({ type: 'set_deadline', resolveBy: value.format('YYYY-MM-DD') });
                  }}
                  aria-label={s('inbox.deadline')}
                />
              </Space>
              <Input.TextArea
                rows={3}
                value={outcomeZh}
                onChange={(e) => setOutcomeZh(e.target.value)}
                placeholder={s('inbox.outcome')}
                aria-label={s('inbox.outcome')}
                data-testid="complaint-outcome"
              />
              <Input.TextArea
                rows={2}
                value={outcomeEn}
                onChange={(e) => setOutcomeEn(e.target.value)}
                placeholder={s('inbox.outcomeEn')}
                aria-label={s('inbox.outcomeEn')}
              />
              <Space wrap>
                <Button
                  type="primary"
                  disabled={c.state !== 'investigating' || outcomeZh.trim() === ''}
                  loading={act.isPending}
                  onClick={() => act.mutate({ type: 'resolve', outcomeZh, outcomeEn })}
                  data-testid="complaint-resolve"
                >
                  {s('inbox.resolve')}
                </Button>
                <Button
                  danger
                  disabled={outcomeZh.trim() === ''}
                  onClick={() => act.mutate({ type: 'dismiss', reasonZh: outcomeZh, reasonEn: outcomeEn })}
                  data-testid="complaint-dismiss"
                >
                  {s('inbox.dismiss')}
                </Button>
              </Space>
            </Space>
          ) : null}
          <div>
            <strong>{s('inbox.events')}</strong>
            {c.events.map((e) => (
              <div key={`${e.at}:${e.action}`} data-testid="complaint-event">
                {formatDateTime(e.at)} · {e.actor} · {e.action}
                {e.fromState && e.fromState !== e.toState ? ` (${e.fromState} → ${e.toState})` : ''}
                {e.note ? ` · ${e.note}` : ''}
              </div>
            ))}
          </div>
        </Space>
      ) : null}
    </Drawer>
  );
}

/** The regulator's inbox of complaints: most urgent first, with assignment, deadlines and outcomes. */
export function ComplaintsInboxPage() {
  const { s } = useStaffText();
  const [openOnly, setOpenOnly] = useState(true);
  const [state, setState] = useState<TComplaintState | undefined>();
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<number | null>(null);
  const query = useQuery({
    queryKey: ['complaints', openOnly, state, page],
    queryFn: () => listComplaints({ open: openOnly || undefined, state, page, pageSize: 20 }),
    placeholderData: keepPreviousData,
  });
  const columns: TableColumnsType<TComplaint> = [
    { key: 'code', title: s('inbox.code'), render: (_, c) => <code>{c.trackingCode}</code> },
    { key: 'association', title: s('inbox.association'), render: (_, c) => c.association.name },
    { key: 'received', title: s('inbox.received'), render: (_, c) => formatDate(c.receivedOn) },
    {
      key: 'family',
      title: s('inbox.family'),
      render: (_, c) =>
        c.family ? s(`family.${c.family}` as TStaffTextId) : <Tag color="orange">{s('inbox.triage')}</Tag>,
    },
    {
      key: 'state',
      title: s('inbox.state'),
      render: (_, c) => <Tag>{s(`state.${c.state}` as TStaffTextId)}</Tag>,
    },
    { key: 'assignee', title: s('inbox.assignee'), render: (_, c) => c.assignee ?? '—' },
    {
      key: 'resolveBy',
      title: s('inbox.resolveBy'),
      render: (_, c) => (
        <Space>
          {formatDate(c.resolveBy)}
          <Tag color={TIMELINESS_COLOURS[c.timeliness]}>
            {s(`inbox.timeliness.${c.timeliness}` as TStaffTextId)}
          </Tag>
        </Space>
      ),
    },
  ];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Switch checked={openOnly} onChange={setOpenOnly} aria-label={s('inbox.openOnly')} />{' '}
        {s('inbox.openOnly')}
        <Select<TComplaintState>
          allowClear
          placeholder={s('inbox.state')}
          style={{ width: 160 }}
          value={state}
          onChange={setState}
          options={STATES.map((v) => ({ value: v, label: s(`state.${v}`) }))}
          aria-label={s('inbox.state')}
        />
      </Space>
      <Table<TComplaint>
        rowKey="id"
        loading={query.isFetching}
        dataSource={query.data?.items ?? []}
        columns={columns}
        onRow={(c) => ({
          ...testAttributes('complaint-row', c.trackingCode),
          onClick: () => setSelected(c.id),
          style: { cursor: 'pointer' },
        })}
        pagination={{ current: page, pageSize: 20, total: query.data?.total ?? 0, onChange: setPage }}
        scroll={{ x: true }}
      />
      {selected !== null ? <ComplaintDrawer id={selected} onClose={() => setSelected(null)} /> : null}
    </Space>
  );
}
