import { FilePdfOutlined, FileWordOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Empty, Input, Row, Select, Space, Statistic, Typography } from 'antd';
import { type ReactNode, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { BUILT_IN_BATCHES } from '../../../../src/core/cases/batches.ts';
import {
  getDashboardAggregate,
  type TAnswerOf,
  type TDashboardAggregate,
  type TDashboardFilter,
  type TDashboardSegment,
  workSummaryUrl,
} from '../../api/dashboard.ts';
import { LEVELS } from '../../api/types.ts';
import { OrganSelect } from '../../components/OrganSelect.tsx';
import { RegionCascader } from '../../components/RegionCascader.tsx';
import { QueryError } from '../../components/StatusPages.tsx';
import { useT } from '../../i18n/index.ts';
import {
  blockedOption,
  findingsOption,
  organsOption,
  overdueOption,
  progressOption,
  regionsOption,
  trendOption,
} from './chartOptions.ts';
import { dashboardParams, parseDashboardParams, type TDashboardState } from './dashboardParams.ts';
import { EChart, type TChartOption } from './EChart.tsx';
import {
  codeLabel,
  dashboardTranslator,
  type TDashboardMessageId,
  type TDashboardTranslate,
} from './messages.ts';
import { SegmentList } from './SegmentList.tsx';

type TChartSpec<A extends TDashboardAggregate> = {
  aggregate: A;
  titleId: TDashboardMessageId;
  option: (answer: TAnswerOf<A>, t: TDashboardTranslate) => TChartOption;
  isEmpty: (answer: TAnswerOf<A>) => boolean;
  span: number;
};

function spec<A extends TDashboardAggregate>(s: TChartSpec<A>): TChartSpec<A> {
  return s;
}

const CHARTS = [
  spec({
    aggregate: 'progress',
    titleId: 'chart.progress',
    option: progressOption,
    isEmpty: (a) => a.rows.length === 0,
    span: 12,
  }),
  spec({
    aggregate: 'organs',
    titleId: 'chart.organs',
    option: organsOption,
    isEmpty: (a) => a.rows.length === 0,
    span: 12,
  }),
  spec({
    aggregate: 'regions',
    titleId: 'chart.regions',
    option: regionsOption,
    isEmpty: (a) => a.rows.length === 0,
    span: 24,
  }),
  spec({
    aggregate: 'findings',
    titleId: 'chart.findings',
    option: findingsOption,
    isEmpty: (a) => a.rows.length === 0,
    span: 12,
  }),
  spec({
    aggregate: 'blocked',
    titleId: 'chart.blocked',
    option: blockedOption,
    isEmpty: (a) => a.rows.length === 0,
    span: 12,
  }),
  spec({
    aggregate: 'overdue',
    titleId: 'chart.overdue',
    option: overdueOption,
    isEmpty: (a) => a.rows.length === 0,
    span: 12,
  }),
  spec({
    aggregate: 'trend',
    titleId: 'chart.trend',
    option: trendOption,
    isEmpty: (a) => a.rows.length === 0,
    span: 12,
  }),
] as const;

function ChartCard<A extends TDashboardAggregate>({
  chart,
  filter,
  t,
  onSegment,
}: {
  chart: TChartSpec<A>;
  filter: TDashboardFilter;
  t: TDashboardTranslate;
  onSegment: (aggregate: TDashboardAggregate, segment: TDashboardSegment) => void;
}) {
  const query = useQuery({
    queryKey: ['dashboard', chart.aggregate, filter],
    queryFn: () => getDashboardAggregate(chart.aggregate, filter),
  });
  const option = useMemo(
    () => (query.data ? chart.option(query.data, t) : undefined),
    [query.data, chart, t],
  );
  let body: ReactNode;
  if (query.isError) body = <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  else if (query.data && chart.isEmpty(query.data)) body = <Empty description={t('chart.empty')} />;
  else if (option)
    body = (
      <EChart
        option={option}
        onSegment={(segment) => onSegment(chart.aggregate, segment)}
        testId={`chart-${chart.aggregate}`}
      />
    );
  return (
    <Card
      size="small"
      title={t(chart.titleId)}
      loading={query.isPending}
      data-testid={`card-${chart.aggregate}`}
    >
      {body}
    </Card>
  );
}

function FilterBar({
  filter,
  onChange,
  t,
}: {
  filter: TDashboardFilter;
  onChange: (filter: TDashboardFilter) => void;
  t: TDashboardTranslate;
}) {
  const { language } = useT();
  const set = (patch: Partial<TDashboardFilter>) => onChange({ ...filter, ...patch });
  return (
    <Space wrap data-testid="dashboard-filters">
      <RegionCascader
        value={filter.jurisdiction}
        onChange={(jurisdiction) => set({ jurisdiction })}
        placeholder={t('filter.jurisdiction')}
        style={{ width: 220 }}
        testId="dashboard-filter-jurisdiction"
      />
      <Select
        allowClear
        value={filter.level}
        onChange={(level) => set({ level })}
        placeholder={t('filter.level')}
        style={{ width: 110 }}
        options={LEVELS.map((level) => ({ value: level, label: codeLabel(t, 'level', level) }))}
        data-testid="dashboard-filter-level"
      />
      <Select
        allowClear
        value={filter.batch}
        onChange={(batch) => set({ batch })}
        placeholder={t('filter.batch')}
        style={{ width: 220 }}
        options={BUILT_IN_BATCHES.map((b) => ({
          value: b.id,
          label: language === 'en' ? b.title.en : b.title.zh,
        }))}
        data-testid="dashboard-filter-batch"
      />
      <OrganSelect
        value={filter.organ}
        onChange={(organ) => set({ organ })}
        placeholder={t('filter.organ')}
        style={{ width: 240 }}
        testId="dashboard-filter-organ"
      />
      <Input
        type="date"
        value={filter.from ?? ''}
        onChange={(e) => set({ from: e.target.value || undefined })}
        aria-label={t('filter.from')}
        style={{ width: 150 }}
        data-testid="dashboard-filter-from"
      />
      <Input
        type="date"
        value={filter.to ?? ''}
        onChange={(e) => set({ to: e.target.value || undefined })}
        aria-label={t('filter.to')}
        style={{ width: 150 }}
        data-testid="dashboard-filter-to"
      />
      <Button onClick={() => onChange({})}>{t('filter.reset')}</Button>
    </Space>
  );
}

function Overview({
  filter,
  t,
  onSegment,
}: {
  filter: TDashboardFilter;
  t: TDashboardTranslate;
  onSegment: (aggregate: TDashboardAggregate, segment: TDashboardSegment) => void;
}) {
  const query = useQuery({
    queryKey: ['dashboard', 'overview', filter],
    queryFn: () => getDashboardAggregate('overview', filter),
  });
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const o = query.data?.overview;
  const cards: {
    id: TDashboardMessageId;
    value: number | undefined;
    segment?: TDashboardSegment;
    aggregate?: TDashboardAggregate;
  }[] = [
    { id: 'card.cases', value: o?.cases, segment: {} },
    { id: 'card.decoupled', value: o?.decoupled, segment: { stage: 'decoupled' } },
    { id: 'card.inProgress', value: o?.inProgress, segment: { stage: 'in_progress' } },
    { id: 'card.blocked', value: o?.blocked, segment: { stage: 'blocked' } },
    { id: 'card.overdue', value: o?.overdue, segment: { stage: 'overdue' } },
    { id: 'card.decoupledInPeriod', value: o?.decoupledInPeriod },
    { id: 'card.findings', value: o?.findings, segment: {}, aggregate: 'findings' },
  ];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Row gutter={[12, 12]}>
        {cards.map((card) => (
          <Col key={card.id} xs={12} md={6} xl={3}>
            <Card
              size="small"
              hoverable={card.segment !== undefined}
              loading={query.isPending}
              onClick={
                card.segment ? () => onSegment(card.aggregate ?? 'overview', card.segment!) : undefined
              }
              data-testid={`stat-${card.id.slice(5)}`}
            >
              <Statistic title={t(card.id)} value={card.value ?? 0} />
            </Card>
          </Col>
        ))}
      </Row>
      {o ? (
        <Typography.Text type="secondary" data-testid="dashboard-as-of">
          {t('card.asOf', { date: o.period.asOf })} · {t('chart.hint')}
        </Typography.Text>
      ) : null}
    </Space>
  );
}

