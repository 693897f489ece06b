import { stat } from 'node:fs/promises';
import type { Command } from 'commander';
import { isIsoDate } from '../../core/policy/dates.ts';
import type { TRegistryScope } from '../../db/repositories/registry-read.repository.ts';
import { raiseCaseNotices } from '../../jobs/cases-notices.ts';
import { runScreening } from '../../jobs/screen.ts';
import { FolderImportError, screenFolder } from '../../jobs/screen-folder.ts';
import { withCliContext } from '../context.ts';

type TScreenOptions = { asOf?: string; json?: boolean; region?: string };

const HELP = `
Without a folder: screens every association of the configured database (or of --region) on the
evaluation date and stores the run: new findings are added, persisting ones marked as seen again,
and earlier findings the run no longer sees are marked resolved. All in one transaction.

With a folder: needs no server and no database. The folder's spreadsheets (any subset of the import
formats, see tuogou import --help) are imported into a temporary in-memory database and screened;
--json prints { "findings": [ { "rule", "severity", "association", "subject": { "type", "id" },
"pack": { "id", "version" }, "facts", "clause", "explanation_zh", "explanation_en" } ],
"scope": [ { "association", "outcome": "in" | "out" | "needs_decision", "reasons" } ] }.`;

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** The evaluation date of --as-of, checked; today when absent. */
export function parseAsOf(value: string | undefined): string {
  if (value === undefined) return today();
  if (!isIsoDate(value)) throw new Error(`--as-of must be a date YYYY-MM-DD, got "${value}"`);
  return value;
}

/** `tuogou screen [folder]`: run the policy rules over the registry or over a folder of files. */
export function registerScreenCommand(program: Command): void {
  program
    .command('screen')
    .description(
      'Run every policy rule over the registry (stored as a screening run) or over a folder of files',
    )
    .argument('[folder]', 'a folder of import files to screen without a server')
    .option('--as-of <date>', 'evaluation date YYYY-MM-DD (default: today)')
    .option('--region <code>', 'only the associations registered in this region (database mode)')
    .option('--json', 'print JSON')
    .addHelpText('after', HELP)
    .action(async (folder: string | undefined, options: TScreenOptions) => {
      const asOf = parseAsOf(options.asOf);
      const actor = { id: null, label: `cli:${process.env.USER ?? 'unknown'}` };
      if (folder !== undefined) {
        if (!(await stat(folder)).isDirectory()) throw new Error(`${folder} is not a folder`);
        if (options.region) throw new Error('--region applies to the database, not to a folder');
        try {
          const result = await screenFolder({ folder, asOf, actor });
          if (options.json) console.log(JSON.stringify(result, null, 2));
          else {
            for (const f of result.findings)
              console.log(
                `${f.rule}\t${f.severity}\t${f.association}\t${f.subject.type}:${f.subject.id}\t${f.explanation_en}`,
              );
            console.log(
              `${result.findings.length} findings over ${result.scope.length} associations on ${asOf}`,
            );
          }
        } catch (error) {
          if (error instanceof FolderImportError) {
            for (const r of error.results.filter((x) => !x.ok))
              for (const issue of r.issues.filter((i) => i.severity === 'error'))
                console.error(
                  `${issue.file}${issue.row === null ? '' : ` row ${issue.row}`}${issue.column === null ? '' : ` column ${issue.column}`}: ${issue.problem.en}; expected ${issue.expected.en}`,
                );
          }
          throw error;
        }
        return;
      }
      const scope: TRegistryScope = options.region
        ? { kind: 'region', regionCode: options.region }
        : { kind: 'all' };
      const result = await withCliContext(({ db }) =>
        runScreening({
          db,
          asOf,
          actor,
          scope,
          // Re-coupling found by this run (CASE-3) is told to the case's parties in the app at once.
          afterRun: () => raiseCaseNotices({ db, asOf, actor }),
        }),
      );
      if (options.json) console.log(JSON.stringify({ runId: result.runId, asOf, ...result.counts }, null, 2));
      else
        console.log(
          `screening run ${result.runId} on ${asOf}: ${result.counts.associations} associations, ` +
            `${result.counts.findings} findings (${result.counts.newFindings} new, ` +
            `${result.counts.persistingFindings} persisting), ${result.counts.resolvedFindings} resolved`,
        );
    });
}
