import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Input, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/http.ts';
import {
  fileComplaint,
  getPublicAssociation,
  getPublicFees,
  type TComplaintForm,
  type TComplaintReceipt,
  trackComplaint,
} from '../../api/public.ts';
import { PageLoading } from '../../components/PageLoading.tsx';
import { formatDate } from '../../format.ts';
import { type TPortalTextId, usePortalText } from './messages.ts';
import { Code, Heading, Muted, Section } from './text.tsx';

// The complaint form and the tracking page: a chunk of their own, loaded only when opened.

type TTopic = NonNullable<TComplaintForm['topic']>;
const TOPICS: readonly TTopic[] = ['fee', 'personnel', 'function', 'other'];

function errorText(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return error instanceof Error ? error.message : String(error);
}

function Receipt({ receipt }: { receipt: TComplaintReceipt }) {
  const { p } = usePortalText();
  return (
    <Section title={p('form.done')}>
      <div data-testid="complaint-receipt">
        <div>
          {p('form.code')}：
          <strong style={{ fontSize: 22, letterSpacing: 2 }} data-testid="complaint-tracking-code">
            {receipt.trackingCode}
          </strong>
        </div>
        <p>{p('form.keepCode')}</p>
        <p>
          <Muted>{p('form.deadlines', { assignBy: receipt.assignBy, resolveBy: receipt.resolveBy })}</Muted>
        </p>
        {receipt.family ? (
          <p>
            <Muted>{p('form.classified', { family: p(`family.${receipt.family}` as TPortalTextId) })}</Muted>
          </p>
        ) : null}
        <Link
          to={`/public/complaints/track?code=${encodeURIComponent(receipt.trackingCode)}`}
          data-testid="complaint-track-link"
        >
          {p('form.track')}
        </Link>
      </div>
    </Section>
  );
}

/** The public complaint form (举报), anonymous unless a contact is given. */
export function ComplaintFormPage() {
  const { p } = usePortalText();
  const [params] = useSearchParams();
  const uscc = params.get('uscc') ?? '';
  const association = useQuery({
    queryKey: ['public', 'association', uscc],
    queryFn: () => getPublicAssociation(uscc),
    enabled: uscc !== '',
  });
  const fees = useQuery({
    queryKey: ['public', 'fees', uscc],
    queryFn: () => getPublicFees(uscc),
    enabled: uscc !== '',
  });
  const [topic, setTopic] = useState<TTopic | null>(null);
  const [feeItemRef, setFeeItemRef] = useState<string | null>(null);
  const [compulsory, setCompulsory] = useState(false);
  const [text, setText] = useState('');
  const [contact, setContact] = useState('');
  const [website, setWebsite] = useState('');
  const [touched, setTouched] = useState(false);
  const submit = useMutation({
    mutationFn: () =>
      fileComplaint({
        uscc,
        topic,
        text,
        feeItemRef,
        compulsory: compulsory ? true : null,
        contact: contact.trim() === '' ? null : contact,
        website,
      }),
  });

  if (uscc === '') return <Alert type="info" title={p('form.pickAssociation')} />;
  if (association.isPending) return <PageLoading />;
  if (submit.data) return <Receipt receipt={submit.data} />;
  const tooShort = text.trim().length < 10;
  const feeOptions = [
    { value: '', label: p('form.feeItem.none') },
    ...(fees.data?.fees ?? []).map((f) => ({ value: f.ref, label: f.name })),
  ];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 720 }}>
      <Heading level={2}>{p('form.title')}</Heading>
      <div>
        {p('form.about')}：
        <strong data-testid="complaint-association">{association.data?.association.name ?? uscc}</strong>{' '}
        <Code>{uscc}</Code>
      </div>
      <div>
        <div>{p('form.topic')}</div>
        <Select<TTopic>
          style={{ width: '100%' }}
          value={topic ?? undefined}
          onChange={setTopic}
          aria-label={p('form.topic')}
          options={TOPICS.map((value) => ({ value, label: p(`form.topic.${value}` as TPortalTextId) }))}
          data-testid="complaint-topic"
        />
      </div>
      {topic === 'fee' && (fees.data?.fees.length ?? 0) > 0 ? (
        <div>
          <div>{p('form.feeItem')}</div>
          <Select
            style={{ width: '100%' }}
            value={feeItemRef ?? ''}
            onChange={(value: string) => setFeeItemRef(value === '' ? null : value)}
            aria-label={p('form.feeItem')}
            options={feeOptions}
          />
        </div>
      ) : null}
      {topic === 'fee' ? (
        <Checkbox checked={compulsory} onChange={(e) => setCompulsory(e.target.checked)}>
          {p('form.compulsory')}
        </Checkbox>
      ) : null}
      <div>
        <div>{p('form.text')}</div>
        <Input.TextArea
          rows={6}
          maxLength={4000}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onBlur={() => setTouched(true)}
          placeholder={p('form.text.placeholder')}
          aria-label={p('form.text')}
          status={touched && tooShort ? 'error' : undefined}
          data-testid="complaint-text"
        />
        {touched && tooShort ? <div style={{ color: '#cf1322' }}>{p('form.tooShort')}</div> : null}
      </div>
      <div>
        <div>{p('form.contact')}</div>
        <Input
          value={contact}
          maxLength={200}
          onChange={(e) => setContact(e.target.value)}
          aria-label={p('form.contact')}
          data-testid="complaint-contact"
        />
        <Muted>{p('form.anonymous')}</Muted>
      </div>
      {/* Hidden from people (and from screen readers); software that fills every field fills this. */}
      <div
        aria-hidden="true"
        style={{ position: 'absolute', left: -10_000, width: 1, height: 1, overflow: 'hidden' }}
      >
        <label>
          {p('form.website')}
          <input
            tabIndex={-1}
            autoComplete="off"
            name="website"
            value={website}
            onChange={(e) => setWebsite(e.target.value)}
          />
        </label>
      </div>
      {submit.isError ? (
        <Alert type="error" title={errorText(submit.error)} data-testid="complaint-error" />
      ) : null}
      <Button
        type="primary"
        disabled={tooShort}
        loading={submit.isPending}
        onClick={() => submit.mutate()}
        data-testid="complaint-submit"
      >
        {p('form.submit')}
      </Button>
    </Space>
  );
}

