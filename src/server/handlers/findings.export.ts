import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import type { TFindingRow } from '../../db/repositories/findings.repository.ts';
import { neutraliseFormula, type TExportFormat } from '../export.ts';

type TColumn = { header: string; width: number; value: (row: TFindingRow) => string };

const COLUMNS: TColumn[] = [
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

const CONTENT_TYPES: Record<TExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/** The cells of one exported finding, each neutralised against formula injection. */
export function findingExportCells(row: TFindingRow): string[] {
  return COLUMNS.map((column) => neutraliseFormula(column.value(row)));
}

/** A download of findings written while the batches are read (memory stays flat). */
export function findingExportResponse(options: {
  batches: AsyncIterable<TFindingRow[]>;
  format: TExportFormat;
  fileStem: string;
}): Response {
  const body = options.format === 'csv' ? csvStream(options.batches) : xlsxStream(options.batches);
  return new Response(Readable.toWeb(body) as ReadableStream, {
    headers: {
      'Content-Type': CONTENT_TYPES[options.format],
      'Content-Disposition': `attachment; filename="${options.fileStem}.${options.format}"`,
    },
  });
}

function csvStream(batches: AsyncIterable<TFindingRow[]>): Readable {
  const stringifier = stringify({ bom: true, header: true, columns: COLUMNS.map((c) => c.header) });
  (async () => {
    for await (const batch of batches) {
      for (const row of batch) {
        if (!stringifier.write(findingExportCells(row))) await once(stringifier, 'drain');
      }
    }
    stringifier.end();
  })().catch((error: unknown) =>
    stringifier.destroy(error instanceof Error ? error : new Error(String(error))),
  );
  return stringifier;
}

function xlsxStream(batches: AsyncIterable<TFindingRow[]>): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet('问题线索');
  sheet.columns = COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  (async () => {
    for await (const batch of batches) {
      for (const row of batch) sheet.addRow(findingExportCells(row)).commit();
    }
    sheet.commit();
    await workbook.commit();
  })().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return out;
}
