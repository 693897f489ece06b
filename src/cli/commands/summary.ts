import { rename, writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Command } from 'commander';
import { BUILT_IN_BATCHES } from '../../core/cases/batches.ts';
import { regionStatus } from '../../core/ids/regions.ts';
import { isIsoDate } from '../../core/policy/dates.ts';
import { LEVELS, type TLevel } from '../../core/registry/types.ts';
import { appendAuditEvent } from '../../db/repositories/audit.repository.ts';
import type { TDashboardFilter } from '../../db/repositories/dashboard.repository.ts';
import { generateWorkSummary, type TSummaryFormat } from '../../reports/index.ts';
import { withCliContext } from '../context.ts';

type TSummaryOptions = {
  jurisdiction: string;
  from?: string;
  to?: string;
  level?: string;
  batch?: string;
  organ?: string;
  out: string;
};

/** The filter of the command line, refused with the option and what was expected. */
export function summaryFilterOf(options: TSummaryOptions): {
  filter: TDashboardFilter;
  format: TSummaryFormat;
} {
  const code = options.jurisdiction;
  if (!/^\d{6}$/.test(code) || (code !== '100000' && regionStatus(code) === 'unknown'))
    throw new Error(
      `--jurisdiction must be a 6-digit GB/T 2260 region code (100000: the whole country), got "${code}"`,
    );
  for (const [name, value] of [
    ['--from', options.from],
    ['--to', options.to],
  ] as const)
    if (value !== undefined && !isIsoDate(value))
      throw new Error(`${name} must be a date YYYY-MM-DD, got "${value}"`);
  if (options.from && options.to && options.from > options.to)
    throw new Error(`--from (${options.from}) must not be after --to (${options.to})`);
  if (options.level !== undefined && !LEVELS.includes(options.level as TLevel))
    throw new Error(`--level must be one of ${LEVELS.join(', ')}, got "${options.level}"`);
  if (options.batch !== undefined && !BUILT_IN_BATCHES.some((b) => b.id === options.batch))
    throw new Error(
      `--batch must be one of ${BUILT_IN_BATCHES.map((b) => b.id).join(', ')}, got "${options.batch}"`,
    );
  const extension = extname(options.out).toLowerCase();
  if (extension !== '.docx' && extension !== '.pdf')
    throw new Error(`--out must end in .docx or .pdf (the format follows it), got "${options.out}"`);
  return {
    filter: {
      jurisdiction: code,
      from: options.from,
      to: options.to,
      level: options.level as TLevel | undefined,
      batch: options.batch,
      organ: options.organ,
    },
    format: extension === '.pdf' ? 'pdf' : 'docx',
  };
}

/** `tuogou summary`: the work summary of a jurisdiction and period as Word or PDF. */
export function registerSummaryCommand(program: Command): void {
  program
    .command('summary')
    .description(
      'Generate the work summary (脱钩工作总结) of a jurisdiction and period as Word or PDF, in Chinese',
    )
    .requiredOption('--jurisdiction <code>', 'region code of the jurisdiction (100000: the whole country)')
    .option('--from <date>', 'first day of the period, YYYY-MM-DD')
    .option('--to <date>', 'last day of the period, YYYY-MM-DD (default: today)')
    .option('--level <level>', LEVELS.join(', '))
    .option('--batch <id>', BUILT_IN_BATCHES.map((b) => b.id).join(', '))
    .option('--organ <code>', 'only associations ever linked to this organ or a unit below it')
    .requiredOption('--out <file>', 'the file to write: .docx or .pdf')
    .addHelpText(
      'after',
      '\nThe numbers are those of the dashboard for the same filter. The PDF needs a CJK font: Noto Sans CJK\n' +
        '(Debian: fonts-noto-cjk) or Source Han Sans, or TUOGOU_CJK_FONT naming a font file.',
    )
    .action(async (options: TSummaryOptions) => {
      const { filter, format } = summaryFilterOf(options);
      const today = new Date().toISOString().slice(0, 10);
      const summary = await withCliContext(async ({ db, config }) => {
        const generated = await generateWorkSummary({
          db,
          request: { scope: { kind: 'all' }, filter, today },
          format,
          fontSetting: config.cjkFont,
        });
        await db.transaction((tx) =>
          appendAuditEvent(tx, {
            actor: { id: null, label: `cli:${process.env.USER ?? 'unknown'}` },
            action: 'work_summary.generate',
            entity: 'work_summary',
            detail: {
              format,
              filter: Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)),
            },
          }),
        );
        return generated;
      });
      // Written beside the target and renamed, so a failed write never leaves half a document.
      const partial = `${options.out}.partial`;
      await writeFile(partial, summary.bytes);
      await rename(partial, options.out);
      const o = summary.data.overview;
      console.log(
        `${options.out}: ${o.cases} cases, ${o.decoupled} decoupled, ${o.blocked} blocked, ${o.overdue} overdue, ${o.findings} findings (as of ${o.period.asOf})`,
      );
    });
}
