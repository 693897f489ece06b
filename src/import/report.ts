import { stringify } from 'csv-stringify/sync';
import { neutraliseFormula } from './formula.ts';
import type { TImportIssue } from './issues.ts';

export type TLang = 'zh' | 'en';

const HEADERS: Record<TLang, string[]> = {
  zh: ['级别', '文件', '工作表', '行', '列', '值', '问题', '应为'],
  en: ['severity', 'file', 'sheet', 'row', 'column', 'value', 'problem', 'expected'],
};

const SEVERITY: Record<TLang, Record<TImportIssue['severity'], string>> = {
  zh: { error: '错误', notice: '提示' },
  en: { error: 'error', notice: 'notice' },
};

function cells(issue: TImportIssue, lang: TLang): string[] {
  return [
    SEVERITY[lang][issue.severity],
    issue.file,
    issue.sheet ?? '',
    issue.row == null ? '' : String(issue.row),
    issue.column ?? '',
    issue.value ?? '',
    issue.problem[lang],
    issue.expected[lang],
  ];
}

/** Display width in a terminal: CJK and full-width characters take two columns. */
function width(value: string): number {
  let w = 0;
  for (const char of value)
    w +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(
        char,
      )
        ? 2
        : 1;
  return w;
}

function clip(value: string, max: number): string {
  if (width(value) <= max) return value;
  let out = '';
  for (const char of value) {
    if (width(`${out}${char}…`) > max) break;
    out += char;
  }
  return `${out}…`;
}

/** The issues as an aligned text table for the terminal; the sheet column only when a workbook has one. */
export function formatIssueTable(issues: TImportIssue[], lang: TLang): string {
  const withSheet = issues.some((i) => i.sheet);
  const keep = (row: string[]) => row.filter((_, index) => withSheet || index !== 2);
  const limits = [6, 24, 16, 7, 20, 24, 60, 60];
  const table = [keep(HEADERS[lang]), ...issues.map((i) => keep(cells(i, lang)))];
  const keptLimits = keep(limits.map(String)).map(Number);
  const clipped = table.map((row) => row.map((cell, c) => clip(cell.replace(/\s+/g, ' '), keptLimits[c]!)));
  const widths = keptLimits.map((_, c) => Math.max(...clipped.map((row) => width(row[c]!))));
  return clipped
    .map((row) =>
      row
        .map((cell, c) => cell + ' '.repeat(widths[c]! - width(cell)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/**
 * The issues as CSV (UTF-8 with BOM, so that spreadsheets open it right), in both languages. Values
 * that a spreadsheet would evaluate are neutralised: an error report must not become an attack.
 */
export function issuesToCsv(issues: TImportIssue[]): string {
  const header = [
    'severity',
    'file',
    'sheet',
    'row',
    'column',
    'value',
    'code',
    '问题',
    '应为',
    'problem',
    'expected',
  ];
  const rows = issues.map((i) =>
    [
      i.severity,
      i.file,
      i.sheet ?? '',
      i.row == null ? '' : String(i.row),
      i.column ?? '',
      i.value ?? '',
      i.code,
      i.problem.zh,
      i.expected.zh,
      i.problem.en,
      i.expected.en,
    ].map((cell) => String(neutraliseFormula(cell))),
  );
  return `\uFEFF${stringify([header, ...rows])}`;
}

/** The issues as JSON, one object per issue. */
export function issuesToJson(issues: TImportIssue[]): string {
  return `${JSON.stringify(issues, null, 2)}\n`;
}
