import type { Queryable } from '../db/database.ts';
import {
  dashboardBlocked,
  dashboardFindingRules,
  dashboardFindings,
  dashboardOrgans,
  dashboardOverview,
  dashboardProgress,
  dashboardRegions,
  dashboardTrend,
  findOrganNames,
  listDashboardCases,
  type TBlockedRow,
  type TDashboardCaseRow,
  type TDashboardOverview,
  type TDashboardRequest,
  type TFindingCountRow,
  type TFindingRuleRow,
  type TOrganProgressRow,
  type TProgressRow,
  type TRegionProgressRow,
  type TTrendRow,
} from '../db/repositories/dashboard.repository.ts';
import { barChartOption, lineChartOption, renderChartPng, type TChartImage } from './charts.ts';
import type { TCjkFont } from './font.ts';
import {
  BLOCKED_REASON_ZH,
  batchZh,
  FAMILY_ZH,
  jurisdictionZh,
  LEVEL_ZH,
  provinceZh,
  ruleTitleZh,
  SEVERITY_ZH,
  TREND_SERIES_ZH,
} from './labels.ts';

/**
 * The work summary (脱钩工作总结) every office writes for its jurisdiction and period: basic
 * situation, progress and results, typical problems by rule family, blocked cases, next steps. Its
 * numbers are the dashboard's (the same query module with the same filter), so what the text says is
 * what the dashboard shows. Examples name associations (public bodies), never a person.
 */

/** Everything the summary says, read from the dashboard queries. */
export type TWorkSummaryData = {
  request: TDashboardRequest;
  overview: TDashboardOverview;
  progress: TProgressRow[];
  organs: TOrganProgressRow[];
  regions: TRegionProgressRow[];
  blocked: TBlockedRow[];
  blockedCases: { rows: TDashboardCaseRow[]; total: number };
  trend: TTrendRow[];
  findings: TFindingCountRow[];
  findingRules: TFindingRuleRow[];
  /** The organ filter's name, when the filter has one. */
  organName: string | null;
};

/** Blocked cases listed by name in the summary; the rest are counted. */
const BLOCKED_LISTED = 20;

/** Reads the summary's numbers for a request. */
export async function gatherWorkSummary(q: Queryable, request: TDashboardRequest): Promise<TWorkSummaryData> {
  const organNames = await findOrganNames(q, request.filter.organ ? [request.filter.organ] : []);
  return {
    request,
    overview: await dashboardOverview(q, request),
    progress: await dashboardProgress(q, request),
    organs: await dashboardOrgans(q, request, { limit: 10 }),
    regions: await dashboardRegions(q, request),
    blocked: await dashboardBlocked(q, request),
    blockedCases: await listDashboardCases(
      q,
      request,
      { stage: 'blocked' },
      { page: 1, pageSize: BLOCKED_LISTED },
    ),
    trend: await dashboardTrend(q, request),
    findings: await dashboardFindings(q, request),
    findingRules: await dashboardFindingRules(q, request, { examples: 2 }),
    organName: request.filter.organ ? (organNames.get(request.filter.organ) ?? request.filter.organ) : null,
  };
}

export type TSummaryBlock =
  | { kind: 'paragraph'; text: string }
  | { kind: 'subheading'; text: string }
  | { kind: 'table'; headers: string[]; rows: string[][] }
  | { kind: 'chart'; chart: TChartImage };

export type TSummarySection = { heading: string; blocks: TSummaryBlock[] };

export type TWorkSummaryDocument = {
  title: string;
  subtitle: string;
  sections: TSummarySection[];
  /** The closing line: who generated it and on which filter. */
  footer: string;
};

/** The section headings, in order; tests look for them in the generated files. */
export const SUMMARY_HEADINGS = [
  '一、基本情况',
  '二、工作进展和成效',
  '三、存在的典型问题',
  '四、受阻案件及原因',
  '五、下一步工作安排',
] as const;

const CHINESE_ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