/**
 * The decoupling dashboard: headline numbers, the charts by batch and state, former organ, province
 * and level, findings, blocked reasons, overdue and trend; every chart click opens the list behind it
 * (exportable as XLSX); the work summary of the same filter downloads as Word or PDF. The filter and
 * the open list live in the URL.
 */
export function DashboardPage() {
  const { language } = useT();
  const t = useMemo(() => dashboardTranslator(language), [language]);
  const [searchParams, setSearchParams] = useSearchParams();
  const state = parseDashboardParams(searchParams);
  const update = (next: TDashboardState) => setSearchParams(dashboardParams(next));
  const drill = (aggregate: TDashboardAggregate, segment: TDashboardSegment) =>
    update({ ...state, drill: { aggregate, segment, page: 1 } });

  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="dashboard-title">
          {t('title')}
        </Typography.Title>
      }
      extra={
        <Space>
          <Typography.Text>{t('summary.button')}</Typography.Text>
          <Button
            icon={<FileWordOutlined />}
            href={workSummaryUrl('docx', state.filter)}
            download
            data-testid="summary-docx"
          >
            {t('summary.docx')}
          </Button>
          <Button
            icon={<FilePdfOutlined />}
            href={workSummaryUrl('pdf', state.filter)}
            download
            data-testid="summary-pdf"
          >
            {t('summary.pdf')}
          </Button>
        </Space>
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <FilterBar filter={state.filter} onChange={(filter) => update({ filter })} t={t} />
        <Overview filter={state.filter} t={t} onSegment={drill} />
        <Row gutter={[16, 16]}>
          {CHARTS.map((chart) => (
            <Col key={chart.aggregate} xs={24} xl={chart.span}>
              <ChartCard
                chart={chart as TChartSpec<TDashboardAggregate>}
                filter={state.filter}
                t={t}
                onSegment={drill}
              />
            </Col>
          ))}
        </Row>
      </Space>
      {state.drill ? (
        <SegmentList
          aggregate={state.drill.aggregate}
          filter={state.filter}
          segment={state.drill.segment}
          page={state.drill.page}
          onPage={(page) => update({ ...state, drill: { ...state.drill!, page } })}
          onClose={() => update({ filter: state.filter })}
          t={t}
        />
      ) : null}
    </Card>
  );
}
