import { useQuery } from '@tanstack/react-query';
import { Empty, Spin, Tag } from 'antd';
import type { ReactNode } from 'react';
import type { TInspectionOutcome } from '../../api/inspections.ts';
import {
  getPublicComplaintOutcomes,
  getPublicCredit,
  getPublicFees,
  getPublicInspections,
  getPublicScorecard,
  type TSeparationState,
} from '../../api/public.ts';
import { formatDate, formatYuan } from '../../format.ts';
import { OUTCOME_LABELS } from '../inspections/text.ts';
import { type TPortalTextId, usePortalText } from './messages.ts';
import { Muted, Section } from './text.tsx';

// The association page's sections beyond the registry record. A chunk of its own, loaded after the
// record is on screen, so the portal's first load stays small on a phone.

const SEPARATION_COLOURS: Record<TSeparationState, string> = {
  done: 'green',
  in_progress: 'blue',
  issues: 'red',
  not_started: 'default',
  exempt: 'purple',
  no_case: 'default',
};

const row = { padding: '8px 0', borderBottom: '1px solid #f0f0f0' } as const;

function Loading({ pending, children }: { pending: boolean; children: ReactNode }) {
  return pending ? <Spin size="small" /> : children;
}

function Scorecard({ uscc }: { uscc: string }) {
  const { p, pick } = usePortalText();
  const query = useQuery({
    queryKey: ['public', 'scorecard', uscc],
    queryFn: () => getPublicScorecard(uscc),
  });
  const data = query.data;
  return (
    <Section title={p('section.scorecard')}>
      <Loading pending={query.isPending}>
        {data ? (
          <div data-testid="public-scorecard">
            <Muted>
              {data.case
                ? p('scorecard.case', { batch: data.case.batch, listedOn: formatDate(data.case.listedOn) })
                : p('scorecard.noCase')}
              {data.case?.decoupledOn
                ? ` · ${p('scorecard.decoupledOn', { date: data.case.decoupledOn })}`
                : ''}
            </Muted>
            {data.separations.map((s) => (
              <div
                key={s.id}
                style={row}
                data-testid="public-separation"
                data-key={s.id}
                data-state={s.state}
              >
                <strong>{pick(s.title)}</strong>{' '}
                <Tag color={SEPARATION_COLOURS[s.state]}>{p(`separation.${s.state}` as TPortalTextId)}</Tag>
                {s.openFindings > 0 ? (
                  <Muted>{p('scorecard.openFindings', { n: s.openFindings })}</Muted>
                ) : null}
              </div>
            ))}
          </div>
        ) : null}
      </Loading>
    </Section>
  );
}

function Fees({ uscc }: { uscc: string }) {
  const { p } = usePortalText();
  const query = useQuery({ queryKey: ['public', 'fees', uscc], queryFn: () => getPublicFees(uscc) });
  const data = query.data;
  return (
    <Section title={p('section.fees')}>
      <Loading pending={query.isPending}>
        {data ? (
          <div data-testid="public-fees">
            {data.fees.length === 0 ? <Muted>{p('fees.none')}</Muted> : null}
            {data.fees.map((f) => (
              <div key={f.ref} style={row} data-testid="public-fee">
                <strong>{f.name}</strong>{' '}
                <span>
                  {f.amount !== null
                    ? formatYuan(f.amount)
                    : f.tiers
                      ? f.tiers.map((t) => formatYuan(t)).join(' / ')
                      : '—'}
                </span>{' '}
                <Muted>
                  {f.startedOn ? `${formatDate(f.startedOn)} ${p('fees.since')}` : ''}
                  {f.endedOn ? ` · ${formatDate(f.endedOn)} ${p('fees.until')}` : ''}
                </Muted>
              </div>
            ))}
            <h4 style={{ marginBottom: 0 }}>{p('fees.dues')}</h4>
            {data.dues.length === 0 ? <Muted>{p('fees.duesNone')}</Muted> : null}
            {data.dues.map((d) => (
              <div key={d.ref} style={row} data-testid="public-dues">
                <span>{d.tiers.map((t) => formatYuan(t)).join(' / ')}</span>{' '}
                <Muted>
                  {p('fees.assembly', { date: formatDate(d.assemblyDate) })}
                  {d.secretBallot ? ` · ${p('fees.secretBallot')}` : ''}
                  {d.effectiveFrom ? ` · ${p('fees.effective', { date: formatDate(d.effectiveFrom) })}` : ''}
                  {d.supersededOn ? ` · ${p('fees.superseded', { date: formatDate(d.supersededOn) })}` : ''}
                </Muted>
              </div>
            ))}
          </div>
        ) : null}
      </Loading>
    </Section>
  );
}

