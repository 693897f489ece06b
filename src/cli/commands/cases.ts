import type { Command } from 'commander';
import { isIsoDate } from '../../core/policy/dates.ts';
import { chinaInstant } from '../../jobs/cases.ts';
import { raiseCaseNotices } from '../../jobs/cases-notices.ts';
import { withCliContext } from '../context.ts';

type TTickOptions = { asOf?: string; json?: boolean };

/**
 * `tuogou cases tick`: the daily job of the decoupling cases — CASE-1 / CASE-2 overdue notices and
 * CASE-3 re-coupling notices in the app, each raised once. Run it from a scheduler, or after a
 * screening run (which stores the CASE-3 findings it reads).
 */
export function registerCasesCommands(program: Command): void {
  const cases = program.command('cases').description('Decoupling cases: the daily notification job');
  cases
    .command('tick')
    .description(
      'Raise the in-app notices of overdue plans and cases (CASE-1, CASE-2) and of re-coupling (CASE-3)',
    )
    .option('--as-of <date>', 'the day to judge deadlines on, YYYY-MM-DD (default: today in China)')
    .option('--json', 'print the counts as JSON')
    .action(async (options: TTickOptions) => {
      const asOf = options.asOf ?? chinaInstant(new Date()).slice(0, 10);
      if (!isIsoDate(asOf)) throw new Error(`--as-of must be a date YYYY-MM-DD, got "${options.asOf}"`);
      const counts = await withCliContext(({ db }) =>
        raiseCaseNotices({ db, asOf, actor: { id: null, label: `cli:${process.env.USER ?? 'unknown'}` } }),
      );
      if (options.json) {
        console.log(JSON.stringify({ asOf, ...counts }));
        return;
      }
      console.log(
        `${asOf}: ${counts['CASE-1']} plan(s) overdue (CASE-1), ${counts['CASE-2']} case(s) overdue (CASE-2), ` +
          `${counts['CASE-3']} re-coupling finding(s) (CASE-3); ${counts.created} new notice(s)`,
      );
    });
}
