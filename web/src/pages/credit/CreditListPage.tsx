import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Drawer, Input, Select, Space, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import {
  actOnCredit,
  getAssociationCredit,
  listCredit,
  type TCreditAction,
  type TCreditListPage,
  type TCreditStatus,
} from '../../api/credit.ts';
import { ApiError } from '../../api/http.ts';
import { testAttributes } from '../../components/testAttributes.ts';
import { formatDate } from '../../format.ts';
import { type TStaffTextId, useStaffText } from '../complaints/messages.ts';

type TItem = TCreditListPage['items'][number];
const STATUSES: readonly TCreditStatus[] = ['clear', 'abnormal', 'serious', 'abnormal_and_serious'];
const STATUS_COLOURS: Record<TCreditStatus, string> = {
  clear: 'green',
  abnormal: 'orange',
  serious: 'red',
  abnormal_and_serious: 'red',
};
const row = { padding: '6px 0', borderBottom: '1px solid #f0f0f0' } as const;

function CreditDrawer({ uscc, onClose }: { uscc: string; onClose: () => void }) {
  const { s, pick } = useStaffText();
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: ['credit', uscc], queryFn: () => getAssociationCredit(uscc) });
  const [text, setText] = useState('');
  const act = useMutation({
    mutationFn: (action: TCreditAction) => actOnCredit(uscc, action),
    onSuccess: (data) => {
      queryClient.setQueryData(['credit', uscc], data);
      void queryClient.invalidateQueries({ queryKey: ['credit-list'] });
      setText('');
    },
  });
  const c = query.data;
  const listed = new Set([...(c?.abnormal?.groundIds ?? []), ...(c?.serious?.groundIds ?? [])]);
  const currentList = c?.serious ? 'serious' : 'abnormal';
  return (
    <Drawer open onClose={onClose} size="large" title={c?.name ?? uscc}>
      {c ? (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="credit-detail">
          <div>
            <Tag color={STATUS_COLOURS[c.status]} data-testid="credit-status">
              {s(`status.${c.status}`)}
            </Tag>
            <span style={{ color: '#888' }}>{c.calendarId}</span>
          </div>
          {act.isError ? (
            <Alert
              type="error"
              title={act.error instanceof ApiError ? act.error.message : String(act.error)}
            />
          ) : null}
          <div>
            <strong>{s('credit.grounds')}</strong>
            {c.grounds.map((g) => (
              <div key={g.id} style={row} data-testid="credit-ground" data-key={g.id}>
                {formatDate(g.arisenOn)} · {s(`list.${g.list}` as TStaffTextId)} ·{' '}
                {pick(g.detail) || g.ground}{' '}
                {g.curable && listed.has(g.id) ? (
                  <Button
                    size="small"
                    onClick={() => act.mutate({ type: 'verify', groundKey: g.id })}
                    data-testid="credit-verify"
                  >
                    {s('credit.verify')}
                  </Button>
                ) : null}
              </div>
            ))}
          </div>
          <div>
            <strong>{s('credit.due')}</strong>
            {c.due.map((d) => (
              <div key={`${d.action}:${d.list}:${d.entryId}`} style={row}>
                <Tag color={d.state === 'overdue' ? 'red' : d.state === 'due' ? 'orange' : 'default'}>
                  {s(`due.${d.state}` as TStaffTextId)}
                </Tag>
                {pick(d.reason)}
                <div style={{ color: '#888', fontSize: 12 }}>
                  {s('credit.basis')}：{d.basis.clause}
                </div>
              </div>
            ))}
          </div>
          <div>
            <strong>{s('credit.history')}</strong>
            {c.history.map((h) => (
              <div key={`${h.on}:${h.list}:${h.action}:${h.reason.zh}`} style={row}>
                {formatDate(h.on)} · {pick(h.reason)}
                <div style={{ color: '#888', fontSize: 12 }}>
                  {s('credit.basis')}：{h.basis.clause}
                </div>
              </div>
            ))}
          </div>
          <div>
            <strong>{s('credit.objections')}</strong>
            {c.objections.map((o) => (
              <div key={o.id} style={row} data-testid="credit-objection" data-state={o.state}>
                {formatDate(o.filedOn)} · {o.state} · {pick(o.statement)}{' '}
                {o.answer ? `→ ${pick(o.answer)}` : ''}
                <Space wrap>
                  {o.state === 'filed' ? (
                    <>
                      <Button
                        size="small"
                        onClick={() =>
                          act.mutate({
                            type: 'decide_objection',
                            objectionId: Number(o.id),
                            decision: 'accept',
                          })
                        }
                      >
                        {s('credit.accept')}
                      </Button>
                      <Button
                        size="small"
                        disabled={text.trim() === ''}
                        onClick={() =>
                          act.mutate({
                            type: 'decide_objection',
                            objectionId: Number(o.id),
                            decision: 'not_accept',
                            textZh: text,
                          })
                        }
                      >
                        {s('credit.notAccept')}
                      </Button>
                    </>
                  ) : null}
                  {o.state === 'accepted' ? (
                    <>
                      <Button
                        size="small"
                        disabled={text.trim() === ''}
                        onClick={() =>
                          act.mutate({
                            type: 'decide_objection',
                            objectionId: Number(o.id),
                            decision: 'uphold',
                            textZh: text,
                          })
                        }
                      >
                        {s('credit.uphold')}
                      </Button>
                      <Button
                        size="small"
                        disabled={text.trim() === ''}
                        onClick={() =>
                          act.mutate({
                            type: 'decide_objection',
                            objectionId: Number(o.id),
                            decision: 'reject',
                            textZh: text,
                          })
                        }
                      >
                        {s('credit.reject')}
                      </Button>
                    </>
                  ) : null}
                </Space>
              </div>
            ))}
          </div>
          <div>
            <strong>{s('credit.repairs')}</strong>
            {c.repairs.map((r) => (
              <div key={r.id} style={row}>
                {formatDate(r.appliedOn)} · {r.state} · {formatDate(r.dueOn)}{' '}
                {r.reason ? `· ${pick(r.reason)}` : ''}
                {r.state === 'submitted' ? (
                  <Space wrap>
                    <Button
                      size="small"
                      onClick={() =>
                        act.mutate({ type: 'decide_repair', repairId: Number(r.id), decision: 'approve' })
                      }
                    >
                      {s('credit.approve')}
                    </Button>
                    <Button
                      size="small"
                      disabled={text.trim() === ''}
                      onClick={() =>
                        act.mutate({
                          type: 'decide_repair',
                          repairId: Number(r.id),
                          decision: 'refuse',
                          reasonZh: text,
                        })
                      }
                    >
                      {s('credit.refuse')}
                    </Button>
                  </Space>
                ) : null}
              </div>
            ))}
          </div>
          <Input.TextArea
            rows={3}
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={`${s('credit.statement')} / ${s('credit.answer')}`}
            aria-label={s('credit.answer')}
          />
          {c.status !== 'clear' ? (
            <Space wrap>
              <Button
                disabled={text.trim() === ''}
                onClick={() =>
                  act.mutate({ type: 'object', list: currentList, statementZh: text, statementEn: text })
                }
              >
                {s('credit.recordObjection')}
              </Button>
              <Button onClick={() => act.mutate({ type: 'apply_repair', list: currentList })}>
                {s('credit.applyRepair')}
              </Button>
            </Space>
          ) : null}
        </Space>
      ) : null}
    </Drawer>
  );
}

