import { appendAuditEvent } from '../../db/repositories/audit.repository.ts';
import {
  dashboardBlocked,
  dashboardFindings,
  dashboardOrgans,
  dashboardOverdue,
  dashboardOverview,
  dashboardProgress,
  dashboardRegions,
  dashboardTrend,
  listDashboardCases,
  listDashboardFindings,
  periodOf,
  streamDashboardCases,
  streamDashboardFindings,
  type TDashboardCaseRow,
  type TDashboardFilter,
  type TDashboardFindingRow,
  type TDashboardRequest,
  type TDashboardSegment,
} from '../../db/repositories/dashboard.repository.ts';
import { regionCodeRange } from '../../db/repositories/registry-read.repository.ts';
import {
  BLOCKED_REASON_ZH,
  batchZh,
  CASE_STATE_ZH,
  FAMILY_ZH,
  LEVEL_ZH,
  provinceZh,
  ruleTitleZh,
  SEVERITY_ZH,
} from '../../reports/labels.ts';
import type { TAppDeps } from '../env.ts';
import { AppError } from '../errors.ts';
import { spreadsheetExportResponse, type TExportColumn } from '../export.ts';
import { regionLabel } from '../presenters.ts';
import { assertUnreachable, auditActorOf, registryScopeOf, type TPrincipal } from '../principal.ts';
import type { TDashboardAggregate } from './dashboard.schemas.ts';
import type { THandlersOf } from './types.ts';

type TFilterQuery = TDashboardFilter;

/**
 * The dashboard request of a caller: the filter as asked, inside the caller's scope. A regulator
 * whose jurisdiction is a region may narrow it but not leave it (403 `outside_scope`); an organ's
 * staff see the cases of the associations linked to their organ; auditors and admins see everything.
 */
export function dashboardRequestOf(
  principal: TPrincipal,
  query: TFilterQuery,
  today: string,
): TDashboardRequest {
  const scope = registryScopeOf(principal);
  if (query.jurisdiction && scope.kind === 'region') {
    const outer = regionCodeRange(scope.regionCode);
    const inner = regionCodeRange(query.jurisdiction);
    if (outer && (!inner || inner.low < outer.low || inner.high > outer.high))
      throw new AppError(
        'outside_scope',
        `The jurisdiction ${query.jurisdiction} lies outside your jurisdiction ${scope.regionCode}`,
      );
  }
  const filter: TDashboardFilter = {
    jurisdiction: query.jurisdiction,
    level: query.level,
    batch: query.batch,
    organ: query.organ,
    from: query.from,
    to: query.to,
  };
  return { scope, filter, today };
}

type TSegmentQuery = Omit<TDashboardSegment, 'organ' | 'level' | 'batch'> & { segmentOrgan?: string };

function segmentOf(query: TSegmentQuery): TDashboardSegment {
  return {
    state: query.state,
    stage: query.stage,
    province: query.province,
    organ: query.segmentOrgan,
    reason: query.reason,
    month: query.month,
    series: query.series,
    rule: query.rule,
    family: query.family,
    severity: query.severity,
  };
}

/** The list behind a chart holds findings for the findings chart and cases for every other. */
function listKindOf(aggregate: TDashboardAggregate): 'cases' | 'findings' {
  return aggregate === 'findings' ? 'findings' : 'cases';
}

const yesNo = (value: boolean) => (value ? '是' : '');

const CASE_COLUMNS: TExportColumn<TDashboardCaseRow>[] = [
  { header: '案件编号', width: 34, value: (r) => r.ref },
  { header: '统一社会信用代码', width: 22, value: (r) => r.uscc },
  { header: '协会名称', width: 36, value: (r) => r.associationName },
  { header: '级别', width: 8, value: (r) => LEVEL_ZH[r.level] },
  { header: '行政区划', width: 22, value: (r) => regionLabel(r.regionCode) },
  { header: '批次', width: 24, value: (r) => batchZh(r.batch) },
  { header: '状态', width: 14, value: (r) => CASE_STATE_ZH[r.state] },
  { header: '列入名单日期', width: 12, value: (r) => r.listedOn ?? '' },
  { header: '方案期限', width: 12, value: (r) => r.planDeadline ?? '' },
  { header: '方案批复日期', width: 12, value: (r) => r.planApprovedOn ?? '' },
  { header: '完成期限', width: 12, value: (r) => r.completionDeadline ?? '' },
  { header: '脱钩日期', width: 12, value: (r) => r.decoupledOn ?? '' },
  {
    header: '受阻原因',
    width: 16,
    value: (r) => (r.blockedReason ? (BLOCKED_REASON_ZH[r.blockedReason] ?? r.blockedReason) : ''),
  },
  { header: '逾期未批复方案', width: 14, value: (r) => yesNo(r.overduePlan) },
  { header: '逾期未完成脱钩', width: 14, value: (r) => yesNo(r.overdueCompletion) },
];

