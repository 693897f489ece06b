import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { FORMATS, type TImportKind } from './formats.ts';

export type TTemplateFormat = 'csv' | 'xlsx';

/**
 * Columns holding codes and document numbers are text cells in the template, so that spreadsheets
 * keep every digit (and do not read a year such as 2024 as a number to sum).
 */
const isTextColumn = (key: string) =>
  TEXT_COLUMNS.has(key) || key.endsWith('_code') || key.endsWith('_ref') || key.endsWith('_uscc');
const TEXT_COLUMNS = new Set([
  'uscc',
  'code',
  'parent_code',
  'organ_code',
  'association_uscc',
  'recommended_by_organ_code',
  'resident_id',
  'region_code',
  'phone',
  'bank_account',
  'record_key',
  'post_ref',
]);

/**
 * A downloadable template for one kind of file: the Chinese headers and one example row. The CSV is
 * UTF-8 with a byte-order mark so that spreadsheets open it with the right encoding.
 */
export async function buildTemplate(kind: TImportKind, format: TTemplateFormat): Promise<Buffer> {
  const columns = FORMATS[kind].columns;
  const header = columns.map((c) => c.zh);
  const example = columns.map((c) => c.example);
  if (format === 'csv') return Buffer.from(`\uFEFF${stringify([header, example])}`, 'utf8');
  const workbook = new ExcelJS.Workbook();
  // Fixed dates keep a regenerated template identical when nothing changed.
  workbook.created = new Date(Date.UTC(2026, 0, 1));
  workbook.modified = workbook.created;
  const sheet = workbook.addWorksheet(kind);
  sheet.addRow(header);
  sheet.addRow(example.map((value) => (value === '' ? null : value)));
  sheet.getRow(1).font = { bold: true };
  columns.forEach((column, index) => {
    const target = sheet.getColumn(index + 1);
    target.width = Math.max(12, column.zh.length * 2 + 4);
    if (isTextColumn(column.key)) target.numFmt = '@';
  });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
