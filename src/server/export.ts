import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import type { TAssociationSummaryRow } from '../db/repositories/registry-read.repository.ts';
import { regionLabel } from './presenters.ts';

/**
 * Spreadsheet programs run a cell that starts with = + - @ (or a tab / carriage return before one)
 * as a formula, which turns an exported registry into an attack on whoever opens it (CSV injection).
 * A leading apostrophe makes the cell plain text; the text itself stays readable.
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export type TExportFormat = 'xlsx' | 'csv';

/** One exported column: its header, its width in an XLSX sheet, and how a row gives its text. */
export type TExportColumn<R> = { header: string; width: number; value: (row: R) => string };

const ASSOCIATION_COLUMNS: TExportColumn<TAssociationSummaryRow>[] = [
  { header: '统一社会信用代码', width: 22, value: (r) => r.uscc },
  { header: '名称', width: 40, value: (r) => r.name },
  { header: '级别', width: 10, value: (r) => r.level },
  { header: '行政区划代码', width: 12, value: (r) => r.regionCode },
  { header: '行政区划', width: 24, value: (r) => regionLabel(r.regionCode) },
  { header: '行业', width: 16, value: (r) => r.industry ?? '' },
  { header: '状态', width: 12, value: (r) => r.status },
  { header: '登记日期', width: 12, value: (r) => r.registeredOn ?? '' },
  { header: '关联机关', width: 40, value: (r) => r.organs.map((o) => `${o.name}（${o.code}）`).join('；') },
];

const CONTENT_TYPES: Record<TExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/** The cells of one exported row, every one neutralised. */
export function exportCells<R>(columns: readonly TExportColumn<R>[], row: R): string[] {
  return columns.map((column) => neutraliseFormula(column.value(row)));
}

export type SpreadsheetExportOptions<R> = {
  batches: AsyncIterable<R[]>;
  columns: readonly TExportColumn<R>[];
  format: TExportFormat;
  fileStem: string;
  /** Name of the XLSX worksheet. */
  sheetName: string;
};

/**
 * A download response whose body is written while the batches are read, so an export of the whole
 * registry never sits in memory at once.
 */
export function spreadsheetExportResponse<R>(options: SpreadsheetExportOptions<R>): Response {
  const body = options.format === 'csv' ? csvStream(options) : xlsxStream(options);
  return new Response(Readable.toWeb(body) as ReadableStream, {
    headers: {
      'Content-Type': CONTENT_TYPES[options.format],
      'Content-Disposition': `attachment; filename="${options.fileStem}.${options.format}"`,
    },
  });
}

/** The registry list as a download (the columns of the registry page). */
export function associationExportResponse(options: {
  batches: AsyncIterable<TAssociationSummaryRow[]>;
  format: TExportFormat;
  fileStem: string;
}): Response {
  return spreadsheetExportResponse({ ...options, columns: ASSOCIATION_COLUMNS, sheetName: '社会组织' });
}

function csvStream<R>({ batches, columns }: SpreadsheetExportOptions<R>): Readable {
  // The byte-order mark makes spreadsheet programs read the file as UTF-8 rather than GBK.
  const stringifier = stringify({ bom: true, header: true, columns: columns.map((c) => c.header) });
  (async () => {
    for await (const batch of batches) {
      for (const row of batch) {
        if (!stringifier.write(exportCells(columns, row))) await once(stringifier, 'drain');
      }
    }
    stringifier.end();
  })().catch((error: unknown) =>
    stringifier.destroy(error instanceof Error ? error : new Error(String(error))),
  );
  return stringifier;
}

function xlsxStream<R>({ batches, columns, sheetName }: SpreadsheetExportOptions<R>): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(sheetName);
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  (async () => {
    for await (const batch of batches) {
      for (const row of batch) sheet.addRow(exportCells(columns, row)).commit();
    }
    sheet.commit();
    await workbook.commit();
  })().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return out;
}