const FINDING_COLUMNS: TExportColumn<TDashboardFindingRow>[] = [
  { header: '编号', width: 10, value: (r) => String(r.id) },
  { header: '规则', width: 10, value: (r) => r.ruleId },
  { header: '规则名称', width: 36, value: (r) => ruleTitleZh(r.ruleId) },
  { header: '类别', width: 14, value: (r) => FAMILY_ZH[r.family] ?? r.family },
  { header: '严重程度', width: 10, value: (r) => SEVERITY_ZH[r.severity] ?? r.severity },
  { header: '状态', width: 12, value: (r) => r.status },
  { header: '统一社会信用代码', width: 22, value: (r) => r.uscc },
  { header: '协会名称', width: 36, value: (r) => r.associationName },
  { header: '行政区划', width: 22, value: (r) => regionLabel(r.regionCode) },
  { header: '首次发现', width: 12, value: (r) => r.firstSeenOn },
  { header: '整改期限', width: 12, value: (r) => r.deadline ?? '' },
];

export function createDashboardHandlers(
  deps: TAppDeps,
): THandlersOf<'dashboardAggregate' | 'dashboardList' | 'dashboardExport'> {
  const { db } = deps;
  const today = () => deps.now().toISOString().slice(0, 10);

  return {
    dashboardAggregate: async (c) => {
      const { aggregate } = c.req.valid('param');
      const request = dashboardRequestOf(c.get('principal')!, c.req.valid('query'), today());
      const period = periodOf(request.filter, request.today);
      switch (aggregate) {
        case 'overview':
          return c.json({ aggregate, period, overview: await dashboardOverview(db, request) }, 200);
        case 'progress': {
          const rows = await dashboardProgress(db, request);
          return c.json(
            { aggregate, period, rows: rows.map((r) => ({ ...r, batchTitle: batchZh(r.batch) })) },
            200,
          );
        }
        case 'organs':
          return c.json({ aggregate, period, rows: await dashboardOrgans(db, request) }, 200);
        case 'regions': {
          const rows = await dashboardRegions(db, request);
          return c.json(
            { aggregate, period, rows: rows.map((r) => ({ ...r, provinceName: provinceZh(r.province) })) },
            200,
          );
        }
        case 'blocked':
          return c.json({ aggregate, period, rows: await dashboardBlocked(db, request) }, 200);
        case 'overdue': {
          const rows = await dashboardOverdue(db, request);
          return c.json(
            { aggregate, period, rows: rows.map((r) => ({ ...r, batchTitle: batchZh(r.batch) })) },
            200,
          );
        }
        case 'trend':
          return c.json({ aggregate, period, rows: await dashboardTrend(db, request) }, 200);
        case 'findings':
          return c.json({ aggregate, period, rows: await dashboardFindings(db, request) }, 200);
        default:
          return assertUnreachable(aggregate);
      }
    },

    dashboardList: async (c) => {
      const { aggregate } = c.req.valid('param');
      const query = c.req.valid('query');
      const request = dashboardRequestOf(c.get('principal')!, query, today());
      const segment = segmentOf(query);
      const page = { page: query.page, pageSize: query.pageSize };
      if (listKindOf(aggregate) === 'findings') {
        const { rows, total } = await listDashboardFindings(db, request, segment, page);
        return c.json({ kind: 'findings' as const, items: rows, total, ...page }, 200);
      }
      const { rows, total } = await listDashboardCases(db, request, segment, page);
      return c.json({ kind: 'cases' as const, items: rows, total, ...page }, 200);
    },

    dashboardExport: async (c) => {
      const { aggregate } = c.req.valid('param');
      const query = c.req.valid('query');
      const principal = c.get('principal')!;
      const request = dashboardRequestOf(principal, query, today());
      const segment = segmentOf(query);
      await db.transaction((tx) =>
        appendAuditEvent(tx, {
          actor: auditActorOf(principal),
          action: 'dashboard.export',
          entity: 'dashboard',
          entityId: aggregate,
          detail: {
            filter: Object.fromEntries(Object.entries(request.filter).filter(([, v]) => v !== undefined)),
            segment: Object.fromEntries(Object.entries(segment).filter(([, v]) => v !== undefined)),
          },
        }),
      );
      const fileStem = `dashboard-${aggregate}-${today()}`;
      if (listKindOf(aggregate) === 'findings')
        return spreadsheetExportResponse({
          batches: streamDashboardFindings(db, request, segment),
          columns: FINDING_COLUMNS,
          format: 'xlsx',
          fileStem,
          sheetName: '问题线索',
        });
      return spreadsheetExportResponse({
        batches: streamDashboardCases(db, request, segment),
        columns: CASE_COLUMNS,
        format: 'xlsx',
        fileStem,
        sheetName: '脱钩案件',
      });
    },
  };
}
