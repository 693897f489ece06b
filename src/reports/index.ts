import type { Queryable } from '../db/database.ts';
import type { TDashboardRequest } from '../db/repositories/dashboard.repository.ts';
import { resolveCjkFont } from './font.ts';
import type { TWorkSummaryData } from './summary.ts';

// The chart, Word and PDF libraries take seconds to load; they are loaded when a summary is first
// generated, not by every command and server start that merely reaches this module.

export { MissingCjkFontError, resolveCjkFont } from './font.ts';

export const SUMMARY_FORMATS = ['docx', 'pdf'] as const;
export type TSummaryFormat = (typeof SUMMARY_FORMATS)[number];

export const SUMMARY_CONTENT_TYPES: Record<TSummaryFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

export type GenerateWorkSummaryOptions = {
  db: Queryable;
  request: TDashboardRequest;
  format: TSummaryFormat;
  /** The configured CJK font (TUOGOU_CJK_FONT); found among the installed fonts when absent. */
  fontSetting?: string;
};

export type TGeneratedSummary = {
  bytes: Buffer;
  contentType: string;
  /** ASCII file name (`work-summary-<jurisdiction>-<date>.<ext>`). */
  fileName: string;
  /** The numbers the document was written from. */
  data: TWorkSummaryData;
};

/**
 * Generates the work summary of a jurisdiction and period as Word or PDF. The font is resolved
 * first, so a machine without a CJK font fails with the instruction to install one before any work.
 */
export async function generateWorkSummary(options: GenerateWorkSummaryOptions): Promise<TGeneratedSummary> {
  const font = resolveCjkFont({ setting: options.fontSetting });
  const { composeWorkSummary, gatherWorkSummary, summaryCharts } = await import('./summary.ts');
  const data = await gatherWorkSummary(options.db, options.request);
  const summary = composeWorkSummary(data, summaryCharts(data, font));
  const bytes =
    options.format === 'pdf'
      ? await (await import('./pdf.ts')).renderSummaryPdf(summary, font)
      : await (await import('./docx.ts')).renderSummaryDocx(summary);
  const jurisdiction = options.request.filter.jurisdiction ?? '100000';
  return {
    bytes,
    contentType: SUMMARY_CONTENT_TYPES[options.format],
    fileName: `work-summary-${jurisdiction}-${data.overview.period.asOf}.${options.format}`,
    data,
  };
}