function percent(part: number, whole: number): string {
  return whole === 0 ? '0' : ((part * 100) / whole).toFixed(1);
}

function dateZh(date: string): string {
  const [y, m, d] = date.split('-');
  return `${Number(y)}年${Number(m)}月${Number(d)}日`;
}

function filterDescription(data: TWorkSummaryData): string {
  const { filter } = data.request;
  const parts: string[] = [];
  if (filter.level) parts.push(`${LEVEL_ZH[filter.level]}协会`);
  if (filter.batch) parts.push(batchZh(filter.batch));
  if (data.organName) parts.push(`原业务主管单位为${data.organName}（含所属单位）`);
  return parts.length === 0 ? '' : `（统计范围：${parts.join('；')}）`;
}

function periodText(data: TWorkSummaryData): string {
  const { period } = data.overview;
  return period.from ? `${dateZh(period.from)}至${dateZh(period.asOf)}` : `截至${dateZh(period.asOf)}`;
}

type TBatchTotals = {
  batch: string;
  total: number;
  decoupled: number;
  inProgress: number;
  blocked: number;
  exempt: number;
};

function batchTotals(progress: readonly TProgressRow[]): TBatchTotals[] {
  const byBatch = new Map<string, TBatchTotals>();
  for (const row of progress) {
    const t = byBatch.get(row.batch) ?? {
      batch: row.batch,
      total: 0,
      decoupled: 0,
      inProgress: 0,
      blocked: 0,
      exempt: 0,
    };
    t.total += row.count;
    if (row.state === 'decoupled') t.decoupled += row.count;
    else if (row.state === 'blocked') t.blocked += row.count;
    else if (row.state === 'exempt') t.exempt += row.count;
    else t.inProgress += row.count;
    byBatch.set(row.batch, t);
  }
  return [...byBatch.values()];
}

/** The charts of the summary, drawn with the CJK font. */
export function summaryCharts(data: TWorkSummaryData, font: TCjkFont) {
  const batches = batchTotals(data.progress);
  const progress = renderChartPng(
    barChartOption({
      categories: batches.map((b) => batchZh(b.batch)),
      series: [
        { name: '已完成脱钩', values: batches.map((b) => b.decoupled), stack: 'stage' },
        { name: '推进中', values: batches.map((b) => b.inProgress), stack: 'stage' },
        { name: '受阻', values: batches.map((b) => b.blocked), stack: 'stage' },
        { name: '经批准暂不脱钩', values: batches.map((b) => b.exempt), stack: 'stage' },
      ],
      horizontal: true,
    }),
    font,
    '图1 各批次脱钩进展',
  );
  const trend = renderChartPng(
    lineChartOption({
      months: data.trend.map((t) => t.month),
      series: (['listed', 'plan_approved', 'decoupled', 'blocked'] as const).map((s) => ({
        name: TREND_SERIES_ZH[s],
        values: data.trend.map((t) => t[s]),
      })),
    }),
    font,
    '图2 逐月进展趋势',
  );
  const organs = renderChartPng(
    barChartOption({
      categories: data.organs.map((o) => o.name),
      series: [
        { name: '已完成脱钩', values: data.organs.map((o) => o.decoupled), stack: 'stage' },
        { name: '推进中', values: data.organs.map((o) => o.inProgress), stack: 'stage' },
        { name: '受阻', values: data.organs.map((o) => o.blocked), stack: 'stage' },
      ],
      horizontal: true,
    }),
    font,
    '图3 按原业务主管单位的脱钩进展',
  );
  const families = [...new Set(data.findings.map((f) => f.family))];
  const severities = [...new Set(data.findings.map((f) => f.severity))];
  const findings = renderChartPng(
    barChartOption({
      categories: families.map((f) => FAMILY_ZH[f] ?? f),
      series: severities.map((s) => ({
        name: SEVERITY_ZH[s] ?? s,
        values: families.map(
          (f) => data.findings.find((r) => r.family === f && r.severity === s)?.count ?? 0,
        ),
        stack: 'severity',
      })),
    }),
    font,
    '图4 问题线索按类别和严重程度分布',
  );
  return { progress, trend, organs, findings };
}