function Credit({ uscc }: { uscc: string }) {
  const { p, pick } = usePortalText();
  const query = useQuery({ queryKey: ['public', 'credit', uscc], queryFn: () => getPublicCredit(uscc) });
  const data = query.data;
  return (
    <Section title={p('section.credit')}>
      <Loading pending={query.isPending}>
        {data ? (
          <div data-testid="public-credit" data-status={data.status}>
            <Tag color={data.status === 'clear' ? 'green' : 'red'} data-testid="public-credit-status">
              {p(`credit.${data.status}` as TPortalTextId)}
            </Tag>
            {data.seriousSince || data.abnormalSince ? (
              <Muted>
                {p('credit.since', { date: formatDate(data.seriousSince ?? data.abnormalSince) })}
              </Muted>
            ) : null}
            {data.history.length === 0 ? (
              <div>
                <Muted>{p('credit.noHistory')}</Muted>
              </div>
            ) : null}
            {data.history.map((h) => (
              <div
                key={`${h.on}:${h.list}:${h.action}:${h.reason.zh}`}
                style={row}
                data-testid="public-credit-entry"
              >
                <Tag>{p(`credit.action.${h.action}` as TPortalTextId)}</Tag>
                <strong>{formatDate(h.on)}</strong> {pick(h.reason)}
                <div>
                  <Muted>
                    {p('credit.basis')}：{h.basis.clause}
                  </Muted>
                </div>
              </div>
            ))}
            <div style={{ marginTop: 8 }}>
              <Muted style={{ fontSize: 12 }}>{p('credit.calendar', { id: data.calendarId })}</Muted>
            </div>
          </div>
        ) : null}
      </Loading>
    </Section>
  );
}

const OUTCOME_COLORS: Record<TInspectionOutcome, string> = {
  compliant: 'green',
  rectification_ordered: 'orange',
  referred_for_penalty: 'red',
  not_found: 'default',
};

function Inspections({ uscc }: { uscc: string }) {
  const { p, pick, language } = usePortalText();
  const query = useQuery({
    queryKey: ['public', 'inspections', uscc],
    queryFn: () => getPublicInspections(uscc),
    retry: false,
  });
  return (
    <Section title={p('section.inspections')}>
      <Loading pending={query.isPending}>
        <div data-testid="public-inspections">
          {query.isError ? <Muted>{p('inspections.unavailable')}</Muted> : null}
          {query.data && query.data.results.length === 0 ? <Muted>{p('inspections.none')}</Muted> : null}
          {query.data?.results.map((r) => (
            <div key={`${r.drawId}:${r.inspectedOn}`} style={row} data-testid="public-inspection">
              <strong>{formatDate(r.inspectedOn)}</strong>{' '}
              <Tag color={OUTCOME_COLORS[r.outcome]} data-testid="public-inspection-outcome">
                {pick(OUTCOME_LABELS[r.outcome])}
              </Tag>
              {language === 'en' ? r.summaryEn : r.summaryZh}
            </div>
          ))}
        </div>
      </Loading>
    </Section>
  );
}

function Complaints({ uscc }: { uscc: string }) {
  const { p, pick } = usePortalText();
  const query = useQuery({
    queryKey: ['public', 'complaint-outcomes', uscc],
    queryFn: () => getPublicComplaintOutcomes(uscc),
  });
  const data = query.data;
  return (
    <Section title={p('section.complaints')}>
      <Loading pending={query.isPending}>
        {data ? (
          <div data-testid="public-complaint-outcomes">
            <Muted>{p('complaints.counts', { open: data.open, closed: data.closed })}</Muted>
            {data.items.length === 0 ? <Empty description={p('complaints.none')} /> : null}
            {data.items.map((c) => (
              <div
                key={`${c.receivedOn}:${c.closedOn}:${(c.outcome ?? c.dismissalReason)?.zh}`}
                style={row}
                data-testid="public-complaint-outcome"
              >
                <Tag color={c.state === 'resolved' ? 'green' : 'default'}>
                  {p(`state.${c.state}` as TPortalTextId)}
                </Tag>
                {c.family ? <Tag>{p(`family.${c.family}` as TPortalTextId)}</Tag> : null}
                <Muted>
                  {p('complaints.received', { date: formatDate(c.receivedOn) })}
                  {c.closedOn ? ` · ${p('complaints.closed', { date: formatDate(c.closedOn) })}` : ''}
                </Muted>
                <div>{c.outcome ? pick(c.outcome) : c.dismissalReason ? pick(c.dismissalReason) : ''}</div>
              </div>
            ))}
          </div>
        ) : null}
      </Loading>
    </Section>
  );
}

/** Scorecard, fees and dues, credit, inspections and complaint outcomes of one association. */
export function AssociationSections({ uscc }: { uscc: string }) {
  return (
    <>
      <Scorecard uscc={uscc} />
      <Fees uscc={uscc} />
      <Credit uscc={uscc} />
      <Inspections uscc={uscc} />
      <Complaints uscc={uscc} />
    </>
  );
}
