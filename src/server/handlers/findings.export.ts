import type { TFindingRow } from '../../db/repositories/findings.repository.ts';
import { exportCells, spreadsheetExportResponse, type TExportColumn, type TExportFormat } from '../export.ts';

const COLUMNS: TExportColumn<TFindingRow>[] = [
  { header: '编号', width: 10, value: (r) => String(r.id) },
  { header: '规则', width: 10, value: (r) => r.ruleId },
  { header: '类别', width: 8, value: (r) => r.family },
  { header: '严重程度', width: 10, value: (r) => r.severity },
  { header: '统一社会信用代码', width: 22, value: (r) => r.uscc },
  { header: '协会名称', width: 36, value: (r) => r.associationName },
  { header: '对象', width: 18, value: (r) => `${r.subjectType}:${r.subjectId}` },
  { header: '说明', width: 80, value: (r) => r.explanationZh },
  { header: 'Explanation', width: 80, value: (r) => r.explanationEn },
  { header: '依据', width: 40, value: (r) => r.clause },
  { header: '政策包', width: 20, value: (r) => `${r.packId} ${r.packVersion}` },
  { header: '状态', width: 12, value: (r) => r.status },
  { header: '整改期限', width: 12, value: (r) => r.deadline ?? '' },
  { header: '首次发现', width: 12, value: (r) => r.firstSeenOn },
  { header: '最近发现', width: 12, value: (r) => r.lastSeenOn },
  { header: '已消除', width: 12, value: (r) => r.resolvedOn ?? '' },
];

/** The cells of one exported finding, each neutralised against formula injection. */
export function findingExportCells(row: TFindingRow): string[] {
  return exportCells(COLUMNS, row);
}

/** A download of findings written while the batches are read (memory stays flat). */
export function findingExportResponse(options: {
  batches: AsyncIterable<TFindingRow[]>;
  format: TExportFormat;
  fileStem: string;
}): Response {
  return spreadsheetExportResponse({ ...options, columns: COLUMNS, sheetName: '问题线索' });
}
