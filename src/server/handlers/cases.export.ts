import { BUILT_IN_BATCHES } from '../../core/cases/batches.ts';
import { overdue } from '../../core/cases/deadlines.ts';
import { BLOCKED_REASON_TITLES, CASE_STATE_TITLES } from '../../core/cases/transitions.ts';
import { type TCaseRow, toCoreCase } from '../../db/repositories/cases.repository.ts';
import { spreadsheetExportResponse, type TExportColumn, type TExportFormat } from '../export.ts';
import { regionLabel } from '../presenters.ts';

const BATCH_TITLES = new Map(BUILT_IN_BATCHES.map((b) => [b.id, b.title.zh]));

function columns(asOf: string): TExportColumn<TCaseRow>[] {
  const overdueOf = (row: TCaseRow) =>
    overdue({ cases: [toCoreCase(row)], asOf })
      .map((e) => `${e.ruleId} ${e.daysOverdue}天`)
      .join('；');
  return [
    { header: '案件编号', width: 28, value: (r) => r.ref },
    { header: '统一社会信用代码', width: 22, value: (r) => r.uscc },
    { header: '协会名称', width: 36, value: (r) => r.associationName },
    { header: '行政区划', width: 24, value: (r) => regionLabel(r.regionCode) },
    { header: '批次', width: 24, value: (r) => BATCH_TITLES.get(r.batch) ?? r.batch },
    { header: '状态', width: 12, value: (r) => CASE_STATE_TITLES[r.state].zh },
    { header: '列入名单日期', width: 14, value: (r) => r.listedOn ?? '' },
    { header: '方案期限', width: 12, value: (r) => r.planDeadline ?? '' },
    { header: '方案报送日期', width: 14, value: (r) => r.planSubmittedOn ?? '' },
    { header: '方案批复日期', width: 14, value: (r) => r.planApprovedOn ?? '' },
    { header: '批复文号', width: 24, value: (r) => r.planApprovalRef ?? '' },
    { header: '完成期限', width: 12, value: (r) => r.completionDeadline ?? '' },
    { header: '脱钩日期', width: 12, value: (r) => r.decoupledOn ?? '' },
    {
      header: '受阻原因',
      width: 12,
      value: (r) => (r.blockedReason ? BLOCKED_REASON_TITLES[r.blockedReason].zh : ''),
    },
    { header: '逾期', width: 20, value: overdueOf },
  ];
}

/** The cases list as a download, written while the batches are read; overdue as of `asOf`. */
export function caseExportResponse(options: {
  batches: AsyncIterable<TCaseRow[]>;
  format: TExportFormat;
  fileStem: string;
  asOf: string;
}): Response {
  return spreadsheetExportResponse({ ...options, columns: columns(options.asOf), sheetName: '脱钩案件' });
}