/** Associations with a credit record: status, listing date and the next timer; the workflow in a drawer. */
export function CreditListPage() {
  const { s, pick } = useStaffText();
  const [status, setStatus] = useState<TCreditStatus | undefined>();
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<string | null>(null);
  const query = useQuery({
    queryKey: ['credit-list', status, page],
    queryFn: () => listCredit({ status, page, pageSize: 50 }),
    placeholderData: keepPreviousData,
  });
  const columns: TableColumnsType<TItem> = [
    { key: 'name', title: s('inbox.association'), render: (_, i) => i.name },
    {
      key: 'status',
      title: s('credit.status'),
      render: (_, i) => <Tag color={STATUS_COLOURS[i.status]}>{s(`status.${i.status}` as TStaffTextId)}</Tag>,
    },
    {
      key: 'since',
      title: s('credit.since'),
      render: (_, i) => formatDate(i.seriousSince ?? i.abnormalSince),
    },
    {
      key: 'next',
      title: s('credit.next'),
      render: (_, i) =>
        i.next ? (
          <span>
            <Tag>{s(`due.${i.next.state}` as TStaffTextId)}</Tag>
            {pick(i.next.reason)}
          </span>
        ) : (
          '—'
        ),
    },
    { key: 'open', title: s('credit.open'), render: (_, i) => `${i.openObjections} / ${i.openRepairs}` },
  ];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Select<TCreditStatus>
        allowClear
        placeholder={s('credit.status')}
        style={{ width: 200 }}
        value={status}
        onChange={setStatus}
        options={STATUSES.map((v) => ({ value: v, label: s(`status.${v}`) }))}
        aria-label={s('credit.status')}
      />
      <Table<TItem>
        rowKey="uscc"
        loading={query.isFetching}
        dataSource={query.data?.items ?? []}
        columns={columns}
        onRow={(i) => ({
          ...testAttributes('credit-row', i.uscc),
          onClick: () => setSelected(i.uscc),
          style: { cursor: 'pointer' },
        })}
        pagination={{ current: page, pageSize: 50, total: query.data?.total ?? 0, onChange: setPage }}
        scroll={{ x: true }}
      />
      {selected !== null ? <CreditDrawer uscc={selected} onClose={() => setSelected(null)} /> : null}
    </Space>
  );
}