/** The summary as headings, paragraphs, tables and charts, for the Word and PDF writers. */
export function composeWorkSummary(
  data: TWorkSummaryData,
  charts: ReturnType<typeof summaryCharts>,
): TWorkSummaryDocument {
  const o = data.overview;
  const place = jurisdictionZh(data.request.filter.jurisdiction);
  const asOf = dateZh(o.period.asOf);
  const batches = batchTotals(data.progress);

  const basic: TSummaryBlock[] = [
    {
      kind: 'paragraph',
      text:
        `截至${asOf}，${place}纳入统计的行业协会商会共${o.associations}家${filterDescription(data)}，` +
        `脱钩案件共${o.cases}件。其中：已完成脱钩${o.decoupled}件，占${percent(o.decoupled, o.cases)}%；` +
        `推进中${o.inProgress}件；受阻${o.blocked}件；经批准暂不脱钩${o.exempt}件。`,
    },
    {
      kind: 'table',
      headers: ['批次', '案件数', '已完成脱钩', '推进中', '受阻', '暂不脱钩'],
      rows: batches.map((b) => [
        batchZh(b.batch),
        String(b.total),
        String(b.decoupled),
        String(b.inProgress),
        String(b.blocked),
        String(b.exempt),
      ]),
    },
  ];
  const regionRows = data.regions.map((r) => [
    provinceZh(r.province),
    LEVEL_ZH[r.level],
    String(r.total),
    String(r.decoupled),
    String(r.total - r.decoupled - r.exempt),
    String(r.overdue),
  ]);
  if (regionRows.length > 1)
    basic.push({
      kind: 'table',
      headers: ['地区', '层级', '案件数', '已完成脱钩', '未完成', '逾期'],
      rows: regionRows,
    });

  const lagging = data.organs.filter((g) => g.total - g.decoupled - g.exempt > 0).slice(0, 5);
  const progress: TSummaryBlock[] = [
    {
      kind: 'paragraph',
      text:
        `${periodText(data)}，新列入脱钩名单${o.listedInPeriod}件，批复脱钩方案${o.planApprovedInPeriod}件，` +
        `完成脱钩${o.decoupledInPeriod}件。`,
    },
    {
      kind: 'paragraph',
      text:
        `按期限要求检查（以${asOf}计），逾期未批复脱钩方案${o.overduePlan}件，逾期未完成脱钩${o.overdueCompletion}件，` +
        `逾期案件合计${o.overdue}件。`,
    },
    { kind: 'chart', chart: charts.progress },
    { kind: 'chart', chart: charts.trend },
  ];
  if (lagging.length > 0) {
    progress.push({
      kind: 'paragraph',
      text:
        '按原业务主管单位看，未完成脱钩案件较多的有：' +
        lagging
          .map((g) => `${g.name}（未完成${g.total - g.decoupled - g.exempt}件，其中逾期${g.overdue}件）`)
          .join('；') +
        '。',
    });
    progress.push({ kind: 'chart', chart: charts.organs });
  }

  const problems: TSummaryBlock[] = [
    {
      kind: 'paragraph',
      text: `截至${asOf}，规则筛查发现尚未消除的问题线索${o.findings}条，其中违规${o.findingsViolation}条。按问题类别分述如下。`,
    },
  ];
  const families = [...new Set(data.findings.map((f) => f.family))].sort(
    (a, b) => familyCount(data.findings, b) - familyCount(data.findings, a) || a.localeCompare(b),
  );
  families.forEach((family, i) => {
    const rules = data.findingRules.filter((r) => r.family === family);
    problems.push({
      kind: 'subheading',
      text: `（${CHINESE_ORDINALS[i] ?? String(i + 1)}）${FAMILY_ZH[family] ?? family}方面，问题线索${familyCount(data.findings, family)}条。`,
    });
    problems.push({
      kind: 'paragraph',
      text: rules
        .slice(0, 3)
        .map(
          (r) =>
            `${ruleTitleZh(r.ruleId)}（${r.ruleId}）${r.count}条，涉及${r.associations}家协会` +
            (r.exampleAssociations.length > 0 ? `，如${r.exampleAssociations.join('、')}` : ''),
        )
        .join('；')
        .concat(rules.length > 3 ? `；另有其他${rules.length - 3}项规则的问题线索。` : '。'),
    });
  });
  if (families.length > 0) problems.push({ kind: 'chart', chart: charts.findings });

  const blockedSection: TSummaryBlock[] = [
    {
      kind: 'paragraph',
      text:
        `截至${asOf}，受阻案件${o.blocked}件` +
        (data.blocked.length > 0
          ? `，其中${data.blocked.map((b) => `${BLOCKED_REASON_ZH[b.reason] ?? b.reason}${b.count}件`).join('，')}。`
          : '。'),
    },
  ];
  if (data.blockedCases.rows.length > 0) {
    blockedSection.push({
      kind: 'table',
      headers: ['协会名称', '批次', '受阻原因', '受阻以来'],
      rows: data.blockedCases.rows.map((c) => [
        c.associationName,
        batchZh(c.batch),
        c.blockedReason
          ? (BLOCKED_REASON_ZH[c.blockedReason] ?? c.blockedReason)
          : BLOCKED_REASON_ZH.unclassified!,
        c.stateSince.slice(0, 10),
      ]),
    });
    if (data.blockedCases.total > data.blockedCases.rows.length)
      blockedSection.push({
        kind: 'paragraph',
        text: `以上列出${data.blockedCases.rows.length}件，其余${data.blockedCases.total - data.blockedCases.rows.length}件见工作台受阻案件清单。`,
      });
  }

  const steps: string[] = [];
  if (o.overduePlan > 0)
    steps.push(
      `对逾期未批复脱钩方案的${o.overduePlan}件案件，逐一督促原业务主管单位和协会限期报送、批复方案。`,
    );
  if (o.overdueCompletion > 0)
    steps.push(`对逾期未完成脱钩的${o.overdueCompletion}件案件，明确完成时限和责任单位，按月调度。`);
  if (o.blocked > 0)
    steps.push(
      `对受阻的${o.blocked}件案件，属于配套政策不完善的，提请有关部门研究完善政策；属于工作推进不力的，约谈有关单位。`,
    );
  if (o.findings > 0)
    steps.push(`对尚未消除的${o.findings}条问题线索，督促协会逐条整改，整改情况纳入综合监管和信用管理。`);
  steps.push('巩固脱钩成果，加强对已脱钩协会的综合监管，防止出现新的“二政府”和变相挂靠。');
  const next: TSummaryBlock[] = steps.map((text, i) => ({
    kind: 'paragraph',
    text: `（${CHINESE_ORDINALS[i] ?? String(i + 1)}）${text}`,
  }));

  return {
    title: `${place}行业协会商会与行政机关脱钩工作总结`,
    subtitle: `统计期间：${periodText(data)}`,
    sections: [
      { heading: SUMMARY_HEADINGS[0], blocks: basic },
      { heading: SUMMARY_HEADINGS[1], blocks: progress },
      { heading: SUMMARY_HEADINGS[2], blocks: problems },
      { heading: SUMMARY_HEADINGS[3], blocks: blockedSection },
      { heading: SUMMARY_HEADINGS[4], blocks: next },
    ],
    footer: `本总结由脱钩工作平台根据${asOf}的数据生成，数字与同一筛选条件下的工作台一致。`,
  };
}

function familyCount(findings: readonly TFindingCountRow[], family: string): number {
  return findings.filter((f) => f.family === family).reduce((s, f) => s + f.count, 0);
}
