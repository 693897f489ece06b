import type { TAnswerOf, TDashboardSegment } from '../../api/dashboard.ts';
import type { TChartOption, TSegmentDatum } from './EChart.tsx';
import { codeLabel, type TDashboardTranslate } from './messages.ts';

/**
 * The dashboard's ECharts options, one per chart. Every bar, sector and point carries the segment
 * it stands for, so a click drills into exactly the list it counts.
 */

type TSeries = { name: string; data: TSegmentDatum[]; stack?: string };

function bars(categories: string[], series: TSeries[], horizontal = false): TChartOption {
  const category = {
    type: 'category',
    data: categories,
    axisLabel: { interval: 0, width: 160, overflow: 'truncate' },
  };
  const value = { type: 'value', minInterval: 1 };
  return {
    tooltip: { trigger: 'item' },
    legend: { top: 0, type: 'scroll' },
    grid: {
      left: horizontal ? 170 : 40,
      right: 24,
      top: 36,
      // Many provinces side by side: the labels slant so that each keeps its own place.
      bottom: horizontal ? 24 : 84,
      containLabel: false,
    },
    xAxis: horizontal ? value : { ...category, axisLabel: { ...category.axisLabel, rotate: 40, width: 90 } },
    yAxis: horizontal ? { ...category, inverse: true } : value,
    series: series.map((s) => ({ type: 'bar', name: s.name, stack: s.stack, data: s.data, barMaxWidth: 36 })),
  };
}

const datum = (value: number, segment: TDashboardSegment): TSegmentDatum => ({ value, segment });

export function progressOption(answer: TAnswerOf<'progress'>, t: TDashboardTranslate): TChartOption {
  const batches = [...new Map(answer.rows.map((r) => [r.batch, r.batchTitle]))];
  const states = [...new Set(answer.rows.map((r) => r.state))];
  return bars(
    batches.map(([, title]) => title),
    states.map((state) => ({
      name: codeLabel(t, 'state', state),
      stack: 'state',
      data: batches.map(([batch]) =>
        datum(answer.rows.find((r) => r.batch === batch && r.state === state)?.count ?? 0, { batch, state }),
      ),
    })),
    true,
  );
}

export function organsOption(answer: TAnswerOf<'organs'>, t: TDashboardTranslate): TChartOption {
  const stages = [
    ['decoupled', 'decoupled'],
    ['in_progress', 'inProgress'],
    ['blocked', 'blocked'],
  ] as const;
  return bars(
    answer.rows.map((r) => r.name),
    stages.map(([stage, field]) => ({
      name: codeLabel(t, 'stage', stage),
      stack: 'stage',
      data: answer.rows.map((r) => datum(r[field], { segmentOrgan: r.code, stage })),
    })),
    true,
  );
}

export function regionsOption(answer: TAnswerOf<'regions'>, t: TDashboardTranslate): TChartOption {
  const provinces = [
    ...new Map(answer.rows.map((r) => [r.province, r.province === '10' ? t('national') : r.provinceName])),
  ];
  const levels = [...new Set(answer.rows.map((r) => r.level))];
  return bars(
    provinces.map(([, name]) => name),
    levels.map((level) => ({
      name: codeLabel(t, 'level', level),
      stack: 'level',
      data: provinces.map(([province]) =>
        datum(answer.rows.find((r) => r.province === province && r.level === level)?.total ?? 0, {
          province,
          level,
        }),
      ),
    })),
  );
}

export function findingsOption(answer: TAnswerOf<'findings'>, t: TDashboardTranslate): TChartOption {
  const families = [...new Set(answer.rows.map((r) => r.family))];
  const severities = [...new Set(answer.rows.map((r) => r.severity))];
  return bars(
    families.map((f) => codeLabel(t, 'family', f)),
    severities.map((severity) => ({
      name: codeLabel(t, 'severity', severity),
      stack: 'severity',
      data: families.map((family) =>
        datum(answer.rows.find((r) => r.family === family && r.severity === severity)?.count ?? 0, {
          family,
          severity,
        }),
      ),
    })),
  );
}

export function blockedOption(answer: TAnswerOf<'blocked'>, t: TDashboardTranslate): TChartOption {
  return {
    tooltip: { trigger: 'item' },
    legend: { top: 0 },
    series: [
      {
        type: 'pie',
        radius: ['35%', '65%'],
        top: 24,
        label: { formatter: '{b}: {c}' },
        data: answer.rows.map((r) => ({
          name: codeLabel(t, 'reason', r.reason),
          value: r.count,
          segment: { stage: 'blocked', reason: r.reason },
        })),
      },
    ],
  };
}

export function overdueOption(answer: TAnswerOf<'overdue'>, t: TDashboardTranslate): TChartOption {
  return bars(
    answer.rows.map((r) => r.batchTitle),
    (['CASE-1', 'CASE-2'] as const).map((rule) => ({
      name: t(`rule.${rule}`),
      data: answer.rows.map((r) =>
        datum(rule === 'CASE-1' ? r.plan : r.completion, { batch: r.batch, rule }),
      ),
    })),
    true,
  );
}

export function trendOption(answer: TAnswerOf<'trend'>, t: TDashboardTranslate): TChartOption {
  const series = ['listed', 'plan_approved', 'decoupled', 'blocked'] as const;
  return {
    tooltip: { trigger: 'item' },
    legend: { top: 0 },
    grid: { left: 40, right: 24, top: 36, bottom: 32 },
    xAxis: { type: 'category', data: answer.rows.map((r) => r.month) },
    yAxis: { type: 'value', minInterval: 1 },
    series: series.map((s) => ({
      type: 'line',
      name: codeLabel(t, 'series', s),
      symbolSize: 8,
      data: answer.rows.map((r) => datum(r[s], { month: r.month, series: s })),
    })),
  };
}