/** Follow a complaint by its tracking code: its state, its steps and, once closed, the outcome. */
export function TrackComplaintPage() {
  const { p, pick } = usePortalText();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const code = params.get('code') ?? '';
  const [typed, setTyped] = useState(code);
  const query = useQuery({
    queryKey: ['public', 'complaint', code],
    queryFn: () => trackComplaint(code),
    enabled: code.trim() !== '',
    retry: false,
  });
  const go = () => navigate(`/public/complaints/track?code=${encodeURIComponent(typed.trim())}`);
  const data = query.data;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 720 }}>
      <Heading level={2}>{p('track.title')}</Heading>
      <Space.Compact style={{ width: '100%' }}>
        <Input
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          onPressEnter={go}
          placeholder="XXXXX-XXXXX"
          aria-label={p('track.code')}
          data-testid="track-code"
        />
        <Button type="primary" onClick={go} data-testid="track-button">
          {p('track.button')}
        </Button>
      </Space.Compact>
      {query.isFetching ? <PageLoading /> : null}
      {query.isError ? <Alert type="error" title={errorText(query.error)} data-testid="track-error" /> : null}
      {data ? (
        <Section>
          <div data-testid="track-result" data-state={data.state}>
            <p>
              {p('track.association')}：
              <Link to={`/public/associations/${data.association.uscc}`}>{data.association.name}</Link>
            </p>
            <p>
              {p('track.state')}：<Tag data-testid="track-state">{pick(data.stateName)}</Tag>
              {data.state === 'resolved' || data.state === 'dismissed' ? null : (
                <Muted>
                  {p('track.resolveBy')} {formatDate(data.resolveBy)}
                </Muted>
              )}
            </p>
            {data.outcome ? (
              <p>
                {p('track.outcome')}：<span data-testid="track-outcome">{pick(data.outcome)}</span>
              </p>
            ) : null}
            {data.dismissalReason ? (
              <p>
                {p('track.dismissal')}：<span data-testid="track-outcome">{pick(data.dismissalReason)}</span>
              </p>
            ) : null}
            <div>{p('track.history')}</div>
            {data.history.map((h) => (
              <div key={`${h.on}:${h.state}`}>
                <Muted>{formatDate(h.on)}</Muted> {pick(h.stateName)}
              </div>
            ))}
          </div>
        </Section>
      ) : null}
    </Space>
  );
}
